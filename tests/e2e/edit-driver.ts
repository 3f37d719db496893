// Grid-editor actions beyond driver.ts: topological editing (a shared vertex dragged once moves
// for both neighbours). Same given/when/then style; the browser session is driver.ts's.
import assert from 'node:assert/strict';
import { currentPage, pixelOf, theApi, type LngLat } from './driver';

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
