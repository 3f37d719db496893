// Domain actions for the app shell (header, menu, focus, map controls) and the home page (load
// failures, the resident's grid lookup), on the page of the current visit (driver.ts).
import assert from 'node:assert/strict';
import { currentPage, theApi, whenIForgiveTheOutage } from './driver';

// ── given ────────────────────────────────────────────────────────────────────

/** The current page on a screen of this size (a phone: 390×844; a small laptop: 1366×768). */
export async function givenAScreenOf(width: number, height: number): Promise<void> {
  await currentPage().setViewportSize({ width, height });
}

/** The browser knows where I am (and may tell the page). */
export async function givenMyPositionIs([lng, lat]: [number, number]): Promise<void> {
  const context = currentPage().context();
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation({ longitude: lng, latitude: lat });
}

// ── when ─────────────────────────────────────────────────────────────────────

export async function whenIOpenTheMenu(): Promise<void> {
  await currentPage().getByTestId('menu-button').click();
  await currentPage().getByTestId('nav-home').waitFor({ state: 'visible' });
}

/** Follows a link of the main navigation (nav-analyze, nav-dispatch…) and waits for its page. */
export async function whenIFollowTheNavigationTo(testid: string): Promise<void> {
  const page = currentPage();
  const link = page.getByTestId(testid);
  const href = (await link.getAttribute('href')) ?? '';
  await link.click();
  await page.waitForURL((url) => url.pathname === new URL(href, url).pathname);
}

/** Presses Tab through the page; returns, for each control it reached, whether it showed a focus ring. */
export async function whenITabThroughThePage(maxPresses = 60): Promise<{ control: string; ring: boolean }[]> {
  const page = currentPage();
  const seen: { control: string; ring: boolean }[] = [];
  for (let n = 0; n < maxPresses; n++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const ring = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2;
      const control = el.dataset.testid ?? `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''}`;
      return { control, ring };
    });
    if (!focused) break;
    if (seen.some((s) => s.control === focused.control) && seen[0].control === focused.control) break;
    seen.push(focused);
  }
  return seen;
}

/** Every request to the app's paths matching `path` fails as if the server were down. */
export async function whenTheServerCannotBeReachedFor(path: RegExp): Promise<void> {
  await currentPage().route(
    (url) => path.test(url.pathname),
    (route) => route.abort('connectionrefused'),
  );
}

/** The server answers again; the refused connections of the outage are forgiven (not faults). */
export async function whenTheServerIsBack(): Promise<void> {
  await currentPage().unrouteAll({ behavior: 'ignoreErrors' });
  assert.ok(whenIForgiveTheOutage() > 0, 'the outage was seen by the page');
}

export async function whenIRetry(testid: string): Promise<void> {
  await currentPage().getByTestId(testid).click();
}

/**
 * Clicks the home page's map where it has drawn a grid; returns that grid's name as the map has it,
 * so that the lookup's answer can be checked against what was clicked.
 */
/** Clicks the home map on a grid near its middle; returns the grid's name and where the click was. */
export async function whenIClickTheMapOnAGrid(): Promise<{ name: string; at: [number, number] }> {
  const page = currentPage();
  await page.waitForSelector('[data-testid="map"][data-grid-count]');
  const canvas = page.locator('[data-testid="map"] .maplibregl-map');
  const hit = await canvas.evaluate((el) => {
    type Rendered = { properties: Record<string, unknown> };
    type Map = {
      queryRenderedFeatures(p: [number, number], o: { layers: string[] }): Rendered[];
      unproject(p: [number, number]): { lng: number; lat: number };
    };
    const map = (el as HTMLElement & { maplibreMap?: Map }).maplibreMap;
    if (!map) return null;
    const { width, height } = el.getBoundingClientRect();
    // From the middle outwards: the first pixel that has a grid under it.
    for (let ring = 0; ring < 10; ring++) {
      for (const [fx, fy] of [
        [0, 0],
        [1, 0],
        [-1, 0],
        [0, 1],
        [0, -1],
        [1, 1],
        [-1, -1],
      ]) {
        const x = width / 2 + fx * ring * (width / 24);
        const y = height / 2 + fy * ring * (height / 24);
        const [feature] = map.queryRenderedFeatures([x, y], { layers: ['wg-grids-fill'] });
        if (feature) {
          const { lng, lat } = map.unproject([x, y]);
          return { x, y, name: String(feature.properties.name), at: [lng, lat] as [number, number] };
        }
      }
    }
    return null;
  });
  assert.ok(hit, 'the map drew a grid somewhere near its middle');
  await canvas.click({ position: { x: hit.x, y: hit.y } });
  return { name: hit.name, at: hit.at };
}

