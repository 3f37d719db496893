import { describe, expect, it } from 'vitest';
import { dictionaryFor, LANGS, translate } from '../../../client/src/i18n/lang';
import { REPORT_CATEGORIES } from '../../../client/src/views/report/report-form';
import { geolocationProblemKey } from '../../../client/src/views/report/report-location';
import {
  categoryKey,
  eventKey,
  formatReportTime,
  KNOWN_STATUSES,
  RATINGS,
  ratingKey,
  statusHintKey,
  statusKey,
} from '../../../client/src/views/report/report-status';
import { reportEn } from '../../../client/src/i18n/report.en';
import { reportZhCN } from '../../../client/src/i18n/report.zh-CN';

describe('the /report messages', () => {
  it('every key is prefixed report. (but the navigation entry) and present in both languages', () => {
    const keys = Object.keys(reportZhCN);
    expect(keys.filter((k) => !k.startsWith('report.'))).toEqual(['nav.report']);
    expect(Object.keys(reportEn).sort()).toEqual([...keys].sort());
    for (const lang of LANGS) for (const key of keys) expect(dictionaryFor(lang)[key as keyof typeof reportZhCN], `${lang} ${key}`).toBeTruthy();
  });

  it('every key built at run time exists: categories with hints, statuses, events, ratings, location problems', () => {
    const built = [
      ...REPORT_CATEGORIES.flatMap((c) => [categoryKey(c), `report.category.${c}.hint`]),
      ...KNOWN_STATUSES.flatMap((s) => [statusKey(s), statusHintKey(s)]),
      ...[
        'report',
        'accept',
        'reject',
        'dispatch',
        'acknowledge',
        'handle',
        'verify',
        'close',
        'return',
        'escalate',
        'extend',
        'handover',
        'alert',
        'rate',
      ].map(eventKey),
      ...RATINGS.map(ratingKey),
      ...([1, 2, 3, 'unsupported'] as const).map(geolocationProblemKey),
    ];
    for (const key of built) expect(Object.keys(reportZhCN), key).toContain(key);
    expect(new Set(built.filter((k) => k.startsWith('report.status.')).map((k) => translate('zh-CN', k as never))).size).toBe(KNOWN_STATUSES.length);
  });

  it('names the categories in plain words, and an unknown one as 其他问题', () => {
    expect(REPORT_CATEGORIES.map((c) => translate('zh-CN', categoryKey(c)))).toEqual([
      '环境卫生',
      '设施损坏',
      '停车与交通',
      '安全隐患',
      '违章搭建',
      '矛盾纠纷',
      '便民服务',
      '突发事件',
    ]);
    expect(translate('zh-CN', categoryKey('weather'))).toBe('其他问题');
  });

  it('says why the device gave no position', () => {
    expect(geolocationProblemKey(1)).toBe('report.location.denied');
    expect(geolocationProblemKey(2)).toBe('report.location.unavailable');
    expect(geolocationProblemKey(3)).toBe('report.location.timeout');
    expect(geolocationProblemKey('unsupported')).toBe('report.location.unsupported');
  });

  it('shows times in China Standard Time, to the minute, whatever the device clock zone', () => {
    expect(formatReportTime('2026-12-04T15:05:15.248Z', 'zh-CN')).toBe('2026/12/04 23:05');
    expect(formatReportTime('2026-12-31T16:30:00Z', 'zh-CN')).toBe('2027/01/01 00:30');
    expect(formatReportTime('2026-12-04T15:05:15.248Z', 'en')).toBe('12/04/2026, 23:05');
    expect(formatReportTime('not a date', 'zh-CN')).toBe('not a date');
  });
});
