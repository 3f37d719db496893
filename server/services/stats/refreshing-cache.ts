// A keyed cache for values that are slow to compute (the coverage report takes seconds on the
// embedded engine): each key is computed once, served from memory, and recomputed in the
// background when it is older than `ttlMs` or invalidated, while the old value keeps being served.
// Background recomputations run one at a time, so they never hold more than one connection.

export interface CacheEntry<T> {
  value: T
  computedAt: number
}

export interface RefreshingCacheOptions<T> {
  compute: (key: string) => Promise<T>
  ttlMs: number
  /** Beyond this many keys the least recently read one is dropped. */
  maxEntries: number
  now?: () => number
  onRefreshed?: (key: string, entry: CacheEntry<T>) => void
  onError?: (key: string, error: unknown) => void
}

export interface RefreshingCache<T> {
  /** The cached entry (refreshing it in the background when stale), or the first computation's. */
  get(key: string): Promise<CacheEntry<T>>
  /** Marks every entry stale and recomputes them in the background. */
  invalidateAll(): void
  keys(): string[]
  /** Resolves when no background recomputation is pending (for tests and shutdown). */
  settled(): Promise<void>
  close(): void
}

export function createRefreshingCache<T>(options: RefreshingCacheOptions<T>): RefreshingCache<T> {
  const now = options.now ?? Date.now
  const entries = new Map<string, CacheEntry<T> & { stale: boolean }>()
  const inflight = new Map<string, Promise<CacheEntry<T>>>()
  const queued = new Set<string>()
  let queue: Promise<void> = Promise.resolve()
  let closed = false

  function compute(key: string): Promise<CacheEntry<T>> {
    const running = inflight.get(key)
    if (running) return running
    const started = options
      .compute(key)
      .then((value) => {
        const entry = { value, computedAt: now() }
        if (!closed) {
          entries.delete(key)
          entries.set(key, { ...entry, stale: false })
          while (entries.size > options.maxEntries) entries.delete(entries.keys().next().value!)
        }
        return entry
      })
      .finally(() => inflight.delete(key))
    inflight.set(key, started)
    return started
  }

  function refreshInBackground(key: string): void {
    if (inflight.has(key) || queued.has(key)) return
    queued.add(key)
    queue = queue.then(async () => {
      queued.delete(key)
      if (closed || inflight.has(key)) return
      try {
        const entry = await compute(key)
        if (!closed) options.onRefreshed?.(key, entry)
      } catch (error) {
        options.onError?.(key, error)
      }
    })
  }

  return {
    async get(key) {
      const entry = entries.get(key)
      if (!entry) return compute(key)
      // Most recently read last, so the oldest read is the first to go.
      entries.delete(key)
      entries.set(key, entry)
      if (entry.stale || now() - entry.computedAt >= options.ttlMs) refreshInBackground(key)
      return { value: entry.value, computedAt: entry.computedAt }
    },
    invalidateAll() {
      for (const [key, entry] of entries) {
        entry.stale = true
        refreshInBackground(key)
      }
    },
    keys: () => [...entries.keys()],
    settled: async () => {
      let seen: Promise<void>
      do {
        seen = queue
        await seen
      } while (seen !== queue)
    },
    close() {
      closed = true
    },
  }
}
