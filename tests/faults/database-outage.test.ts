import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WEST } from '../fixtures/small-town'
import { COUNTY, startFaultRig, timed, waitFor, type FaultRig } from './fault-rig'

const UNAVAILABLE = { error: { code: 'database_unavailable', message: 'The database is unreachable' } }
// Reads that each need the database; 40 at once is more than the pool's 10 connections.
const READS = ['/api/regions', `/api/grids?region=${WEST}`, `/api/coverage?region=${COUNTY}`, '/api/incidents?limit=8', `/api/stats/overview?region=${COUNTY}`]
const BURST = 40
const FAST_MS = 3_000

describe('the server while its database is down', () => {
  let rig: FaultRig
  const url = (path: string) => `${rig.server.baseUrl}${path}`
  const burst = () => Promise.all(Array.from({ length: BURST }, (_, i) => timed(url(READS[i % READS.length]), { headers: rig.headers })))

  beforeAll(async () => {
    // A coverage cache young for 8 s is renewed in the background every 5 s.
    rig = await startFaultRig('wangge_outage', { COVERAGE_CACHE_SECONDS: '8' })
    for (const path of READS) expect((await timed(url(path), { headers: rig.headers })).status).toBe(200)
  })
  afterAll(async () => {
    await rig?.close()
  })

  it('answers GET /api/health with 503 database_unavailable at once while PostgreSQL is stopped', async () => {
    rig.pg.pause()
    const health = await timed(url('/api/health'))
    expect({ status: health.status, body: health.body }).toEqual({ status: 503, body: UNAVAILABLE })
    expect(health.ms).toBeLessThan(FAST_MS)
  })

  it('answers every read that needs the database with 503 database_unavailable within 3 s, 40 at once', async () => {
    const answers = await burst()
    expect(answers.map((a) => [a.status, a.body])).toEqual(answers.map(() => [503, UNAVAILABLE]))
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(FAST_MS)
  })

  it('keeps renewing the coverage cache through the outage: each failed renewal is logged, none stops it', async () => {
    await waitFor(() => rig.server.output().includes('coverage cache renewal failed'), 8_000, 'a failed renewal')
  })

  it('serves again by itself once PostgreSQL is back, in the same process', async () => {
    const pid = rig.server.process.pid
    rig.pg.resume()
    await waitFor(async () => (await timed(url('/api/health'))).status === 200, 10_000, 'health 200')
    const answers = await Promise.all(READS.map((path) => timed(url(path), { headers: rig.headers })))
    expect(answers.map((a) => a.status)).toEqual(READS.map(() => 200))
    expect(rig.server.process.pid).toBe(pid)
    expect(rig.server.process.exitCode).toBe(null)
  })

  it('renews the coverage cache in the background again after the outage', async () => {
    // Parts older than 6 s are renewed every 5 s, so each is renewed by 11 s of age; a request finds
    // parts older than 8 s stale and computes them itself. 12.5 s after a report, only a live renewal
    // can have one ready that was computed before the request began.
    const asOf = async () => {
      const report = await timed(url(`/api/coverage?region=${COUNTY}`), { headers: rig.headers })
      expect(report.status).toBe(200)
      return Date.parse((report.body as { summary: { asOf: string } }).summary.asOf)
    }
    const first = await asOf()
    await new Promise((resolve) => setTimeout(resolve, first + 12_500 - Date.now()))
    const askedAt = Date.now()
    const later = await asOf()
    expect(later).toBeGreaterThan(first)
    expect(later).toBeLessThan(askedAt)
  })

  it('answers within 3 s, 40 at once, when the database host goes silent (connections cut, new ones never answered)', async () => {
    rig.proxy.goSilent()
    try {
      const answers = await burst()
      expect(answers.map((a) => [a.status, a.body])).toEqual(answers.map(() => [503, UNAVAILABLE]))
      expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(FAST_MS)
      const health = await timed(url('/api/health'))
      expect({ status: health.status, body: health.body }).toEqual({ status: 503, body: UNAVAILABLE })
      expect(health.ms).toBeLessThan(FAST_MS)
    } finally {
      rig.proxy.answer()
    }
    await waitFor(async () => (await timed(url('/api/health'))).status === 200, 10_000, 'health 200 after the host answers again')
  })
})
