// Live events across API instances: PostgreSQL LISTEN/NOTIFY on channel `wangge_events`.
//
// - Publishing delivers to this instance's subscribers at once (no round trip, and it still works
//   while the database is away), then sends a small JSON envelope with pg_notify through the pool.
// - A dedicated pg.Client (not from the pool: a pooled connection is handed to other queries and its
//   LISTEN would go with it) listens and hands other instances' events to local subscribers.
//   Envelopes carry the origin instance's id; an instance skips its own echo, so every event
//   reaches each instance's subscribers exactly once.
// - The listener reconnects with backoff when its connection drops (each loss and return is
//   logged). Events sent while it is away are not replayed: walls refetch on their own timers.
// - The embedded engine (PGlite behind a socket) has one connection: a listener would take it from
//   every query, and there is only ever one process on it, so its bus stays in-process.
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import pg from 'pg'
import type { Database } from '../db/database'
import { isLiveEventType, LOCAL_ONLY_EVENT_TYPES, type LiveEventType } from '../domain/live-events'
import type { LiveEvent, LiveEventData } from '../schemas/events.schema'
import { createEventBus, type EventBus } from './event-bus'

export const NOTIFY_CHANNEL = 'wangge_events'
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; stay below with room to spare. */
export const NOTIFY_MAX_BYTES = 7_900
/** What each instance computes for itself (its own coverage cache): never sent to the others. */
export const LOCAL_ONLY_EVENTS: ReadonlySet<LiveEventType> = new Set<LiveEventType>(LOCAL_ONLY_EVENT_TYPES)
const LISTENER_APPLICATION_NAME = 'wangge-events-listener'
const BACKOFF_MIN_MS = 200
const BACKOFF_MAX_MS = 10_000
/** Notifications waiting for a pool connection; beyond this (a database gone slow) the oldest are dropped. */
const MAX_PENDING = 1_000
const CLOSE_WAIT_MS = 2_000

/**
 * The envelope: `{"v":1,"o":origin,"t":type,"p":payload}`. A payload that would make it
 * NOTIFY_MAX_BYTES or more is not sent: `"p":null,"cut":true` goes instead, the full event stays
 * with this instance's subscribers, and the others receive the type with `{ truncated: true }` —
 * enough for a wall to refetch and for a cache to drop what a grid.changed invalidates.
 */
export interface Envelope {
  v: 1
  o: string
  t: LiveEventType
  p: LiveEventData | null
  cut?: true
}

export function encodeEnvelope(origin: string, event: LiveEvent): string {
  const full = JSON.stringify({ v: 1, o: origin, t: event.type, p: event.payload } satisfies Envelope)
  if (Buffer.byteLength(full, 'utf8') < NOTIFY_MAX_BYTES) return full
  return JSON.stringify({ v: 1, o: origin, t: event.type, p: null, cut: true } satisfies Envelope)
}

/** The event in a notification and who sent it; undefined for anything that is not an envelope of ours. */
export function decodeEnvelope(text: string | undefined): { origin: string; event: LiveEvent } | undefined {
  let value: Partial<Envelope>
  try {
    value = JSON.parse(text ?? '') as Partial<Envelope>
  } catch {
    return undefined
  }
  if (value?.v !== 1 || typeof value.o !== 'string' || typeof value.t !== 'string' || !isLiveEventType(value.t)) return undefined
  // (TypeScript cannot pair a name known only at run time with its payload: hence `as LiveEvent`.)
  if (value.cut) return { origin: value.o, event: { type: value.t, payload: { truncated: true } } as LiveEvent }
  if (typeof value.p !== 'object' || value.p === null || Array.isArray(value.p)) return undefined
  // Another instance of this server published it: its payload is what that event's schema says.
  return { origin: value.o, event: { type: value.t, payload: value.p } as LiveEvent }
}

export interface RelayLog {
  info(details: object, message: string): void
  warn(details: object, message: string): void
}

export interface PgEventRelay {
  /** The bus the app uses: local delivery plus NOTIFY. */
  bus: EventBus
  /** This instance's id in envelopes. */
  origin: string
  /** Connects the listener (one attempt; on failure it keeps retrying in the background). */
  start(): Promise<void>
  /** The listener's backend pid while connected. */
  listenerPid(): number | undefined
  close(): Promise<void>
}

