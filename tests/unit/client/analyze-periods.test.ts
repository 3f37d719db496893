import { describe, expect, it } from 'vitest';
import { dayOfSeconds, dayRangeOf, daysBetween, earlierPeriod, kpiChange, kpiPeriod, playbackStarts } from '../../../client/src/views/analyze/periods';

const at = (iso: string) => Date.parse(iso) / 1000;
const noPlayback = { playAt: null, windowDays: 7 };

describe('the period before, of the same length', () => {
  it('counts whole days, across month ends, leap days and years', () => {
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-12-31', '2026-01-01')).toBe(1);
    expect(daysBetween('2026-04-01', '2026-03-01')).toBe(-31);
  });

  it('ends where the period begins and is as long', () => {
    expect(earlierPeriod({ from: '2026-03-01', to: '2026-04-01' })).toEqual({ from: '2026-01-29', to: '2026-03-01' });
    expect(earlierPeriod({ from: '2026-01-01', to: '2026-01-08' })).toEqual({ from: '2025-12-25', to: '2026-01-01' });
    expect(earlierPeriod({ from: '2024-03-01', to: '2024-03-02' })).toEqual({ from: '2024-02-29', to: '2024-03-01' });
    const year = { from: '2025-06-01', to: '2026-06-01' };
    const before = earlierPeriod(year);
    expect(daysBetween(before.from, before.to)).toBe(daysBetween(year.from, year.to));
  });
});

describe('the days the KPIs cover', () => {
  const data = { first: '2025-11-20', last: '2026-11-19' };

  it('is the filter’s from/to when both are set', () => {
    expect(kpiPeriod({ from: '2026-03-01', to: '2026-04-01', ...noPlayback }, false, data)).toEqual({ from: '2026-03-01', to: '2026-04-01' });
  });

  it('fills a missing side from the data’s own first and last day (the last one included)', () => {
    expect(kpiPeriod({ from: null, to: null, ...noPlayback }, false, data)).toEqual({ from: '2025-11-20', to: '2026-11-20' });
    expect(kpiPeriod({ from: '2026-01-01', to: null, ...noPlayback }, false, data)).toEqual({ from: '2026-01-01', to: '2026-11-20' });
    expect(kpiPeriod({ from: null, to: '2026-01-01', ...noPlayback }, false, data)).toEqual({ from: '2025-11-20', to: '2026-01-01' });
  });

  it('is unknown without data for a missing side, and empty ranges have none', () => {
    expect(kpiPeriod({ from: null, to: '2026-01-01', ...noPlayback }, false, null)).toBeNull();
    expect(kpiPeriod({ from: '2026-01-01', to: '2026-01-01', ...noPlayback }, false, data)).toBeNull();
    expect(kpiPeriod({ from: '2026-02-01', to: '2026-01-01', ...noPlayback }, false, data)).toBeNull();
  });

  it('is the playback window when the KPIs follow it, else the whole range', () => {
    const playing = { from: '2026-03-01', to: '2026-04-01', playAt: '2026-03-10', windowDays: 7 };
    expect(kpiPeriod(playing, true, data)).toEqual({ from: '2026-03-10', to: '2026-03-17' });
    expect(kpiPeriod(playing, false, data)).toEqual({ from: '2026-03-01', to: '2026-04-01' });
  });

  it('reads the data’s days in the county’s time (UTC+8), as the API’s day boundaries', () => {
    expect(dayOfSeconds(at('2026-03-01T00:00:00+08:00'))).toBe('2026-03-01');
    expect(dayOfSeconds(at('2026-02-28T23:59:59+08:00'))).toBe('2026-02-28');
    expect(dayOfSeconds(at('2026-02-28T16:00:00Z'))).toBe('2026-03-01');
    expect(dayRangeOf(new Uint32Array([at('2026-05-01T12:00:00Z'), at('2026-01-01T17:00:00Z'), at('2026-03-01T00:00:00Z')]))).toEqual({
      first: '2026-01-02',
      last: '2026-05-01',
    });
    expect(dayRangeOf(new Uint32Array([1, 2]), 0)).toBeNull();
  });
});

describe('the playback slider’s positions', () => {
  it('runs from the first day to the last start that fits the whole window', () => {
    const starts = playbackStarts('2026-03-01', '2026-03-31', 7);
    expect(starts.last).toBe(24);
    expect(starts.dayAt(0)).toBe('2026-03-01');
    expect(starts.dayAt(24)).toBe('2026-03-25');
    expect(starts.indexOf('2026-03-10')).toBe(9);
  });

  it('keeps positions and days inside the range', () => {
    const starts = playbackStarts('2026-03-01', '2026-03-31', 7);
    expect(starts.dayAt(99)).toBe('2026-03-25');
    expect(starts.dayAt(-3)).toBe('2026-03-01');
    expect(starts.indexOf('2026-01-01')).toBe(0);
    expect(starts.indexOf('2026-12-01')).toBe(24);
  });

  it('has one position when the range is shorter than the window', () => {
    const starts = playbackStarts('2026-03-01', '2026-03-03', 7);
    expect(starts.last).toBe(0);
    expect(starts.dayAt(5)).toBe('2026-03-01');
  });
});

describe('a KPI’s change against the period before', () => {
  it('is the difference, or nothing when either side has no value', () => {
    expect(kpiChange(112, 100)).toBe(12);
    expect(kpiChange(0.5, 0.583)).toBeCloseTo(-0.083);
    expect(kpiChange(null, 0.5)).toBeNull();
    expect(kpiChange(0.5, null)).toBeNull();
    expect(kpiChange(3, undefined)).toBeNull();
  });
});
