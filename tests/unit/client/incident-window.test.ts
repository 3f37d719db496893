import { describe, expect, it } from 'vitest';
import { INCIDENT_CATEGORIES } from '../../../server/domain/vocabulary';
import { decodeIncidentPoints, encodeIncidentPoints, type IncidentPoint } from '../../../server/domain/points-layout';
import { categoryCodes, countKept, dayStartSeconds, minuteRange, withMinutes } from '../../../client/src/views/analyze/incident-window';

const at = (iso: string) => Date.parse(iso) / 1000;
const incident = (id: number, time: number, category: IncidentPoint['category']): IncidentPoint => ({
  id,
  lng: 120.2,
  lat: 33.7,
  time,
  category,
  status: 'reported',
  overdue: false,
});

/** As the page has them: encoded by the server, decoded in the browser. */
const loaded = (points: IncidentPoint[]) => {
  const bytes = encodeIncidentPoints(points);
  return withMinutes(decodeIncidentPoints(bytes.buffer));
};

describe('the GPU filter of the loaded incidents (incident-window)', () => {
  // Around the window 2026-10-02 .. 2026-10-03 (a 2-day window), local midnight = 16:00Z the day before.
  const set = loaded([
    incident(1, at('2026-09-30T10:00:00Z'), 'traffic'),
    incident(2, at('2026-10-01T15:59:59Z'), 'traffic'), // 23:59:59 on 10-01 local: outside
    incident(3, at('2026-10-01T16:00:00Z'), 'traffic'), // 00:00:00 on 10-02 local: inside
    incident(4, at('2026-10-02T12:34:56Z'), 'dispute'),
    incident(5, at('2026-10-03T15:59:30Z'), 'traffic'), // 23:59:30 on 10-03 local: inside
    incident(6, at('2026-10-03T16:00:00Z'), 'traffic'), // 00:00 on 10-04 local: outside (the end is exclusive)
  ]);

  it('counts minutes from the earliest incident, exactly', () => {
    expect(set.originMinute).toBe(Math.floor(at('2026-09-30T10:00:00Z') / 60));
    expect([...set.minutes].slice(0, 3)).toEqual([
      0,
      (at('2026-10-01T15:59:59Z') - at('2026-09-30T10:00:00Z') - 59) / 60,
      (at('2026-10-01T16:00:00Z') - at('2026-09-30T10:00:00Z')) / 60,
    ]);
  });

  it('keeps the half-open window [local midnight of the start, local midnight after the last day), as the API counts', () => {
    const range = minuteRange(set.originMinute, '2026-10-02', 2);
    expect(countKept(set, range, categoryCodes([]))).toBe(3);
    expect(countKept(set, range, categoryCodes(['traffic']))).toBe(2);
    expect(countKept(set, range, categoryCodes(['dispute', 'emergency']))).toBe(1);
  });

  it('keeps everything without a window, and every category when none is chosen', () => {
    expect(countKept(set, minuteRange(set.originMinute, null, 7), categoryCodes([]))).toBe(6);
    expect(categoryCodes([])).toEqual(INCIDENT_CATEGORIES.map((_, code) => code));
    expect(categoryCodes(['emergency', 'environment'])).toEqual([0, 7]);
  });

  it('puts the day boundary at midnight in UTC+8', () => {
    expect(new Date(dayStartSeconds('2026-10-02') * 1000).toISOString()).toBe('2026-10-01T16:00:00.000Z');
  });
});