export interface PgEventRelayOptions {
  db: Pick<Database, 'query'>
  connectionString: string
  log: RelayLog
  local?: EventBus
}

export function createPgEventRelay({ db, connectionString, log, local = createEventBus() }: PgEventRelayOptions): PgEventRelay {
  const origin = randomUUID()
  let client: pg.Client | undefined
  let closed = false
  let failures = 0
  let retry: ReturnType<typeof setTimeout> | undefined

  // One NOTIFY at a time: an instance's events arrive elsewhere in the order it published them.
  const pending: string[] = []
  let sending: Promise<void> | undefined
  function drain(): Promise<void> {
    sending ??= (async () => {
      while (pending.length) {
        const payload = pending.shift()!
        await db
          .query('SELECT pg_notify($1, $2)', [NOTIFY_CHANNEL, payload])
          .catch((error: unknown) => log.warn({ err: error }, 'live event not sent to other instances'))
      }
      sending = undefined
    })()
    return sending
  }

  function receive(message: pg.Notification): void {
    if (message.channel !== NOTIFY_CHANNEL) return
    const decoded = decodeEnvelope(message.payload)
    // Our own notification comes back too: its subscribers already had it from publish().
    if (!decoded || decoded.origin === origin) return
    local.publish(decoded.event)
  }

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString, application_name: LISTENER_APPLICATION_NAME, connectionTimeoutMillis: 5_000, keepAlive: true })
    next.on('error', () => {}) // 'end' follows and reconnects
    try {
      await next.connect()
      next.on('notification', receive)
      await next.query(`LISTEN ${NOTIFY_CHANNEL}`)
    } catch (error) {
      await next.end().catch(() => {})
      throw error
    }
    if (closed) {
      await next.end().catch(() => {})
      return
    }
    client = next
    next.once('end', () => {
      if (client !== next) return
      client = undefined
      if (closed) return
      log.warn({ channel: NOTIFY_CHANNEL }, 'live event listener lost its database connection; reconnecting')
      schedule()
    })
    if (failures > 0) log.info({ channel: NOTIFY_CHANNEL, attempts: failures }, 'live event listener reconnected')
    failures = 0
  }

  function schedule(): void {
    if (closed || retry) return
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** failures) * (0.75 + Math.random() / 2)
    failures++
    retry = setTimeout(() => {
      retry = undefined
      connect().catch((error: unknown) => {
        log.warn({ err: error, attempt: failures }, 'live event listener could not reconnect; retrying')
        schedule()
      })
    }, delay)
  }

  return {
    origin,
    bus: {
      publish(event) {
        local.publish(event)
        if (closed || LOCAL_ONLY_EVENTS.has(event.type)) return
        if (pending.length >= MAX_PENDING) pending.shift()
        pending.push(encodeEnvelope(origin, event))
        void drain()
      },
      subscribe: (listener) => local.subscribe(listener),
      listenerCount: () => local.listenerCount(),
    },
    async start() {
      try {
        await connect()
      } catch (error) {
        log.warn({ err: error }, 'live event listener could not connect; retrying')
        schedule()
      }
    },
    listenerPid: () => (client as unknown as { processID?: number } | undefined)?.processID ?? undefined,
    async close() {
      closed = true
      // What was published before the close still goes out (the pool closes after the app), unless
      // the database is not answering: a shutdown does not wait on that.
      let timer: ReturnType<typeof setTimeout> | undefined
      await Promise.race([sending, new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS)))])
      clearTimeout(timer)
      if (retry) clearTimeout(retry)
      retry = undefined
      const current = client
      client = undefined
      await current?.end().catch(() => {})
    },
  }
}

/**
 * The app's bus: relayed through PostgreSQL on the 'postgres' engine, in-process on the embedded
 * one (see the top of this file). The listener closes with the app.
 */
export async function createLiveEvents(app: FastifyInstance, db: Database): Promise<EventBus> {
  const local = createEventBus((error) => app.log.warn({ err: error }, 'live event listener failed'))
  if (db.engine !== 'postgres' || !db.connectionString) return local
  const relay = createPgEventRelay({ db, connectionString: db.connectionString, log: app.log, local })
  app.addHook('onClose', async () => relay.close())
  await relay.start()
  return relay.bus
}
