// Many walls at once: 100 display-token walls holding the live stream (GET /api/events) while
// their reads arrive at 50 requests/s for a minute, with a live event every second. Goal: p99 of
// the reads under 300 ms, no error, no timeout, no stream dropped.
import { get, type ClientRequest } from 'node:http'
import { loadavg } from 'node:os'
import autocannon from 'autocannon'
import type { LiveEvent } from '../../server/events/event-bus'
import { ms } from './measure'

export interface LoadBenchOptions {
  /** A listening server of the app (startDemoTownServer). */
  baseUrl: string
  adminPassword: string
  /** Publishes on that app's event bus, as incident writes do. */
  publish: (event: LiveEvent) => void
  walls?: number
  ratePerS?: number
  durationS?: number
}

export const LOAD_GOAL_P99_MS = 300

interface Stream {
  request: ClientRequest
  open: boolean
  events: number
  dropped: boolean
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')

function percentile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : NaN
}

/** Opens one wall's event stream and counts the live events (not heartbeats) it receives. */
function openStream(url: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const stream: Stream = { request: undefined as unknown as ClientRequest, open: false, events: 0, dropped: false }
    stream.request = get(url, { headers: { accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) {
        response.resume()
        reject(new Error(`GET /api/events answered ${response.statusCode}`))
        return
      }
      stream.open = true
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        stream.events += chunk.match(/^event: incident\.created$/gm)?.length ?? 0
      })
      response.on('close', () => {
        if (stream.open) stream.dropped = true
        stream.open = false
      })
      resolve(stream)
    })
    stream.request.on('error', (error) => {
      if (stream.open) stream.dropped = true
      stream.open = false
      reject(error)
    })
  })
}

async function json<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url, init)
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url} answered ${response.status}: ${await response.text()}`)
  return (await response.json()) as T
}

export async function benchLoad(options: LoadBenchOptions): Promise<{ markdown: string; p99Ms: number; ok: boolean }> {
  const { baseUrl, walls = 100, ratePerS = 50, durationS = 60 } = options
  const { token: session } = await json<{ token: string }>(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: options.adminPassword }),
  })
  const { token } = await json<{ token: string }>(`${baseUrl}/api/display-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${session}` },
    body: JSON.stringify({ name: 'load bench' }),
  })
  const headers = { authorization: `Bearer ${token}` }
  const { regions } = await json<{ regions: { code: string }[] }>(`${baseUrl}/api/regions`, { headers })
  const region = regions[0].code
  // What a wall reads (client/src/api/stats-client.ts) and the analysis map's bins.
  const paths = [
    `/api/stats/overview?region=${region}`,
    `/api/coverage?region=${region}`,
    `/api/incidents/aggregate?region=${region}&cell=hex&sizeM=500`,
    `/api/grids?region=${region}`,
    `/api/incidents?region=${region}&limit=8`,
  ]
  // Every read must succeed once before it is timed (and the caches are as a running wall finds them).
  for (const path of paths) await json(`${baseUrl}${path}`, { headers })

  const streams = await Promise.all(Array.from({ length: walls }, () => openStream(`${baseUrl}/api/events?token=${token}`)))
  let published = 0
  const publisher = setInterval(() => {
    published++
    options.publish({
      type: 'incident.created',
      payload: { id: 9_000_000 + published, category: 'facility', source: 'patrol', status: 'reported', lng: 0, lat: 0, at: new Date().toISOString() },
    })
  }, 1000)

  // Which path each response answered: onResponse runs just before the 'response' event, in the same tick.
  let answered = ''
  const byPath = new Map<string, number[]>(paths.map((p) => [p, []]))
  const loadBefore = load()
  let finished!: (result: autocannon.Result) => void
  let failed!: (error: Error) => void
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finished = resolve
    failed = reject
  })
  const instance = autocannon(
    {
      url: baseUrl,
      connections: 10,
      overallRate: ratePerS,
      duration: durationS,
      timeout: 10,
      headers,
      requests: paths.map((path) => ({
        method: 'GET' as const,
        path,
        onResponse: () => {
          answered = path
        },
      })),
    },
    (error, result) => (error ? failed(error) : finished(result)),
  )
  instance.on('response', (_client, _status, _bytes, responseTimeMs) => {
    byPath.get(answered)?.push(responseTimeMs)
  })
  const result = await done
  clearInterval(publisher)
  const loadAfter = load()
  await new Promise((resolve) => setTimeout(resolve, 200))
  const dropped = streams.filter((s) => s.dropped || !s.open).length
  const fewest = Math.min(...streams.map((s) => s.events))
  for (const stream of streams) stream.request.destroy()

  const all = [...byPath.values()].flat().sort((a, b) => a - b)
  const p99Ms = percentile(all, 0.99)
  const errors = result.errors + result.timeouts + result.non2xx
  // autocannon waits for each answer before the next on a connection: a slow server gets fewer requests.
  const achieved = all.length / durationS
  const ok = p99Ms < LOAD_GOAL_P99_MS && errors === 0 && dropped === 0 && fewest >= published - 1 && achieved >= ratePerS * 0.95
  const rows = [...byPath].map(([path, samples]) => {
    const sorted = [...samples].sort((a, b) => a - b)
    return `| \`${path.split('?')[0]}\` | ${sorted.length} | ${ms(percentile(sorted, 0.5))} | ${ms(percentile(sorted, 0.95))} | ${ms(percentile(sorted, 0.99))} | ${ms(sorted[sorted.length - 1] ?? NaN)} |`
  })
  const markdown = [
    '## Load: 100 walls',
    '',
    `${walls} walls hold the live stream (GET /api/events with a display token) while their reads arrive at ${ratePerS} requests/s`,
    `(autocannon, 10 connections, each second's ${ratePerS} released at its start) for ${durationS} s, with a live event every second;`,
    `load generator, stream clients and server share one Node process. Goal: p99 < ${LOAD_GOAL_P99_MS} ms, no error, no stream dropped.`,
    '',
    '| read | requests | p50 ms | p95 ms | p99 ms | max ms |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows,
    `| **all** | ${all.length} | ${ms(percentile(all, 0.5))} | ${ms(percentile(all, 0.95))} | ${ms(p99Ms)} | ${ms(all[all.length - 1] ?? NaN)} |`,
    '',
    `Rate achieved: ${achieved.toFixed(1)} of ${ratePerS} requests/s. Errors: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts. Streams: ${walls - dropped} of ${walls} open at the end,`,
    `${dropped} dropped; ${published} events published, the fewest any wall received ${fewest}.`,
    `Load average (1 / 5 / 15 min) before ${loadBefore}, after ${loadAfter}. Verdict: ${ok ? 'goal met' : 'goal MISSED'}.`,
    '',
  ].join('\n')
  return { markdown, p99Ms, ok }
}
