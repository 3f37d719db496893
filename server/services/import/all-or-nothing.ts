import { randomUUID } from 'node:crypto'
import type { Database, Queryable } from '../../db/database'
import { importJournalRepository } from '../../repositories/import-journal.repository'
import { inPacedChunks, yieldToEventLoop } from './chunk-pacer'

export type WrittenId = number | string

export interface WriteContext {
  userId: number | null
  username: string
}

export type Undo = (tx: Queryable, ids: string[]) => Promise<void>

export interface RecordWriter<R> {
  /** Writes some rows in the transaction `tx` and returns their ids, in order. */
  write(tx: Queryable, rows: R[], context: WriteContext): Promise<WrittenId[]>
  /**
   * Removes rows `write` wrote. Only the large point layers have one: on the embedded engine their
   * import commits chunk by chunk, so that it does not hold the only session for minutes.
   */
  undo?: Undo
}

/**
 * Writes every row or none. One transaction where readers can carry on beside it (PostgreSQL's
 * MVCC and pool), and for the small layers everywhere. On the embedded engine a transaction holds
 * its only session, and every read waits until it ends; there a large import commits chunk by
 * chunk, each recording its ids in the import journal in the same transaction, and the last chunk
 * empties the journal as it commits. A failure undoes the chunks already committed; a crash leaves
 * them in the journal for the next start-up. Readers may see such an import before it is complete.
 */
export async function writeAllOrNothing<R>(db: Database, kind: string, rows: R[], writer: RecordWriter<R>, context: WriteContext): Promise<WrittenId[]> {
  if (db.engine !== 'pglite' || !writer.undo) {
    return db.transaction((tx) => inPacedChunks(rows, (chunk) => writer.write(tx, chunk, context)))
  }
  const importId = randomUUID()
  let committed = false
  try {
    return await inPacedChunks(rows, (chunk, last) =>
      db.transaction(async (tx) => {
        const ids = await writer.write(tx, chunk, context)
        const journal = importJournalRepository(tx)
        if (last) await journal.finish(importId)
        else await journal.record(importId, kind, ids)
        committed = true
        return ids
      }),
    )
  } catch (error) {
    // Should the undo fail too (the database gone), the journal keeps the chunks for start-up.
    if (committed) await undoJournaled(db, () => writer.undo, importId).catch(() => {})
    throw error
  }
}

/**
 * Undoes journaled chunks, newest first, each in a short transaction of its own that also drops
 * its journal entry: of one import, or (importId null, at start-up) of every import cut off.
 */
export async function undoJournaled(db: Database, undoOf: (kind: string) => Undo | undefined, importId: string | null = null): Promise<number> {
  const entries = await importJournalRepository(db).entries(importId)
  for (const entry of entries) {
    const undo = undoOf(entry.kind)
    if (!undo) throw new Error(`no undo for journaled import kind ${entry.kind}`)
    await db.transaction(async (tx) => {
      await undo(tx, entry.ids)
      await importJournalRepository(tx).remove(entry.id)
    })
    await yieldToEventLoop()
  }
  return entries.length
}
