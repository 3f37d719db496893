// Grid-editor actions beyond driver.ts: topological editing (a shared vertex dragged once moves
// for both neighbours). Same given/when/then style; the browser session is driver.ts's.
import assert from 'node:assert/strict';
import { adminBearer, currentBaseUrl, currentPage, pixelOf, theApi, type LngLat } from './driver';

export type Ring = LngLat[];
export interface GridJson {
  id: number;
  code: string;
  communityCode: string;
  version: number;
  rings: Ring[];
  outer: Ring;
}
export interface GridCollectionJson {
  features: { geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown }; properties: Omit<GridJson, 'rings' | 'outer'> }[];
}

export interface SharedVertex {
  community: string;
  /** The vertex, as both grids store it. */
  at: LngLat;
  /** Where to drag it: perpendicular to the shared edge, `metres` away. */
  to: LngLat;
  /** A point just inside `grid`, to select it by clicking. */
  inside: LngLat;
  grid: GridJson;
  neighbour: GridJson;
}

const key = (p: LngLat) => `${p[0]},${p[1]}`;

/** The grids of a GET /api/grids answer, with every ring and the outer ring the editor reshapes. */
export function gridsFrom({ features }: GridCollectionJson): GridJson[] {
  return features.map((f) => {
    const polygons = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as Ring[][];
    return { ...f.properties, rings: polygons.flat(), outer: polygons[0][0] };
  });
}

async function gridsOf(region: string): Promise<GridJson[]> {
  return gridsFrom(await theApi<GridCollectionJson>(`/api/grids?region=${region}`));
}

/** The ring neighbours of vertex i of a closed ring. */
const around = (ring: Ring, i: number): [LngLat, LngLat] => {
  const n = ring.length - 1;
  return [ring[(i - 1 + n) % n], ring[(i + 1) % n]];
};

/**
 * A vertex in the middle of an edge two grids of `community` share: the same two vertices on
 * either side in both rings, and no other grid of `county` (all its grids) touching it — so
 * dragging it a few metres keeps both grids inside their community.
 */
export function sharedVertexIn(county: GridJson[], community: string, metres = 30): SharedVertex | undefined {
  const holders = new Map<string, { grid: GridJson; ring: Ring; index: number }[]>();
  for (const grid of county) {
    for (const ring of grid.rings) ring.slice(0, -1).forEach((p, index) => holders.set(key(p), [...(holders.get(key(p)) ?? []), { grid, ring, index }]));
  }
  for (const [, held] of holders) {
    if (held.length !== 2 || held.some((h) => h.grid.communityCode !== community)) continue;
    const [a, b] = held;
    if (a.ring !== a.grid.outer) continue;
    const [pa, pc] = around(a.ring, a.index);
    const [qa, qc] = around(b.ring, b.index);
    if (!((key(pa) === key(qa) && key(pc) === key(qc)) || (key(pa) === key(qc) && key(pc) === key(qa)))) continue;
    return { community, ...dragAcross(a.ring[a.index], pa, pc, counterClockwise(a.ring), metres), grid: a.grid, neighbour: b.grid };
  }
  return undefined;
}

/** The community codes of a GET /api/regions answer, in tree order. */
export function communitiesOf(regions: { code: string; level: string; children: unknown[] }[]): string[] {
  return regions.flatMap((r) => (r.level === 'community' ? [r.code] : communitiesOf(r.children as never)));
}

/** Communities are tried from the last, skipping any with a gap or an overlap already (the demo town plants some). */
export async function aSharedVertex(metres = 30): Promise<SharedVertex> {
  const communities = communitiesOf((await theApi<{ regions: never[] }>('/api/regions')).regions);
  const county = await gridsOf(communities[0].slice(0, 6));
  for (const community of communities.reverse()) {
    const { summary } = await theApi<{ summary: { gapAreaM2: number; overlapAreaM2: number } }>(`/api/coverage?region=${community}`);
    if (summary.gapAreaM2 > 0 || summary.overlapAreaM2 > 0) continue;
    const found = sharedVertexIn(county, community, metres);
    if (found) return found;
  }
  throw new Error('no community has a vertex two of its grids share');
}

const counterClockwise = (ring: Ring) => ring.slice(0, -1).reduce((sum, p, i) => sum + p[0] * ring[i + 1][1] - ring[i + 1][0] * p[1], 0) > 0;

