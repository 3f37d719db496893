import type { Queryable } from '../db/database'
import { SqlConditions } from './sql-fragments'

export interface AuditFilter {
  table?: string
  actor?: string
  action?: AuditEntry['action']
  from?: string
  to?: string
  limit: number
  offset: number
}

export interface AuditEntry {
  id: number
  at: string
  actor: string
  action: 'insert' | 'update' | 'delete' | 'rehome'
  table: string
  rowKey: string | null
  before: unknown
  after: unknown
}

/** The audit log the triggers of migration 009 write; read-only here. */
export function auditRepository(db: Queryable) {
  return {
    /** No audit rows for the rest of this transaction (the audit triggers honour this setting): for bulk loads, not users' edits. */
    async offForThisTransaction(): Promise<void> {
      await db.query("SELECT set_config('wangge.audit', 'off', true)")
    },

    async list(filter: AuditFilter): Promise<AuditEntry[]> {
      const where = new SqlConditions()
      if (filter.table) where.add('table_name = ?', filter.table)
      if (filter.actor) where.add('actor = ?', filter.actor)
      if (filter.action) where.add('action = ?', filter.action)
      if (filter.from) where.add('at >= ?::timestamptz', filter.from)
      if (filter.to) where.add('at < ?::timestamptz', filter.to)
      const { rows } = await db.query<AuditEntry>(
        `SELECT id::int, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, actor, action,
                table_name AS "table", row_key AS "rowKey", before, after
           FROM audit_log ${where.where()}
          ORDER BY at DESC, id DESC
          LIMIT ${where.param(filter.limit)} OFFSET ${where.param(filter.offset)}`,
        where.params,
      )
      return rows
    },
  }
}