export async function whenIUseMyLocation(): Promise<void> {
  await currentPage().getByTestId('lookup-locate').click();
}

// ── then ─────────────────────────────────────────────────────────────────────

/** The header is one row that nothing sticks out of, and the app's name is shown whole. */
export async function thenTheHeaderFitsTheScreen(): Promise<void> {
  const page = currentPage();
  const header = page.getByTestId('app-header');
  const fits = await header.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const visible = [...el.querySelectorAll<HTMLElement>('*')].filter((c) => c.offsetParent !== null && !c.closest('#app-menu'));
    const outside = visible.filter((c) => {
      const r = c.getBoundingClientRect();
      return r.width > 0 && (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5);
    });
    const clipped = visible.filter((c) => c.scrollWidth > c.clientWidth + 1 && getComputedStyle(c).overflow !== 'visible');
    return {
      height: Math.round(box.height),
      overflows: el.scrollWidth > el.clientWidth + 1 || document.documentElement.scrollWidth > window.innerWidth,
      outside: outside.map((c) => c.dataset.testid ?? c.className),
      clipped: clipped.map((c) => c.dataset.testid ?? c.className),
    };
  });
  assert.deepEqual(fits, { height: 56, overflows: false, outside: [], clipped: [] });
  assert.match(await page.getByTestId('brand').innerText(), /网格|Wangge/);
}

/** On a narrow screen: the navigation is not shown until the menu button opens it. */
export async function thenTheNavigationIsBehindTheMenu(): Promise<void> {
  const page = currentPage();
  await page.getByTestId('menu-button').waitFor({ state: 'visible' });
  assert.equal(await page.getByTestId('menu-button').getAttribute('aria-expanded'), 'false');
  assert.equal(await page.getByTestId('nav-analyze').isVisible(), false, 'the navigation waits behind the menu');
}

/** On a wide screen: every link of the main navigation is in the header and there is no menu button. */
export async function thenTheWholeNavigationIsShown(): Promise<void> {
  const page = currentPage();
  const links = page.locator('.app-nav a');
  const count = await links.count();
  assert.ok(count >= 6, 'the navigation has its links');
  for (let n = 0; n < count; n++) assert.equal(await links.nth(n).isVisible(), true, `nav link ${n} is shown`);
  assert.equal(await page.getByTestId('menu-button').isVisible(), false);
}

export async function thenTheMapControlsSay(labels: { zoomIn: string; zoomOut: string; attribution?: string }): Promise<void> {
  const page = currentPage();
  await page.locator('[data-testid="map"] .maplibregl-ctrl-zoom-in').waitFor();
  const said = {
    zoomIn: await page.locator('[data-testid="map"] .maplibregl-ctrl-zoom-in').getAttribute('aria-label'),
    zoomOut: await page.locator('[data-testid="map"] .maplibregl-ctrl-zoom-out').getAttribute('aria-label'),
    ...(labels.attribution ? { attribution: await page.locator('[data-testid="map"] .maplibregl-ctrl-attrib-button').getAttribute('aria-label') } : {}),
  };
  assert.deepEqual(said, labels);
}

