import { describe, expect, it } from 'vitest'
import { createLoginThrottle } from '../../../server/services/login-throttle'

const MINUTE = 60_000

function throttle() {
  let clock = 1_000_000
  const t = createLoginThrottle({ maxPerUser: 3, maxPerAddress: 5, windowMs: 15 * MINUTE, now: () => clock })
  return { t, advance: (ms: number) => (clock += ms) }
}

describe('login throttle', () => {
  it('allows attempts below the per-user limit', () => {
    const { t } = throttle()
    t.failed('ann', '10.0.0.1')
    t.failed('ann', '10.0.0.1')
    expect(t.retryAfterSeconds('ann', '10.0.0.1')).toBe(0)
  })

  it('refuses a username after its limit until the oldest failure leaves the window', () => {
    const { t, advance } = throttle()
    t.failed('ann', '10.0.0.1')
    advance(MINUTE)
    t.failed('ann', '10.0.0.2')
    t.failed('ann', '10.0.0.3')
    expect(t.retryAfterSeconds('ann', '10.0.0.9')).toBe(14 * 60)
    advance(13 * MINUTE)
    expect(t.retryAfterSeconds('ann', '10.0.0.9')).toBe(60)
    advance(MINUTE)
    expect(t.retryAfterSeconds('ann', '10.0.0.9')).toBe(0)
  })

  it('refuses an address after its limit, whatever username it tries', () => {
    const { t } = throttle()
    for (const user of ['a', 'b', 'c', 'd', 'e']) t.failed(user, '10.0.0.1')
    expect(t.retryAfterSeconds('zed', '10.0.0.1')).toBe(15 * 60)
    expect(t.retryAfterSeconds('zed', '10.0.0.2')).toBe(0)
  })

  it('clears the username, not the address, on a success', () => {
    const { t } = throttle()
    for (let i = 0; i < 3; i++) t.failed('ann', '10.0.0.1')
    t.succeeded('ann')
    expect(t.retryAfterSeconds('ann', '10.0.0.2')).toBe(0)
    t.failed('bob', '10.0.0.1')
    t.failed('bob', '10.0.0.1')
    expect(t.retryAfterSeconds('ann', '10.0.0.1')).toBe(15 * 60)
  })

  it('forgets the least recently failed keys beyond its capacity', () => {
    let clock = 0
    const t = createLoginThrottle({ maxPerUser: 1, maxPerAddress: 100, windowMs: MINUTE, maxKeys: 4, now: () => clock })
    t.failed('old', 'x')
    clock += 1
    t.failed('new1', 'y')
    t.failed('new2', 'z')
    expect(t.retryAfterSeconds('old', 'w')).toBe(0)
    expect(t.retryAfterSeconds('new2', 'w')).toBe(60)
  })

  it('counts an admitted attempt before its password is checked, so a burst gets no more tries than the limit', () => {
    const { t } = throttle()
    const admitted = Array.from({ length: 10 }, (_, i) => t.admit('ann', `10.0.1.${i}`)).filter((a) => a.attempt)
    expect(admitted).toHaveLength(3)
    expect(t.admit('ann', '10.0.1.99').retryAfterSeconds).toBe(15 * 60)
  })

  it('takes back an admitted attempt that succeeds: the username is cleared and the address not charged', () => {
    const { t } = throttle()
    for (let i = 0; i < 4; i++) t.failed(`user-${i}`, '10.0.0.1')
    t.admit('ann', '10.0.0.1').attempt!.succeeded()
    expect(t.retryAfterSeconds('bob', '10.0.0.1')).toBe(0)
    t.admit('ann', '10.0.0.1')
    expect(t.retryAfterSeconds('bob', '10.0.0.1')).toBe(15 * 60)
  })
})
