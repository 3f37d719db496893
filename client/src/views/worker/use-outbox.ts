import { useCallback, useEffect, useRef, useState } from 'react';
import { reportAuthFailure } from '../../api/auth-events';
import { createOutbox, fetchSender, memoryOutboxStorage, type Outbox, type OutboxEntry, type OutboxInput, type OutboxState } from '../../api/outbox';
import { idbAvailable, idbOutboxStorage } from '../../api/outbox-store';

export interface OutboxHandle {
  /** null until the stored entries are read. */
  state: OutboxState | null;
  /** False when the device refused IndexedDB: entries then live only as long as the page. */
  persistent: boolean;
  enqueue(input: OutboxInput): Promise<OutboxEntry | null>;
  dismiss(key: string): void;
  retryNow(): void;
  nextAttemptAt: number | null;
}

/**
 * The outbox of the logged-in worker, sent whenever there is a chance: at start, when the browser
 * says it is online again, when the page comes back to the foreground, and when a backoff is over.
 */
export function useOutbox(userId: number, online: boolean, onSent: (entry: OutboxEntry) => void): OutboxHandle {
  const outboxRef = useRef<Outbox | null>(null);
  const [state, setState] = useState<OutboxState | null>(null);
  const [persistent, setPersistent] = useState(true);
  const [nextAttemptAt, setNextAttemptAt] = useState<number | null>(null);
  const onSentRef = useRef(onSent);
  onSentRef.current = onSent;
  const onlineRef = useRef(online);
  onlineRef.current = online;

  const flush = useCallback((force: boolean) => {
    const outbox = outboxRef.current;
    // Offline, a try could only fail (and log a failed request): wait for the online event.
    if (!outbox || !onlineRef.current) return;
    void outbox.flush({ force }).then(
      (report) => {
        if (report.unauthorized) reportAuthFailure('POST', '/api/worker/outbox', 401, 'session expired');
        setNextAttemptAt(outbox.nextAttemptAt());
      },
      () => setNextAttemptAt(outbox.nextAttemptAt()),
    );
  }, []);

  useEffect(() => {
    let cancelled = false;
    let unsubscribe = () => {};
    void (async () => {
      const durable = await idbAvailable();
      if (cancelled) return;
      // Ask the browser not to evict what waits to be sent when the phone runs short of space.
      if (durable) void navigator.storage?.persist?.().catch(() => false);
      setPersistent(durable);
      const outbox = createOutbox({
        storage: durable ? idbOutboxStorage() : memoryOutboxStorage(),
        send: fetchSender(),
        userId,
        onSent: (entry) => onSentRef.current(entry),
      });
      unsubscribe = outbox.subscribe((s) => {
        if (!cancelled) setState(s);
      });
      outboxRef.current = outbox;
      await outbox.load();
      if (!cancelled) flush(true);
    })();
    return () => {
      cancelled = true;
      unsubscribe();
      outboxRef.current = null;
    };
  }, [userId, flush]);

  // Back online: try at once, whatever the backoff said.
  useEffect(() => {
    if (online) flush(true);
  }, [online, flush]);

  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') flush(false);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [flush]);

  useEffect(() => {
    if (nextAttemptAt === null) return;
    const id = window.setTimeout(() => flush(false), Math.max(0, nextAttemptAt - Date.now()) + 50);
    return () => window.clearTimeout(id);
  }, [nextAttemptAt, flush]);

  const enqueue = useCallback(
    async (input: OutboxInput) => {
      const outbox = outboxRef.current;
      if (!outbox) return null;
      const entry = await outbox.enqueue(input);
      flush(false);
      return entry;
    },
    [flush],
  );

  const dismiss = useCallback((key: string) => {
    void outboxRef.current?.dismiss(key);
  }, []);

  const retryNow = useCallback(() => flush(true), [flush]);

  return { state, persistent, enqueue, dismiss, retryNow, nextAttemptAt };
}
