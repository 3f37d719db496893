import type { Queryable } from '../db/database'

/** The change feed the coverage cache reads (table and triggers: migration 008). */
export function coverageChangesRepository(db: Queryable) {
  return {
    /**
     * The current snapshot, and the scopes written by every transaction the snapshot `since`
     * could not see (all of them when `since` is null). One statement, so nothing falls between.
     */
    async since(since: string | null): Promise<{ snapshot: string; scopes: string[] }> {
      const { rows } = await db.query<{ snapshot: string; scopes: string[] }>(
        `SELECT pg_current_snapshot()::text AS snapshot,
                CASE WHEN $1::text IS NULL THEN '{}'::text[] ELSE ARRAY(
                  SELECT DISTINCT scope FROM coverage_changes
                   WHERE xid >= pg_snapshot_xmin($1::pg_snapshot) AND NOT pg_visible_in_snapshot(xid, $1::pg_snapshot)) END AS scopes`,
        [since],
      )
      return rows[0]
    },

    /** Forgets changes no cached report can still be waiting for (caches live for minutes). */
    async prune(): Promise<void> {
      await db.query(`DELETE FROM coverage_changes WHERE changed_at < now() - interval '1 hour'`)
    },
  }
}
