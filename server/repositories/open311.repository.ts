import { createHash, randomBytes } from 'node:crypto'
import type { Queryable } from '../db/database'
import { SqlConditions } from './sql-fragments'

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex')

export interface Open311Client {
  id: number
  name: string
}

export interface ServiceRequestFilter {
  ids?: number[]
  categories?: string[]
  statuses?: ('open' | 'closed')[]
  /** Only incidents from these sources (the public view); all when absent. */
  sources?: readonly string[]
  from: Date
  to?: Date
}

export interface ServiceRequestRow {
  id: number
  category: string
  status: string
  description: string
  reportedAt: Date
  updatedAt: Date
  deadlineAt: Date | null
  lng: number
  lat: number
}

/** Closed and rejected requests are both finished from the resident's point of view. */
export const CLOSED_STATUSES = ['closed', 'rejected']

export function open311Repository(db: Queryable) {
  return {
    /** Issues a client app and returns its api key; only the key's hash is stored. */
    async issueClient(name: string, createdBy: number): Promise<Open311Client & { apiKey: string }> {
      const apiKey = randomBytes(24).toString('base64url')
      const { rows } = await db.query<Open311Client>(
        'INSERT INTO open311_clients (name, api_key_hash, created_by) VALUES ($1, $2, $3) RETURNING id::int, name',
        [name, hashKey(apiKey), createdBy],
      )
      return { ...rows[0], apiKey }
    },

    async listClients(): Promise<(Open311Client & { createdAt: Date; revokedAt: Date | null })[]> {
      const { rows } = await db.query<Open311Client & { createdAt: Date; revokedAt: Date | null }>(
        'SELECT id::int, name, created_at AS "createdAt", revoked_at AS "revokedAt" FROM open311_clients ORDER BY id',
      )
      return rows
    },

    async clientByKey(apiKey: string): Promise<Open311Client | undefined> {
      const { rows } = await db.query<Open311Client>(
        'SELECT id::int, name FROM open311_clients WHERE api_key_hash = $1 AND revoked_at IS NULL',
        [hashKey(apiKey)],
      )
      return rows[0]
    },

    async requests(filter: ServiceRequestFilter, limit: number): Promise<ServiceRequestRow[]> {
      const where = new SqlConditions()
      if (filter.ids) where.add('i.id = ANY(?::bigint[])', filter.ids)
      else {
        where.add('i.reported_at >= ?', filter.from)
        if (filter.to) where.add('i.reported_at < ?', filter.to)
      }
      if (filter.categories) where.add('i.category = ANY(?::text[])', filter.categories)
      if (filter.sources) where.add('i.source = ANY(?::text[])', filter.sources)
      if (filter.statuses?.length === 1) {
        where.add(`${filter.statuses[0] === 'closed' ? '' : 'NOT '}(i.status = ANY(?::text[]))`, CLOSED_STATUSES)
      }
      const { rows } = await db.query<ServiceRequestRow>(
        `SELECT i.id::int, i.category, i.status, i.description, i.reported_at AS "reportedAt", i.updated_at AS "updatedAt",
                i.deadline_at AS "deadlineAt", ST_X(i.geom) AS lng, ST_Y(i.geom) AS lat
           FROM incidents i ${where.where()}
          ORDER BY i.reported_at DESC, i.id DESC LIMIT ${where.param(limit)}`,
        where.params,
      )
      return rows
    },
  }
}
