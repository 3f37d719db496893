// Domain actions on the /analyze map's legend, hover, chosen region/grid and open incident, on the
// same browser session as driver.ts. Ground truth comes from the API (as the admin reads it) or
// from what deck.gl and MapLibre say they drew.
import assert from 'node:assert/strict';
import { currentPage, theApi, theGridsOf, type GridInfo } from './driver';

const MAP = '[data-testid="analysis-map"] .maplibregl-map';

type MapEl = HTMLElement & {
  maplibreMap?: {
    isMoving(): boolean;
    project(c: [number, number]): { x: number; y: number };
    unproject(p: [number, number]): { lng: number; lat: number };
    getBounds(): { getWest(): number; getSouth(): number; getEast(): number; getNorth(): number };
    queryRenderedFeatures(o: { layers: string[] }): { properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }[];
  };
  deckOverlay?: {
    pickObjects(o: {
      x: number;
      y: number;
      width: number;
      height: number;
    }): { layer?: { id: string }; object?: Record<string, unknown>; x: number; y: number }[];
  };
};

export interface Legend {
  layer: string;
  min: number | null;
  max: number | null;
  text: string;
}

/** The legend of `layer` once it shows the range of what is drawn (or, for points, the statuses). */
export async function thenTheLegendShows(layer: 'heat' | 'hex' | 'points' | 'choropleth'): Promise<Legend> {
  const page = currentPage();
  const selector = `[data-testid="analysis-legend"][data-layer="${layer}"]${layer === 'points' ? '[data-total]' : '[data-min]'}`;
  const legend = page.locator(selector);
  await legend.waitFor({ timeout: 60_000 });
  const number = async (name: string) => {
    const v = await legend.getAttribute(name);
    return v === null ? null : Number(v);
  };
  return { layer, min: await number('data-min'), max: await number('data-max'), text: await legend.innerText() };
}

/** The points legend: how many incidents of each status it says are drawn. */
export async function theStatusesTheLegendCounts(): Promise<Record<string, number>> {
  const items = await currentPage()
    .locator('[data-testid="analysis-legend"] li[data-status]')
    .evaluateAll((els) => els.map((e) => [e.getAttribute('data-status'), Number(e.getAttribute('data-count'))] as const));
  return Object.fromEntries(items);
}

type Picked = { layer?: { id: string }; index: number; object?: { count: number; colorValue: number } }[];
type Rect = { x: number; y: number; width: number; height: number };

/** The hexagons deck.gl drew in the view, as its own picking reports them: each one's count and the value its colour shows. */
export async function theHexagonsDrawn(): Promise<{ index: number; count: number; value: number }[]> {
  return currentPage()
    .locator(MAP)
    .evaluate((el) =>
      ((el as MapEl).deckOverlay!.pickObjects({ x: 0, y: 0, width: el.clientWidth, height: el.clientHeight }) as unknown as Picked)
        .filter((info) => info.layer?.id.startsWith('wg-an-deck-hex') && info.object)
        .map((info) => ({ index: info.index, count: info.object!.count, value: info.object!.colorValue })),
    );
}

/**
 * A pixel of the map where deck drew the hexagon with the most incidents, and that count: deck's
 * picking of ever smaller parts of the view, keeping the part that holds it.
 */
