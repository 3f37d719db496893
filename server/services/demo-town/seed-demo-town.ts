// Writes the demo town (data/demo-town generates it) through the repositories, as an import or a
// user's edit writes the same tables: one way to write each, one home-grid rule. Works on PostGIS
// 3.3 and on PGlite + PostGIS 3.6, on one connection (the caller's transaction).

import { COUNTY_CODE } from '../../../data/demo-town/config'
import { createTown, type TownOptions } from '../../../data/demo-town/town'
import type { Grid, Incident, Region, TownCopy } from '../../../data/demo-town/types'
import type { Queryable } from '../../db/database'
import { auditRepository } from '../../repositories/audit.repository'
import { citizenReportsRepository } from '../../repositories/citizen-reports.repository'
import { fieldWorkRepository } from '../../repositories/field-work.repository'
import { gridStaffRepository } from '../../repositories/grid-staff.repository'
import { importRepository, type NewRegion, type PastIncident } from '../../repositories/import.repository'
import { incidentsLifecycleRepository } from '../../repositories/incidents-lifecycle.repository'
import { serviceAccessRepository } from '../../repositories/service-access.repository'

export type SeedOptions = Omit<TownOptions, 'scale'> & {
  scale?: number
  onProgress?: (done: number, total: number, label: string) => void
}

export type SeedCounts = {
  regions: number
  grids: number
  grid_history: number
  grid_workers: number
  grid_assignments: number
  party_groups: number
  households: number
  service_points: number
  incidents: number
  incident_events: number
  patrol_visits: number
}

const BATCH = 5000
const EVENT_BATCH = 10000
/** The reason on each demo grid's first history row. */
const GRID_REASON = '演示数据导入'

const point = (lng: number, lat: number) => ({ type: 'Point' as const, coordinates: [lng, lat] as [number, number] })
const multiPolygon = (coordinates: Region['boundary']) => ({ type: 'MultiPolygon' as const, coordinates })
const at = (ms: number | null) => (ms === null ? null : new Date(ms))

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let k = 0; k < items.length; k += size) out.push(items.slice(k, k + size))
  return out
}

function rowsOfCopy(c: TownCopy): number {
  const events = c.incidents.reduce((n, i) => n + i.events.length, 0)
  return c.households.length + c.incidents.length + events + c.patrols.length + c.servicePoints.length + c.workers.length
}

const newRegion = (r: Region): NewRegion => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parentCode, geometry: multiPolygon(r.boundary) })

const pastIncident = (i: Incident): PastIncident => ({
  externalId: i.externalId,
  category: i.category,
  source: i.source,
  priority: i.priority,
  status: i.status,
  description: i.description,
  geometry: point(i.lng, i.lat),
  reportedAt: new Date(i.reportedAt),
  acceptedAt: at(i.acceptedAt),
  dispatchedAt: at(i.dispatchedAt),
  deadlineAt: at(i.deadlineAt),
  handledAt: at(i.handledAt),
  verifiedAt: at(i.verifiedAt),
  closedAt: at(i.closedAt),
  rejectedAt: at(i.rejectedAt),
  updatedAt: new Date(i.updatedAt),
})

