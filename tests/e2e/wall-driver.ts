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

// ── issue 17: what the wall says and shows to the room ─────────────────────────

/** The keys of the rows the 按期结案率 ranking draws, top to bottom. */
export async function theRankingRows(): Promise<string[]> {
  const rows = await currentPage().getByTestId('chart-wall-ranking-panel').getAttribute('data-rows');
  assert.ok(rows !== null, 'the ranking says which rows it draws');
  return rows.split(' ').filter(Boolean);
}

/** How many rendered grid polygons lie under the map's legend. */
export async function theGridsUnderTheLegend(): Promise<number> {
  return currentPage().evaluate(() => {
    const container = document.querySelector('[data-testid="wall-map"] .maplibregl-map') as HTMLElement & {
      maplibreMap?: { queryRenderedFeatures(box: [[number, number], [number, number]], o: { layers: string[] }): unknown[] };
    };
    const legend = document.querySelector('[data-testid="wall-legend"]')!.getBoundingClientRect();
    const map = container.getBoundingClientRect();
    const box: [[number, number], [number, number]] = [
      [legend.left - map.left, legend.top - map.top],
      [legend.right - map.left, legend.bottom - map.top],
    ];
    return container.maplibreMap!.queryRenderedFeatures(box, { layers: ['wg-wall-grid-fill'] }).length;
  });
}

/** The part of the map panel's width and height the box `bbox` is drawn over (0–1 each). */
export async function theShareOfThePanelDrawnOver(bbox: [number, number, number, number]): Promise<{ width: number; height: number }> {
  return currentPage().evaluate((b) => {
    const container = document.querySelector('[data-testid="wall-map"] .maplibregl-map') as HTMLElement & {
      maplibreMap?: { project(c: [number, number]): { x: number; y: number } };
    };
    const sw = container.maplibreMap!.project([b[0], b[1]]);
    const ne = container.maplibreMap!.project([b[2], b[3]]);
    return { width: (ne.x - sw.x) / container.clientWidth, height: (sw.y - ne.y) / container.clientHeight };
  }, bbox);
}

/** What the map is framed on (data-frame: west,south,east,north). */
export async function theMapFrame(): Promise<number[]> {
  const frame = await currentPage().getByTestId('wall-map').getAttribute('data-frame');
  assert.ok(frame, 'the map says what it is framed on');
  return frame.split(',').map(Number);
}

/** The count per kind the blind-spot panel shows. */
export async function theBlindSpotCounts(): Promise<Record<string, number>> {
  return currentPage().evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-testid^="spot-kind-"]')].map((el) => [
        el.getAttribute('data-testid')!.slice('spot-kind-'.length),
        Number(el.getAttribute('data-count')),
      ]),
    ),
  );
}

/** The kinds of the entries the blind-spot list offers, in order. */
export async function theBlindSpotEntries(): Promise<string[]> {
  return currentPage()
    .getByTestId('spot-entry')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')!));
}

/** Picks the first entry of `kind` in the blind-spot list (after filtering by the kind). */
export async function whenIPickTheFirstBlindSpotOfKind(kind: string): Promise<void> {
  const page = currentPage();
  await page.getByTestId(`spot-kind-${kind}`).click();
  await page.locator(`[data-testid="spot-entry"][data-kind="${kind}"]`).first().click();
}

export async function whenIGoBackToTheWholeRegion(): Promise<void> {
  await currentPage().getByTestId('spot-reset').click();
}

/** The server stops answering `path` (reads matching it are refused a connection). */
export async function givenTheServerStopsAnswering(path: RegExp): Promise<void> {
  await currentPage().route(
    (url) => path.test(url.pathname),
    (route) => route.abort('connectionrefused'),
  );
}

export async function whenTheServerAnswersAgain(): Promise<void> {
  await currentPage().unrouteAll({ behavior: 'ignoreErrors' });
}

/** The wall's banner of failed reads names `parts` and says why; returns its text. */
export async function thenTheWallSaysWhatFailed(timeoutMs = 10_000): Promise<string> {
  const banner = currentPage().getByTestId('wall-failures');
  await banner.waitFor({ timeout: timeoutMs });
  return banner.innerText();
}

export async function whenIRetry(): Promise<void> {
  await currentPage().getByTestId('wall-retry').click();
}

/** Which of the wall's panels are marked stale (data-stale), by test id. */
export async function theStalePanels(): Promise<string[]> {
  return currentPage().evaluate(() => [...document.querySelectorAll('[data-stale]')].map((el) => el.getAttribute('data-testid') ?? el.className).sort());
}

export async function thenNothingIsMarkedStale(timeoutMs = 10_000): Promise<void> {
  await currentPage().waitForFunction(
    () => document.querySelectorAll('[data-stale]').length === 0 && !document.querySelector('[data-testid="wall-failures"]'),
    undefined,
    {
      timeout: timeoutMs,
    },
  );
}

/** The page shows the message `testid` (wall-small-screen, wall-unknown-region, wall-error…); returns its text. */
export async function thenTheWallSays(testid: string, timeoutMs = 20_000): Promise<string> {
  const message = currentPage().getByTestId(testid);
  await message.waitFor({ timeout: timeoutMs });
  return message.innerText();
}

export async function whenIClick(testid: string): Promise<void> {
  await currentPage().getByTestId(testid).click();
}

/** The wall, whatever its scale, lies wholly inside the window: no header, tile or panel cut off. */
export async function thenTheWallFitsTheWindow(): Promise<void> {
  const cut = await currentPage().evaluate(() => {
    const parts = document.querySelectorAll('[data-testid="wall"], .wall-header, .wall-kpi, .wall-panel, .wall-centre__map');
    return [...parts]
      .map((el) => ({ name: el.getAttribute('data-testid') ?? el.className, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.left < -0.5 || r.top < -0.5 || r.right > window.innerWidth + 0.5 || r.bottom > window.innerHeight + 0.5)
      .map(({ name, r }) => `${name} [${Math.round(r.left)},${Math.round(r.top)},${Math.round(r.right)},${Math.round(r.bottom)}]`);
  });
  assert.deepEqual(cut, [], `parts of the wall outside the window`);
}

/** A link followed, the app shows `path` with its header. */
export async function thenIAmOn(path: string): Promise<void> {
  const page = currentPage();
  await page.waitForURL((url) => url.pathname === path);
  await page.getByTestId('app-header').waitFor();
}
