import type { Queryable } from '../db/database'

export interface JournalEntry {
  id: number
  importId: string
  kind: string
  ids: string[]
}

/** The import journal (migration 012), and the deletes that undo a journaled chunk. */
export function importJournalRepository(db: Queryable) {
  return {
    async record(importId: string, kind: string, ids: (number | string)[]): Promise<void> {
      await db.query('INSERT INTO import_journal (import_id, kind, ids) VALUES ($1, $2, $3::text[])', [importId, kind, ids.map(String)])
    },

    /** Entries newest first: of one import, or (null) of every import. */
    async entries(importId: string | null): Promise<JournalEntry[]> {
      const { rows } = await db.query<JournalEntry>(
        `SELECT id::int, import_id AS "importId", kind, ids FROM import_journal
          WHERE $1::text IS NULL OR import_id = $1 ORDER BY id DESC`,
        [importId],
      )
      return rows
    },

    async remove(entryId: number): Promise<void> {
      await db.query('DELETE FROM import_journal WHERE id = $1', [entryId])
    },

    async finish(importId: string): Promise<void> {
      await db.query('DELETE FROM import_journal WHERE import_id = $1', [importId])
    },

    /** Their service access goes with them (ON DELETE CASCADE). */
    async deleteHouseholds(ids: string[]): Promise<void> {
      await db.query('DELETE FROM households WHERE id = ANY($1::bigint[])', [ids])
    },

    /** Their events go with them (ON DELETE CASCADE). */
    async deleteIncidents(ids: string[]): Promise<void> {
      await db.query('DELETE FROM incidents WHERE id = ANY($1::bigint[])', [ids])
    },
  }
}
