// /analyze's incidents drawn by deck.gl from the binary form, against the way before it, in
// headless Chromium (SwiftShader), on synthetic incidents made here (no database needed):
//   - bytes per incident: the JSON list /analyze read incidents from (GET /api/incidents, GeoJSON
//     with every property) vs the binary points (GET /api/incidents/points.bin), raw and gzipped;
//   - time to the first frame: fetch + parse + draw, JSON into a MapLibre GeoJSON circle layer vs
//     binary into a deck.gl ScatterplotLayer;
//   - playback frame time: a 7-day window moved a day per frame, deck's DataFilterExtension range
//     vs a MapLibre layer filter (setFilter) over the same points in a GeoJSON source.
// At 40,000 (the demo town) and 1,000,000 incidents. SwiftShader rasterises on the CPU: the
// figures rank the two ways on this machine; only a GPU shows the real frame times.
import { createServer, type Server } from 'node:http'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir, loadavg } from 'node:os'
import { extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import type { Page } from 'playwright-core'
import { build } from 'vite'
import { INCIDENT_CATEGORIES, INCIDENT_STATUSES } from '../../server/domain/vocabulary'
import { encodeIncidentPoints, POINTS_MAX, type IncidentPoint } from '../../server/domain/points-layout'
import { launchBrowser } from '../e2e/driver'
import { ms, percentiles } from './measure'

const PAGE_DIR = fileURLToPath(new URL('./deck-playback', import.meta.url))
/** Sizes: the demo town, and a county's million. BENCH_DECK_SIZES=40000,1000000 overrides. */
const SIZES = (process.env.BENCH_DECK_SIZES ?? '40000,1000000').split(',').map(Number)
/** The JSON list is read only up to this many in the browser (the list route itself stops at 50,000). */
const JSON_IN_BROWSER_MAX = 50_000
const FRAMES = { deck: 30, maplibre: 15 }

/** Deterministic incidents over the demo town's ~12 × 10 km, a year of reports. */
export function syntheticIncidents(n: number, seed = 15): IncidentPoint[] {
  let s = seed >>> 0
  const random = () => (s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32
  const start = Date.UTC(2025, 11, 1) / 1000
  const out: IncidentPoint[] = []
  for (let i = 0; i < n; i++) {
    out.push({
      id: i + 1,
      lng: 120.17 + random() * 0.12,
      lat: 33.72 + random() * 0.1,
      time: Math.floor(start + random() * 365 * 86_400),
      category: INCIDENT_CATEGORIES[Math.floor(random() * INCIDENT_CATEGORIES.length)],
      status: INCIDENT_STATUSES[Math.floor(random() * INCIDENT_STATUSES.length)],
      overdue: random() < 0.05,
    })
  }
  return out.sort((a, b) => a.time - b.time || a.id - b.id)
}

/** One incident as GET /api/incidents lists it (the properties of INCIDENT_COLUMNS). */
function asListed(p: IncidentPoint) {
  const at = new Date(p.time * 1000).toISOString()
  return {
    type: 'Feature',
    id: p.id,
    geometry: { type: 'Point', coordinates: [Number(p.lng.toFixed(7)), Number(p.lat.toFixed(7))] },
    properties: {
      id: p.id,
      externalId: `BENCH-${p.id}`,
      category: p.category,
      source: 'patrol',
      priority: 'normal',
      status: p.status,
      description: '路面井盖缺失，存在安全隐患',
      gridId: 1 + (p.id % 80),
      gridCode: `3209240010010${String(p.id % 80).padStart(2, '0')}`,
      escalationLevel: 'grid',
      mediationBody: null,
      reportedAt: at,
      acceptedAt: at,
      dispatchedAt: at,
      deadlineAt: at,
      handledAt: null,
      verifiedAt: null,
      closedAt: null,
      rejectedAt: null,
      assigneeId: 7,
      assigneeName: '张*',
      acknowledgedAt: null,
    },
  }
}

const jsonOf = (points: IncidentPoint[]) =>
  Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: points.map(asListed), numberMatched: points.length, numberReturned: points.length }))

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.mjs': 'text/javascript' }

async function serve(dir: string, data: Map<string, Buffer>): Promise<{ server: Server; url: string }> {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    const body = data.get(path) ?? (await readFile(join(dir, path === '/' ? 'index.html' : path)).catch(() => null))
    if (!body) return res.writeHead(404).end()
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? (path === '/' ? 'text/html' : 'application/octet-stream') }).end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address() as { port: number }
  return { server, url: `http://127.0.0.1:${address.port}` }
}

interface Row {
  n: number
  binBytes: number
  binGz: number
  jsonBytes: number
  jsonGz: number
  binFirst: number
  jsonFirst: number | null
  deck: number[]
  maplibre: number[] | null
  maplibreSetup: number | null
}

