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
  /** Where it connects: for a connection of its own outside the pool (the live-event listener). */
  readonly connectionString?: string
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
  /** How long opening one connection may take (default 2 s): a dead host must fail a request fast, not hang it. */
  connectTimeoutMs?: number
  /** How long a request may wait for a busy pool's free connection (default 10 s). */
  queueTimeoutMs?: number
}

const CONNECT_TIMEOUT_MS = 2_000
const QUEUE_TIMEOUT_MS = 10_000
// A statement the server stopped answering (a host gone silent) is given up this long after the
// server's own statement_timeout would have ended it.
const SILENT_SERVER_GRACE_MS = 5_000

// Errors of the connection itself (not of the statement) make a client unusable.
function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string })?.code
  if (code === undefined) return true
  return code.startsWith('08') || code === '57P01' || code === '57P03' || code === 'ECONNRESET' || code === 'ECONNREFUSED' || code === 'ETIMEDOUT'
}

/**
 * An error meaning "the database cannot be reached", whatever the driver said: SQLSTATE 08006
 * (connection_failure), which the error handler answers with 503 database_unavailable.
 */
export class DatabaseUnavailableError extends Error {
  readonly code = '08006'
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'DatabaseUnavailableError'
  }
}

const unavailable = (error: unknown): Error => {
  const code = (error as { code?: string })?.code
  if (code?.startsWith('08')) return error as Error
  return new DatabaseUnavailableError(`database unreachable: ${(error as Error)?.message ?? error}`, { cause: error })
}

/**
 * A pg pool whose clients survive statement errors. pg-pool's own `query` discards a client on
 * any error; behind the embedded engine's single-connection socket that forces a reconnect race.
 */
export function createPoolDatabase(options: PoolOptions, onClose: () => Promise<void> = async () => {}): Database {
  const connectTimeoutMs = options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS
  // pg-pool uses its connectionTimeoutMillis both for waiting on a busy pool and for opening a
  // connection; the client class gets the shorter limit of its own.
  class FastFailingClient extends pg.Client {
    constructor(config: pg.ClientConfig) {
      super({ ...config, connectionTimeoutMillis: connectTimeoutMs })
    }
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections,
    idleTimeoutMillis: 0,
    connectionTimeoutMillis: options.queueTimeoutMs ?? QUEUE_TIMEOUT_MS,
    Client: FastFailingClient as unknown as new () => pg.ClientBase,
    // Only a server can go silent: the embedded engine runs in this process, one statement at a
    // time, so a statement queued behind a long one is slow, not lost.
    ...(options.engine === 'postgres' ? { query_timeout: options.statementTimeoutMs + SILENT_SERVER_GRACE_MS } : {}),
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  })
  // Set when a connection could not be opened or a statement went unanswered, cleared by the next
  // success. While it is set a request finding every connection taken fails at once, and when it
  // trips, requests already queued for a connection fail with it instead of each waiting to try
  // a connection of its own.
  let unreachable = false
  const waiting = new Set<(error: Error) => void>()
  function trip(): void {
    unreachable = true
    const error = new DatabaseUnavailableError('database unreachable: a connection attempt failed while this request waited for one')
    for (const fail of waiting) fail(error)
    waiting.clear()
  }
  // A broken idle connection must not crash the process; the pool drops it and the next checkout reconnects.
  pool.on('error', () => {})

  // JIT off: the app's queries are short and expression-heavy (Mercator, geography), and on a
  // million rows PostgreSQL spent seconds compiling expressions that ran in a hundred milliseconds.
  const timeoutSql = `SET statement_timeout = ${Math.trunc(options.statementTimeoutMs)}; SET jit = off`
  const prepared = new WeakSet<pg.PoolClient>()

  async function connect(): Promise<pg.PoolClient> {
    const connecting = pool.connect()
    let fail!: (error: Error) => void
    const tripped = new Promise<never>((_, reject) => {
      fail = reject
    })
    tripped.catch(() => {})
    waiting.add(fail)
    try {
      return await Promise.race([connecting, tripped])
    } catch (error) {
      waiting.delete(fail)
      // Given up on: a connection the pool hands over later goes straight back.
      connecting.then(
        (client) => client.release(),
        () => {},
      )
      // Not reachable, or no connection freed in time: either way the request gets 503.
      if ((error as Error)?.message !== 'timeout exceeded when trying to connect' && !(error instanceof DatabaseUnavailableError)) trip()
      throw unavailable(error)
    } finally {
      waiting.delete(fail)
    }
  }

  async function checkout(): Promise<pg.PoolClient> {
    if (unreachable && pool.idleCount === 0 && pool.totalCount >= options.maxConnections) {
      throw new DatabaseUnavailableError('database unreachable: every connection is taken and the last attempts failed')
    }
    const client = await connect()
    if (!prepared.has(client)) {
      // A protocol error on a checked-out client is also thrown to its query; without a
      // listener the 'error' event would crash the process.
      client.on('error', () => {})
      try {
        await client.query(timeoutSql)
      } catch (error) {
        client.release(true)
        trip()
        throw unavailable(error)
      }
      prepared.add(client)
    }
    unreachable = false
    return client
  }

  async function withClient<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await checkout()
    try {
      const result = await work(client)
      client.release()
      return result
    } catch (error) {
      // The embedded engine's socket layer can answer the next statement on a connection out of
      // order after a statement failed on it (seen: a failed transaction, then DDL, then every
      // later query one answer behind). A fresh connection costs a loopback connect: take one.
      const lost = isConnectionError(error) || (options.engine === 'pglite' && error instanceof pg.DatabaseError)
      client.release(lost ? (error as Error) : undefined)
      if ((error as Error)?.message === 'Query read timeout') {
        trip()
        throw unavailable(error)
      }
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
    connectionString: options.connectionString,
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
