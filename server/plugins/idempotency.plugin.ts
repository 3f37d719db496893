import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { AppError } from '../errors'
import { idempotencyRepository } from '../repositories/idempotency.repository'

/**
 * Writes sent twice are carried out once. A phone's offline queue (or any client retrying after a
 * lost answer) sends each write with an `Idempotency-Key` it made when the write was made; the
 * first request with a key claims it and its answer is kept; a repeat by the same caller gets that
 * answer again (`Idempotent-Replayed: true`) and changes nothing. A 5xx, or a request that never
 * answered, releases the key so that the retry is carried out.
 */
export const IDEMPOTENCY_HEADER = 'idempotency-key'
const KEY = /^[A-Za-z0-9_.:-]{8,100}$/
const KEEP_HOURS = 24
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { principal: string; key: string; stored: boolean } | null
  }
}

const principalOf = (request: FastifyRequest) => (request.user ? `user:${request.user.id}:${request.user.username}` : `address:${request.ip}`)

export const idempotencyPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('idempotency', null)
  let claims = 0

  app.addHook('preHandler', async (request, reply) => {
    const raw = request.headers[IDEMPOTENCY_HEADER]
    if (raw === undefined || !WRITES.has(request.method)) return
    const key = Array.isArray(raw) ? raw[0] : raw
    if (!KEY.test(key)) throw new AppError(400, 'invalid_idempotency_key', 'Idempotency-Key: 8 to 100 letters, digits, _ . : -', { header: 'Idempotency-Key' })
    const principal = principalOf(request)
    const keys = idempotencyRepository(app.db)
    if (++claims % 500 === 0) await keys.expire(KEEP_HOURS)
    if (await keys.claim(principal, key, request.method, request.url)) {
      request.idempotency = { principal, key, stored: false }
      return
    }
    const earlier = await keys.find(principal, key)
    if (!earlier) throw new AppError(409, 'request_in_progress', 'A request with this Idempotency-Key has just finished; send it again')
    if (earlier.method !== request.method || earlier.url !== request.url) {
      throw new AppError(422, 'idempotency_key_reused', `This Idempotency-Key was used for ${earlier.method} ${earlier.url}`)
    }
    if (earlier.statusCode === null) throw new AppError(409, 'request_in_progress', 'The first request with this Idempotency-Key is still being carried out')
    return reply
      .status(earlier.statusCode)
      .header('idempotent-replayed', 'true')
      .header('content-type', 'application/json; charset=utf-8')
      .send(earlier.response)
  })

  // Settled before the answer leaves, so that a client retrying at once finds the key free or answered.
  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency
    if (!claim) return payload
    const keys = idempotencyRepository(app.db)
    if (reply.statusCode >= 500 || typeof payload !== 'string') await keys.release(claim.principal, claim.key)
    else await keys.complete(claim.principal, claim.key, reply.statusCode, payload)
    claim.stored = true
    return payload
  })

  // A request that ended without an answer (the client went away mid-write) frees its key too.
  app.addHook('onResponse', async (request) => {
    const claim = request.idempotency
    if (claim && !claim.stored)
      await idempotencyRepository(app.db)
        .release(claim.principal, claim.key)
        .catch(() => {})
  })
})
