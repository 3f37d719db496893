import { createHash, randomBytes } from 'node:crypto'
import type { Queryable } from '../db/database'

import type { Role } from '../domain/vocabulary'
export type { Role } from '../domain/vocabulary'

export interface User {
  id: number
  username: string
  role: Role
}

interface UserRow extends User {
  passwordHash: string
}

/** A user as admins see it: never the password hash. */
export interface ManagedUser extends User {
  regionCodes: string[]
  workerId: number | null
  disabled: boolean
  createdAt: string
}

export interface UserChanges {
  passwordHash?: string
  role?: Role
  /** null unbinds (any role but worker); undefined keeps. */
  workerId?: number | null
  disabled?: boolean
}

const MANAGED_COLUMNS = `u.id::int, u.username, u.role, u.worker_id::int AS "workerId", u.disabled_at IS NOT NULL AS disabled,
  to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt",
  coalesce((SELECT array_agg(r.region_code ORDER BY r.region_code) FROM user_regions r WHERE r.user_id = u.id), '{}') AS "regionCodes"`

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

export function usersRepository(db: Queryable) {
  return {
    async count(): Promise<number> {
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users')
      return rows[0].n
    },

    async findActiveByUsername(username: string): Promise<UserRow | undefined> {
      const { rows } = await db.query<UserRow>(
        `SELECT id::int, username, role, password_hash AS "passwordHash"
           FROM users WHERE username = $1 AND disabled_at IS NULL`,
        [username],
      )
      return rows[0]
    },

    async create(username: string, passwordHash: string, role: Role, workerId: number | null = null): Promise<User> {
      const { rows } = await db.query<User>(
        `INSERT INTO users (username, password_hash, role, worker_id) VALUES ($1, $2, $3, $4)
         RETURNING id::int, username, role`,
        [username, passwordHash, role, workerId],
      )
      return rows[0]
    },

    /** Whether a grid worker with this id exists. */
    async workerExists(workerId: number): Promise<boolean> {
      const { rows } = await db.query<{ ok: boolean }>('SELECT EXISTS (SELECT 1 FROM grid_workers WHERE id = $1) AS ok', [workerId])
      return rows[0].ok
    },

    /** One grid worker for each of the first `n` grids (by code) under a region: the grid's first worker not already taken. */
    async firstWorkersOfGrids(regionCode: string, n: number): Promise<number[]> {
      const { rows } = await db.query<{ workerId: number }>(
        `SELECT DISTINCT ON (g.code) a.worker_id::int AS "workerId"
           FROM grids g JOIN grid_assignments a ON a.grid_id = g.id
          WHERE g.code LIKE $1 || '%' AND g.deleted_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM grid_assignments other WHERE other.worker_id = a.worker_id AND other.grid_id <> a.grid_id)
          ORDER BY g.code, a.worker_id LIMIT $2`,
        [regionCode, n],
      )
      return rows.map((r) => r.workerId)
    },

    /** The grid worker a `worker` account acts as. */
    async workerIdOf(userId: number): Promise<number | null> {
      const { rows } = await db.query<{ workerId: number | null }>('SELECT worker_id::int AS "workerId" FROM users WHERE id = $1', [userId])
      return rows[0]?.workerId ?? null
    },

    async assignRegions(userId: number, regionCodes: string[]): Promise<void> {
      await db.query(`INSERT INTO user_regions (user_id, region_code) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`, [userId, regionCodes])
    },

    async list(): Promise<ManagedUser[]> {
      const { rows } = await db.query<ManagedUser>(`SELECT ${MANAGED_COLUMNS} FROM users u ORDER BY u.id`)
      return rows
    },

    async findManaged(id: number, { forUpdate = false } = {}): Promise<ManagedUser | undefined> {
      const { rows } = await db.query<ManagedUser>(`SELECT ${MANAGED_COLUMNS} FROM users u WHERE u.id = $1${forUpdate ? ' FOR UPDATE OF u' : ''}`, [id])
      return rows[0]
    },

    async usernameTaken(username: string): Promise<boolean> {
      const { rows } = await db.query<{ taken: boolean }>('SELECT EXISTS (SELECT 1 FROM users WHERE username = $1) AS taken', [username])
      return rows[0].taken
    },

    /** The codes among `codes` that name no region. */
    async unknownRegions(codes: string[]): Promise<string[]> {
      const { rows } = await db.query<{ code: string }>(
        'SELECT c AS code FROM unnest($1::text[]) AS c WHERE NOT EXISTS (SELECT 1 FROM regions WHERE code = c) ORDER BY c',
        [codes],
      )
      return rows.map((r) => r.code)
    },

    /** Active admins other than `exceptId`: the last admin may not be disabled or demoted. */
    async otherActiveAdmins(exceptId: number): Promise<number> {
      const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL AND id <> $1", [
        exceptId,
      ])
      return rows[0].n
    },

    async update(id: number, changes: UserChanges): Promise<void> {
      await db.query(
        `UPDATE users SET password_hash = coalesce($2, password_hash), role = coalesce($3, role),
                disabled_at = CASE WHEN $4::boolean IS NULL THEN disabled_at WHEN $4 THEN coalesce(disabled_at, now()) ELSE NULL END,
                worker_id = CASE WHEN $5::boolean THEN $6::bigint ELSE worker_id END
          WHERE id = $1`,
        [id, changes.passwordHash ?? null, changes.role ?? null, changes.disabled ?? null, changes.workerId !== undefined, changes.workerId ?? null],
      )
    },

    async replaceRegions(userId: number, regionCodes: string[]): Promise<void> {
      await db.query('DELETE FROM user_regions WHERE user_id = $1 AND NOT (region_code = ANY($2::text[]))', [userId, regionCodes])
      await db.query('INSERT INTO user_regions (user_id, region_code) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING', [userId, regionCodes])
    },

    async regionsOf(userId: number): Promise<string[]> {
      const { rows } = await db.query<{ code: string }>('SELECT region_code AS code FROM user_regions WHERE user_id = $1 ORDER BY region_code', [userId])
      return rows.map((r) => r.code)
    },

    /** Ends every session of a user at once (password, role or access changed). */
    async revokeSessions(userId: number): Promise<number> {
      const { rowCount } = await db.query('DELETE FROM sessions WHERE user_id = $1', [userId])
      return rowCount
    },

    /** Whether a supervisor's regions contain the point (by region boundary). */
    async mayActAt(userId: number, lng: number, lat: number): Promise<boolean> {
      const { rows } = await db.query<{ ok: boolean }>(
        `SELECT EXISTS (
           SELECT 1 FROM user_regions ur JOIN regions r ON r.code = ur.region_code
            WHERE ur.user_id = $1 AND ST_Intersects(r.boundary, ST_SetSRID(ST_MakePoint($2, $3), 4326))) AS ok`,
        [userId, lng, lat],
      )
      return rows[0].ok
    },

    /** Whether an incident lies in a supervisor's regions (its grid's code, or its location); undefined when no such incident. */
    async mayActOnIncident(userId: number, incidentId: number): Promise<boolean | undefined> {
      const { rows } = await db.query<{ ok: boolean }>(
        `SELECT EXISTS (
           SELECT 1 FROM user_regions ur JOIN regions r ON r.code = ur.region_code
            WHERE ur.user_id = $1
              AND (left(g.code, length(ur.region_code)) = ur.region_code OR ST_Intersects(r.boundary, i.geom))) AS ok
           FROM incidents i LEFT JOIN grids g ON g.id = i.grid_id
          WHERE i.id = $2`,
        [userId, incidentId],
      )
      return rows[0]?.ok
    },

    /** Creates a session and returns its bearer token; only the token's hash is stored. */
    async createSession(userId: number, ttlHours: number): Promise<string> {
      const token = randomBytes(32).toString('base64url')
      await db.query(`INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(hours => $3))`, [
        hashToken(token),
        userId,
        ttlHours,
      ])
      return token
    },

    async findSessionUser(token: string): Promise<User | undefined> {
      const { rows } = await db.query<User>(
        `SELECT u.id::int, u.username, u.role
           FROM sessions s JOIN users u ON u.id = s.user_id
          WHERE s.token_hash = $1 AND s.expires_at > now() AND u.disabled_at IS NULL`,
        [hashToken(token)],
      )
      return rows[0]
    },

    async deleteSession(token: string): Promise<void> {
      await db.query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)])
    },
  }
}
