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
  /** What the Open311 client sent beside the problem (citizen_reports); personal, for the full view only. */
  address: string | null
  addressId: string | null
  mediaUrl: string | null
}

/** The resident's details an Open311 POST carries (GeoReport v2), kept beside the incident. */
export interface Open311Contact {
  firstName: string | null
  lastName: string | null
  email: string | null
  address: string | null
  addressId: string | null
  mediaUrl: string | null
}

/** Where a typed address or an address id is, by the households registered there. */
export interface AddressMatch {
  lng: number
  lat: number
  /** How many households matched, and how far apart the farthest two are (m): one building or not. */
  households: number
  spreadM: number
}

export interface AddressQuery {
  /** Compared as typed, then without spaces, case or full-width forms (NFKC). */
  address?: string
  /** A household's externalId. */
  addressId?: string
  /** Only households inside this region (county, street or community code). */
  regionCode?: string
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

    /** Every client app, its times as ISO 8601 text (as the API lists them). */
    async listClients(): Promise<(Open311Client & { createdAt: string; revokedAt: string | null })[]> {
      const { rows } = await db.query<Open311Client & { createdAt: Date; revokedAt: Date | null }>(
        'SELECT id::int, name, created_at AS "createdAt", revoked_at AS "revokedAt" FROM open311_clients ORDER BY id',
      )
      return rows.map((client) => ({ ...client, createdAt: client.createdAt.toISOString(), revokedAt: client.revokedAt?.toISOString() ?? null }))
    },

    /** Revokes a live client's key; false when there is no such client or it was revoked already. */
    async revokeClient(id: number): Promise<boolean> {
      const { rowCount } = await db.query('UPDATE open311_clients SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id])
      return rowCount > 0
    },

    async clientExists(id: number): Promise<boolean> {
      const { rows } = await db.query('SELECT 1 FROM open311_clients WHERE id = $1', [id])
      return rows.length > 0
    },

    async clientByKey(apiKey: string): Promise<Open311Client | undefined> {
      const { rows } = await db.query<Open311Client>('SELECT id::int, name FROM open311_clients WHERE api_key_hash = $1 AND revoked_at IS NULL', [
        hashKey(apiKey),
      ])
      return rows[0]
    },

    async requests(filter: ServiceRequestFilter, limit: number): Promise<ServiceRequestRow[]> {
      const where = new SqlConditions()
      // GeoReport v2: service_request_id "overrides all other arguments"; who may see what (sources) still holds.
      if (filter.ids) where.add('i.id = ANY(?::bigint[])', filter.ids)
      else {
        where.add('i.reported_at >= ?', filter.from)
        if (filter.to) where.add('i.reported_at < ?', filter.to)
        if (filter.categories) where.add('i.category = ANY(?::text[])', filter.categories)
        if (filter.statuses?.length === 1) {
          where.add(`${filter.statuses[0] === 'closed' ? '' : 'NOT '}(i.status = ANY(?::text[]))`, CLOSED_STATUSES)
        }
      }
      if (filter.sources) where.add('i.source = ANY(?::text[])', filter.sources)
      const { rows } = await db.query<ServiceRequestRow>(
        `SELECT i.id::int, i.category, i.status, i.description, i.reported_at AS "reportedAt", i.updated_at AS "updatedAt",
                i.deadline_at AS "deadlineAt", ST_X(i.geom) AS lng, ST_Y(i.geom) AS lat,
                c.address, c.address_id AS "addressId", c.media_url AS "mediaUrl"
           FROM incidents i LEFT JOIN citizen_reports c ON c.incident_id = i.id ${where.where()}
          ORDER BY i.reported_at DESC, i.id DESC LIMIT ${where.param(limit)}`,
        where.params,
      )
      return rows
    },

    /**
     * Stores what an Open311 POST said about the resident on the report this transaction has just
     * written (the session's last incident id), so the report and its contact commit together.
     */
    async saveContactOfLastReport(contact: Open311Contact): Promise<void> {
      const { rowCount } = await db.query(
        `UPDATE citizen_reports SET first_name = $1, last_name = $2, email = $3, address = $4, address_id = $5, media_url = $6
          WHERE incident_id = currval(pg_get_serial_sequence('incidents', 'id'))`,
        [contact.firstName, contact.lastName, contact.email, contact.address, contact.addressId, contact.mediaUrl],
      )
      if (rowCount !== 1) throw new Error('open311: the report whose contact was to be stored is not in this transaction')
    },

    /**
     * Geocodes against the household register: an address id is a household's externalId; a typed
     * address matches exactly, else once spaces, case and full-width forms are set aside. Several
     * households at one address (flats of one building) give their centre.
     */
    async locateAddress(query: AddressQuery): Promise<AddressMatch | undefined> {
      const where = new SqlConditions()
      if (query.addressId !== undefined) where.add('h.external_id = ?', query.addressId)
      if (query.address !== undefined) {
        where.add("(h.address = ? OR lower(regexp_replace(normalize(h.address, NFKC), '\\s+', '', 'g')) = ?)", query.address, normalizeAddress(query.address))
      }
      if (query.regionCode !== undefined) {
        where.add('h.county_code = (SELECT county_code FROM regions WHERE code = ?)', query.regionCode)
        if (query.regionCode.length > 6) where.add('ST_Intersects(h.geom, (SELECT boundary FROM regions WHERE code = ?))', query.regionCode)
      }
      const { rows } = await db.query<AddressMatch>(
        `SELECT ST_X(ST_Centroid(ST_Collect(h.geom))) AS lng, ST_Y(ST_Centroid(ST_Collect(h.geom))) AS lat, count(*)::int AS households,
                COALESCE(ST_Length(ST_BoundingDiagonal(ST_Collect(h.geom))::geography), 0) AS "spreadM"
           FROM households h ${where.where()}
         HAVING count(*) > 0`,
        where.params,
      )
      return rows[0]
    },
  }
}

/** The comparable form of a typed address: NFKC (full-width digits and letters), no spaces, lower case. */
export const normalizeAddress = (address: string) => address.normalize('NFKC').replace(/\s+/g, '').toLowerCase()