export async function whereDeckDrawsTheDensestHexagon(): Promise<{ x: number; y: number; count: number }> {
  return currentPage()
    .locator(MAP)
    .evaluate((el) => {
      const overlay = (el as MapEl).deckOverlay!;
      const hexagons = (rect: Rect) => (overlay.pickObjects(rect) as unknown as Picked).filter((i) => i.layer?.id.startsWith('wg-an-deck-hex') && i.object);
      let rect: Rect = { x: 0, y: 0, width: el.clientWidth, height: el.clientHeight };
      const all = hexagons(rect);
      const densest = all.reduce((a, b) => (b.object!.count > a.object!.count ? b : a));
      while (rect.width > 2 || rect.height > 2) {
        const w = Math.ceil(rect.width / 2);
        const h = Math.ceil(rect.height / 2);
        const parts = [
          { x: rect.x, y: rect.y, width: w, height: h },
          { x: rect.x + w, y: rect.y, width: rect.width - w, height: h },
          { x: rect.x, y: rect.y + h, width: w, height: rect.height - h },
          { x: rect.x + w, y: rect.y + h, width: rect.width - w, height: rect.height - h },
        ].filter((r) => r.width > 0 && r.height > 0);
        const next = parts.find((r) => hexagons(r).some((i) => i.index === densest.index));
        if (!next) throw new Error('the densest hexagon was lost while narrowing down');
        rect = next;
      }
      // A pixel of it may lie on its edge: go to the middle of its run across, then of its run down.
      const isIt = (x: number, y: number) => (overlay.pickObjects({ x, y, width: 1, height: 1 }) as unknown as Picked).some((i) => i.index === densest.index);
      const middle = (from: number, inside: (v: number) => boolean) => {
        let [lo, hi] = [from, from];
        while (inside(lo - 1)) lo--;
        while (inside(hi + 1)) hi++;
        return Math.round((lo + hi) / 2);
      };
      const corners = [0, 1, 2, 3].map((k) => ({ x: rect.x + (k % 2) * (rect.width - 1), y: rect.y + Math.floor(k / 2) * (rect.height - 1) }));
      const start = corners.find((p) => isIt(p.x, p.y));
      if (!start) throw new Error('the densest hexagon has no pixel of its own');
      const x = middle(start.x, (v) => isIt(v, start.y));
      const y = middle(start.y, (v) => isIt(x, v));
      return { x, y, count: densest.object!.count };
    });
}

export interface GridRate {
  code: string;
  name: string;
  count: number;
  households: number;
  /** Incidents per 100 households, to one decimal. */
  per100: number;
  /** A point well inside the grid, to hover over. */
  inside: [number, number];
}

/** Each grid of `region` with its incidents per 100 households, from the API's own counts. */
export async function theGridRatesOf(region: string): Promise<GridRate[]> {
  const stats = await theApi<{ byGrid: { gridId: number; count: number }[] }>(`/api/incidents/stats?region=${region}`);
  const grids = await theApi<{
    features: { geometry: { coordinates: number[][][][] }; properties: { id: number; code: string; name: string; householdCount: number } }[];
  }>(`/api/grids?region=${region}`);
  const counts = new Map(stats.byGrid.map((g) => [g.gridId, g.count]));
  return grids.features.map(({ geometry, properties: p }) => {
    const count = counts.get(p.id) ?? 0;
    return {
      code: p.code,
      name: p.name,
      count,
      households: p.householdCount,
      per100: p.householdCount > 0 ? Math.round((count / p.householdCount) * 1000) / 10 : 0,
      inside: pointInside(geometry.coordinates[0][0]),
    };
  });
}

/** A point well inside a ring: the middle of the longest horizontal chord through its box's middle. */
function pointInside(ring: number[][]): [number, number] {
  const ys = ring.map((p) => p[1]);
  const y = (Math.min(...ys) + Math.max(...ys)) / 2;
  const xs: number[] = [];
  for (let k = 0; k + 1 < ring.length; k++) {
    const [a, b] = [ring[k], ring[k + 1]];
    if (a[1] > y !== b[1] > y) xs.push(a[0] + ((y - a[1]) / (b[1] - a[1])) * (b[0] - a[0]));
  }
  xs.sort((p, q) => p - q);
  let best: [number, number] = [xs[0], xs[1]];
  for (let k = 0; k + 1 < xs.length; k += 2) if (xs[k + 1] - xs[k] > best[1] - best[0]) best = [xs[k], xs[k + 1]];
  return [(best[0] + best[1]) / 2, y];
}

/**
 * Moves the pointer over a place on the map; returns what the tooltip says there (its lines). The
 * place is projected again at each try: a map still settling has moved it since the last one.
 */
export async function whenIHoverOver([lng, lat]: [number, number], withinMs = 10_000): Promise<string[]> {
  const map = currentPage().locator(MAP);
  return hoverUntilTheTooltipShows(withinMs, () => map.evaluate((el, c) => (el as MapEl).maplibreMap!.project(c), [lng, lat] as [number, number]));
}

