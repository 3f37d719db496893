import { useEffect, useState } from 'react';
import type { Fix } from './patrol-track';

export type PositionProblem = 'denied' | 'unavailable' | 'unsupported';

export interface PositionState {
  fix: Fix | null;
  problem: PositionProblem | null;
}

/** The phone's position, watched while the page is open (one watch shared by the map, reports and patrols). */
export function usePosition(): PositionState {
  const [state, setState] = useState<PositionState>(() => ({
    fix: null,
    problem: typeof navigator !== 'undefined' && 'geolocation' in navigator ? null : 'unsupported',
  }));
  useEffect(() => {
    if (!('geolocation' in navigator)) return;
    const id = navigator.geolocation.watchPosition(
      (p) => setState({ fix: { lng: p.coords.longitude, lat: p.coords.latitude, accuracy: p.coords.accuracy, at: p.timestamp || Date.now() }, problem: null }),
      // A timeout or a lost signal keeps the last fix: better than none for a report.
      (e) => setState((s) => ({ fix: e.code === e.PERMISSION_DENIED ? null : s.fix, problem: e.code === e.PERMISSION_DENIED ? 'denied' : 'unavailable' })),
      { enableHighAccuracy: true, maximumAge: 5_000, timeout: 30_000 },
    );
    return () => navigator.geolocation.clearWatch(id);
  }, []);
  return state;
}
