// A grid worker's own writes: patrols and household visits, checked against their grids.
import type { Database } from '../../db/database'
import { AppError, forbidden } from '../../errors'
import { fieldWorkRepository, type WorkerProfile } from '../../repositories/field-work.repository'
import { usersRepository, type User } from '../../repositories/users.repository'
import type { PatrolCreateBody, VisitCreateBody } from '../../schemas/field-work.schema'

// A phone's clock may run a little ahead of the server's.
const CLOCK_SLACK_MS = 5 * 60_000
const OLDEST_DAYS = 30

export const outOfMyGrids = (what: string) => new AppError(403, 'out_of_scope', `${what} is outside your grids`)

/** The grid worker a `worker` account acts as; an account bound to nobody may do nothing. */
export async function workerOf(db: Database, user: User): Promise<WorkerProfile> {
  const workerId = await usersRepository(db).workerIdOf(user.id)
  const profile = workerId === null ? undefined : await fieldWorkRepository(db).profile(workerId)
  if (!profile) throw forbidden('This account is not bound to a grid worker')
  return profile
}

function recordedAt(name: string, raw: string | undefined, now: Date): Date {
  if (raw === undefined) return now
  const at = new Date(raw)
  if (at.getTime() > now.getTime() + CLOCK_SLACK_MS) throw new AppError(400, 'invalid_request', `${name} lies in the future`, { parameter: name })
  if (at.getTime() < now.getTime() - OLDEST_DAYS * 86_400_000)
    throw new AppError(400, 'invalid_request', `${name} is older than ${OLDEST_DAYS} days`, { parameter: name })
  return at
}

export async function recordPatrol(db: Database, worker: WorkerProfile, body: PatrolCreateBody, now = new Date()) {
  const startedAt = recordedAt('startedAt', body.startedAt, now)
  const endedAt = recordedAt('endedAt', body.endedAt, now)
  if (endedAt < startedAt) throw new AppError(400, 'invalid_request', 'endedAt is before startedAt', { parameter: 'endedAt' })
  const bad = body.track.coordinates.findIndex(([lng, lat]) => !(Math.abs(lng!) <= 180 && Math.abs(lat!) <= 90))
  if (bad >= 0) throw new AppError(400, 'invalid_request', `track position ${bad} is not a WGS84 [lng, lat]`, { parameter: `track/coordinates/${bad}` })
  // Validated before any overlay: an invalid geometry makes GEOS calls return nothing on the embedded engine.
  const problem = await fieldWorkRepository(db).trackProblem(body.track)
  if (problem) throw new AppError(422, 'invalid_track', `The track is not a valid line: ${problem}`, { parameter: 'track' })
  // The coverage cache hears of it through the change feed the patrol_visits triggers write.
  return db.transaction((tx) => fieldWorkRepository(tx).insertPatrol(worker, startedAt, endedAt, body.track))
}

export async function recordVisit(db: Database, worker: WorkerProfile, body: VisitCreateBody, now = new Date()) {
  const visitedAt = recordedAt('visitedAt', body.visitedAt, now)
  return db.transaction(async (tx) => {
    const repo = fieldWorkRepository(tx)
    if (!(await repo.myHousehold(worker.id, body.householdId))) throw outOfMyGrids(`Household ${body.householdId}`)
    return { id: await repo.insertVisit(worker.id, body.householdId, body.note?.trim() || null, visitedAt) }
  })
}