/** Seeds the demo town into an empty county, inside the caller's transaction. */
export async function seedDemoTown(db: Queryable, options: SeedOptions = {}): Promise<SeedCounts> {
  const town = createTown(options)
  const county = COUNTY_CODE
  const bulk = importRepository(db)
  const staff = gridStaffRepository(db)
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
  }
  // A bulk load, not a user's edit: no audit rows for it (transaction-local, so it ends with the caller's transaction).
  await auditRepository(db).offForThisTransaction()
  if ((await bulk.regionLevels([county])).size > 0) throw new Error(`county ${county} already has regions; the demo town seeds an empty county only`)

  let done = 0
  let total = 0
  const report = (label: string) => options.onProgress?.(Math.min(done, Math.max(total - 1, 0)), total, label)

  // Every grid goes in before any household, so the home-grid rule sees the whole county.
  counts.regions += (await bulk.insertRegions([newRegion(town.county)])).length
  const gridIds = new Map<string, number>()
  for (let k = 0; k < town.scale; k++) {
    const { streets, communities, grids } = town.copyRegions(k)
    counts.regions += (await bulk.insertRegions([...streets, ...communities].map(newRegion))).length
    // The generator's grids are on its own lattice: stored as generated, not snapped as an import's.
    const stored = await bulk.shapesAsGiven(grids.map((g: Grid) => JSON.stringify(multiPolygon(g.geom))))
    const inserted = await bulk.insertGrids(
      grids.map((g, n) => ({ code: g.code, name: g.name, type: g.type, communityCode: g.communityCode, stored: stored[n]! })),
      null,
      GRID_REASON,
    )
    for (const r of inserted) gridIds.set(r.code, r.id)
    counts.grids += inserted.length
    counts.grid_history += inserted.length
    options.onProgress?.(0, 1, `regions ${k + 1}/${town.scale}`)
  }

  const gridId = (code: string) => {
    const id = gridIds.get(code)
    if (id === undefined) throw new Error(`unknown grid ${code}`)
    return id
  }

  for (const copy of town.copies()) {
    if (copy.index === 0) total = rowsOfCopy(copy) * town.scale
    const tag = `copy ${copy.index + 1}/${town.scale}`

    for (const batch of chunks(copy.households, BATCH)) {
      const households = batch.map((h) => ({
        externalId: h.externalId,
        address: h.address,
        population: h.population,
        elderlyAlone: h.elderlyAlone,
        disabled: h.disabled,
        lowIncome: h.lowIncome,
        keyCare: h.keyCare,
        geometry: point(h.lng, h.lat),
      }))
      counts.households += (
        await bulk.insertHouseholds(
          households,
          households.map(() => county),
        )
      ).length
      done += batch.length
      report(`${tag} households`)
    }

    const servicePoints = copy.servicePoints.map((s) => ({ name: s.name, category: s.category, geometry: point(s.lng, s.lat) }))
    if (servicePoints.length)
      counts.service_points += (
        await bulk.insertServicePoints(
          servicePoints,
          servicePoints.map(() => county),
        )
      ).length
    done += copy.servicePoints.length

    const ids = await staff.insertWorkers(county, copy.workers)
    const workerIds = new Map(copy.workers.map((w, n) => [w.phone, ids[n]!]))
    const workerId = (phone: string) => workerIds.get(phone)!
    counts.grid_workers += ids.length
    done += ids.length
    const assignments = copy.workers.flatMap((w) =>
      w.gridCodes.map((code) => ({ workerId: workerId(w.phone), gridId: gridId(code), assignedAt: new Date(w.assignedAt) })),
    )
    if (assignments.length) counts.grid_assignments += await staff.insertAssignments(county, assignments)
    if (copy.partyGroups.length)
      counts.party_groups += await staff.insertPartyGroups(
        county,
        copy.partyGroups.map((p) => ({ gridId: gridId(p.gridCode), name: p.name, memberCount: p.memberCount })),
      )
    report(`${tag} workers`)

    for (const batch of chunks(copy.incidents, BATCH)) {
      const incidentIds = await bulk.insertPastIncidents(batch.map(pastIncident), county)
      counts.incidents += incidentIds.length
      done += batch.length
      const events = batch.flatMap((i, n) =>
        i.events.map((e) => ({ incidentId: incidentIds[n]!, event: e.event, actor: e.actor, note: e.note, at: new Date(e.at) })),
      )
      for (const eb of chunks(events, EVENT_BATCH)) {
        counts.incident_events += await bulk.insertEvents(eb, county)
        done += eb.length
      }
      report(`${tag} incidents`)
    }

    for (const batch of chunks(copy.patrols, BATCH)) {
      counts.patrol_visits += await fieldWorkRepository(db).insertPastVisits(
        county,
        batch.map((p) => ({
          workerId: workerId(p.workerPhone),
          gridId: gridId(p.gridCode),
          householdExternalId: p.householdExternalId,
          lng: p.lng,
          lat: p.lat,
          visitedAt: new Date(p.visitedAt),
        })),
      )
      done += batch.length
      report(`${tag} patrols`)
    }
  }
  options.onProgress?.(Math.max(done, total), Math.max(done, total), 'done')
  // Field work the generator leaves implicit: who took each dispatched task, and residents' ratings.
  await incidentsLifecycleRepository(db).assignDispatchedAcrossGridWorkers(county)
  await citizenReportsRepository(db).insertGeneratedRatings(county, new Date(town.now))
  // Service access is kept by the write paths (household_service_access): the seeder is one.
  options.onProgress?.(1, 1, 'service access')
  await serviceAccessRepository(db).refreshCounty(county)
  return counts
}
