// Finding the household being visited: by address (or its external id), nearest first when the
// phone knows where it is. Pure, unit-tested.
import type { Household, LngLat } from '../../api/worker-client';
import { distanceM } from './worker-geo';

export interface HouseholdHit {
  household: Household;
  /** Metres from the phone, or null without a position. */
  distanceM: number | null;
}

const normalize = (s: string) => s.toLowerCase().replace(/\s+/g, '');

export function searchHouseholds(households: Household[], query: string, at: LngLat | null, limit = 30): HouseholdHit[] {
  const words = query.split(/\s+/).map(normalize).filter(Boolean);
  const hits: HouseholdHit[] = [];
  for (const household of households) {
    const text = normalize(`${household.address} ${household.externalId ?? ''}`);
    if (words.every((w) => text.includes(w))) hits.push({ household, distanceM: at ? distanceM(at, [household.lng, household.lat]) : null });
  }
  hits.sort(
    (a, b) => (a.distanceM ?? 0) - (b.distanceM ?? 0) || a.household.address.localeCompare(b.household.address, 'zh-CN') || a.household.id - b.household.id,
  );
  return hits.slice(0, limit);
}
