// The editor as a supervisor finds their way: which grids they may edit, grid names, the region
// picker and the grid search. Given/when/then steps on driver.ts's browser session.
import assert from 'node:assert/strict';
import { currentPage, theApi, theGridsOf, type GridInfo } from './driver';

/** The demo town's supervisor, scoped to 合德镇 (320924001). */
export const SUPERVISOR = ['supervisor', 'wangge-demo'] as const;
export const SUPERVISORS_TOWN = '320924001';
export const ANOTHER_TOWN = '320924002';

export interface NamedGrid extends GridInfo {
  name: string;
}

/** The first grid (by code) of a region, with its name, as the API has it. */
export async function aGridOf(region: string): Promise<NamedGrid> {
  const [grid] = (await theGridsOf(region)) as NamedGrid[];
  assert.ok(grid, `a grid in ${region}`);
  return grid;
}

/** Types part of a grid's name or code in the search and picks the first grid it offers. */
export async function whenISearchForTheGrid(query: string): Promise<void> {
  const page = currentPage();
  await page.getByTestId('grid-search').fill(query);
  await page.getByTestId('grid-search-result').first().click();
}

/** Chooses a street or community in the region picker. */
export async function whenIPickTheRegion(code: string): Promise<void> {
  await currentPage().getByTestId('region-picker').selectOption(code);
}

/** The regions the picker offers, by code. */
export async function theRegionsOnOffer(): Promise<string[]> {
  return currentPage()
    .getByTestId('region-picker')
    .locator('option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
}

/** The side panel names the selected grid; returns whether it says the grid is outside the user's scope. */
export async function thenTheSelectedGridIs(name: string): Promise<{ locked: boolean; text: string }> {
  const page = currentPage();
  await page.waitForFunction((n) => document.querySelector('[data-testid="selected-grid-name"]')?.textContent === n, name);
  const card = page.getByTestId('selected-grid');
  return { locked: (await page.getByTestId('selected-grid-locked').count()) > 0, text: await card.innerText() };
}

/** Which of the tools that change the selected grid are usable. */
export async function theToolsForTheSelection(): Promise<Record<'reshape' | 'split' | 'delete', boolean>> {
  const page = currentPage();
  const enabled = async (id: string) => page.getByTestId(`tool-${id}`).isEnabled();
  return { reshape: await enabled('reshape'), split: await enabled('split'), delete: await enabled('delete') };
}

/** The map shows `box` whole, at most `slack` times its height: it was zoomed to it. */
export async function thenTheMapShows([w, s, e, n]: [number, number, number, number], slack = 2.5): Promise<void> {
  const page = currentPage();
  await page.waitForFunction(
    ({ box, slack }) => {
      const bounds = document.querySelector('[data-testid="edit-map"]')?.getAttribute('data-bounds');
      if (!bounds) return false;
      const [mw, ms, me, mn] = bounds.split(',').map(Number);
      const [bw, bs, be, bn] = box;
      return mw <= bw && ms <= bs && me >= be && mn >= bn && mn - ms <= (bn - bs) * slack;
    },
    { box: [w, s, e, n], slack },
  );
}

/** A grid's name is written on the map (a visible label). */
export async function thenTheMapLabels(name: string): Promise<void> {
  await currentPage().waitForFunction(
    (n) =>
      [...document.querySelectorAll<HTMLElement>('[data-testid="edit-map"] .grid-label')].some((el) => el.textContent === n && el.style.display !== 'none'),
    name,
  );
}

/** A screenshot of the whole page at a given size (for people to look at). */
export async function whenISaveAScreenshotAt(path: string, width: number, height: number): Promise<void> {
  const page = currentPage();
  await page.setViewportSize({ width, height });
  await page.waitForTimeout(3000); // SwiftShader presents frames slowly
  await page.screenshot({ path, timeout: 120_000 });
}

// ── the selected grid's attributes ───────────────────────────────────────────

export interface StaffJson {
  workers: { id: number; name: string }[];
  candidates: { id: number; name: string }[];
  partyMembers: number;
}

/** The grid's staff as the API has it. */
export async function theStaffOf(gridId: number): Promise<StaffJson> {
  return theApi<StaffJson>(`/api/grids/${gridId}/staff`);
}

/** The grid as the API has it now. */
export async function theGridNamed(region: string, id: number): Promise<{ name: string; type: string; version: number }> {
  const { features } = await theApi<{ features: { properties: { id: number; name: string; type: string; version: number } }[] }>(`/api/grids?region=${region}`);
  const found = features.find((f) => f.properties.id === id);
  assert.ok(found, `grid ${id} in ${region}`);
  return found.properties;
}

export interface AttributeChange {
  name?: string;
  type?: 'comprehensive' | 'dedicated';
  /** Workers (by name) whose assignment to the grid is toggled. */
  toggleWorkers?: string[];
  partyMembers?: number;
  reason?: string;
}

/** Changes the selected grid's attributes in the side panel and saves them; returns what the panel then says. */
export async function whenIChangeTheAttributes(change: AttributeChange): Promise<{ kind: string; text: string }> {
  const page = currentPage();
  const form = page.getByTestId('grid-attributes');
  await form.getByTestId('attr-name').waitFor();
  if (change.name !== undefined) await form.getByTestId('attr-name').fill(change.name);
  if (change.type) await form.getByTestId('attr-type').selectOption(change.type);
  for (const name of change.toggleWorkers ?? []) await form.locator(`[data-testid="attr-worker"][data-name="${name}"]`).click();
  if (change.partyMembers !== undefined) await form.getByTestId('attr-party').fill(String(change.partyMembers));
  if (change.reason) await form.getByTestId('attr-reason').fill(change.reason);
  await form.getByTestId('attr-save').click();
  const outcome = page.getByTestId('attr-outcome');
  await outcome.waitFor();
  return { kind: (await outcome.getAttribute('data-kind')) ?? '', text: (await outcome.innerText()).trim() };
}
