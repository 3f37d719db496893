// The wall's live link: an EventSource on /api/events that reconnects with backoff, watches for a
// silent stream (the server sends a heartbeat event every 15 s), and reports live / stale since
// when. The browser's own retry is not used: it retries at a fixed pace and hides the gap.
import { HEARTBEAT_EVENT } from '../../../../server/domain/live-events';
import { backoffDelay } from './backoff';

export type LiveStatus = 'connecting' | 'live' | 'stale';
export interface LiveState {
  status: LiveStatus;
  /** When the link was lost (ms since epoch), while stale. */
  since: number | null;
}

export interface EventSourceLike {
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
}

export interface LiveOptions {
  url: string;
  /** Named events to pass on (heartbeats are always watched). */
  eventTypes: readonly string[];
  onEvent: (type: string, data: unknown) => void;
  onState: (state: LiveState) => void;
  /** After the link comes back from a loss: events were missed, so everything must be refetched. */
  onReconnected: () => void;
  createSource?: (url: string) => EventSourceLike;
  now?: () => number;
  random?: () => number;
  /** No message for this long means the stream is dead even if the socket looks open. */
  silenceMs?: number;
}

export const DEFAULT_SILENCE_MS = 40_000;
const WATCH_EVERY_MS = 5_000;

export function connectLive(options: LiveOptions): { close(): void } {
  const now = options.now ?? Date.now;
  const create = options.createSource ?? ((url: string) => new EventSource(url) as unknown as EventSourceLike);
  const silenceMs = options.silenceMs ?? DEFAULT_SILENCE_MS;
  let source: EventSourceLike | null = null;
  let state: LiveState = { status: 'connecting', since: null };
  let attempt = 0;
  let lostOnce = false;
  let lastSeen = now();
  let retry: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const setState = (next: LiveState) => {
    if (next.status === state.status && next.since === state.since) return;
    state = next;
    options.onState(state);
  };

  const lose = () => {
    if (closed) return;
    source?.close();
    source = null;
    lostOnce = true;
    setState({ status: 'stale', since: state.since ?? now() });
    if (retry === null) {
      retry = setTimeout(
        () => {
          retry = null;
          open();
        },
        backoffDelay(attempt++, options.random),
      );
    }
  };

  function open() {
    if (closed) return;
    const es = create(options.url);
    source = es;
    lastSeen = now();
    es.onopen = () => {
      if (source !== es) return;
      attempt = 0;
      lastSeen = now();
      setState({ status: 'live', since: null });
      if (lostOnce) options.onReconnected();
    };
    es.onerror = () => {
      if (source === es) lose();
    };
    es.addEventListener(HEARTBEAT_EVENT, () => {
      lastSeen = now();
    });
    for (const type of options.eventTypes) {
      es.addEventListener(type, (event: MessageEvent) => {
        lastSeen = now();
        let data: unknown = null;
        try {
          data = JSON.parse(String(event.data));
        } catch {
          /* a malformed event is still a sign of life */
        }
        options.onEvent(type, data);
      });
    }
  }

  const watchdog = setInterval(() => {
    if (source && state.status === 'live' && now() - lastSeen > silenceMs) lose();
  }, WATCH_EVERY_MS);

  open();
  return {
    close() {
      closed = true;
      clearInterval(watchdog);
      if (retry !== null) clearTimeout(retry);
      source?.close();
      source = null;
    },
  };
}
