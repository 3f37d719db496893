import { describe, expect, it } from 'vitest';
import {
  addFix,
  clearPatrol,
  loadPatrol,
  patrolBody,
  savePatrol,
  startPatrol,
  thinTrack,
  trackLengthM,
  type KeyValueStorage,
} from '../../../client/src/views/worker/patrol-track';
import { searchHouseholds } from '../../../client/src/views/worker/household-search';
import { containingIndex, distanceM } from '../../../client/src/views/worker/worker-geo';

const T0 = Date.parse('2026-12-04T08:00:00.000Z');
/** ~11.1 m north per 0.0001° of latitude. */
const fix = (dLat: number, accuracy = 10, at = T0) => ({ lng: 120.1, lat: 33.7 + dLat, accuracy, at });

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

describe('recording a patrol', () => {
  it('keeps fixes that moved, skips those standing still and those too inaccurate to draw', () => {
    let rec = startPatrol(1, T0);
    rec = addFix(rec, fix(0));
    rec = addFix(rec, fix(0.00002)); // ~2 m: standing still
    rec = addFix(rec, fix(0.001, 500)); // a cell-tower guess
    rec = addFix(rec, fix(0.0001, 10, T0 + 60_000));
    expect(rec.positions).toEqual([
      [120.1, 33.7, T0],
      [120.1, 33.7001, T0 + 60_000],
    ]);
  });

  it('sends a LineString between start and stop, or nothing with fewer than two positions', () => {
    const rec = addFix(addFix(startPatrol(1, T0), fix(0)), fix(0.001));
    expect(patrolBody(rec, T0 + 600_000)).toEqual({
      startedAt: '2026-12-04T08:00:00.000Z',
      endedAt: '2026-12-04T08:10:00.000Z',
      track: {
        type: 'LineString',
        coordinates: [
          [120.1, 33.7],
          [120.1, 33.701],
        ],
      },
    });
    expect(patrolBody(addFix(startPatrol(1, T0), fix(0)), T0 + 1)).toBeNull();
  });

  it('thins a long track to the API’s 10,000 positions, keeping both ends', () => {
    const long = Array.from({ length: 25_001 }, (_, i) => i);
    const thin = thinTrack(long);
    expect(thin.length).toBe(10_000);
    expect([thin[0], thin[thin.length - 1]]).toEqual([0, 25_000]);
    expect(thinTrack([1, 2, 3])).toEqual([1, 2, 3]);
  });

  it('survives a reload through storage, for the same user only', () => {
    const storage = memoryStorage();
    const rec = addFix(startPatrol(4, T0), fix(0));
    savePatrol(storage, rec);
    expect(loadPatrol(storage, 4)).toEqual(rec);
    expect(loadPatrol(storage, 5)).toBeNull();
    storage.setItem('wangge.worker.patrol', '{not json');
    expect(loadPatrol(storage, 4)).toBeNull();
    clearPatrol(storage);
    expect(storage.data.size).toBe(0);
  });

  it('measures its length on the sphere', () => {
    expect(
      Math.round(
        trackLengthM([
          [120.1, 33.7],
          [120.1, 33.701],
          [120.1, 33.702],
        ]),
      ),
    ).toBe(222);
    expect(Math.round(distanceM([0, 0], [1, 0]))).toBe(111195);
  });
});

describe('finding a household', () => {
  const households = [
    { id: 1, externalId: 'H-001', address: '幸福路 1 号 3 室', gridId: 1, lng: 120.1, lat: 33.7 },
    { id: 2, externalId: 'H-002', address: '幸福路 9 号', gridId: 1, lng: 120.1, lat: 33.701 },
    { id: 3, externalId: 'H-003', address: '人民路 2 号', gridId: 1, lng: 120.1, lat: 33.7001 },
  ];

  it('matches every word of the query in the address or external id, nearest first', () => {
    expect(searchHouseholds(households, '幸福路', [120.1, 33.7011]).map((h) => [h.household.id, Math.round(h.distanceM!)])).toEqual([
      [2, 11],
      [1, 122],
    ]);
    expect(searchHouseholds(households, '幸福 3室', null).map((h) => h.household.id)).toEqual([1]);
    expect(searchHouseholds(households, 'h-003', null).map((h) => h.household.id)).toEqual([3]);
    expect(searchHouseholds(households, '', null, 2).map((h) => h.household.id)).toEqual([3, 1]);
  });
});

describe('containingIndex', () => {
  it('finds the grid holding a point, honouring holes', () => {
    const square = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [0, 0],
          [2, 0],
          [2, 2],
          [0, 2],
          [0, 0],
        ],
        [
          [0.5, 0.5],
          [1, 0.5],
          [1, 1],
          [0.5, 1],
          [0.5, 0.5],
        ],
      ],
    };
    expect(containingIndex([1.5, 1.5], [null, square])).toBe(1);
    expect(containingIndex([0.7, 0.7], [square])).toBe(-1);
    expect(containingIndex([3, 3], [square])).toBe(-1);
  });
});
