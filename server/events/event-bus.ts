// A small in-process publish/subscribe bus for live updates (the wall listens through GET /api/events).
// With several API instances on PostgreSQL, pg-event-relay.ts wraps it: LISTEN/NOTIFY fans events out.

// The events' names and payloads are their schemas' (server/schemas/events.schema.ts).
import type { LiveEvent } from '../schemas/events.schema'

export type { LiveEventType } from '../domain/live-events'
export type { LiveEvent }

export type Listener = (event: LiveEvent) => void

export interface EventBus {
  publish(event: LiveEvent): void
  /** Returns the unsubscribe function; call it when the listener goes away, or it leaks. */
  subscribe(listener: Listener): () => void
  listenerCount(): number
}

export function createEventBus(onListenerError: (error: unknown) => void = () => {}): EventBus {
  const listeners = new Set<Listener>()
  return {
    publish(event) {
      // A failing listener (a closed socket) must not stop the others or the publisher.
      for (const listener of [...listeners]) {
        try {
          listener(event)
        } catch (error) {
          onListenerError(error)
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    listenerCount: () => listeners.size,
  }
}
