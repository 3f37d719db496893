import { describe, expect, it } from 'vitest'
import { redactUrl, requestSerializer } from '../../../server/log-redaction'

describe('log redaction', () => {
  it('hides display tokens and Open311 keys, keeps every other parameter', () => {
    expect(redactUrl('/api/events?token=wgd_secret&region=320924')).toBe('/api/events?token=[redacted]&region=320924')
    expect(redactUrl('/open311/v2/requests.json?api_key=k1&service_code=traffic')).toBe('/open311/v2/requests.json?api_key=[redacted]&service_code=traffic')
    expect(redactUrl('/api/stats/overview?region=320924&tokenish=1')).toBe('/api/stats/overview?region=320924&tokenish=1')
  })

  it('hides a parameter whose name is percent-encoded, and leaves URLs without a query alone', () => {
    expect(redactUrl('/api/events?%74oken=wgd_secret')).toBe('/api/events?%74oken=[redacted]')
    expect(redactUrl('/api/health')).toBe('/api/health')
  })

  it('is what the request log line carries', () => {
    const logged = requestSerializer({ method: 'GET', url: '/wall?token=wgd_secret', host: 'h', ip: '127.0.0.1', socket: { remotePort: 5 } })
    expect(logged).toEqual({ method: 'GET', url: '/wall?token=[redacted]', host: 'h', remoteAddress: '127.0.0.1', remotePort: 5 })
  })
})
