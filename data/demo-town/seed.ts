// Writes the demo town through a caller-supplied query function (a pg client inside the caller's
// transaction, or the embedded engine). Works on PostGIS 3.3 and on PGlite + PostGIS 3.6: plain
// SQL, one connection, rows shipped as JSON and unpacked with json_to_recordset.

import { COUNTY_CODE } from './config';
import type { Queryable } from '../../server/db/database';
import { serviceAccessRepository } from '../../server/repositories/service-access.repository';
import { createTown, type TownOptions } from './town';
import type { Grid, Incident, Region, TownCopy } from './types';

export type Query = (sql: string, params?: unknown[]) => Promise<{ rows: any[] }>;

export type SeedOptions = Omit<TownOptions, 'scale'> & {
  scale?: number;
  onProgress?: (done: number, total: number, label: string) => void;
};

export type SeedCounts = {
  regions: number;
  grids: number;
  grid_history: number;
  grid_workers: number;
  grid_assignments: number;
  party_groups: number;
  households: number;
  service_points: number;
  incidents: number;
  incident_events: number;
  patrol_visits: number;
};

const BATCH = 5000;
const EVENT_BATCH = 10000;

/** The home grid rule: lowest code among live grids containing the point (an edge goes to the lower code). */
const HOME_GRID = (point: string) =>
  `(SELECT g.id FROM grids g WHERE g.deleted_at IS NULL AND ST_Intersects(g.geom, ${point}) ORDER BY g.code LIMIT 1)`;

