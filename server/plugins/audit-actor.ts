import { AsyncLocalStorage } from 'node:async_hooks'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Database, Queryable } from '../db/database'

/**
 * Who is writing, for the audit triggers (migration 009): each request runs in a context that
 * knows its request; every write the app makes in that context first puts the actor in the
 * transaction-local setting wangge.actor. Writes outside a request record the database user.
 */
interface ActorContext {
  request: FastifyRequest
  /** Set by routes whose caller is not a user (an Open311 client app). */
  actor?: string
}

const contexts = new AsyncLocalStorage<ActorContext>()

/** The actor of the current request: the username (display tokens are `display:<name>`), or `anonymous`. */
export function currentActor(): string | undefined {
  const context = contexts.getStore()
  if (!context) return undefined
  return context.actor ?? context.request.user?.username ?? 'anonymous'
}

/** Names the actor of the current request when it is not a logged-in user. */
export function setAuditActor(actor: string): void {
  const context = contexts.getStore()
  if (context) context.actor = actor
}

/**
 * Enters the actor context for every request. preValidation, not onRequest: a request's body is
 * read in another async context, and the handler runs in the one that finished reading it.
 */
export function registerAuditActor(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => contexts.run({ request }, done))
}

const WRITE = /\b(insert|update|delete|merge)\b/i
const SET_ACTOR = "SELECT set_config('wangge.actor', $1, true)"

/** The database the routes see: the same, except that writes carry the actor of the request. */
export function withAuditActor(db: Database): Database {
  const transaction = <T>(work: (tx: Queryable) => Promise<T>): Promise<T> => {
    const actor = currentActor()
    if (actor === undefined) return db.transaction(work)
    return db.transaction(async (tx) => {
      await tx.query(SET_ACTOR, [actor])
      return work(tx)
    })
  }
  // Everything else (and whatever the database grows later) is the database's own.
  const audited: Database = Object.create(db)
  audited.query = <Row>(sql: string, params?: unknown[]) =>
    currentActor() !== undefined && WRITE.test(sql) ? transaction((tx) => tx.query<Row>(sql, params)) : db.query<Row>(sql, params)
  audited.transaction = transaction
  return audited
}