/** Moves the pointer over a pixel of the map; returns what the tooltip says there (its lines). */
export async function whenIHoverAtPixel(p: { x: number; y: number }): Promise<string[]> {
  return hoverUntilTheTooltipShows(10_000, async () => p);
}

async function hoverUntilTheTooltipShows(withinMs: number, where: () => Promise<{ x: number; y: number }>): Promise<string[]> {
  const page = currentPage();
  const box = (await page.locator(MAP).boundingBox())!;
  const tip = page.getByTestId('analysis-tooltip');
  // Arrive from a neighbouring pixel, as a hand does: MapLibre reports moves, not positions. A map
  // still redrawing (after a language switch restyles it) has nothing under the pointer yet: move
  // again, as a hand would, for up to 10 s.
  const until = Date.now() + withinMs;
  for (;;) {
    const p = await where();
    assert.ok(p.x > 0 && p.y > 0 && p.x < box.width && p.y < box.height, `the place (${p.x}, ${p.y}) is in view`);
    await page.mouse.move(box.x + p.x - 3, box.y + p.y - 3);
    await page.mouse.move(box.x + p.x, box.y + p.y, { steps: 3 });
    const shown = await tip.waitFor({ timeout: 1_000 }).then(
      () => true,
      () => false,
    );
    if (shown) break;
    if (Date.now() > until) {
      // Say what was there instead, for whoever reads the failure.
      const there = await page.evaluate(
        ({ x, y }) => {
          const el = document.elementFromPoint(x, y);
          return el ? `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}` : 'nothing';
        },
        { x: box.x + p.x, y: box.y + p.y },
      );
      const moving = await page.locator(MAP).evaluate((el) => (el as MapEl).maplibreMap!.isMoving());
      throw new Error(`no tooltip at (${p.x}, ${p.y}) after ${withinMs / 1000} s; under the pointer: ${there}; the map ${moving ? 'is moving' : 'is still'}`);
    }
  }
  return (await tip.innerText()).split('\n').filter(Boolean);
}

export async function whenIChooseTheRegion(code: string): Promise<void> {
  await currentPage().getByTestId('filter-region').selectOption(code);
}

export async function whenIChooseTheGrid(code: string): Promise<void> {
  await currentPage().getByTestId('filter-grid').selectOption(code);
}

/**
 * The map has zoomed to the chosen region or grid (`key`): its box lies inside the view and fills
 * a good part of it. Returns the view's bounds.
 */
export async function thenTheMapIsZoomedTo(key: string, bbox: [number, number, number, number]): Promise<[number, number, number, number]> {
  const page = currentPage();
  await page.locator(`[data-testid="analysis-map"][data-focus-fitted="${key}"]`).waitFor({ timeout: 30_000 });
  const view = await page.locator(MAP).evaluate((el) => {
    const b = (el as MapEl).maplibreMap!.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] as [number, number, number, number];
  });
  const [w, s, e, n] = view;
  assert.ok(bbox[0] >= w && bbox[1] >= s && bbox[2] <= e && bbox[3] <= n, `${bbox.join(',')} lies inside the view ${view.join(',')}`);
  const share = Math.max((bbox[2] - bbox[0]) / (e - w), (bbox[3] - bbox[1]) / (n - s));
  assert.ok(share > 0.35, `the chosen area fills the view (${Math.round(share * 100)} % of it)`);
  return view;
}

/**
 * The outlines the map draws for the chosen region or grid (their keys, one per drawn piece), once
 * `settled` holds for them or after 10 s: the outline's source is re-tiled after the zoom ends,
 * so what is drawn at that moment may still be the previous one, or nothing yet.
 */
export async function theHighlightedOutlines(settled: (keys: string[]) => boolean): Promise<string[]> {
  const page = currentPage();
  const drawn = () =>
    page.locator(MAP).evaluate((el) => (el as MapEl).maplibreMap!.queryRenderedFeatures({ layers: ['wg-an-focus-line'] }).map((f) => String(f.properties.key)));
  const until = Date.now() + 10_000;
  let keys = await drawn();
  while (!settled(keys) && Date.now() < until) {
    await page.waitForTimeout(200);
    keys = await drawn();
  }
  return keys;
}

