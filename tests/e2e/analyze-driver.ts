// Domain actions for the analyst's map (/analyze) beyond driver.ts, on the same browser session.
// The incidents are drawn by deck.gl from one binary load; the map's container offers deck's own
// picking and the incidents the GPU filter keeps (AnalysisMap's DeckIncidentsProbe).
import assert from 'node:assert/strict';
import type { Request } from 'playwright-core';
import { currentBaseUrl, currentPage } from './driver';

const MAP = '[data-testid="analysis-map"] .maplibregl-map';
/**
 * Points overlap: the one deck picks at a point's place may be a neighbour drawn over it, up to
 * its radius (at most 6 px) and outline away.
 */
const NEAR_PX = 8;

interface Kept {
  id: number;
  lng: number;
  lat: number;
  category: number;
}
type Probe = HTMLElement & {
  maplibreMap?: { project(c: [number, number]): { x: number; y: number } };
  deckIncidents?: { pick(x: number, y: number): number | null; kept(): Kept[] };
};

/** deck.gl has drawn the current layer's incidents (data-drawn: how many the filter keeps). */
export async function thenDeckDrawsTheIncidents(layer: 'points' | 'hex' | 'heat', timeoutMs = 60_000): Promise<number> {
  const map = currentPage().locator(`[data-testid="analysis-map"][data-layer="${layer}"][data-renderer="deck"][data-drawn]`);
  await map.waitFor({ timeout: timeoutMs });
  return Number(await map.getAttribute('data-drawn'));
}

/** The incidents the GPU filter keeps (time window, categories), as the map reports them. */
export async function theIncidentsKept(): Promise<Kept[]> {
  return currentPage()
    .locator(MAP)
    .evaluate((el) => (el as Probe).deckIncidents!.kept());
}

/**
 * Asks deck.gl what it drew at the screen position of up to `n` kept incidents inside the view:
 * for each, the incident ids kept within NEAR_PX of that position (points overlap) and the id deck's
 * picking returns there (null when it drew nothing).
 */
export async function whatDeckPicksAtKeptIncidents(n: number): Promise<{ near: number[]; picked: number | null }[]> {
  return currentPage()
    .locator(MAP)
    .evaluate(
      (el, [count, NEAR_PX]) => {
        const probe = el as Probe;
        const map = probe.maplibreMap!;
        const kept = probe
          .deckIncidents!.kept()
          .map((k) => ({ ...k, p: map.project([k.lng, k.lat]) }))
          .filter(({ p }) => p.x > 10 && p.y > 10 && p.x < el.clientWidth - 10 && p.y < el.clientHeight - 10);
        const step = Math.max(1, Math.floor(kept.length / count));
        const out: { near: number[]; picked: number | null }[] = [];
        for (let i = 0; i < kept.length && out.length < count; i += step) {
          const { p } = kept[i];
          const near = kept.filter((k) => Math.hypot(k.p.x - p.x, k.p.y - p.y) <= NEAR_PX).map((k) => k.id);
          out.push({ near, picked: probe.deckIncidents!.pick(p.x, p.y) });
        }
        return out;
      },
      [n, NEAR_PX] as const,
    );
}

/**
 * Clicks the kept incident nearest the middle of the map; returns the ids deck picks there and
 * within NEAR_PX (points overlap, and the card opens for the one drawn on top).
 */
export async function whenIClickAnIncidentPoint(): Promise<number[]> {
  const page = currentPage();
  const canvas = page.locator(MAP);
  const target = await canvas.evaluate((el, near) => {
    const probe = el as Probe;
    const map = probe.maplibreMap!;
    const middle = { x: el.clientWidth / 2, y: el.clientHeight / 2 };
    let best: { x: number; y: number } | null = null;
    for (const k of probe.deckIncidents!.kept()) {
      const p = map.project([k.lng, k.lat]);
      if (!best || Math.hypot(p.x - middle.x, p.y - middle.y) < Math.hypot(best.x - middle.x, best.y - middle.y)) best = p;
    }
    if (!best) return null;
    const ids = probe
      .deckIncidents!.kept()
      .filter((k) => {
        const p = map.project([k.lng, k.lat]);
        return Math.hypot(p.x - best!.x, p.y - best!.y) <= near;
      })
      .map((k) => k.id);
    return { ...best, ids, picked: probe.deckIncidents!.pick(best.x, best.y) };
  }, NEAR_PX);
  assert.ok(target && target.picked !== null, 'deck.gl drew an incident point to click');
  assert.ok(target.ids.includes(target.picked), `deck picks #${target.picked}, one of the incidents there (${target.ids.join(', ')})`);
  const box = (await canvas.boundingBox())!;
  await page.mouse.click(box.x + target.x, box.y + target.y);
  return target.ids;
}

