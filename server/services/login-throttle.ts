/**
 * Failed logins per username and per client address in a sliding window. Once either has too many,
 * further attempts are refused (even with the right password) until the oldest failure ages out.
 * An attempt counts as a failure from the moment it is let through, before its password is checked:
 * checking a password takes time, and attempts arriving meanwhile must already see it, or a burst
 * sent at once would all pass the gate together. A success then takes its own count back and clears
 * the username's failures (not the address's: one address guessing many users stays limited).
 * In memory, per process: several API instances each keep their own count.
 */
export interface LoginThrottleOptions {
  maxPerUser: number
  maxPerAddress: number
  windowMs: number
  /** Keys remembered at most; the least recently failed are dropped first. */
  maxKeys?: number
  now?: () => number
}

/** An attempt let through and already counted as failed; `succeeded` takes that back. */
export interface LoginAttempt {
  succeeded(): void
}

export type LoginAdmission = { retryAfterSeconds: number; attempt?: undefined } | { retryAfterSeconds: 0; attempt: LoginAttempt }

export interface LoginThrottle {
  /** Refuses (seconds until allowed again) or lets one attempt through and counts it at once. */
  admit(username: string, address: string): LoginAdmission
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

  const forget = (key: string, at: number) => {
    const times = failures.get(key)
    const index = times?.lastIndexOf(at) ?? -1
    if (index >= 0) times!.splice(index, 1)
  }

  const throttle: LoginThrottle = {
    admit(username, address) {
      // Synchronous from check to count: no other attempt can run in between.
      const retryAfterSeconds = throttle.retryAfterSeconds(username, address)
      if (retryAfterSeconds > 0) return { retryAfterSeconds }
      const at = now()
      throttle.failed(username, address)
      return {
        retryAfterSeconds: 0,
        attempt: {
          succeeded() {
            forget(`addr:${address}`, at)
            throttle.succeeded(username)
          },
        },
      }
    },
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
  return throttle
}
