/**
 * Large imports run as many short statements instead of one long one. On the embedded engine a
 * statement runs synchronously in this process and holds the only connection: while it runs,
 * nothing else is served. A read arriving meanwhile waits for the statement in progress, then is
 * served before the next one; so statements are sized to take about TARGET_MS.
 */
const TARGET_MS = 200
const FIRST_ROWS = 200
const MIN_ROWS = 20
const MAX_ROWS = 5_000

/** Sizes each chunk from the pace of the one before, growing at most twofold per step. */
export class ChunkPacer {
  private rows = FIRST_ROWS

  get size(): number {
    return this.rows
  }

  record(rows: number, ms: number): void {
    const ideal = Math.round((TARGET_MS * rows) / Math.max(ms, 1))
    this.rows = Math.max(MIN_ROWS, Math.min(MAX_ROWS, ideal, this.rows * 2))
  }
}

/** Lets pending I/O (requests, their queries) run before the next chunk takes the connection. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * Runs `work` over consecutive chunks of `items`, one after another, and concatenates what each
 * returns. `last` tells the final chunk; `start` is the position of its first item.
 */
export async function inPacedChunks<T, R>(items: readonly T[], work: (chunk: T[], last: boolean, start: number) => Promise<R[]>): Promise<R[]> {
  const pacer = new ChunkPacer()
  const results: R[] = []
  for (let start = 0; start < items.length; ) {
    const chunk = items.slice(start, start + pacer.size)
    const began = performance.now()
    for (const result of await work(chunk, start + chunk.length >= items.length, start)) results.push(result)
    pacer.record(chunk.length, performance.now() - began)
    start += chunk.length
    if (start < items.length) await yieldToEventLoop()
  }
  return results
}
