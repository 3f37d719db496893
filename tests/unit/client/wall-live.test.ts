import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectLive, type EventSourceLike, type LiveState } from '../../../client/src/views/wall/live-connection';
import { decodeMultiPoint, gridsWithScores, hatchPattern, scoreColor } from '../../../client/src/map/wall-layers';

class FakeSource implements EventSourceLike {
  static all: FakeSource[] = [];
  onopen: ((e: Event) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  listeners = new Map<string, ((e: MessageEvent) => void)[]>();
  closed = false;
  constructor(readonly url: string) {
    FakeSource.all.push(this);
  }
  addEventListener(type: string, l: (e: MessageEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), l]);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data: string) {
    for (const l of this.listeners.get(type) ?? []) l({ data } as MessageEvent);
  }
}

describe('the live link', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSource.all = [];
  });
  afterEach(() => vi.useRealTimers());

  function connect() {
    const states: LiveState[] = [];
    const events: [string, unknown][] = [];
    let reconnected = 0;
    const link = connectLive({
      url: '/api/events',
      eventTypes: ['incident.created'],
      createSource: (u) => new FakeSource(u),
      now: () => Date.now(),
      random: () => 0.5,
      onState: (s) => states.push(s),
      onEvent: (t, d) => events.push([t, d]),
      onReconnected: () => reconnected++,
    });
    return { states, events, link, reconnected: () => reconnected };
  }

  it('goes live on open, passes events on, and reconnects with backoff after a loss, staying stale since the first loss', () => {
    vi.setSystemTime(1_000_000);
    const { states, events, reconnected, link } = connect();
    FakeSource.all[0].onopen!(new Event('open'));
    FakeSource.all[0].emit('incident.created', '{"id":1}');
    expect(events).toEqual([['incident.created', { id: 1 }]]);
    FakeSource.all[0].onerror!(new Event('error'));
    expect(FakeSource.all[0].closed).toBe(true);
    vi.advanceTimersByTime(999);
    expect(FakeSource.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    FakeSource.all[1].onerror!(new Event('error'));
    vi.advanceTimersByTime(2000);
    FakeSource.all[2].onopen!(new Event('open'));
    expect(states).toEqual([
      { status: 'live', since: null },
      { status: 'stale', since: 1_000_000 },
      { status: 'live', since: null },
    ]);
    expect(reconnected()).toBe(1);
    link.close();
    expect(FakeSource.all[2].closed).toBe(true);
  });

  it('treats a silent stream as lost, and heartbeats as signs of life', () => {
    const { states } = connect();
    FakeSource.all[0].onopen!(new Event('open'));
    for (let i = 0; i < 4; i++) {
      vi.advanceTimersByTime(15_000);
      FakeSource.all[0].emit('heartbeat', '{}');
    }
    expect(states.map((s) => s.status)).toEqual(['live']);
    vi.advanceTimersByTime(45_000);
    expect(states.map((s) => s.status)).toEqual(['live', 'stale']);
    expect(FakeSource.all[0].closed).toBe(true);
  });
});

describe('wall map data', () => {
  it('decodes compact points, merges scores into grids and picks fixed health colours', () => {
    expect(decodeMultiPoint({ origin: [120, 33], step: 1e-5, offsets: [0, 0, 500, 1000] }).features.map((f) => f.geometry.coordinates)).toEqual([
      [
        [120, 33],
        [120.005, 33.01],
      ],
    ]);
    const grids = {
      type: 'FeatureCollection' as const,
      features: [1, 2].map((id) => ({
        type: 'Feature' as const,
        geometry: { type: 'Polygon' as const, coordinates: [] },
        properties: { id, code: String(id), name: '', type: 'comprehensive' as const, communityCode: '', householdCount: 0, version: 1 },
      })),
    };
    expect(
      gridsWithScores(grids, [{ id: 1, score: 70, kinds: ['grid_unstaffed'] }]).features.map((f) => [
        f.properties.id,
        (f.properties as never as { score: number }).score,
        (f.properties as never as { unstaffed: boolean }).unstaffed,
      ]),
    ).toEqual([
      [1, 70, true],
      [2, -1, false],
    ]);
    expect([0, 59.9, 60, 80, 90, 100].map(scoreColor)).toEqual(['#e5484d', '#e5484d', '#f5a524', '#e6d54a', '#3fbf8f', '#3fbf8f']);
    const hatch = hatchPattern(10, [255, 0, 0], 2);
    expect([hatch.width, hatch.data.length, hatch.data[3], hatch.data[(0 * 10 + 5) * 4 + 3]]).toEqual([10, 400, 230, 0]);
  });
});