const SQL = {
  regions: `WITH ins AS (
    INSERT INTO regions (code, name, level, parent_code, county_code, boundary)
    SELECT r.code, r.name, r.level, r.parent_code, r.county_code, ST_SetSRID(ST_GeomFromGeoJSON(r.geom::text), 4326)
    FROM json_to_recordset($1::json) AS r(code text, name text, level text, parent_code text, county_code text, geom json)
    RETURNING 1) SELECT count(*)::int AS n FROM ins`,
  grids: `INSERT INTO grids (code, name, type, community_code, county_code, geom)
    SELECT r.code, r.name, r.type, r.community_code, r.county_code, ST_SetSRID(ST_GeomFromGeoJSON(r.geom::text), 4326)
    FROM json_to_recordset($1::json) AS r(code text, name text, type text, community_code text, county_code text, geom json)
    RETURNING id, code`,
  history: `WITH ins AS (
    INSERT INTO grid_history (grid_id, county_code, version, operation, geom_after, reason)
    SELECT g.id, g.county_code, 1, 'import', g.geom, '演示数据导入'
    FROM grids g WHERE g.id = ANY($1::bigint[])
    RETURNING 1) SELECT count(*)::int AS n FROM ins`,
  workers: `INSERT INTO grid_workers (county_code, name, phone, role, is_party_member)
    SELECT $2, r.name, r.phone, r.role, r.party FROM json_to_recordset($1::json) AS r(name text, phone text, role text, party boolean)
    RETURNING id, phone`,
  assignments: `WITH ins AS (
    INSERT INTO grid_assignments (worker_id, grid_id, county_code, assigned_at)
    SELECT r.worker_id, r.grid_id, $2, to_timestamp(r.at / 1000.0)
    FROM json_to_recordset($1::json) AS r(worker_id bigint, grid_id bigint, at float8)
    RETURNING 1) SELECT count(*)::int AS n FROM ins`,
  partyGroups: `WITH ins AS (
    INSERT INTO party_groups (grid_id, county_code, name, member_count)
    SELECT r.grid_id, $2, r.name, r.members FROM json_to_recordset($1::json) AS r(grid_id bigint, name text, members int)
    RETURNING 1) SELECT count(*)::int AS n FROM ins`,
  households: `WITH ins AS (
    INSERT INTO households (county_code, external_id, address, population, elderly_alone, disabled, low_income, key_care, geom, grid_id)
    SELECT $2, r.e, r.a, r.p, r.ea, r.d, r.li, r.kc, p.geom, ${HOME_GRID('p.geom')}
    FROM json_to_recordset($1::json) AS r(e text, a text, p int, ea boolean, d boolean, li boolean, kc boolean, x float8, y float8)
    CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_MakePoint(r.x, r.y), 4326) AS geom) p
    RETURNING 1) SELECT count(*)::int AS n FROM ins`,
  servicePoints: `WITH ins AS (
    INSERT INTO service_points (county_code, name, category, geom)
    SELECT $2, r.name, r.category, ST_SetSRID(ST_MakePoint(r.x, r.y), 4326)
    FROM json_to_recordset($1::json) AS r(name text, category text, x float8, y float8)
    RETURNING 1) SELECT count(*)::int AS n FROM ins`,
  incidents: `INSERT INTO incidents (county_code, external_id, category, source, priority, status, description, geom, grid_id,
      reported_at, accepted_at, dispatched_at, deadline_at, handled_at, verified_at, closed_at, rejected_at, updated_at)
    SELECT $2, r.e, r.c, r.s, r.pr, r.st, r.d, p.geom, ${HOME_GRID('p.geom')},
      to_timestamp(r.rep / 1000.0), to_timestamp(r.acc / 1000.0), to_timestamp(r.dis / 1000.0), to_timestamp(r.dl / 1000.0),
      to_timestamp(r.han / 1000.0), to_timestamp(r.ver / 1000.0), to_timestamp(r.clo / 1000.0), to_timestamp(r.rej / 1000.0),
      to_timestamp(r.upd / 1000.0)
    FROM json_to_recordset($1::json) AS r(e text, c text, s text, pr text, st text, d text, x float8, y float8,
      rep float8, acc float8, dis float8, dl float8, han float8, ver float8, clo float8, rej float8, upd float8)
    CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_MakePoint(r.x, r.y), 4326) AS geom) p
    RETURNING id, external_id`,
  events: `WITH ins AS (
    INSERT INTO incident_events (incident_id, county_code, event, actor, note, at)
    SELECT r.i, $2, r.ev, r.ac, r.no, to_timestamp(r.at / 1000.0)
    FROM json_to_recordset($1::json) AS r(i bigint, ev text, ac text, no text, at float8)
    RETURNING 1) SELECT count(*)::int AS n FROM ins`,
  patrols: `WITH ins AS (
    INSERT INTO patrol_visits (county_code, worker_id, grid_id, household_id, geom, visited_at)
    SELECT $2, r.w, r.g, h.id, ST_SetSRID(ST_MakePoint(r.x, r.y), 4326), to_timestamp(r.at / 1000.0)
    FROM json_to_recordset($1::json) AS r(w bigint, g bigint, h text, x float8, y float8, at float8)
    LEFT JOIN households h ON h.county_code = $2 AND h.external_id = r.h
    RETURNING 1) SELECT count(*)::int AS n FROM ins`,
};

function geoJson(coordinates: Region['boundary']) {
  return { type: 'MultiPolygon', coordinates };
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let k = 0; k < items.length; k += size) out.push(items.slice(k, k + size));
  return out;
}

function rowsOfCopy(c: TownCopy): number {
  const events = c.incidents.reduce((n, i) => n + i.events.length, 0);
  return c.households.length + c.incidents.length + events + c.patrols.length + c.servicePoints.length + c.workers.length;
}

