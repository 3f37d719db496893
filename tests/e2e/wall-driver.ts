// Domain actions for the command-centre wall beyond driver.ts, on the same browser session.
import assert from 'node:assert/strict';
import { currentBaseUrl, currentPage, theRenderedFeatures } from './driver';

/** Every chart has drawn the overview the KPI tiles show (data-drawn is that overview's asOf). */
export async function thenTheChartsShowTheOverviewOfTheTiles(timeoutMs = 10_000): Promise<void> {
  await currentPage().waitForFunction(() => {
    const asOf = document.querySelector('[data-testid="wall"][data-ready]')?.getAttribute('data-as-of');
    const charts = [...document.querySelectorAll('.wall-chart')];
    return Boolean(asOf) && charts.length === 5 && charts.every((el) => el.getAttribute('data-drawn') === asOf && el.querySelector('canvas'));
  }, undefined, { timeout: timeoutMs });
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
    method: 'PUT', headers: admin, body: JSON.stringify({ type: 'Feature', geometry: grid.geometry, properties: { ...grid.properties, reason: '大屏测试：原样保存' } }),
  });
  assert.equal(put.status, 200, 'the grid saved again');
}
