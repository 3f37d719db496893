import { describe, expect, it } from 'vitest';
import { en } from '../../../client/src/i18n/en';
import { normalizeLang, resolveLang, translate } from '../../../client/src/i18n/lang';
import { zhCN } from '../../../client/src/i18n/zh-CN';

describe('language choice', () => {
  it('defaults to Chinese', () => {
    expect(resolveLang('', null)).toBe('zh-CN');
  });

  it('takes the stored choice when the URL names none', () => {
    expect(resolveLang('?region=320924', 'en')).toBe('en');
  });

  it('lets ?lang= override the stored choice', () => {
    expect(resolveLang('?lang=zh', 'en')).toBe('zh-CN');
  });

  it('ignores languages it does not have', () => {
    expect(resolveLang('?lang=fr', 'de')).toBe('zh-CN');
  });

  it('accepts loose spellings', () => {
    expect(['zh', 'zh-cn', 'ZH_CN', 'en', 'en-GB', 'xx', ''].map(normalizeLang)).toEqual(['zh-CN', 'zh-CN', 'zh-CN', 'en', 'en', null, null]);
  });
});

describe('translate', () => {
  it('fills named parameters', () => {
    expect(translate('zh-CN', 'map.gridCount', { n: 24 })).toBe('24 个网格');
    expect(translate('en', 'map.gridCount', { n: 24 })).toBe('24 grids');
  });

  it('leaves a placeholder visible when its parameter is missing', () => {
    expect(translate('en', 'map.gridCount', {})).toBe('{n} grids');
  });

  it('has the same keys in both dictionaries, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    expect(Object.entries(en).filter(([, v]) => !v.trim())).toEqual([]);
  });

  it('uses the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const mismatched = (Object.keys(zhCN) as (keyof typeof zhCN)[]).filter((k) => names(zhCN[k]).join() !== names(en[k]).join());
    expect(mismatched).toEqual([]);
  });
});
