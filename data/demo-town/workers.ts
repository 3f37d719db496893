// Grid workers, their assignments, party groups and patrol visits.

import { DAY_MS, MINUTE_MS, PATROL_DAYS, TZ_OFFSET_MS } from './config';
import { type Lattice, toLngLat } from './lattice';
import { PLANTED } from './layout';
import { personName, phoneNumber } from './names';
import { streamRng } from './prng';
import type { CopyRegions, GridPlan } from './regions';
import type { Household, PartyGroup, PatrolVisit, Worker } from './types';

/** Worker serials are copy-major so phone numbers stay unique across the county. */
const WORKERS_PER_COPY_MAX = 1000;

function isPlanted(copyIndex: number, list: ReadonlyArray<{ community: string; grid: number }>, key: string, g: GridPlan) {
  return copyIndex === 0 && list.some((p) => p.community === key && p.grid === g.templateIndex);
}

export function generateWorkers(lattice: Lattice, copyIndex: number, regions: CopyRegions, now: number) {
  const rng = streamRng(lattice.seed, 'workers', copyIndex);
  const workers: Worker[] = [];
  const partyGroups: PartyGroup[] = [];
  const newWorker = (role: Worker['role'], isPartyMember: boolean, gridCodes: string[]): Worker => {
    const serial = copyIndex * WORKERS_PER_COPY_MAX + workers.length;
    const phone = phoneNumber(serial);
    const w: Worker = {
      phone,
      publicPhone: role === 'part_time' ? null : phone,
      name: personName(rng),
      role,
      isPartyMember,
      gridCodes,
      assignedAt: now - rng.int(30, 900) * DAY_MS + rng.int(8 * 60, 17 * 60) * MINUTE_MS - TZ_OFFSET_MS,
    };
    workers.push(w);
    return w;
  };
  for (const c of regions.communities) {
    const key = c.template.key;
    const staffed = c.grids.filter((g) => !isPlanted(copyIndex, PLANTED.unstaffed, key, g));
    const noParty = staffed.find((g) => isPlanted(copyIndex, [PLANTED.noPartyMember], key, g));
    const withParty = staffed.filter((g) => g !== noParty);
    // One party member per grid, some covering two neighbouring grids; the first leads the community.
    for (let k = 0, n = 0; k < withParty.length; k++, n++) {
      const codes = [withParty[k]!.grid.code];
      if (k + 1 < withParty.length && rng.chance(0.5)) codes.push(withParty[++k]!.grid.code);
      newWorker(n === 0 ? 'grid_leader' : 'full_time', true, codes);
    }
    for (const g of staffed) {
      newWorker(rng.chance(0.75) ? 'full_time' : 'part_time', false, [g.grid.code]);
      if (g === noParty || rng.chance(0.1)) newWorker('part_time', false, [g.grid.code]);
    }
    for (let k = 0; k < 2; k++) newWorker('part_time', rng.chance(0.4), []);
    for (const g of c.grids) {
      if (g === noParty) continue;
      const unstaffed = !staffed.includes(g);
      if (unstaffed || rng.chance(0.85)) partyGroups.push({ gridCode: g.grid.code, name: `${g.grid.name}党小组`, memberCount: rng.int(3, 15) });
    }
  }
  return { workers, partyGroups };
}

export function generatePatrols(
  lattice: Lattice,
  copyIndex: number,
  regions: CopyRegions,
  workers: Worker[],
  byGrid: Map<string, Household[]>,
  now: number,
): PatrolVisit[] {
  const rng = streamRng(lattice.seed, 'patrols', copyIndex);
  const workersByGrid = new Map<string, Worker[]>();
  for (const w of workers)
    for (const code of w.gridCodes) {
      if (!workersByGrid.has(code)) workersByGrid.set(code, []);
      workersByGrid.get(code)!.push(w);
    }
  const visits: PatrolVisit[] = [];
  for (const c of regions.communities)
    for (const g of c.grids) {
      const staff = workersByGrid.get(g.grid.code);
      if (!staff) continue;
      const quietDays = isPlanted(copyIndex, PLANTED.unpatrolled, c.template.key, g) ? 35 : 0;
      const homes = byGrid.get(g.grid.code) ?? [];
      for (let d = PATROL_DAYS - 1; d >= quietDays; d--) {
        const dayStart = now - (d + 1) * DAY_MS;
        const weekday = new Date(dayStart + TZ_OFFSET_MS).getUTCDay();
        const p = weekday === 0 || weekday === 6 ? 0.3 : 0.7;
        if (!rng.chance(p)) continue;
        const n = rng.chance(0.35) ? 2 : 1;
        const times = Array.from({ length: n }, () => dayStart + rng.int(8 * 60 + 30, 17 * 60 + 30) * MINUTE_MS).sort((a, b) => a - b);
        for (const visitedAt of times) {
          const worker = rng.pick(staff);
          if (homes.length > 0 && rng.chance(0.65)) {
            const h = rng.pick(homes);
            visits.push({ workerPhone: worker.phone, gridCode: g.grid.code, householdExternalId: h.externalId, lng: h.lng, lat: h.lat, visitedAt });
          } else {
            const [gi, gj] = rng.pick(g.ownCells);
            const [lng, lat] = toLngLat(lattice.inCell(gi, gj, rng.range(0.1, 0.9), rng.range(0.1, 0.9)));
            visits.push({ workerPhone: worker.phone, gridCode: g.grid.code, householdExternalId: null, lng, lat, visitedAt });
          }
        }
      }
    }
  return visits;
}