/** The ring the map draws at the open incident: the incident's id and where it is drawn, or null. */
export async function theMarkedIncident(): Promise<{ id: number; at: [number, number] } | null> {
  const rings = await currentPage()
    .locator(MAP)
    .evaluate((el) =>
      (el as MapEl).maplibreMap!.queryRenderedFeatures({ layers: ['wg-an-selected-ring'] }).map((f) => ({
        id: Number(f.properties.id),
        at: f.geometry.coordinates as [number, number],
      })),
    );
  assert.ok(rings.length <= 1, 'at most one incident is marked');
  return rings[0] ?? null;
}

/** Waits until the map marks incident `id` (null: marks none). */
export async function thenTheMapMarks(id: number | null): Promise<{ id: number; at: [number, number] } | null> {
  const page = currentPage();
  if (id === null) await page.locator('[data-testid="analysis-map"]:not([data-selected])').waitFor();
  else await page.locator(`[data-testid="analysis-map"][data-selected="${id}"]`).waitFor();
  // The source's new data is drawn in the next frame.
  await page.waitForTimeout(500);
  return theMarkedIncident();
}

/** Where the API says incident `id` is. */
export async function whereTheApiPuts(id: number): Promise<[number, number]> {
  return (await theApi<{ geometry: { coordinates: [number, number] } }>(`/api/incidents/${id}`)).geometry.coordinates;
}

export async function whenICloseTheIncidentCard(): Promise<void> {
  await currentPage().getByTestId('incident-card-close').click();
}

/** A grid of `region` other than the first (so choosing it is a change), with its box. */
export async function aGridOf(region: string): Promise<GridInfo> {
  const grids = await theGridsOf(region);
  assert.ok(grids.length > 1, `${region} has grids to choose`);
  return grids[grids.length - 1];
}

/** The box the API gives region `code`. */
export async function theBoxOf(code: string): Promise<[number, number, number, number]> {
  type Node = { code: string; bbox: [number, number, number, number] | null; children: Node[] };
  const find = (nodes: Node[]): Node | undefined => nodes.map((n) => (n.code === code ? n : find(n.children))).find(Boolean);
  const region = find((await theApi<{ regions: Node[] }>('/api/regions')).regions);
  assert.ok(region?.bbox, `region ${code} has a box`);
  return region.bbox;
}

/** The place of the kept incident drawn nearest the middle of the map. */
export async function aKeptIncidentNearTheMiddle(): Promise<[number, number]> {
  return (await keptIncidentsNearTheMiddle(false, 1))[0];
}

/**
 * The places of up to `n` kept incidents nearest the middle that deck picks where they are drawn.
 * After the whole browser suite, hovering the very nearest has been seen to show no tooltip although
 * deck picks it (not understood; not reproduced with the file alone): the test tries the next ones.
 */
export async function pickableIncidentsNearTheMiddle(n: number): Promise<[number, number][]> {
  return keptIncidentsNearTheMiddle(true, n);
}

async function keptIncidentsNearTheMiddle(pickedByDeck: boolean, n: number): Promise<[number, number][]> {
  return currentPage()
    .locator(MAP)
    .evaluate(
      (el, { pickedByDeck, n }) => {
        const probe = el as MapEl & { deckIncidents?: { kept(): { lng: number; lat: number }[]; pick(x: number, y: number): number | null } };
        const map = probe.maplibreMap!;
        const middle = { x: el.clientWidth / 2, y: el.clientHeight / 2 };
        const near = probe
          .deckIncidents!.kept()
          .map((k) => ({ at: [k.lng, k.lat] as [number, number], p: map.project([k.lng, k.lat]) }))
          .map((k) => ({ ...k, d: Math.hypot(k.p.x - middle.x, k.p.y - middle.y) }))
          .sort((a, b) => a.d - b.d)
          .slice(0, 50)
          .filter((k) => !pickedByDeck || probe.deckIncidents!.pick(k.p.x, k.p.y) !== null)
          .slice(0, n);
        if (!near.length) throw new Error(pickedByDeck ? 'deck picks none of the 50 incidents nearest the middle' : 'no incident is kept');
        return near.map((k) => k.at);
      },
      { pickedByDeck, n },
    );
}