/** The incident card is open on one of `ids`, with its details loaded; returns its id. */
export async function thenTheIncidentCardShowsOneOf(ids: number[]): Promise<number> {
  const card = currentPage().getByTestId('incident-card');
  await card.getByTestId('incident-timeline').waitFor();
  const id = Number(/#(\d+)/.exec(await card.locator('h2').innerText())?.[1]);
  assert.ok(ids.includes(id), `the card shows #${id}, one of the incidents clicked (${ids.join(', ')})`);
  return id;
}

/** The page says where the incidents are drawn: 'gpu' (the loaded set) or 'server' (over the cap). */
export async function thenTheIncidentsAreDrawnBy(source: 'gpu' | 'server'): Promise<{ cap: number; text: string }> {
  const note = currentPage().locator(`[data-testid="incident-source"][data-source="${source}"]`);
  await note.waitFor({ timeout: 60_000 });
  return { cap: Number(await note.getAttribute('data-cap')), text: await note.innerText() };
}

/** Every request the page makes to the app while `act` runs (path and query). */
export async function theRequestsWhile(act: () => Promise<void>): Promise<string[]> {
  const page = currentPage();
  const origin = new URL(currentBaseUrl()).origin;
  const seen: string[] = [];
  const onRequest = (req: Request) => {
    if (req.url().startsWith(origin)) seen.push(req.url().slice(origin.length));
  };
  page.on('request', onRequest);
  try {
    await act();
  } finally {
    page.off('request', onRequest);
  }
  return seen;
}

/**
 * Plays back at `speed`× for `ms` and pauses; returns each playback window the bar showed, with
 * the count the page showed for it and what deck had drawn.
 */
export async function whenIPlayBackFor(ms: number, speed: 1 | 2 | 4 = 4): Promise<{ window: string; count: number; drawn: number | null }[]> {
  const page = currentPage();
  await page.getByTestId('playback-speed').selectOption(String(speed));
  const frames: { window: string; count: number; drawn: number | null }[] = [];
  await page.getByTestId('playback-toggle').click();
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const frame = await page.evaluate(() => ({
      window: document.querySelector('[data-testid="playback-window-label"]')?.textContent ?? '',
      count: Number(document.querySelector('[data-testid="matched-count"]')?.getAttribute('data-count')),
      drawn: document.querySelector('[data-testid="analysis-map"]')?.getAttribute('data-drawn') ?? null,
    }));
    if (frame.window && frames[frames.length - 1]?.window !== frame.window) frames.push({ ...frame, drawn: frame.drawn === null ? null : Number(frame.drawn) });
    await page.waitForTimeout(50);
  }
  await page.getByTestId('playback-toggle').click();
  return frames;
}

/** The playback window the URL holds now (its first day), and its length in days. */
export async function thePlaybackWindow(): Promise<{ at: string; days: number }> {
  const params = new URL(currentPage().url()).searchParams;
  return { at: params.get('at')!, days: Number(params.get('win') ?? 7) };
}

/** The analyst's screen at 1920×1080 (the screenshots in docs/ are taken at that size). */
export async function givenAFullHdScreen(): Promise<void> {
  await currentPage().setViewportSize({ width: 1920, height: 1080 });
}

/**
 * Types `year` over the year of a date filter ('from' or 'to') that already holds a date, key by
 * key as a person does (the browser reports 0002, 0020, 0202 on the way), and leaves the field
 * alone until typing has settled.
 */
export async function whenITypeTheYearOf(field: 'from' | 'to', year: string): Promise<void> {
  const page = currentPage();
  const input = page.getByTestId(`filter-${field}`);
  await input.focus();
  // The segments' order follows the browser's locale (年/月/日 or month/day/year): step to the
  // one an arrow key changes the year of (up and back down at once: the filter settles unchanged).
  for (let segment = 0; segment < 3; segment++) {
    const before = await input.inputValue();
    await page.keyboard.press('ArrowUp');
    const after = await input.inputValue();
    await page.keyboard.press('ArrowDown');
    if (after.slice(0, 4) !== before.slice(0, 4)) break;
    await page.keyboard.press('ArrowRight');
  }
  for (const key of year) await page.keyboard.press(key);
  await page.waitForTimeout(1_500);
}

/** The `from`/`to` dates the page asked the server about in `requests` (KPIs, points, stats). */
export function theDatesAskedFor(requests: string[]): string[] {
  return [
    ...new Set(
      requests
        .filter((r) => r.startsWith('/api/incidents/'))
        .flatMap((r) => [new URL(r, 'http://x').searchParams.get('from'), new URL(r, 'http://x').searchParams.get('to')])
        .filter((d): d is string => d !== null),
    ),
  ];
}

/** The server answers the KPI and chart reads with a 503 until `whenTheServerIsBack`. */
export async function givenTheServerFailsTheAnalysisReads(): Promise<void> {
  await currentPage().route(/\/api\/incidents\/(kpis|stats)\?/, (route) =>
    route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unavailable', message: 'down for a test' } }) }),
  );
}

export async function whenTheServerIsBack(): Promise<void> {
  await currentPage().unrouteAll({ behavior: 'ignoreErrors' });
}

/** The page says which parts failed to load (their names, in the page's language) and why; returns the note. */
export async function thenThePageSaysTheLoadFailed(): Promise<{ parts: string[]; text: string }> {
  const note = currentPage().getByTestId('analyze-failed');
  await note.waitFor({ timeout: 30_000 });
  return { parts: ((await note.getAttribute('data-parts')) ?? '').split(' '), text: await note.innerText() };
}

/** What the page shows as the matching count (null: no number) and the KPI strip's 事件总数. */
export async function theFiguresShown(): Promise<{ matched: number | null; matchedText: string; total: string }> {
  const page = currentPage();
  const count = await page.getByTestId('matched-count').getAttribute('data-count');
  return {
    matched: count === null ? null : Number(count),
    matchedText: await page.getByTestId('matched-count').innerText(),
    total: await page.getByTestId('kpi-total').locator('.kpi__value').innerText(),
  };
}

export async function whenIRetryTheLoad(): Promise<void> {
  await currentPage().getByTestId('analyze-retry').click();
}
