// A small in-process publish/subscribe bus for live updates (the wall listens through GET /api/events).
// With several API instances on PostgreSQL, pg-event-relay.ts wraps it: LISTEN/NOTIFY fans events out.

export type LiveEventType =
  | 'incident.created' | 'incident.updated' | 'incident.alert'
  // Grid writes publish grid.changed; the wall's stats publish stats.refreshed after recomputing coverage.
  | 'grid.changed' | 'stats.refreshed'

export interface LiveEvent {
  type: LiveEventType
  payload: Record<string, unknown>
}

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
