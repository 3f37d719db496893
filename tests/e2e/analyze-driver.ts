// Domain actions for the analyst's map (/analyze) beyond driver.ts, on the same browser session.
import assert from 'node:assert/strict';
import { currentPage, theRenderedFeatures } from './driver';

const POINTS_LAYER = 'wg-an-points';

/** The points mode has drawn the tiles of the current filters (data-drawn: how many points). */
export async function thenTheIncidentPointsAreDrawn(timeoutMs = 30_000): Promise<number> {
  const map = currentPage().locator('[data-testid="analysis-map"][data-layer="points"][data-drawn]');
  await map.waitFor({ timeout: timeoutMs });
  return Number(await map.getAttribute('data-drawn'));
}

/** The incidents the points layer has drawn, as the map itself reports them. */
export async function theIncidentPointsDrawn(): Promise<{ id: number; properties: Record<string, unknown> }[]> {
  return theRenderedFeatures('analysis-map', POINTS_LAYER);
}

/**
 * Clicks the drawn incident nearest the middle of the map; returns the ids of every point under
 * the cursor there (points overlap, and the card opens for the one drawn on top).
 */
export async function whenIClickAnIncidentPoint(): Promise<number[]> {
  const page = currentPage();
  const canvas = page.locator('[data-testid="analysis-map"] .maplibregl-map');
  const target = await canvas.evaluate((el, layer) => {
    type Feature = { id?: number | string; geometry: { type: string; coordinates: [number, number] } };
    const map = (el as HTMLElement & { maplibreMap?: {
      queryRenderedFeatures(a: unknown, b?: unknown): Feature[];
      project(c: [number, number]): { x: number; y: number };
    } }).maplibreMap!;
    const middle = { x: el.clientWidth / 2, y: el.clientHeight / 2 };
    let best: { x: number; y: number } | null = null;
    for (const f of map.queryRenderedFeatures({ layers: [layer] })) {
      if (f.geometry.type !== 'Point') continue;
      const p = map.project(f.geometry.coordinates);
      if (!best || Math.hypot(p.x - middle.x, p.y - middle.y) < Math.hypot(best.x - middle.x, best.y - middle.y)) best = p;
    }
    if (!best) return null;
    return { ...best, ids: map.queryRenderedFeatures([best.x, best.y], { layers: [layer] }).map((f) => Number(f.id)) };
  }, POINTS_LAYER);
  assert.ok(target && target.ids.length > 0, 'the map has drawn an incident point to click');
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

/** The map says it shows one in `k` of the incidents, and how to see them all. */
export async function thenTheMapSaysItShowsOneIn(k: number): Promise<void> {
  const note = currentPage().getByTestId('sampled-note');
  await note.waitFor();
  assert.equal(await note.getAttribute('data-keep-one-in'), String(k));
  assert.equal(await note.innerText(), `抽样显示：每 ${k} 个显示 1 个，放大查看全部`);
}

export async function thenTheMapDoesNotSayItIsSampled(): Promise<void> {
  assert.equal(await currentPage().getByTestId('sampled-note').count(), 0, 'no sampling note');
}
