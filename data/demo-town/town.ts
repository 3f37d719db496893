// The demo town: one county of `scale` copies, generated copy by copy so a large county never has
// to sit in memory at once.

import { DEFAULT_NOW, DEFAULT_SEED, INCIDENTS_PER_COPY, MAX_SCALE } from './config';
import { generateHouseholds } from './households';
import { generateIncidents } from './incidents';
import { Lattice } from './lattice';
import { PLANTED } from './layout';
import { buildCopyRegions, buildCounty } from './regions';
import { generateRoads } from './roads';
import { generateServicePoints } from './services';
import type { Planted, Region, TownCopy } from './types';
import { generatePatrols, generateWorkers } from './workers';

export type TownOptions = {
  /** Number of copies of the town, side by side (default 1). */
  scale?: number;
  seed?: number;
  /** The reference "now" (default 2026-11-28T00:00:00+08:00). */
  now?: string | number | Date;
  /** Incidents per copy (default 40,000); tests may ask for fewer. */
  incidentsPerCopy?: number;
};

export type Town = {
  scale: number;
  seed: number;
  now: number;
  county: Region;
  /** Yields copy 0, 1, ... in order; each call starts again from copy 0. */
  copies(): Generator<TownCopyWithPlanted>;
  /** Just the regions and grids of one copy (cheap), e.g. to write every grid before any household. */
  copyRegions(index: number): Pick<TownCopy, 'streets' | 'communities' | 'grids'>;
};

export type TownCopyWithPlanted = TownCopy & { planted?: Planted };

export function parseNow(now: TownOptions['now']): number {
  const t = now === undefined ? Date.parse(DEFAULT_NOW) : now instanceof Date ? now.getTime() : typeof now === 'number' ? now : Date.parse(now);
  if (!Number.isFinite(t)) throw new Error(`invalid reference time: ${String(now)}`);
  return t;
}

export function createTown(options: TownOptions = {}): Town {
  const scale = options.scale ?? 1;
  if (!Number.isInteger(scale) || scale < 1 || scale > MAX_SCALE) throw new Error(`scale must be an integer from 1 to ${MAX_SCALE}, got ${scale}`);
  const seed = options.seed ?? DEFAULT_SEED;
  const now = parseNow(options.now);
  const perCopy = options.incidentsPerCopy ?? INCIDENTS_PER_COPY;
  const lattice = new Lattice(seed, scale);
  const county = buildCounty(lattice);
  function* copies(): Generator<TownCopyWithPlanted> {
    let householdSerial = 1;
    let incidentSerial = 1;
    for (let k = 0; k < scale; k++) {
      const regions = buildCopyRegions(lattice, k);
      const hh = generateHouseholds(lattice, k, regions, householdSerial);
      householdSerial = hh.nextSerial;
      const servicePoints = generateServicePoints(lattice, k, regions, hh.households);
      const { workers, partyGroups } = generateWorkers(lattice, k, regions, now);
      const patrols = generatePatrols(lattice, k, regions, workers, hh.byGrid, now);
      const inc = generateIncidents(lattice, k, hh.households, incidentSerial, { perCopy, now });
      incidentSerial = inc.nextSerial;
      const copy: TownCopyWithPlanted = {
        index: k,
        streets: regions.streets,
        communities: regions.communities.map((c) => c.region),
        grids: regions.communities.flatMap((c) => c.grids.map((g) => g.grid)),
        roads: generateRoads(lattice, k, regions),
        households: hh.households,
        servicePoints,
        workers,
        partyGroups,
        incidents: inc.incidents,
        patrols,
      };
      if (k === 0) copy.planted = plantedOf(regions, hh.gapExternalIds);
      yield copy;
    }
  }
  const copyRegions = (k: number) => {
    const regions = buildCopyRegions(lattice, k);
    return {
      streets: regions.streets,
      communities: regions.communities.map((c) => c.region),
      grids: regions.communities.flatMap((c) => c.grids.map((g) => g.grid)),
    };
  };
  return { scale, seed, now, county, copies, copyRegions };
}

function plantedOf(regions: ReturnType<typeof buildCopyRegions>, gapIds: string[]): Planted {
  const grid = (community: string, index: number) => {
    const c = regions.communities.find((x) => x.template.key === community)!;
    return c.grids[index]!.grid.code;
  };
  const community = (key: string) => regions.communities.find((x) => x.template.key === key)!.region.code;
  return {
    gap: {
      gridCode: grid(PLANTED.gap.community, PLANTED.gap.grid),
      communityCode: community(PLANTED.gap.community),
      ring: regions.gapRing!,
      householdExternalIds: gapIds,
    },
    overlap: {
      gridCode: grid(PLANTED.overlap.community, PLANTED.overlap.grid),
      intoGridCode: grid(PLANTED.overlap.community, PLANTED.overlap.into),
      communityCode: community(PLANTED.overlap.community),
      ring: regions.overlapRing!,
    },
    unstaffedGridCodes: PLANTED.unstaffed.map((p) => grid(p.community, p.grid)),
    noPartyMemberGridCode: grid(PLANTED.noPartyMember.community, PLANTED.noPartyMember.grid),
    unpatrolledGridCodes: PLANTED.unpatrolled.map((p) => grid(p.community, p.grid)),
    oversizedGridCode: grid(PLANTED.oversized.community, PLANTED.oversized.grid),
    undersizedGridCode: grid(PLANTED.undersized.community, PLANTED.undersized.grid),
    elderlyCareGapCommunityCode: community(PLANTED.elderlyCareGap.community),
  };
}

/** The whole town in memory — for tests and small scales only. */
export function generateTown(options: TownOptions = {}): { county: Region; copies: TownCopyWithPlanted[]; planted: Planted; now: number } {
  const town = createTown(options);
  const copies = [...town.copies()];
  return { county: town.county, copies, planted: copies[0]!.planted!, now: town.now };
}
