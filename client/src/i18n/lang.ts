import { en } from './en';
import { zhCN, type Dictionary, type MessageKey } from './zh-CN';

export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'zh-CN';
export const LANG_STORAGE_KEY = 'wangge.lang';

const dictionaries: Record<Lang, Dictionary> = { 'zh-CN': zhCN, en };

export type MessageParams = Record<string, string | number>;

/** Accepts loose spellings people type in a URL (`zh`, `zh-cn`, `EN`). */
export function normalizeLang(value: string | null | undefined): Lang | null {
  if (!value) return null;
  const v = value.trim().toLowerCase();
  if (v === 'zh' || v === 'zh-cn' || v === 'zh_cn' || v === 'cn') return 'zh-CN';
  if (v === 'en' || v.startsWith('en-')) return 'en';
  return null;
}

/** The URL wins over the stored choice so that a shared link shows what its author saw. */
export function resolveLang(search: string, stored: string | null): Lang {
  const fromUrl = normalizeLang(new URLSearchParams(search).get('lang'));
  return fromUrl ?? normalizeLang(stored) ?? DEFAULT_LANG;
}

export function translate(lang: Lang, key: MessageKey, params?: MessageParams): string {
  const template = dictionaries[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

export function dictionaryFor(lang: Lang): Dictionary {
  return dictionaries[lang];
}
