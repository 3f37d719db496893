import type { Queryable } from '../db/database'

export interface StoredAnswer {
  method: string
  url: string
  statusCode: number | null
  response: string | null
}

export function idempotencyRepository(db: Queryable) {
  return {
    /** Claims the key for this request; false when the caller used it before. */
    async claim(principal: string, key: string, method: string, url: string): Promise<boolean> {
      const { rowCount } = await db.query(`INSERT INTO idempotency_keys (principal, key, method, url) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [
        principal,
        key,
        method,
        url,
      ])
      return rowCount > 0
    },

    async find(principal: string, key: string): Promise<StoredAnswer | undefined> {
      const { rows } = await db.query<StoredAnswer>(
        'SELECT method, url, status_code AS "statusCode", response FROM idempotency_keys WHERE principal = $1 AND key = $2',
        [principal, key],
      )
      return rows[0]
    },

    async complete(principal: string, key: string, statusCode: number, response: string): Promise<void> {
      await db.query('UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE principal = $1 AND key = $2', [principal, key, statusCode, response])
    },

    async release(principal: string, key: string): Promise<void> {
      await db.query('DELETE FROM idempotency_keys WHERE principal = $1 AND key = $2 AND status_code IS NULL', [principal, key])
    },

    async expire(olderThanHours: number): Promise<void> {
      await db.query('DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)', [olderThanHours])
    },
  }
}
