import { createHash, randomBytes } from 'node:crypto'
import type { Queryable } from '../db/database'

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

/** Tokens carry a prefix so that a leaked one is recognisable in logs and secret scanners. */
export const DISPLAY_TOKEN_PREFIX = 'wgd_'

export interface DisplayToken {
  id: number
  name: string
  createdAt: Date
  lastUsedAt: Date | null
  revokedAt: Date | null
}

const COLUMNS = 'id::int, name, created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"'

export function displayTokensRepository(db: Queryable) {
  return {
    /** Issues a token and returns it with its row; only the token's hash is stored. */
    async issue(name: string, createdBy: number): Promise<DisplayToken & { token: string }> {
      const token = DISPLAY_TOKEN_PREFIX + randomBytes(32).toString('base64url')
      const { rows } = await db.query<DisplayToken>(`INSERT INTO display_tokens (name, token_hash, created_by) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`, [
        name,
        hashToken(token),
        createdBy,
      ])
      return { ...rows[0], token }
    },

    /** Every token, its times as ISO 8601 text (as the API lists them). */
    async list() {
      const { rows } = await db.query<DisplayToken>(`SELECT ${COLUMNS} FROM display_tokens ORDER BY id`)
      const iso = (at: Date | null) => at?.toISOString() ?? null
      return rows.map((token) => ({ ...token, createdAt: token.createdAt.toISOString(), lastUsedAt: iso(token.lastUsedAt), revokedAt: iso(token.revokedAt) }))
    },

    /** Revokes a live token; false when there is no such token or it was revoked already. */
    async revoke(id: number): Promise<boolean> {
      const { rowCount } = await db.query('UPDATE display_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id])
      return rowCount > 0
    },

    async exists(id: number): Promise<boolean> {
      const { rows } = await db.query('SELECT 1 FROM display_tokens WHERE id = $1', [id])
      return rows.length > 0
    },

    /** The live token with this secret, marking it used (at most once a minute, to spare writes). */
    async findLive(token: string): Promise<{ id: number; name: string } | undefined> {
      if (!token.startsWith(DISPLAY_TOKEN_PREFIX)) return undefined
      const { rows } = await db.query<{ id: number; name: string }>(
        `WITH live AS (SELECT id, name, last_used_at FROM display_tokens WHERE token_hash = $1 AND revoked_at IS NULL),
              touched AS (
                UPDATE display_tokens d SET last_used_at = now() FROM live
                 WHERE d.id = live.id AND (live.last_used_at IS NULL OR live.last_used_at < now() - interval '1 minute'))
         SELECT id::int, name FROM live`,
        [hashToken(token)],
      )
      return rows[0]
    },
  }
}
