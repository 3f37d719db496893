// The analyst's page (/analyze) as a whole, in domain words: how it lays out on a screen (a phone,
// a laptop, a full-HD screen), its folding filter panel, the playback slider and the KPI strip's
// comparison with the period before. Same given/when/then style as driver.ts.
import assert from 'node:assert/strict';
import { currentPage } from './driver';

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
}

/** Where the page's parts are (CSS px, relative to the page, not the window) and how wide the page lays out. */
export async function theAnalyzeLayout(): Promise<{
  viewport: number;
  pageWidth: number;
  /** Visible elements reaching past the window's right edge (what makes the page scroll sideways). */
  pastTheEdge: string[];
  filters: Box;
  map: Box;
  charts: Box;
  kpis: Box;
}> {
  return currentPage().evaluate(() => {
    const box = (testid: string) => {
      const r = document.querySelector(`[data-testid="${testid}"]`)!.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY, width: r.width, height: r.height };
    };
    return {
      viewport: window.innerWidth,
      pageWidth: document.scrollingElement!.scrollWidth,
      pastTheEdge: [...document.querySelectorAll<HTMLElement>('[data-testid="view-analyze"] *')]
        .filter((el) => el.offsetParent !== null && el.getBoundingClientRect().right > window.innerWidth + 0.5)
        .slice(0, 8)
        .map((el) => el.dataset.testid ?? `${el.tagName.toLowerCase()}.${el.className}`),
      filters: box('analyze-filters'),
      map: box('analysis-map'),
      charts: box('analyze-charts'),
      kpis: box('kpi-strip'),
    };
  });
}

/** The filter panel's fold button (null when the screen shows the filters without one) and whether the filters can be seen. */
export async function theFilterPanel(): Promise<{ toggle: { expanded: string | null; label: string } | null; filtersShown: boolean }> {
  const page = currentPage();
  const toggle = page.getByTestId('filters-toggle');
  const shown = await toggle.isVisible();
  return {
    toggle: shown ? { expanded: await toggle.getAttribute('aria-expanded'), label: (await toggle.innerText()).trim() } : null,
    filtersShown: await page.getByTestId('filter-category').isVisible(),
  };
}

export async function whenIFoldOrUnfoldTheFilters(): Promise<void> {
  await currentPage().getByTestId('filters-toggle').click();
}

/** The playback slider: its accessible name, positions, and the date it says it is at. */
export async function thePlaybackSlider(): Promise<{ name: string; min: number; max: number; value: number; valueText: string | null; dateShown: string }> {
  const page = currentPage();
  const slider = page.getByRole('slider', { name: /回放日期|Playback date/ });
  await slider.waitFor();
  return {
    name: (await slider.getAttribute('aria-label')) ?? (await slider.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent ?? '')),
    min: Number(await slider.getAttribute('min')),
    max: Number(await slider.getAttribute('max')),
    value: Number(await slider.inputValue()),
    valueText: await slider.getAttribute('aria-valuetext'),
    dateShown: (await page.getByTestId('playback-slider-date').innerText()).trim(),
  };
}

/**
 * Moves the playback slider with the keyboard, as a person without a mouse would: to its first
 * position (Home), then `days` steps to the right; or to its last position (End) with 'end'.
 */
export async function whenIMoveThePlaybackSlider(days: number | 'end'): Promise<void> {
  const page = currentPage();
  const slider = page.getByTestId('playback-slider');
  await slider.focus();
  if (days === 'end') {
    await page.keyboard.press('End');
    return;
  }
  await page.keyboard.press('Home');
  for (let i = 0; i < days; i++) await page.keyboard.press('ArrowRight');
}

/**
 * The playback window label's text ("2026-03-10 至 2026-03-16") once it reads `expected`, or what
 * it reads after 10 s: the label follows the slider a frame or more after the slider's own value.
 */
export async function thePlaybackWindowShown(expected: string): Promise<string> {
  const label = currentPage().getByTestId('playback-window-label');
  await label
    .filter({ hasText: expected })
    .waitFor({ timeout: 10_000 })
    .catch(() => {});
  return (await label.innerText()).trim();
}

export type KpiId = 'total' | 'close-rate' | 'on-time' | 'rework' | 'extension' | 'overdue' | 'satisfaction' | 'd2d' | 'd2c';

/** The first day of the period the KPIs are compared with, once the strip compares with the period ending the day before `day`. */
export async function thePeriodComparedBefore(day: string): Promise<string> {
  const strip = currentPage().locator(`[data-testid="kpi-strip"][data-earlier-to="${day}"]`);
  await strip.waitFor({ timeout: 60_000 });
  return (await strip.getAttribute('data-earlier-from'))!;
}

/**
 * The KPI strip's comparison with the period before: the period it names and, per KPI, the
 * earlier value and the change it shows (as numbers, from the page's data attributes) and its text.
 */
export async function theKpiComparison(): Promise<{
  earlier: { from: string | null; to: string | null };
  kpis: Record<KpiId, { earlier: string | null; change: string | null; text: string }>;
}> {
  const page = currentPage();
  const strip = page.locator('[data-testid="kpi-strip"][data-earlier-from]');
  await strip.waitFor({ timeout: 60_000 });
  await page.locator('[data-testid="kpi-total"][data-change]').waitFor({ timeout: 60_000 });
  return strip.evaluate((el) => ({
    earlier: { from: el.getAttribute('data-earlier-from'), to: el.getAttribute('data-earlier-to') },
    kpis: Object.fromEntries(
      [...el.querySelectorAll<HTMLElement>('[data-testid^="kpi-"]')].map((li) => [
        li.dataset.testid!.slice(4),
        {
          earlier: li.getAttribute('data-earlier'),
          change: li.getAttribute('data-change'),
          text: li.querySelector('.kpi__change')?.textContent ?? '',
        },
      ]),
    ),
  })) as never;
}

/** No part of the page reaches past the window's right edge: nothing scrolls sideways. */
export async function thenNothingScrollsSideways(): Promise<void> {
  const layout = await theAnalyzeLayout();
  assert.ok(
    layout.pageWidth <= layout.viewport,
    `the page lays out at ${layout.pageWidth} px in a ${layout.viewport} px window (past the edge: ${layout.pastTheEdge.join(', ')})`,
  );
}
