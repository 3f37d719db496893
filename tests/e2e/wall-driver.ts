// Domain actions for the command-centre wall beyond driver.ts, on the same browser session.
import assert from 'node:assert/strict';
import { currentBaseUrl, currentPage, theRenderedFeatures } from './driver';

/** Every chart has drawn the overview the KPI tiles show (data-drawn is that overview's asOf). */
export async function thenTheChartsShowTheOverviewOfTheTiles(timeoutMs = 10_000): Promise<void> {
  await currentPage().waitForFunction(
    () => {
      const asOf = document.querySelector('[data-testid="wall"][data-ready]')?.getAttribute('data-as-of');
      const charts = [...document.querySelectorAll('.wall-chart')];
      return Boolean(asOf) && charts.length === 5 && charts.every((el) => el.getAttribute('data-drawn') === asOf && el.querySelector('canvas'));
    },
    undefined,
    { timeout: timeoutMs },
  );
}

/** The density layers (households, incident heat) have followed the grids onto the map. */
export async function thenTheDensityLayersAreDrawn(timeoutMs = 20_000): Promise<void> {
  await currentPage().waitForSelector('[data-testid="wall-map"][data-density-drawn]', { timeout: timeoutMs });
}

/** The map's canvas fills the map panel of the wall (width × height in CSS px, both non-zero). */
export async function thenTheMapFillsItsPanel(): Promise<void> {
  const { canvas, panel } = await currentPage().evaluate(() => {
    const size = (el: Element | null) => {
      const r = el?.getBoundingClientRect();
      return r ? [Math.round(r.width), Math.round(r.height)] : null;
    };
    return { canvas: size(document.querySelector('[data-testid="wall-map"] canvas')), panel: size(document.querySelector('[data-testid="wall-map"]')) };
  });
  assert.ok(panel && panel[0] > 0 && panel[1] > 0, `the map panel has a size (${panel})`);
  assert.deepEqual(canvas, panel, 'the map canvas fills the map panel');
}

/** The households the wall's density layer has drawn, as the map itself reports them. */
export async function theHouseholdsDrawn(): Promise<{ id: number; properties: Record<string, unknown> }[]> {
  return theRenderedFeatures('wall-map', 'wg-wall-hh-density');
}

/**
 * An admin saves a grid of `region` again, unchanged but for a new version: the server announces
 * grid.changed, as for any edit, without changing what other tests see.
 */
export async function whenAGridIsSavedAgain(admin: Record<string, string>, region: string): Promise<void> {
  const base = currentBaseUrl();
  const res = await fetch(`${base}/api/grids?region=${region}`, { headers: admin });
  assert.equal(res.status, 200, 'the grids of the region');
  const [grid] = ((await res.json()) as { features: { geometry: unknown; properties: Record<string, unknown> & { id: number } }[] }).features;
  assert.ok(grid, `${region} has a grid`);
  const put = await fetch(`${base}/api/grids/${grid.properties.id}`, {
    method: 'PUT',
    headers: admin,
    body: JSON.stringify({ type: 'Feature', geometry: grid.geometry, properties: { ...grid.properties, reason: '大屏测试：原样保存' } }),
  });
  assert.equal(put.status, 200, 'the grid saved again');
}

/**
 * Where deck.gl's incident heat should glow and where it should not, in the map's own pixels:
 * the mean brightness (0–255) of a screenshot of the map (HTML labels hidden) around the 20 px
 * cell holding the most incidents, and around a place inside the map with no incident within 80 px.
 */
export async function theHeatBrightness(): Promise<{ incidents: number; busiest: number; empty: number }> {
  const page = currentPage();
  const canvas = page.locator('[data-testid="wall-map"] .maplibregl-map');
  const spots = await canvas.evaluate((el) => {
    const probe = el as HTMLElement & { wallHeat?: () => number[][]; maplibreMap?: { project(c: [number, number]): { x: number; y: number } } };
    const points = probe.wallHeat!()
      .map((c) => probe.maplibreMap!.project(c as [number, number]))
      .filter((p) => p.x >= 0 && p.y >= 0 && p.x < el.clientWidth && p.y < el.clientHeight);
    const cells = new Map<string, number>();
    for (const p of points) {
      const key = `${Math.floor(p.x / 20)}:${Math.floor(p.y / 20)}`;
      cells.set(key, (cells.get(key) ?? 0) + 1);
    }
    const [busy] = [...cells.entries()].sort((a, b) => b[1] - a[1])[0];
    const [bx, by] = busy.split(':').map(Number);
    let empty: { x: number; y: number } | null = null;
    for (let y = 40; y < el.clientHeight - 40 && !empty; y += 20) {
      for (let x = 40; x < el.clientWidth - 40 && !empty; x += 20) {
        if (!points.some((p) => Math.hypot(p.x - x, p.y - y) < 80)) empty = { x, y };
      }
    }
    return { incidents: points.length, busiest: { x: bx * 20 + 10, y: by * 20 + 10 }, empty };
  });
  assert.ok(spots.empty, 'a place without incidents in view');
  await page.addStyleTag({ content: '.wall-label, .maplibregl-ctrl { visibility: hidden !important; }' });
  await page.waitForTimeout(500);
  const png = await canvas.screenshot({ timeout: 120_000 });
  const { default: sharp } = await import('sharp');
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const brightness = ({ x, y }: { x: number; y: number }) => {
    let sum = 0;
    let n = 0;
    for (let dy = -6; dy <= 6; dy++) {
      for (let dx = -6; dx <= 6; dx++) {
        const k = ((Math.round(y) + dy) * info.width + Math.round(x) + dx) * 3;
        sum += (data[k] + data[k + 1] + data[k + 2]) / 3;
        n++;
      }
    }
    return sum / n;
  };
  return { incidents: spots.incidents, busiest: brightness(spots.busiest), empty: brightness(spots.empty!) };
}
