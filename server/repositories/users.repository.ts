import { createHash, randomBytes } from 'node:crypto'
import type { Queryable } from '../db/database'

export type Role = 'admin' | 'supervisor' | 'analyst' | 'display'

export interface User {
  id: number
  username: string
  role: Role
}

interface UserRow extends User {
  passwordHash: string
}

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

    async create(username: string, passwordHash: string, role: Role): Promise<User> {
      const { rows } = await db.query<User>(
        `INSERT INTO users (username, password_hash, role) VALUES ($1, $2, $3)
         RETURNING id::int, username, role`,
        [username, passwordHash, role],
      )
      return rows[0]
    },

    async assignRegions(userId: number, regionCodes: string[]): Promise<void> {
      await db.query(
        `INSERT INTO user_regions (user_id, region_code) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
        [userId, regionCodes],
      )
    },

    /** Creates a session and returns its bearer token; only the token's hash is stored. */
    async createSession(userId: number, ttlHours: number): Promise<string> {
      const token = randomBytes(32).toString('base64url')
      await db.query(
        `INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(hours => $3))`,
        [hashToken(token), userId, ttlHours],
      )
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
