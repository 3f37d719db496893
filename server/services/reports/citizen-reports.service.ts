// One path for citizen reports (群众上报): /report in the browser and Open311 POST both come here.
// A report becomes an incident with source `resident`, its photos and the resident's phone stored
// beside it, and an unguessable tracking code that is the resident's only key to it.
import type { IncidentCategory, IncidentEventKind, Rating } from '../../domain/vocabulary'
import { AppError, notFound } from '../../errors'
import { citizenReportsRepository } from '../../repositories/citizen-reports.repository'
import { incidentsLifecycleRepository } from '../../repositories/incidents-lifecycle.repository'
import { reportIncident, type IncidentWriteContext } from '../incidents/incidents.service'
import { processPhotos } from '../photos/photo-processing'
import { hashTrackingCode, newTrackingCode, normalizeTrackingCode } from './tracking-code'

/** One limit for every way a resident's words arrive (the API's own description limit). */
export const REPORT_DESCRIPTION_MAX = 2000

export interface CitizenReportInput {
  category: IncidentCategory
  description: string
  lng: number
  lat: number
  phone?: string | null
  photos?: readonly { data: string }[]
}

export interface PublicReport {
  trackingCode: string
  category: string
  description: string
  status: string
  reportedAt: string
  closedAt: string | null
  timeline: { event: IncidentEventKind; at: string; note: string | null }[]
  rating: { rating: Rating; comment: string | null; at: string } | null
  canRate: boolean
}

const PHONE = /^\+?[0-9][0-9 -]{3,18}[0-9]$/

export function checkCitizenText(description: string, phone: string | null | undefined): { description: string; phone: string | null } {
  const text = description.trim()
  if (!text) throw new AppError(400, 'invalid_request', 'description: say what the problem is', { parameter: 'description' })
  if (text.length > REPORT_DESCRIPTION_MAX) {
    throw new AppError(400, 'invalid_request', `description: at most ${REPORT_DESCRIPTION_MAX} characters`, { parameter: 'description' })
  }
  const number = phone?.trim() || null
  if (number !== null && !PHONE.test(number))
    throw new AppError(400, 'invalid_phone', 'phone: digits, spaces, + and -, 5 to 20 characters', { parameter: 'phone' })
  return { description: text, phone: number }
}

export async function submitCitizenReport(ctx: IncidentWriteContext, input: CitizenReportInput, actor: string) {
  const { description, phone } = checkCitizenText(input.description, input.phone)
  const photos = await processPhotos(input.photos)
  const trackingCode = newTrackingCode()
  const detail = await reportIncident(
    ctx,
    {
      category: input.category,
      source: 'resident',
      description,
      lng: input.lng,
      lat: input.lat,
      photos,
      citizen: { codeHash: hashTrackingCode(trackingCode), phone },
    },
    actor,
  )
  return { trackingCode, detail }
}

const iso = (d: Date | null) => (d ? d.toISOString() : null)

async function readReport(db: IncidentWriteContext['db'], rawCode: string): Promise<{ code: string; report: PublicReport }> {
  const code = normalizeTrackingCode(rawCode)
  const row = code ? await citizenReportsRepository(db).findByCode(hashTrackingCode(code)) : undefined
  // An impossible code and an unknown one get the same answer: nothing to tell them apart by.
  if (!code || !row) throw notFound('Report')
  const timeline = await citizenReportsRepository(db).publicTimeline(row.incidentId)
  return {
    code,
    report: {
      trackingCode: code,
      category: row.category,
      description: row.description,
      status: row.status,
      reportedAt: row.reportedAt.toISOString(),
      closedAt: iso(row.closedAt),
      timeline: timeline.map((t) => ({ event: t.event, at: t.at.toISOString(), note: t.note })),
      rating: row.rating && row.ratedAt ? { rating: row.rating, comment: row.ratingComment, at: row.ratedAt.toISOString() } : null,
      canRate: row.status === 'closed' && !row.rating,
    },
  }
}

export const citizenReport = async (db: IncidentWriteContext['db'], rawCode: string) => (await readReport(db, rawCode)).report

/** The resident's rating of a closed report (once): feeds 满意率. */
export async function rateCitizenReport(ctx: IncidentWriteContext, rawCode: string, rating: Rating, comment: string | undefined) {
  const code = normalizeTrackingCode(rawCode)
  if (!code) throw notFound('Report')
  const words = comment?.trim() || null
  const at = ctx.now?.() ?? new Date()
  const incidentId = await ctx.db.transaction(async (tx) => {
    const reports = citizenReportsRepository(tx)
    const row = await reports.findByCode(hashTrackingCode(code), { forUpdate: true })
    if (!row) throw notFound('Report')
    if (row.status !== 'closed') throw new AppError(409, 'not_closed', 'A report is rated once it is closed (结案)', { status: row.status })
    if (row.rating) throw new AppError(409, 'already_rated', 'This report has been rated already')
    await reports.rate(row.incidentId, rating, words, at)
    const state = await incidentsLifecycleRepository(tx).lock(row.incidentId)
    await incidentsLifecycleRepository(tx).addEvent(row.incidentId, state!.countyCode, 'rate', 'resident', words, { rating }, at)
    return row.incidentId
  })
  ctx.events.publish({ type: 'incident.updated', payload: { id: incidentId, action: 'rate', status: 'closed', at: at.toISOString() } })
  return citizenReport(ctx.db, code)
}
