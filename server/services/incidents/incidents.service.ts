// Writes to incidents: reporting one, moving it through its lifecycle, and the linked response
// (网格相连、一体联动). Each write is one transaction; live events go out only after it commits.
import type { Database, Queryable } from '../../db/database'
import type { IncidentCategory, IncidentPriority, IncidentSource } from '../../domain/vocabulary'
import { AppError, notFound } from '../../errors'
import type { EventBus } from '../../events/event-bus'
import { citizenReportsRepository } from '../../repositories/citizen-reports.repository'
import { incidentPhotosRepository } from '../../repositories/incident-photos.repository'
import { incidentsLifecycleRepository, type LockedIncident } from '../../repositories/incidents-lifecycle.repository'
import type { ProcessedPhoto } from '../photos/photo-processing'
import { planTransition, type TransitionRequest } from './lifecycle'

export interface IncidentWriteContext {
  db: Database
  events: EventBus
  deadlineHours: Record<IncidentCategory, number>
  now?: () => Date
}

export interface IncidentReport {
  category: IncidentCategory
  source: IncidentSource
  priority?: IncidentPriority
  description: string
  lng: number
  lat: number
  externalId?: string | null
  /** Checked and re-encoded already (photo-processing.ts). */
  photos?: readonly ProcessedPhoto[]
  /** A resident's report: the hash of its tracking code and the phone they left, kept beside the incident. */
  citizen?: { codeHash: string; phone: string | null }
}

export const outsideRegions = (lng: number, lat: number) =>
  new AppError(422, 'outside_regions', `The location ${lng},${lat} lies outside every region`, { parameter: 'location' })

/** Alerts the workers of the incident's grid and of every grid touching it; returns what the timeline records. */
async function alertLinkedGrids(tx: Queryable, incidentId: number, countyCode: string, gridId: number | null, actor: string, at: Date) {
  const repo = incidentsLifecycleRepository(tx)
  const grids = gridId === null ? [] : await repo.linkedGrids(gridId)
  const details = {
    gridIds: grids.map((g) => g.gridId),
    gridCodes: grids.map((g) => g.code),
    workerIds: [...new Set(grids.flatMap((g) => g.workerIds))].sort((a, b) => a - b),
  }
  await repo.addEvent(incidentId, countyCode, 'alert', actor, null, details, at)
  return details
}

export async function reportIncident(ctx: IncidentWriteContext, report: IncidentReport, actor: string) {
  const at = ctx.now?.() ?? new Date()
  const result = await ctx.db.transaction(async (tx) => {
    const repo = incidentsLifecycleRepository(tx)
    const countyCode = await repo.countyAt(report.lng, report.lat)
    if (!countyCode) throw outsideRegions(report.lng, report.lat)
    const { id, gridId } = await repo.insert(
      { ...report, countyCode, externalId: report.externalId ?? null, priority: report.priority ?? (report.category === 'emergency' ? 'urgent' : 'normal') },
      at,
    )
    const photos = report.photos ?? []
    await incidentPhotosRepository(tx).insert(id, countyCode, 'report', photos)
    if (report.citizen) await citizenReportsRepository(tx).insert(id, countyCode, report.citizen.codeHash, report.citizen.phone)
    await repo.addEvent(id, countyCode, 'report', actor, null, photos.length ? { photos: photos.length } : null, at)
    const alert = report.category === 'emergency' ? await alertLinkedGrids(tx, id, countyCode, gridId, 'system', at) : null
    return { id, alert, detail: (await repo.detail(id))! }
  })
  ctx.events.publish({
    type: 'incident.created',
    payload: { id: result.id, category: report.category, source: report.source, status: 'reported', lng: report.lng, lat: report.lat, at: at.toISOString() },
  })
  if (result.alert) ctx.events.publish({ type: 'incident.alert', payload: { id: result.id, category: report.category, ...result.alert, at: at.toISOString() } })
  return result.detail
}

export interface TransitionOptions {
  /** Photos of the handling (处置), checked and re-encoded already. */
  photos?: readonly ProcessedPhoto[]
  /** Who may do this to this incident, checked on the locked row (e.g. a worker only on their own tasks). */
  authorize?: (state: LockedIncident) => void
}

export async function transitionIncident(ctx: IncidentWriteContext, id: number, request: TransitionRequest, actor: string, options: TransitionOptions = {}) {
  const at = ctx.now?.() ?? new Date()
  const photos = options.photos ?? []
  if (photos.length && request.action !== 'handle') throw new AppError(400, 'photos_not_taken', 'Photos go with handle only', { parameter: 'photos' })
  const result = await ctx.db.transaction(async (tx) => {
    const repo = incidentsLifecycleRepository(tx)
    const state = await repo.lock(id)
    if (!state) throw notFound(`Incident ${id}`)
    options.authorize?.(state)
    if (request.action === 'dispatch' && request.assigneeId !== undefined && !(await repo.workerName(request.assigneeId))) {
      throw new AppError(422, 'unknown_worker', `No grid worker ${request.assigneeId}`, { parameter: 'assigneeId' })
    }
    const plan = planTransition(state, request, at, ctx.deadlineHours)
    await repo.apply(id, plan)
    await incidentPhotosRepository(tx).insert(id, state.countyCode, 'handle', photos)
    const details = photos.length ? { ...plan.details, photos: photos.length } : plan.details
    await repo.addEvent(id, state.countyCode, plan.event, actor, request.note ?? null, details, at)
    return { detail: (await repo.detail(id))!, plan }
  })
  ctx.events.publish({ type: 'incident.updated', payload: { id, action: request.action, status: result.detail.properties.status, at: at.toISOString() } })
  return result.detail
}
