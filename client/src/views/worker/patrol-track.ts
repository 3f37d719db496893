// A patrol being recorded: the positions the phone reports, kept in storage as they come so a
// reload or a killed tab loses nothing, and turned into the LineString the API takes at the end.
// Pure apart from the injected storage; unit-tested.
import type { LineString, Position } from 'geojson';
import { distanceM } from './worker-geo';

export interface Fix {
  lng: number;
  lat: number;
  /** Metres (the Geolocation API's accuracy radius). */
  accuracy: number;
  /** ms since epoch */
  at: number;
}

export interface PatrolRecording {
  userId: number;
  startedAt: string;
  /** [lng, lat, ms since epoch] */
  positions: [number, number, number][];
}

/** Fixes less accurate than this are skipped: a 300 m cell-tower guess would draw a false track. */
export const MAX_ACCURACY_M = 60;
/** Positions closer than this to the last kept one add nothing but noise (standing still). */
export const MIN_STEP_M = 5;
/** The API takes at most this many positions. */
export const MAX_POSITIONS = 10_000;

export function startPatrol(userId: number, now: number): PatrolRecording {
  return { userId, startedAt: new Date(now).toISOString(), positions: [] };
}

/** The recording with the fix added, or the same object when the fix is skipped. */
export function addFix(rec: PatrolRecording, fix: Fix, maxAccuracyM = MAX_ACCURACY_M, minStepM = MIN_STEP_M): PatrolRecording {
  if (!Number.isFinite(fix.lng) || !Number.isFinite(fix.lat)) return rec;
  if (fix.accuracy > maxAccuracyM) return rec;
  const last = rec.positions[rec.positions.length - 1];
  if (last && distanceM(last, [fix.lng, fix.lat]) < minStepM) return rec;
  return { ...rec, positions: [...rec.positions, [round7(fix.lng), round7(fix.lat), fix.at]] };
}

/** Seven decimals (~1 cm) are all a phone's fix is worth, and keep the stored track small. */
function round7(x: number): number {
  return Math.round(x * 1e7) / 1e7;
}

export function trackLengthM(positions: Position[]): number {
  let total = 0;
  for (let i = 1; i < positions.length; i++) total += distanceM(positions[i - 1], positions[i]);
  return total;
}

/** At most `max` positions, evenly picked, first and last always kept. */
export function thinTrack<T>(positions: T[], max = MAX_POSITIONS): T[] {
  if (positions.length <= max) return positions;
  const out: T[] = [];
  const step = (positions.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(positions[Math.round(i * step)]);
  return out;
}

/** What POST /api/worker/patrols takes, or null when fewer than two positions were recorded. */
export function patrolBody(rec: PatrolRecording, endedAt: number): { startedAt: string; endedAt: string; track: LineString } | null {
  const coordinates = thinTrack(rec.positions).map(([lng, lat]) => [lng, lat]);
  if (coordinates.length < 2) return null;
  return { startedAt: rec.startedAt, endedAt: new Date(endedAt).toISOString(), track: { type: 'LineString', coordinates } };
}

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const PATROL_STORAGE_KEY = 'wangge.worker.patrol';

export function savePatrol(storage: KeyValueStorage, rec: PatrolRecording): void {
  storage.setItem(PATROL_STORAGE_KEY, JSON.stringify(rec));
}

/** The recording in progress for this user, or null (none, another user's, or unreadable). */
export function loadPatrol(storage: KeyValueStorage, userId: number): PatrolRecording | null {
  const raw = storage.getItem(PATROL_STORAGE_KEY);
  if (!raw) return null;
  try {
    const rec = JSON.parse(raw) as PatrolRecording;
    if (rec.userId !== userId || typeof rec.startedAt !== 'string' || !Array.isArray(rec.positions)) return null;
    return rec;
  } catch {
    return null;
  }
}

export function clearPatrol(storage: KeyValueStorage): void {
  storage.removeItem(PATROL_STORAGE_KEY);
}
