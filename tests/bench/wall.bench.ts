// The command-centre wall in headless Chromium: first full render, the JavaScript /wall loads
// (gzipped; the editor must not be among it), and memory over a long run of live events.
import { gzipSync } from 'node:zlib'
import type { CDPSession, Page } from 'playwright-core'
import { launchBrowser } from '../e2e/driver'
import type { LiveEvent } from '../../server/events/event-bus'
import { ms, time, type Timing } from './measure'

export interface WallBenchOptions {
  /** A listening server of the app that serves the built client (CLIENT_DIR=dist/client). */
  baseUrl: string
  /** Publishes on that app's event bus (app.events.publish), as incident writes do. */
  publish: (event: LiveEvent) => void
  /** The wall's region; default the first county of /api/regions. */
  region?: string
  /** Live events in the long run; each is an incident created or updated. */
  events?: number
  /** Pause between events: 2,000 events at 25 ms stand in for days of a busy county. */
  eventIntervalMs?: number
}

const READY = '[data-testid="wall"][data-ready] [data-testid="wall-map"][data-grid-count]'
const CHARTS_DRAWN = () => [...document.querySelectorAll('.wall-chart')].every((el) => el.querySelector('canvas'))

async function openWall(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load' })
  await page.waitForSelector(READY, { timeout: 120_000 })
  await page.waitForFunction(CHARTS_DRAWN, undefined, { timeout: 120_000 })
}

async function heapMb(cdp: CDPSession): Promise<{ heap: number; nodes: number; listeners: number }> {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  const { metrics } = await cdp.send('Performance.getMetrics')
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0
  return { heap: usedSize / 2 ** 20, nodes: metric('Nodes'), listeners: metric('JSEventListeners') }
}

export async function benchWall(options: WallBenchOptions): Promise<{ timings: Timing[]; markdown: string }> {
  const base = options.baseUrl.replace(/\/$/, '')
  const region = options.region ?? ((await (await fetch(`${base}/api/regions`)).json()) as { regions: { code: string }[] }).regions[0].code
  const url = `${base}/wall?region=${region}`
  const browser = await launchBrowser()
  try {
    // Cold: a fresh browser context (no HTTP cache); the server's coverage cache may be cold too.
    const scripts = new Map<string, number>()
    const coldContext = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })
    const coldPage = await coldContext.newPage()
    coldPage.on('response', async (res) => {
      if (res.request().resourceType() !== 'script') return
      const body = await res.body().catch(() => null)
      if (body) scripts.set(new URL(res.url()).pathname, gzipSync(body).length)
    })
    const coldStarted = performance.now()
    await openWall(coldPage, url)
    const coldMs = performance.now() - coldStarted
    await coldContext.close()

    const render = await time('first full render of /wall (fresh browser context: map, KPIs, charts)', 5, async () => {
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })
      await openWall(await context.newPage(), url)
      await context.close()
    }, 0)
    const render4k = await time('first full render of /wall at 3840×2160', 3, async () => {
      const context = await browser.newContext({ viewport: { width: 3840, height: 2160 }, locale: 'zh-CN' })
      await openWall(await context.newPage(), url)
      await context.close()
    }, 0)

    // Memory over a long run of live events: every event makes the wall refetch and redraw.
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })
    const page = await context.newPage()
    await openWall(page, url)
    await page.waitForSelector('[data-testid="freshness"][data-state="live"]')
    const cdp = await context.newCDPSession(page)
    await cdp.send('Performance.enable')
    const before = await heapMb(cdp)
    const events = options.events ?? 2000
    const interval = options.eventIntervalMs ?? 25
    const started = performance.now()
    // Heap at each quarter of the run: a leak climbs quarter after quarter, warm-up does not.
    const quarters: number[] = []
    for (let i = 0; i < events; i++) {
      if (i > 0 && i % Math.ceil(events / 4) === 0) quarters.push((await heapMb(cdp)).heap)
      const id = 10_000_000 + i
      const created = i % 3 !== 2
      options.publish(created
        ? { type: 'incident.created', payload: { id, category: 'environment', source: 'patrol', status: 'reported', lng: 120.22 + (i % 50) * 1e-4, lat: 33.77, at: new Date().toISOString() } }
        : { type: 'incident.updated', payload: { id: id - 1, action: 'accept', status: 'accepted', at: new Date().toISOString() } })
      await new Promise((resolve) => setTimeout(resolve, interval))
    }
    const runMs = performance.now() - started
    await page.waitForTimeout(3000) // let the last coalesced reload land
    const after = await heapMb(cdp)
    const stillLive = await page.getAttribute('[data-testid="freshness"]', 'data-state')
    await context.close()

    const jsTotal = [...scripts.values()].reduce((a, b) => a + b, 0)
    const chunks = [...scripts.keys()].map((p) => p.split('/').pop()!.replace(/-[\w-]{8}\.js$/, '')).sort()
    const editor = chunks.some((c) => /^Edit/.test(c))
    const row = (t: Timing, goal = '') => `| ${t.name} | ${t.runs} | ${ms(t.medianMs)} | ${ms(t.p95Ms)} | ${goal} |`
    const markdown = [
      '## Command-centre wall (issue 4)',
      '',
      `Headless Chromium (SwiftShader, no GPU) against the running app, \`/wall?region=${region}\`.`,
      '',
      '| measurement | runs | median ms | p95 ms | goal |',
      '|---|---|---|---|---|',
      `| very first render (fresh browser, server cache as found) | 1 | ${ms(coldMs)} | ${ms(coldMs)} | |`,
      row(render, '≤ 3000 ms'),
      row(render4k),
      '',
      `JavaScript loaded by /wall: **${(jsTotal / 1024).toFixed(0)} kB gzipped** (goal ≤ 1,200 kB) in ${scripts.size} files (${chunks.join(', ')}); the editor ${editor ? '**was loaded**' : 'was not loaded'}.`,
      '',
      `Memory over ${events.toLocaleString('en-US')} live events in ${(runMs / 1000).toFixed(0)} s (after forced GC): JS heap ${[before.heap, ...quarters, after.heap].map((h) => h.toFixed(1)).join(' → ')} MB (start, each quarter, end) (${after.heap - before.heap >= 0 ? '+' : ''}${(after.heap - before.heap).toFixed(1)} MB), DOM nodes ${before.nodes} → ${after.nodes}, JS event listeners ${before.listeners} → ${after.listeners}; the badge still reads ${stillLive}.`,
      '',
    ].join('\n')
    return { timings: [render, render4k], markdown }
  } finally {
    await browser.close()
  }
}
