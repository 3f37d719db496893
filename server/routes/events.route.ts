import type { ServerResponse } from 'node:http'
import type { FastifyInstance } from 'fastify'
import type { LiveEvent } from '../events/event-bus'

// A named event, not a comment: EventSource hides comments, and a wall must notice a silent stream.
export const HEARTBEAT_MS = 15_000

/** Server-sent events: every live event as `event: <type>` with JSON data, plus heartbeats for proxies and for clients watching for a dead stream. */
export async function eventsRoutes(app: FastifyInstance) {
  const streams = new Set<ServerResponse>()
  // Open streams would hold a graceful shutdown until the grace period ends; end them first.
  app.addHook('preClose', async () => {
    for (const res of streams) res.end()
  })

  app.get(
    '/api/events',
    { schema: { tags: ['events'], summary: 'A server-sent-events stream of live events (incident.created, incident.updated, incident.alert)' } },
    (request, reply) => {
      reply.hijack()
      const res = reply.raw
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      })
      res.write('retry: 3000\n: connected\n\n')
      const unsubscribe = app.events.subscribe((event: LiveEvent) => {
        res.write(`event: ${event.type}\ndata: ${JSON.stringify(event.payload)}\n\n`)
      })
      const heartbeat = setInterval(() => res.write(`event: heartbeat\ndata: {"at":"${new Date().toISOString()}"}\n\n`), HEARTBEAT_MS)
      streams.add(res)
      res.on('close', () => {
        clearInterval(heartbeat)
        unsubscribe()
        streams.delete(res)
      })
    },
  )
}
