/**
 * Failed logins per username and per client address in a sliding window. Once either has too many,
 * further attempts are refused (even with the right password) until the oldest failure ages out.
 * A success clears the username's failures (not the address's: one address guessing many users
 * stays limited). In memory, per process: several API instances each keep their own count.
 */
export interface LoginThrottleOptions {
  maxPerUser: number
  maxPerAddress: number
  windowMs: number
  /** Keys remembered at most; the least recently failed are dropped first. */
  maxKeys?: number
  now?: () => number
}

export interface LoginThrottle {
  /** Seconds until an attempt is allowed again, or 0 when it is allowed now. */
  retryAfterSeconds(username: string, address: string): number
  failed(username: string, address: string): void
  succeeded(username: string): void
}

export const LOGIN_THROTTLE_DEFAULTS: LoginThrottleOptions = { maxPerUser: 5, maxPerAddress: 20, windowMs: 15 * 60_000 }

export function createLoginThrottle(options: LoginThrottleOptions = LOGIN_THROTTLE_DEFAULTS): LoginThrottle {
  const now = options.now ?? Date.now
  const maxKeys = options.maxKeys ?? 10_000
  const failures = new Map<string, number[]>()

  const recent = (key: string, at: number): number[] => {
    const times = (failures.get(key) ?? []).filter((t) => t > at - options.windowMs)
    if (times.length) failures.set(key, times)
    else failures.delete(key)
    return times
  }
  const wait = (key: string, max: number, at: number): number => {
    const times = recent(key, at)
    if (times.length < max) return 0
    // Allowed again when enough of the failures have left the window.
    return times[times.length - max] + options.windowMs - at
  }
  const record = (key: string, at: number) => {
    const times = recent(key, at)
    failures.delete(key)
    failures.set(key, [...times, at])
    if (failures.size > maxKeys) failures.delete(failures.keys().next().value!)
  }

  return {
    retryAfterSeconds(username, address) {
      const at = now()
      const ms = Math.max(wait(`user:${username}`, options.maxPerUser, at), wait(`addr:${address}`, options.maxPerAddress, at))
      return ms > 0 ? Math.ceil(ms / 1000) : 0
    },
    failed(username, address) {
      const at = now()
      record(`user:${username}`, at)
      record(`addr:${address}`, at)
    },
    succeeded(username) {
      failures.delete(`user:${username}`)
    },
  }
}
