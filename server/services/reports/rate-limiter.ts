/**
 * At most `max` attempts per key in a sliding window. An attempt is counted when it is taken,
 * before any work, so requests arriving together cannot all slip through. In memory, per process.
 */
export interface RateLimiterOptions {
  max: number
  windowMs: number
  maxKeys?: number
  now?: () => number
}

export interface RateLimiter {
  /** Counts an attempt for `key`; 0 when it is allowed, else the seconds until one will be. */
  take(key: string): number
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const now = options.now ?? Date.now
  const maxKeys = options.maxKeys ?? 10_000
  const attempts = new Map<string, number[]>()
  return {
    take(key) {
      const at = now()
      const recent = (attempts.get(key) ?? []).filter((t) => t > at - options.windowMs)
      attempts.delete(key)
      if (recent.length >= options.max) {
        attempts.set(key, recent)
        return Math.max(1, Math.ceil((recent[recent.length - options.max] + options.windowMs - at) / 1000))
      }
      attempts.set(key, [...recent, at])
      if (attempts.size > maxKeys) attempts.delete(attempts.keys().next().value!)
      return 0
    },
  }
}