export async function seedDemoTown(query: Query, options: SeedOptions = {}): Promise<SeedCounts> {
  const town = createTown(options);
  const county = COUNTY_CODE;
  const counts: SeedCounts = {
    regions: 0,
    grids: 0,
    grid_history: 0,
    grid_workers: 0,
    grid_assignments: 0,
    party_groups: 0,
    households: 0,
    service_points: 0,
    incidents: 0,
    incident_events: 0,
    patrol_visits: 0,
  };
  // A bulk load, not a user's edit: no audit rows for it (the audit triggers honour this setting;
  // transaction-local, so it ends with the caller's transaction).
  await query("SELECT set_config('wangge.audit', 'off', true)");
  const existing = await query('SELECT count(*)::int AS n FROM regions WHERE county_code = $1', [county]);
  if (existing.rows[0].n > 0) throw new Error(`county ${county} already has regions; the demo town seeds an empty county only`);

  let done = 0;
  let total = 0;
  const report = (label: string) => options.onProgress?.(Math.min(done, Math.max(total - 1, 0)), total, label);
  const count = async (sql: string, rows: unknown[]) => ((await query(sql, [JSON.stringify(rows), county])).rows[0].n as number);
  const regionRow = (r: Region) => ({ code: r.code, name: r.name, level: r.level, parent_code: r.parentCode, county_code: r.countyCode, geom: geoJson(r.boundary) });

  // Every grid goes in before any household, so the home-grid rule sees the whole county.
  counts.regions += await query(SQL.regions, [JSON.stringify([regionRow(town.county)])]).then((r) => r.rows[0].n as number);
  const gridIds = new Map<string, number>();
  for (let k = 0; k < town.scale; k++) {
    const { streets, communities, grids } = town.copyRegions(k);
    counts.regions += (await query(SQL.regions, [JSON.stringify([...streets, ...communities].map(regionRow))])).rows[0].n;
    const gridRows = grids.map((g: Grid) => ({ code: g.code, name: g.name, type: g.type, community_code: g.communityCode, county_code: g.countyCode, geom: geoJson(g.geom) }));
    const inserted = (await query(SQL.grids, [JSON.stringify(gridRows)])).rows as Array<{ id: string | number; code: string }>;
    for (const r of inserted) gridIds.set(r.code, Number(r.id));
    counts.grids += inserted.length;
    counts.grid_history += (await query(SQL.history, [inserted.map((r) => Number(r.id))])).rows[0].n;
    options.onProgress?.(0, 1, `regions ${k + 1}/${town.scale}`);
  }

  const gridId = (code: string) => {
    const id = gridIds.get(code);
    if (id === undefined) throw new Error(`unknown grid ${code}`);
    return id;
  };

  for (const copy of town.copies()) {
    if (copy.index === 0) total = rowsOfCopy(copy) * town.scale;
    const tag = `copy ${copy.index + 1}/${town.scale}`;

    for (const batch of chunks(copy.households, BATCH)) {
      counts.households += await count(
        SQL.households,
        batch.map((h) => ({ e: h.externalId, a: h.address, p: h.population, ea: h.elderlyAlone, d: h.disabled, li: h.lowIncome, kc: h.keyCare, x: h.lng, y: h.lat })),
      );
      done += batch.length;
      report(`${tag} households`);
    }

    counts.service_points += await count(SQL.servicePoints, copy.servicePoints.map((s) => ({ name: s.name, category: s.category, x: s.lng, y: s.lat })));
    done += copy.servicePoints.length;

    const workerRows = (await query(SQL.workers, [JSON.stringify(copy.workers.map((w) => ({ name: w.name, phone: w.phone, role: w.role, party: w.isPartyMember }))), county])).rows;
    const workerIds = new Map<string, number>(workerRows.map((r: { id: string | number; phone: string }) => [r.phone, Number(r.id)]));
    counts.grid_workers += workerRows.length;
    done += workerRows.length;
    const assignments = copy.workers.flatMap((w) => w.gridCodes.map((code) => ({ worker_id: workerIds.get(w.phone), grid_id: gridId(code), at: w.assignedAt })));
    if (assignments.length) counts.grid_assignments += await count(SQL.assignments, assignments);
    if (copy.partyGroups.length)
      counts.party_groups += await count(SQL.partyGroups, copy.partyGroups.map((p) => ({ grid_id: gridId(p.gridCode), name: p.name, members: p.memberCount })));
    report(`${tag} workers`);

    for (const batch of chunks(copy.incidents, BATCH)) {
      const ids = await insertIncidents(query, batch, county);
      counts.incidents += ids.size;
      done += batch.length;
      const events = batch.flatMap((i) => i.events.map((e) => ({ i: ids.get(i.externalId), ev: e.event, ac: e.actor, no: e.note, at: e.at })));
      for (const eb of chunks(events, EVENT_BATCH)) {
        counts.incident_events += await count(SQL.events, eb);
        done += eb.length;
      }
      report(`${tag} incidents`);
    }

    for (const batch of chunks(copy.patrols, BATCH)) {
      counts.patrol_visits += await count(
        SQL.patrols,
        batch.map((p) => ({ w: workerIds.get(p.workerPhone), g: gridId(p.gridCode), h: p.householdExternalId, x: p.lng, y: p.lat, at: p.visitedAt })),
      );
      done += batch.length;
      report(`${tag} patrols`);
    }
  }
  options.onProgress?.(Math.max(done, total), Math.max(done, total), 'done');
  await assignDispatchedIncidents(query, county, town.now);
  // Service access is kept by the write paths (household_service_access): the seeder is one.
  options.onProgress?.(1, 1, 'service access');
  await serviceAccessRepository({
    query: async (sql: string, params?: unknown[]) => {
      const result = await query(sql, params);
      return { rows: result.rows, rowCount: result.rows.length };
    },
  } as Queryable).refreshCounty(COUNTY_CODE);
  return counts;
}

