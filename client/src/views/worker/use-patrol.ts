import { useCallback, useEffect, useState } from 'react';
import {
  addFix,
  clearPatrol,
  loadPatrol,
  patrolBody,
  savePatrol,
  startPatrol,
  trackLengthM,
  type Fix,
  type KeyValueStorage,
  type PatrolRecording,
} from './patrol-track';

export type PatrolStopResult = { kind: 'queued'; lengthM: number; points: number } | { kind: 'tooShort' };

export interface PatrolHandle {
  recording: PatrolRecording | null;
  start(): void;
  /** Ends the patrol; `send` receives the API body (it goes to the outbox). */
  stop(send: (body: NonNullable<ReturnType<typeof patrolBody>>) => Promise<unknown>): Promise<PatrolStopResult>;
}

function storage(): KeyValueStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The patrol being recorded, fed by the page's position watch and saved on every kept fix. */
export function usePatrol(userId: number, fix: Fix | null): PatrolHandle {
  const [recording, setRecording] = useState<PatrolRecording | null>(() => {
    const s = storage();
    return s ? loadPatrol(s, userId) : null;
  });

  useEffect(() => {
    if (!fix) return;
    setRecording((rec) => {
      if (!rec) return rec;
      const next = addFix(rec, fix);
      if (next !== rec) {
        const s = storage();
        try {
          if (s) savePatrol(s, next);
        } catch {
          /* storage full: the track goes on in memory */
        }
      }
      return next;
    });
  }, [fix]);

  // A locked screen suspends the page and its position watch: keep the screen on while recording.
  const recordingNow = recording !== null;
  useEffect(() => {
    if (!recordingNow || !('wakeLock' in navigator)) return;
    let lock: WakeLockSentinel | null = null;
    let active = true;
    const acquire = () => {
      if (document.visibilityState !== 'visible') return;
      navigator.wakeLock.request('screen').then(
        (l) => {
          if (active) lock = l;
          else void l.release();
        },
        () => {},
      );
    };
    acquire();
    document.addEventListener('visibilitychange', acquire);
    return () => {
      active = false;
      document.removeEventListener('visibilitychange', acquire);
      void lock?.release().catch(() => {});
    };
  }, [recordingNow]);

  const start = useCallback(() => {
    let rec = startPatrol(userId, Date.now());
    if (fix) rec = addFix(rec, { ...fix, at: Date.now() });
    const s = storage();
    if (s) savePatrol(s, rec);
    setRecording(rec);
  }, [userId, fix]);

  const stop = useCallback<PatrolHandle['stop']>(
    async (send) => {
      if (!recording) return { kind: 'tooShort' };
      const body = patrolBody(recording, Date.now());
      const s = storage();
      if (body) await send(body);
      // Cleared only once the outbox holds it: a failure above keeps the recording.
      if (s) clearPatrol(s);
      setRecording(null);
      return body ? { kind: 'queued', lengthM: trackLengthM(body.track.coordinates), points: body.track.coordinates.length } : { kind: 'tooShort' };
    },
    [recording],
  );

  return { recording, start, stop };
}