/**
 * For vertex `at` of a ring running a → at → c: a point `metres` away across the edge (into the
 * neighbour: the grid grows) and one half as far inside the ring (to click the grid).
 */
function dragAcross(at: LngLat, a: LngLat, c: LngLat, ccw: boolean, metres: number): { at: LngLat; to: LngLat; inside: LngLat } {
  const mPerDegLat = 110_950;
  const mPerDegLng = 111_320 * Math.cos((at[1] * Math.PI) / 180);
  const dx = (c[0] - a[0]) * mPerDegLng;
  const dy = (c[1] - a[1]) * mPerDegLat;
  const len = Math.hypot(dx, dy);
  // The interior lies left of the direction of travel in a counter-clockwise ring.
  const side = ccw ? 1 : -1;
  const inward = [(-dy / len) * side, (dx / len) * side];
  const offset = (m: number): LngLat => [at[0] + (inward[0] * m) / mPerDegLng, at[1] + (inward[1] * m) / mPerDegLat];
  return { at, to: offset(-metres), inside: offset(metres / 2) };
}

/** The topological-editing switch reads `on`. */
export async function thenTopologicalEditingIs(on: boolean): Promise<void> {
  assert.equal(await currentPage().getByTestId('topological').isChecked(), on, 'topological editing switch');
}

export async function whenITurnTopologicalEditing(on: boolean): Promise<void> {
  await currentPage().getByTestId('topological').setChecked(on);
}

/** With the reshape tool on a selected grid: presses on a vertex and drags it to `to` in small steps. */
export async function whenIDragTheVertex(from: LngLat, to: LngLat, steps = 12): Promise<void> {
  const page = currentPage();
  const start = await pixelOf(from);
  const end = await pixelOf(to);
  await page.mouse.move(start.x, start.y);
  await page.waitForTimeout(100);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) await page.mouse.move(start.x + ((end.x - start.x) * i) / steps, start.y + ((end.y - start.y) * i) / steps);
  await page.mouse.up();
}

export async function whenIChooseTheReshapeTool(): Promise<void> {
  const page = currentPage();
  await page.getByTestId('tool-reshape').click();
  await page.waitForSelector('[data-testid="edit-map"][data-tool="reshape"]');
  await page.waitForTimeout(300); // terra-draw draws the selection points on the next frame
}

/** The pending edit's title, e.g. "调整网格 …（连同 1 个相邻网格）". */
export async function thePendingTitle(): Promise<string> {
  return currentPage().getByTestId('pending-title').innerText();
}

/** The grids the multi-grid check lists, by id. */
export async function theLinkedGridsChecked(): Promise<number[]> {
  return currentPage()
    .getByTestId('check-linked')
    .locator('li')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-grid-id'))));
}

/** A grid as the API has it now: version and the vertices of all its rings. */
export async function theGridNow(community: string, id: number): Promise<{ version: number; vertices: Set<string> }> {
  const grid = (await gridsOf(community)).find((g) => g.id === id);
  assert.ok(grid, `grid ${id} is in the API`);
  return { version: grid.version, vertices: new Set(grid.rings.flatMap((r) => r.map(key))) };
}

export const vertexKey = key;

// ── restores, refusals, keys, blind spots, failures, small screens (issue 17) ──

async function asAdmin(method: 'PUT' | 'POST', path: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(currentBaseUrl() + path, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await adminBearer()}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

/** The outer ring pulled `fraction` of the way towards its centre: the grid shrinks and leaves a gap. */
const shrunk = (ring: Ring, fraction: number): Ring => {
  const corners = ring.slice(0, -1);
  const cx = corners.reduce((s, p) => s + p[0], 0) / corners.length;
  const cy = corners.reduce((s, p) => s + p[1], 0) / corners.length;
  return ring.map(([x, y]) => [x + (cx - x) * fraction, y + (cy - y) * fraction]);
};

/**
 * A grid with three versions, written through the API as admin: v1 as imported, v2 shrunk (a gap
 * opened, households left outside), v3 restored to v1 without a reason (the server writes one).
 * Restoring v2 again would reopen the gap. Returns the grid as it is at v3.
 */
export async function givenAGridShrunkAndRestored(community: string): Promise<GridJson> {
  const grids = await gridsOf(community);
  for (const grid of grids) {
    const shrink = await asAdmin('PUT', `/api/grids/${grid.id}`, {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [shrunk(grid.outer, 0.3)] },
      properties: { version: grid.version, reason: '测试：缩小' },
    });
    if (shrink.status !== 200) continue; // a concave grid may not shrink inside itself: try the next
    const revert = await asAdmin('POST', `/api/grids/${grid.id}/revert`, { toVersion: grid.version, version: grid.version + 1 });
    assert.equal(revert.status, 200, `revert: ${JSON.stringify(revert.json)}`);
    return (await gridsOf(community)).find((g) => g.id === grid.id)!;
  }
  throw new Error(`no grid of ${community} could be shrunk`);
}