async function insertIncidents(query: Query, batch: Incident[], county: string): Promise<Map<string, number>> {
  const rows = batch.map((i) => ({
    e: i.externalId,
    c: i.category,
    s: i.source,
    pr: i.priority,
    st: i.status,
    d: i.description,
    x: i.lng,
    y: i.lat,
    rep: i.reportedAt,
    acc: i.acceptedAt,
    dis: i.dispatchedAt,
    dl: i.deadlineAt,
    han: i.handledAt,
    ver: i.verifiedAt,
    clo: i.closedAt,
    rej: i.rejectedAt,
    upd: i.updatedAt,
  }));
  const result = await query(SQL.incidents, [JSON.stringify(rows), county]);
  return new Map(result.rows.map((r: { id: string | number; external_id: string }) => [r.external_id, Number(r.id)]));
}

/**
 * Field work the generator leaves implicit: every dispatched incident went to a worker of its grid
 * (spread over them by id) and was taken within the hour; residents' reports carry a tracking code
 * (unusable: the demo's residents are not real) and most closed ones a rating, 满意 far more often
 * than not, so that 满意率 has something to show.
 */
async function assignDispatchedIncidents(query: Query, county: string, now: number): Promise<void> {
  await query(
    `UPDATE incidents i
        SET assignee_id = (SELECT (array_agg(a.worker_id ORDER BY a.worker_id))[(1 + i.id % count(*))::int] FROM grid_assignments a WHERE a.grid_id = i.grid_id),
            acknowledged_at = least(i.dispatched_at + make_interval(mins => 5 + abs(hashtext(i.external_id)) % 50), coalesce(i.handled_at, 'infinity'))
      WHERE i.county_code = $1 AND i.dispatched_at IS NOT NULL
        AND EXISTS (SELECT 1 FROM grid_assignments a WHERE a.grid_id = i.grid_id)`,
    [county],
  );
  await query(
    `INSERT INTO citizen_reports (incident_id, county_code, tracking_code_hash, rating, rated_at)
     SELECT i.id, i.county_code, encode(sha256(convert_to('demo:' || i.external_id, 'UTF8')), 'hex'), r.rating, CASE WHEN r.rating IS NOT NULL THEN r.at END
       FROM incidents i,
            LATERAL (SELECT i.closed_at + interval '20 hours' AS at, abs(hashtext('rating' || i.external_id)) % 100 AS dice) d,
            LATERAL (SELECT CASE WHEN i.closed_at IS NULL OR d.at > $2 OR d.dice >= 70 THEN NULL
                                 WHEN d.dice < 48 THEN 'satisfied' WHEN d.dice < 64 THEN 'basically_satisfied' ELSE 'dissatisfied' END AS rating, d.at) r
      WHERE i.county_code = $1 AND i.source = 'resident'`,
    [county, new Date(now)],
  );
}
