import { describe, expect, it } from 'vitest';
import { countdown, formatDuration, tickMs } from '../../../client/src/views/worker/countdown';

const NOW = Date.parse('2026-12-04T08:00:00.000Z');
const H = 3600_000;

describe('countdown', () => {
  it('is ok with hours to go, soon under two hours, overdue past the deadline', () => {
    expect(countdown('2026-12-04T11:00:00.000Z', NOW)).toEqual({ level: 'ok', ms: 3 * H });
    expect(countdown('2026-12-04T10:00:00.000Z', NOW)).toEqual({ level: 'ok', ms: 2 * H });
    expect(countdown('2026-12-04T09:59:59.000Z', NOW)).toEqual({ level: 'soon', ms: 2 * H - 1000 });
    expect(countdown('2026-12-04T08:00:00.000Z', NOW)).toEqual({ level: 'soon', ms: 0 });
    expect(countdown('2026-12-04T07:59:59.000Z', NOW)).toEqual({ level: 'overdue', ms: -1000 });
  });

  it('has no level without a deadline', () => {
    expect(countdown(null, NOW)).toEqual({ level: 'none', ms: Number.POSITIVE_INFINITY });
    expect(countdown('not a date', NOW).level).toBe('none');
  });
});

describe('formatDuration', () => {
  it('shows the two largest units in Chinese', () => {
    expect(formatDuration(2 * 24 * H + 3 * H + 59 * 60_000, 'zh-CN')).toBe('2天3小时');
    expect(formatDuration(3 * H + 5 * 60_000 + 59_000, 'zh-CN')).toBe('3小时05分');
    expect(formatDuration(12 * 60_000 + 30_000, 'zh-CN')).toBe('12分30秒');
    expect(formatDuration(4_999, 'zh-CN')).toBe('0分04秒');
  });

  it('shows the same in English, and the size of an overdue (negative) time', () => {
    expect(formatDuration(26 * H, 'en')).toBe('1d 2h');
    expect(formatDuration(-(90 * 60_000), 'en')).toBe('1h 30m');
    expect(formatDuration(-61_000, 'zh-CN')).toBe('1分01秒');
  });
});

describe('tickMs', () => {
  it('ticks every second within an hour of the deadline on either side, else every 30 s', () => {
    expect([59 * 60_000, -59 * 60_000, 2 * H, -2 * H].map(tickMs)).toEqual([1000, 1000, 30_000, 30_000]);
  });
});