/** A point inside a grid (the mean of its outer ring's corners, the grid being convex enough). */
export function aPointIn(grid: GridJson): LngLat {
  const corners = grid.outer.slice(0, -1);
  return [corners.reduce((s, p) => s + p[0], 0) / corners.length, corners.reduce((s, p) => s + p[1], 0) / corners.length];
}

/** The reasons the selected grid's history shows, newest last. */
export async function theHistoryReasons(): Promise<string[]> {
  const page = currentPage();
  await page.getByTestId('history-entry').first().waitFor();
  return page.getByTestId('history-reason').allInnerTexts();
}

export async function whenIRestoreVersion(version: number): Promise<void> {
  await currentPage().getByTestId(`revert-${version}`).click();
}

/** Confirms the pending edit as it is (no reason typed): the save button, whatever it reads. */
export async function whenIConfirm(): Promise<string> {
  const page = currentPage();
  await page.getByTestId('edit-save').click();
  return page.getByTestId('edit-message').innerText();
}

export async function whenICancel(): Promise<void> {
  await currentPage().getByTestId('edit-cancel').click();
}

/** The next save of one grid (PUT /api/grids/:id) is refused by the server with `code`, as a real refusal reads. */
export async function givenTheServerRefusesTheNextSave(code: string, message: string): Promise<void> {
  let refused = false;
  await currentPage().route(/\/api\/grids(\/\d+)?(\?.*)?$/, (route) => {
    if (refused || route.request().method() !== 'PUT') return route.fallback();
    refused = true;
    return route.fulfill({ status: 409, contentType: 'application/json', body: JSON.stringify({ error: { code, message } }) });
  });
}

/** The message under the pending edit (saved or refused), or null when there is none. */
export async function theEditMessage(): Promise<{ kind: string; text: string; role: string } | null> {
  const el = currentPage().getByTestId('edit-message');
  if ((await el.count()) === 0) return null;
  return { kind: (await el.getAttribute('data-kind')) ?? '', text: (await el.innerText()).trim(), role: (await el.getAttribute('role')) ?? '' };
}

export async function thenTheEditMessageIsGone(): Promise<void> {
  await currentPage().getByTestId('edit-message').waitFor({ state: 'detached' });
}

/** The code in the selected grid's history title, i.e. which grid is selected. */
export async function theSelectedGridTitle(): Promise<string> {
  const title = currentPage().getByTestId('edit-history').locator('h2');
  await title.waitFor();
  return title.innerText();
}

/** A key press on the page, e.g. 'Control+z', 'Control+Shift+z', 'Escape'; `inReason` types it in the reason field. */
export async function whenIPress(keys: string, inReason = false): Promise<void> {
  const page = currentPage();
  if (inReason) await page.getByTestId('edit-reason').press(keys);
  else {
    // Out of any field, as after a click on the map.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press(keys);
  }
}

export async function thenSomethingIsPending(): Promise<string> {
  return thePendingTitle();
}

/** The to-do list's kinds and their counts, as shown. */
export async function theBlindSpotKinds(): Promise<Record<string, number>> {
  const page = currentPage();
  await page.getByTestId('blind-kind').first().waitFor();
  const kinds = await page
    .getByTestId('blind-kind')
    .evaluateAll((els) => els.map((e) => [e.getAttribute('data-kind')!, Number(e.getAttribute('data-count'))] as const));
  return Object.fromEntries(kinds);
}