async function measure(page: Page, n: number, data: Map<string, Buffer>): Promise<Row> {
  const points = syntheticIncidents(n)
  const bin = Buffer.from(encodeIncidentPoints(points))
  // JSON bytes per incident from a sample (a million features of JSON is ~0.6 GB of text).
  const sample = points.slice(0, Math.min(n, 20_000))
  const sampleJson = jsonOf(sample)
  const perJson = sampleJson.byteLength / sample.length
  const perJsonGz = gzipSync(sampleJson).byteLength / sample.length
  data.clear()
  data.set('/points.bin', bin)
  if (n <= JSON_IN_BROWSER_MAX) data.set('/incidents.json', n === sample.length ? sampleJson : jsonOf(points))
  type Bench = { bench: Record<string, (...a: unknown[]) => Promise<never>> }
  const call = <T>(name: string, ...args: unknown[]) =>
    page.evaluate(([fn, a]) => (window as unknown as Bench).bench[fn as string](...(a as unknown[])), [name, args] as const) as Promise<T>
  await page.reload()
  await page.waitForFunction(() => 'bench' in window)
  await call('loaded')
  const jsonFirst = n <= JSON_IN_BROWSER_MAX ? (await call<{ ms: number }>('jsonFirstFrame', '/incidents.json')).ms : null
  const binFirst = await call<{ ms: number; count: number }>('binaryFirstFrame', '/points.bin')
  if (binFirst.count !== n) throw new Error(`deck drew ${binFirst.count} of ${n}`)
  await call('deckPlayback', 3) // warm-up: shader compilation
  const deck = await call<number[]>('deckPlayback', FRAMES.deck)
  console.error(
    `deck bench: ${n} incidents drawn by deck.gl; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')}`,
  )
  // The old way may not survive a million points (the tab crashes): that is a result too.
  let setup: { ms: number } | null = null
  let maplibre: number[] | null = null
  try {
    setup = await call<{ ms: number }>('maplibreSetup')
    maplibre = await call<number[]>('maplibrePlayback', n > 100_000 ? 3 : FRAMES.maplibre)
  } catch (error) {
    console.error(`deck bench: the MapLibre way at ${n} failed: ${(error as Error).message.split('\n')[0]}`)
  }
  console.error(
    `deck bench: ${n} incidents done; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')}`,
  )
  return {
    n,
    binBytes: bin.byteLength / n,
    binGz: gzipSync(bin).byteLength / n,
    jsonBytes: perJson,
    jsonGz: perJsonGz,
    binFirst: binFirst.ms,
    jsonFirst,
    deck,
    maplibre,
    maplibreSetup: setup?.ms ?? null,
  }
}

export async function benchDeckPlayback(): Promise<{ markdown: string }> {
  const outDir = await mkdtemp(join(tmpdir(), 'wangge-deck-bench-'))
  const browser = await launchBrowser()
  let served: { server: Server; url: string } | null = null
  try {
    await build({
      root: PAGE_DIR,
      base: './',
      logLevel: 'silent',
      configFile: false,
      build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 5000 },
      resolve: { preserveSymlinks: false },
    })
    const data = new Map<string, Buffer>()
    served = await serve(outDir, data)
    const rows: Row[] = []
    for (const n of SIZES) {
      // A page of its own per size: a tab that ran out of memory takes no later figure with it.
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
      page.setDefaultTimeout(600_000)
      await page.goto(served.url)
      rows.push(await measure(page, n, data))
      await page.close().catch(() => {})
    }
    const p = (xs: number[]) => percentiles(xs)
    const count = (n: number) => n.toLocaleString('en-US')
    const markdown = [
      '## /analyze on the GPU: binary points and deck.gl playback (issue 15)',
      '',
      'Synthetic incidents over the demo town (a year of reports), drawn at 1920×1080 in headless Chromium with SwiftShader, by `tests/bench/deck-playback.bench.ts`',
      '(alone: `BENCH_ONLY=deck npm run bench`; no database needed). **SwiftShader rasterises on the CPU (here 2 cores shared with other work): these figures rank the',
      'two ways on this machine; only a GPU shows the real frame times** — run the same command on a machine with one (set `CHROMIUM_PATH` to a Chrome that uses it).',
      `Every time ends with \`gl.finish()\`, so drawing still queued is counted. Load average after the run: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' / ')} (the machine is shared: a p95 far above its median is another process taking the CPU).`,
      '',
      '| incidents | JSON list, bytes/incident (gzip) | binary, bytes/incident (gzip) | first frame: JSON → MapLibre | first frame: binary → deck.gl | playback frame p95 (median): deck.gl filter range | playback frame p95 (median): MapLibre setFilter |',
      '|---:|---:|---:|---:|---:|---:|---:|',
      ...rows.map(
        (r) =>
          `| ${count(r.n)} | ${r.jsonBytes.toFixed(0)} (${r.jsonGz.toFixed(0)}) | ${r.binBytes.toFixed(0)} (${r.binGz.toFixed(1)}) | ${r.jsonFirst === null ? `not run (${((r.jsonBytes * r.n) / 2 ** 20).toFixed(0)} MB of JSON; the list stops at 50,000)` : `${ms(r.jsonFirst)} ms`} | ${ms(r.binFirst)} ms | ${ms(p(r.deck).p95)} ms (${ms(p(r.deck).median)}; ${r.deck.length} frames) | ${r.maplibre && r.maplibreSetup !== null ? `${ms(p(r.maplibre).p95)} ms (${ms(p(r.maplibre).median)}; ${r.maplibre.length} frames, after ${ms(r.maplibreSetup)} ms to load the GeoJSON source)` : 'none: the tab crashed (`Target crashed`) loading and filtering the GeoJSON source'} |`,
      ),
      '',
      `A playback frame moves a 7-day window by a day. deck.gl: \`filterRange\` of the DataFilterExtension (two uniforms; the points stay on the GPU); MapLibre: \`setFilter\` on a circle layer over a GeoJSON source of the same points, which lays out its tiles again. Before issue 15 /analyze did neither: each step changed the query and asked the server for new tiles, KPIs and bins; now a step asks the server nothing. /analyze loads at most ${count(POINTS_MAX)} incidents as points (\`POINTS_MAX\`); above it the page shows the server's exact bins.`,
      '',
    ].join('\n')
    return { markdown }
  } finally {
    served?.server.close()
    await browser.close()
    await rm(outDir, { recursive: true, force: true })
  }
}
