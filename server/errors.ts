import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { redactUrl } from './log-redaction'

/** A client error with a stable machine-readable code; the handler turns it into a 4xx. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`)
export const unauthorized = () => new AppError(401, 'unauthorized', 'Log in first (POST /api/auth/login)')
export const forbidden = (why: string) => new AppError(403, 'forbidden', why)

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown }
}

// Fastify's own client errors, mapped to our codes.
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_request',
}

// PostgreSQL: character_not_in_repertoire (a NUL in text), untranslatable_character.
const UNSTORABLE_TEXT = new Set(['22021', '22P05'])

/** The one error handler: 4xx as {error:{code,message,details}}, 5xx logged and hidden. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      const body: ErrorBody = { error: { code: error.code, message: error.message, details: error.details } }
      return reply.status(error.statusCode).send(body)
    }
    if (error.validation) {
      const details = error.validation.map((issue) => ({
        path: `${error.validationContext ?? ''}${issue.instancePath}`,
        message: issue.message,
      }))
      return reply.status(400).send({ error: { code: 'invalid_request', message: error.message, details } })
    }
    const status = error.statusCode ?? 500
    if (status >= 400 && status < 500) {
      const code = FASTIFY_CODES[error.code] ?? (error instanceof SyntaxError ? 'invalid_json' : 'bad_request')
      return reply.status(status).send({ error: { code, message: error.message } })
    }
    // Text PostgreSQL cannot store (a NUL, a bad byte sequence) is the client's input, whatever route let it through.
    if (UNSTORABLE_TEXT.has(error.code))
      return reply.status(400).send({ error: { code: 'invalid_text', message: 'Text contains a character the database cannot store' } })
    request.log.error({ err: error, url: redactUrl(request.url), method: request.method }, 'request failed')
    const unavailable = isDatabaseUnavailable(error)
    return reply.status(unavailable ? 503 : 500).send({
      error: {
        code: unavailable ? 'database_unavailable' : 'internal_error',
        message: unavailable ? 'The database is unreachable' : 'Internal server error',
      },
    })
  })
}

/** 404 for unknown routes; `fallback` may answer first (the client's SPA routes). */
export function registerNotFoundHandler(app: FastifyInstance, fallback?: (request: FastifyRequest, reply: FastifyReply) => boolean): void {
  app.setNotFoundHandler((request, reply) => {
    if (fallback?.(request, reply)) return
    reply.status(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` } })
  })
}

export function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? ''
  const message = (error as Error)?.message ?? ''
  return (
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code.startsWith('08') ||
    code === '57P01' ||
    /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(message)
  )
}
