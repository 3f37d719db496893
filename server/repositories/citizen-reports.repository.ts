import type { Queryable } from '../db/database'
import type { IncidentEventKind, Rating } from '../domain/vocabulary'

export interface CitizenReportRow {
  incidentId: number
  category: string
  description: string
  status: string
  reportedAt: Date
  closedAt: Date | null
  rating: Rating | null
  ratingComment: string | null
  ratedAt: Date | null
}

/** What a resident may read of their report's timeline: stages and times, no officials. */
export interface PublicTimelineRow {
  event: IncidentEventKind
  at: Date
  note: string | null
}

// Notes are the officials' words: a resident reads only the reason a report was refused and the closing word.
const PUBLIC_EVENTS = ['report', 'accept', 'reject', 'dispatch', 'acknowledge', 'handle', 'verify', 'close', 'return', 'rate']
const EVENTS_WITH_PUBLIC_NOTES = ['reject', 'close']

export function citizenReportsRepository(db: Queryable) {
  return {
    async insert(incidentId: number, countyCode: string, codeHash: string, phone: string | null): Promise<void> {
      await db.query('INSERT INTO citizen_reports (incident_id, county_code, tracking_code_hash, phone) VALUES ($1, $2, $3, $4)', [
        incidentId,
        countyCode,
        codeHash,
        phone,
      ])
    },

    async findByCode(codeHash: string, { forUpdate = false } = {}): Promise<CitizenReportRow | undefined> {
      const { rows } = await db.query<CitizenReportRow>(
        `SELECT i.id::int AS "incidentId", i.category, i.description, i.status, i.reported_at AS "reportedAt", i.closed_at AS "closedAt",
                c.rating, c.rating_comment AS "ratingComment", c.rated_at AS "ratedAt"
           FROM citizen_reports c JOIN incidents i ON i.id = c.incident_id
          WHERE c.tracking_code_hash = $1${forUpdate ? ' FOR UPDATE OF c' : ''}`,
        [codeHash],
      )
      return rows[0]
    },

    async publicTimeline(incidentId: number): Promise<PublicTimelineRow[]> {
      const { rows } = await db.query<PublicTimelineRow>(
        `SELECT event, at, CASE WHEN event = ANY($3::text[]) THEN note END AS note
           FROM incident_events WHERE incident_id = $1 AND event = ANY($2::text[]) ORDER BY at, id`,
        [incidentId, PUBLIC_EVENTS, EVENTS_WITH_PUBLIC_NOTES],
      )
      return rows
    },

    async rate(incidentId: number, rating: Rating, comment: string | null, at: Date): Promise<void> {
      await db.query('UPDATE citizen_reports SET rating = $2, rating_comment = $3, rated_at = $4 WHERE incident_id = $1', [incidentId, rating, comment, at])
    },

    /**
     * For generated history (the demo town's): every resident's report of the county gets a
     * tracking code (unusable: 'demo:' and its external id, hashed) and most closed ones a rating
     * 20 hours after closing, none later than `now`: 满意 far more often than not.
     */
    async insertGeneratedRatings(countyCode: string, now: Date): Promise<void> {
      await db.query(
        `INSERT INTO citizen_reports (incident_id, county_code, tracking_code_hash, rating, rated_at)
         SELECT i.id, i.county_code, encode(sha256(convert_to('demo:' || i.external_id, 'UTF8')), 'hex'), r.rating, CASE WHEN r.rating IS NOT NULL THEN r.at END
           FROM incidents i,
                LATERAL (SELECT i.closed_at + interval '20 hours' AS at, abs(hashtext('rating' || i.external_id)) % 100 AS dice) d,
                LATERAL (SELECT CASE WHEN i.closed_at IS NULL OR d.at > $2 OR d.dice >= 70 THEN NULL
                                     WHEN d.dice < 48 THEN 'satisfied' WHEN d.dice < 64 THEN 'basically_satisfied' ELSE 'dissatisfied' END AS rating, d.at) r
          WHERE i.county_code = $1 AND i.source = 'resident'`,
        [countyCode, now],
      )
    },
  }
}
