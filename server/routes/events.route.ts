import type { ServerResponse } from 'node:http'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { HEARTBEAT_EVENT, LIVE_EVENT_TYPES } from '../domain/live-events'
import { LiveEventMessage } from '../schemas/events.schema'

// A named event, not a comment: EventSource hides comments, and a wall must notice a silent stream.
export const HEARTBEAT_MS = 15_000

/** Server-sent events: every live event as `event: <type>` with JSON data, plus heartbeats for proxies and for clients watching for a dead stream. */
export const eventsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const streams = new Set<ServerResponse>()
  // Open streams would hold a graceful shutdown until the grace period ends; end them first.
  app.addHook('preClose', async () => {
    for (const res of streams) res.end()
  })

  app.get(
    '/api/events',
    {
      config: { access: 'read' },
      schema: {
        tags: ['events'],
        summary: `A server-sent-events stream of live events (${LIVE_EVENT_TYPES.join(', ')})`,
        description: [
          'Each event comes as `event: <name>` and `data: <payload as JSON>`; the response schema lists every event and its payload.',
          `A \`${HEARTBEAT_EVENT}\` event every ${HEARTBEAT_MS / 1000} s keeps proxies open and tells a client the stream is alive.`,
          'Events sent while a client was disconnected are not replayed: refetch after reconnecting.',
          'A wall may pass its display token as `?token=` (EventSource sends no headers).',
        ].join(' '),
        response: {
          200: {
            description: 'Server-sent events until the client closes',
            content: { 'text/event-stream': { schema: LiveEventMessage } },
          },
        },
      },
    },
    (_request, reply) => {
      reply.hijack()
      const res = reply.raw
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      })
      res.write('retry: 3000\n: connected\n\n')
      const unsubscribe = app.events.subscribe((event) => {
        res.write(`event: ${event.type}\ndata: ${JSON.stringify(event.payload)}\n\n`)
      })
      const heartbeat = setInterval(() => res.write(`event: ${HEARTBEAT_EVENT}\ndata: {"at":"${new Date().toISOString()}"}\n\n`), HEARTBEAT_MS)
      streams.add(res)
      res.on('close', () => {
        clearInterval(heartbeat)
        unsubscribe()
        streams.delete(res)
      })
    },
  )
}