/** The blind spots of a region by kind, as the coverage API reports them. */
export async function theBlindSpotsOf(region: string): Promise<Record<string, number>> {
  const report = await theApi<{ blindSpots: { features: { properties: { kind: string } }[] } }>(`/api/coverage?region=${region}`);
  const counts: Record<string, number> = {};
  for (const f of report.blindSpots.features) counts[f.properties.kind] = (counts[f.properties.kind] ?? 0) + 1;
  return counts;
}

/** Clicks the first listed blind spot of `kind`; returns the box it stands for. */
export async function whenIChooseTheBlindSpot(kind: string): Promise<[number, number, number, number]> {
  const page = currentPage();
  const group = page.locator(`[data-testid="blind-kind"][data-kind="${kind}"]`);
  if (!(await group.getAttribute('open'))) await group.locator('summary').click();
  const spot = group.getByTestId('blind-spot').first();
  const bounds = (await spot.getAttribute('data-bounds'))!.split(',').map(Number) as [number, number, number, number];
  await spot.click();
  return bounds;
}

/** What the editor's map shows: [west, south, east, north]. */
export async function theMapBounds(): Promise<[number, number, number, number]> {
  const value = await currentPage().getByTestId('edit-map').getAttribute('data-bounds');
  return value!.split(',').map(Number) as [number, number, number, number];
}

/** The map shows `box` whole, and not much more: zoomed to it. */
export async function thenTheMapIsZoomedTo(box: [number, number, number, number]): Promise<void> {
  const page = currentPage();
  await page.waitForFunction(([w, s, e, n]) => {
    const b = document.querySelector('[data-testid="edit-map"]')?.getAttribute('data-bounds')?.split(',').map(Number);
    return Boolean(b && b[0] <= w && b[1] <= s && b[2] >= e && b[3] >= n);
  }, box);
}

/** Opens /edit while every read of the region's grids fails to connect (the server unreachable for them). */
export async function whenIOpenTheEditorWhileTheGridsFail(username: string, password: string, region: string): Promise<void> {
  const page = currentPage();
  await page.route(/\/api\/grids\?region=/, (route) => route.abort('connectionrefused'));
  await page.goto(`${currentBaseUrl()}/edit?region=${region}`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** The load failure the editor shows, or null. */
export async function theLoadFailure(): Promise<string | null> {
  const el = currentPage().getByTestId('edit-load-failure').first();
  try {
    await el.waitFor({ timeout: 10_000 });
  } catch {
    return null;
  }
  return (await el.innerText()).trim();
}

/** The grids can be read again, and I press Retry. */
export async function whenTheGridsLoadAgainAndIRetry(): Promise<void> {
  const page = currentPage();
  await page.unroute(/\/api\/grids\?region=/);
  await page.getByTestId('edit-load-retry').first().click();
}

export async function thenNoLoadFailureShows(): Promise<void> {
  await currentPage().getByTestId('edit-load-failure').first().waitFor({ state: 'detached' });
}

/** The page's window at `width` × `height` (a phone: 390 × 844). */
export async function givenAScreenOf(width: number, height: number): Promise<void> {
  await currentPage().setViewportSize({ width, height });
}

/** The editor's map's box on screen. */
export async function theMapBox(): Promise<{ width: number; height: number; x: number; y: number }> {
  return (await currentPage().getByTestId('edit-map').boundingBox())!;
}

/** The page is no wider than the window (nothing to scroll sideways). */
export async function thePageWidth(): Promise<{ scroll: number; window: number }> {
  return currentPage().evaluate(() => ({ scroll: document.documentElement.scrollWidth, window: window.innerWidth }));
}

export async function whenISaveAScreenshotTo(path: string): Promise<void> {
  await currentPage().screenshot({ path, fullPage: true });
}

/** The `nth` community (from 0, in tree order) with at least `min` grids: tests that change grids each keep to their own. */
export async function theNthCommunityWithGrids(nth: number, min = 4): Promise<string> {
  const communities = communitiesOf((await theApi<{ regions: never[] }>('/api/regions')).regions);
  const found: string[] = [];
  for (const code of communities) {
    if ((await gridsOf(code)).length >= min) found.push(code);
    if (found.length > nth) return code;
  }
  throw new Error(`fewer than ${nth + 1} communities have ${min} grids`);
}

export const gridsOfCommunity = gridsOf;