/** The home page names what failed (the map, the service status) in the page's language, each with a retry. */
export async function thenTheHomePageSaysWhatFailed(expected: { map: RegExp; status: RegExp }): Promise<void> {
  const page = currentPage();
  await page.getByTestId('map-error').waitFor();
  await page.getByTestId('health-retry').waitFor();
  assert.match(await page.getByTestId('map-error').innerText(), expected.map);
  assert.match(await page.getByTestId('health').innerText(), expected.status);
  assert.equal(await page.getByTestId('map-retry').isVisible(), true);
}

/**
 * The lookup names the clicked grid and lists its grid workers as the public API gives them for
 * that place: masked name, role, and the number each publishes as a link to call (or says none).
 */
export async function thenTheLookupNames(clicked: { name: string; at: [number, number] }): Promise<void> {
  const page = currentPage();
  await page.getByTestId('lookup-result').waitFor();
  assert.match(await page.getByTestId('lookup-grid').innerText(), new RegExp(`^${clicked.name}（.+）$`));
  const [lng, lat] = clicked.at;
  const answer = await theApi<{ workers: { name: string; phone: string | null }[] }>(`/api/grid-lookup?lng=${lng}&lat=${lat}`);
  const shown = await page
    .getByTestId('lookup-worker')
    .evaluateAll((items) => items.map((li) => ({ text: li.textContent ?? '', tel: li.querySelector('a[href^="tel:"]')?.getAttribute('href') ?? null })));
  assert.equal(shown.length, answer.workers.length, 'every grid worker is listed');
  assert.ok(
    answer.workers.some((w) => w.phone),
    'the demo grid clicked has a worker who publishes a number',
  );
  answer.workers.forEach((w, n) => {
    assert.ok(shown[n].text.startsWith(w.name), `worker ${n + 1} is ${w.name}: ${shown[n].text}`);
    assert.equal(shown[n].tel, w.phone ? `tel:${w.phone.replace(/[\s-]/g, '')}` : null, `worker ${n + 1}'s number to call`);
    if (!w.phone) assert.match(shown[n].text, /未公示电话/);
  });
}

export async function thenTheLookupSaysOutsideEveryGrid(): Promise<void> {
  await currentPage().getByTestId('lookup-outside').waitFor();
  assert.equal(await currentPage().getByTestId('lookup-result').count(), 0);
}

/** The home page's blind spots: each kind with the count the API gives for the region the home map shows. */
export async function thenTheHomePageListsTheBlindSpots(): Promise<void> {
  const page = currentPage();
  const { regions } = await theApi<{ regions: { code: string }[] }>('/api/regions');
  const { blindSpotsByKind } = await theApi<{ blindSpotsByKind: Record<string, number> }>(`/api/stats/overview?region=${regions[0].code}`);
  const expected = Object.entries(blindSpotsByKind).filter(([, n]) => n > 0);
  assert.ok(expected.length > 0, 'the demo town has blind spots');
  await page.getByTestId('home-spots-total').waitFor();
  const total = Number(await page.getByTestId('home-spots-total').getAttribute('data-total'));
  const listed = await page
    .locator('[data-testid="home-spots"] li[data-kind]')
    .evaluateAll((items) => items.map((li) => [li.getAttribute('data-kind'), Number(li.getAttribute('data-count'))]));
  assert.deepEqual(Object.fromEntries(listed), Object.fromEntries(expected));
  assert.equal(
    total,
    expected.reduce((sum, [, n]) => sum + n, 0),
  );
}

/** Follows the home page's way to act on the blind spots (the editor, the wall) and arrives there. */
export async function whenIFollowTheBlindSpotsTo(where: 'edit' | 'wall'): Promise<void> {
  const page = currentPage();
  await page.getByTestId(`home-spots-${where}`).click();
  await page.waitForURL((url) => url.pathname === `/${where}` && url.searchParams.has('region'));
}

/** The home page's introduction is shown whole (the page scrolls), not cut into a box of its own. */
export async function thenTheHomeIntroIsShownWhole(): Promise<void> {
  const cut = await currentPage()
    .locator('.home-intro')
    .evaluate((el) => el.scrollHeight > el.clientHeight + 1);
  assert.equal(cut, false, 'the introduction is cut off');
}
