import pg from 'pg'

export type Engine = 'pglite' | 'postgres'

export interface QueryResult<Row> {
  rows: Row[]
  rowCount: number
}

/** What repositories see: a query function, bound either to the pool or to one transaction. */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<Row>>
}

export interface Database extends Queryable {
  readonly engine: Engine
  /** Runs `work` in one transaction on one connection; rolls back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>
  /**
   * Runs `work` with up to `readers` read-only REPEATABLE READ transactions that all see one
   * snapshot (pg_export_snapshot), on as many connections as are free right now: independent
   * queries of one report can then run side by side and still agree. One reader at least; the
   * embedded engine, with its single connection, always gets one.
   */
  readSnapshot<T>(readers: number, work: (readers: Queryable[]) => Promise<T>): Promise<T>
  /** Resolves when the database answers a trivial query, rejects otherwise. */
  ping(): Promise<void>
  close(): Promise<void>
}

export interface PoolOptions {
  connectionString: string
  engine: Engine
  maxConnections: number
  statementTimeoutMs: number
}

// Errors of the connection itself (not of the statement) make a client unusable.
function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string })?.code
  if (code === undefined) return true
  return code.startsWith('08') || code === '57P01' || code === 'ECONNRESET' || code === 'ECONNREFUSED'
}

/**
 * A pg pool whose clients survive statement errors. pg-pool's own `query` discards a client on
 * any error; behind the embedded engine's single-connection socket that forces a reconnect race.
 */
export function createPoolDatabase(options: PoolOptions, onClose: () => Promise<void> = async () => {}): Database {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections,
    idleTimeoutMillis: 0,
    connectionTimeoutMillis: 10_000,
  })
  // A broken idle connection must not crash the process; the next checkout reconnects.
  pool.on('error', () => {})

  // JIT off: the app's queries are short and expression-heavy (Mercator, geography), and on a
  // million rows PostgreSQL spent seconds compiling expressions that ran in a hundred milliseconds.
  const timeoutSql = `SET statement_timeout = ${Math.trunc(options.statementTimeoutMs)}; SET jit = off`
  const prepared = new WeakSet<pg.PoolClient>()

  async function checkout(): Promise<pg.PoolClient> {
    const client = await pool.connect()
    if (!prepared.has(client)) {
      // A protocol error on a checked-out client is also thrown to its query; without a
      // listener the 'error' event would crash the process.
      client.on('error', () => {})
      try {
        await client.query(timeoutSql)
      } catch (error) {
        client.release(true)
        throw error
      }
      prepared.add(client)
    }
    return client
  }

  async function withClient<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await checkout()
    try {
      const result = await work(client)
      client.release()
      return result
    } catch (error) {
      client.release(isConnectionError(error) ? (error as Error) : undefined)
      throw error
    }
  }

  const run = (client: pg.PoolClient | pg.Pool) =>
    async function query<Row>(sql: string, params?: unknown[]): Promise<QueryResult<Row>> {
      const result = await client.query(sql, params as unknown[])
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 }
    }

  /** A connection's queries one after another, however many callers share it at once. */
  function queued(client: pg.PoolClient): Queryable {
    let tail: Promise<unknown> = Promise.resolve()
    return {
      query<Row>(sql: string, params?: unknown[]): Promise<QueryResult<Row>> {
        const result = tail.then(() => run(client)<Row>(sql, params))
        tail = result.catch(() => {})
        return result
      },
    }
  }

  return {
    engine: options.engine,
    query: <Row>(sql: string, params?: unknown[]) => withClient((client) => run(client)<Row>(sql, params)),
    transaction: <T>(work: (tx: Queryable) => Promise<T>) =>
      withClient(async (client) => {
        await client.query('BEGIN')
        try {
          const result = await work({ query: run(client) })
          await client.query('COMMIT')
          return result
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {})
          throw error
        }
      }),
    readSnapshot: <T>(readers: number, work: (readers: Queryable[]) => Promise<T>) =>
      withClient(async (first) => {
        await first.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY')
        const extra: pg.PoolClient[] = []
        try {
          // Only connections free at this moment: waiting for one while holding one could deadlock.
          const free = options.engine === 'pglite' ? 0 : pool.idleCount + (options.maxConnections - pool.totalCount)
          const wanted = Math.max(0, Math.min(readers - 1, free))
          if (wanted > 0) {
            const { rows } = await first.query<{ id: string }>('SELECT pg_export_snapshot() AS id')
            for (let i = 0; i < wanted; i++) {
              const client = await checkout()
              extra.push(client)
              await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY')
              await client.query(`SET TRANSACTION SNAPSHOT '${rows[0].id.replace(/[^0-9A-F-]/gi, '')}'`)
            }
          }
          return await work([first, ...extra].map(queued))
        } finally {
          for (const client of [first, ...extra]) await client.query('COMMIT').catch(() => {})
          for (const client of extra) client.release()
        }
      }),
    ping: async () => {
      await withClient((client) => client.query('SELECT 1'))
    },
    close: async () => {
      await pool.end()
      await onClose()
    },
  }
}
