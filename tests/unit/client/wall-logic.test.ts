import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../client/src/views/wall/backoff';
import { addFresh, FRESH_MAX, FRESH_TTL_MS, freshFromEvent, tickerWithEvent } from '../../../client/src/views/wall/fresh-incidents';
import { rotationIndex, rotationStops } from '../../../client/src/views/wall/rotation';
import { screenUnit } from '../../../client/src/views/wall/use-screen-unit';
import { clockParts, formatKpi, formatRate, tickerTime } from '../../../client/src/views/wall/wall-format';
import { parseWallUrl } from '../../../client/src/views/wall/wall-url';
import type { Region } from '../../../client/src/api/types';

const KPIS = {
  grids: 80,
  households: 25743,
  workers: 139,
  areaCoverage: 0.99846,
  householdCoverage: 0.99996,
  openIncidents: 645,
  overdueIncidents: 0,
  onTimeRate: null,
  rated: 0,
  satisfactionRate: null,
  blindSpots: 111,
};

describe('wall URL', () => {
  it('reads token, region and rotation, clamping the period and dropping junk', () => {
    expect(parseWallUrl('?token=wgd_abcDEF123_-x&region=320924001&rotate=60')).toEqual({ token: 'wgd_abcDEF123_-x', region: '320924001', rotateSeconds: 60 });
    expect(parseWallUrl('?token=<script>&region=32&rotate=2')).toEqual({ token: null, region: null, rotateSeconds: 10 });
    expect(parseWallUrl('?rotate=abc')).toEqual({ token: null, region: null, rotateSeconds: null });
    expect(parseWallUrl('?rotate=99999').rotateSeconds).toBe(3600);
  });
});

describe('KPI formatting', () => {
  it('shows counts grouped and rates floored to one decimal, so 99.96 % never reads 100.0 %', () => {
    expect(formatKpi('households', KPIS, 'zh-CN')).toBe('25,743');
    expect(formatKpi('area-coverage', KPIS, 'zh-CN')).toBe('99.8%');
    expect(formatKpi('household-coverage', KPIS, 'en')).toBe('99.9%');
    expect(formatKpi('on-time-rate', KPIS, 'zh-CN')).toBe('—');
    expect([formatRate(1), formatRate(0), formatRate(0.0005), formatRate(0.123)]).toEqual(['100.0%', '0.0%', '0.0%', '12.3%']);
  });
});

describe('clock and ticker times are China time whatever the machine zone', () => {
  it('formats UTC+8', () => {
    expect(clockParts(new Date('2026-11-28T16:05:09Z'))).toEqual({ date: '2026-11-29', time: '00:05:09', weekday: 0 });
    const now = new Date('2026-11-28T09:00:00Z');
    expect([tickerTime('2026-11-28T01:30:00Z', now), tickerTime('2026-11-27T13:51:00Z', now)]).toEqual(['09:30', '11-27 21:51']);
  });
});

describe('reconnect backoff', () => {
  it('doubles from 1 s up to 30 s with ±20 % jitter', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((a) => backoffDelay(a, () => 0.5))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect([backoffDelay(0, () => 0), backoffDelay(0, () => 1)]).toEqual([800, 1200]);
  });
});

describe('fresh incidents on the map', () => {
  it('keeps the newest, bounded, dropping expired ones and repeats', () => {
    let list = [] as ReturnType<typeof addFresh>;
    for (let id = 1; id <= FRESH_MAX + 5; id++) list = addFresh(list, { id, lng: 120, lat: 33, at: id }, id);
    expect(list.map((f) => f.id)).toEqual(Array.from({ length: FRESH_MAX }, (_, i) => FRESH_MAX + 5 - i));
    list = addFresh(list, { id: 35, lng: 121, lat: 34, at: FRESH_TTL_MS + 100 }, FRESH_TTL_MS + 100);
    expect(list).toEqual([{ id: 35, lng: 121, lat: 34, at: FRESH_TTL_MS + 100 }]);
    expect([freshFromEvent({ id: 7, lng: 120.1, lat: 33.2 }, 5), freshFromEvent({ id: 7 }, 5), freshFromEvent(null, 5)]).toEqual([
      { id: 7, lng: 120.1, lat: 33.2, at: 5 },
      null,
      null,
    ]);
  });
});

describe('rotation and screen unit', () => {
  const community = (code: string): Region => ({ code, name: code, level: 'community', parentCode: code.slice(0, 9), bbox: null, children: [] });
  const county: Region = {
    code: '320924',
    name: '县',
    level: 'county',
    parentCode: null,
    bbox: null,
    children: [
      { code: '320924002', name: '镇2', level: 'street', parentCode: '320924', bbox: null, children: [community('320924002001')] },
      { code: '320924001', name: '镇1', level: 'street', parentCode: '320924', bbox: null, children: [community('320924001002'), community('320924001001')] },
    ],
  };
  it('cycles through the communities under the region in code order', () => {
    expect(rotationStops(county).map((r) => r.code)).toEqual(['320924001001', '320924001002', '320924002001']);
    expect(rotationStops(county.children[0].children[0]).map((r) => r.code)).toEqual(['320924002001']);
    expect([0, 59_999, 60_000, 179_999, 180_000].map((ms) => rotationIndex(3, ms, 60_000))).toEqual([0, 0, 1, 2, 0]);
  });
  it('scales with the screen: 1 at 1920×1080, 2 at 3840×2160, never under 0.5', () => {
    expect([screenUnit(1920, 1080), screenUnit(3840, 2160), screenUnit(800, 600), screenUnit(2560, 1080)]).toEqual([1, 2, 0.5, 1]);
  });
});

describe('the ticker takes a new incident straight from the live event', () => {
  const entry = (id: number) => ({
    id,
    category: 'traffic',
    status: 'closed',
    priority: 'normal',
    description: 'x',
    gridCode: null,
    reportedAt: '2026-11-28T00:00:00Z',
  });
  it('puts it on top when it lies in the region, once, keeping the size', () => {
    const event = { id: 9, category: 'dispute', status: 'reported', lng: 120.5, lat: 33.5, at: '2026-11-28T01:00:00Z' };
    const list = tickerWithEvent([entry(1), entry(2)], event, [120, 33, 121, 34], 2);
    expect(list).toEqual([
      { id: 9, category: 'dispute', status: 'reported', priority: 'normal', description: '', gridCode: null, reportedAt: '2026-11-28T01:00:00Z' },
      entry(1),
    ]);
    expect(tickerWithEvent(list, event, null, 2)).toBe(list);
    expect(tickerWithEvent(list, { ...event, id: 10, lng: 122 }, [120, 33, 121, 34], 2)).toBe(list);
    expect(tickerWithEvent(list, { id: 11 }, null, 2)).toBe(list);
  });
});
