import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, it } from 'vitest';
import { givenAScreenOf } from './admin-driver';
import { thenDeckDrawsTheIncidents, thePlaybackWindow, whenIPlayBackFor } from './analyze-driver';
import {
  type KpiId,
  theAnalyzeLayout,
  theFilterPanel,
  theKpiComparison,
  thePlaybackSlider,
  thePlaybackWindowShown,
  thenNothingScrollsSideways,
  whenIFoldOrUnfoldTheFilters,
  whenIMoveThePlaybackSlider,
} from './analyze-page-driver';
import { givenIAmLoggedInAsAdmin } from './auth-driver';
import {
  closeTheBrowser,
  finishTheVisit,
  givenTheAppIsRunning,
  theApi,
  theIncidentsMatching,
  thenNothingWentWrong,
  thenTheAnalyzeViewCounts,
  whenIOpen,
  whenISaveAScreenshot,
} from './driver';

/** Screenshots to look at (not committed): the page at each screen size. */
const SHOTS = process.env.SHOTS_DIR ?? '/tmp/shots-page';
const shot = (name: string) => `${SHOTS}/${name}`;
const instant = (day: string) => encodeURIComponent(`${day}T00:00:00+08:00`);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const daysFrom = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

interface Kpis {
  total: number;
  overdue: number;
  closeRate: number | null;
  onTimeCloseRate: number | null;
  reworkRate: number | null;
  extensionRate: number | null;
  satisfactionRate: number | null;
  discoveryToDispatchMinutes: number | null;
  dispatchToCloseMinutes: number | null;
}
const KPI_FIELDS: Record<KpiId, keyof Kpis> = {
  total: 'total',
  'close-rate': 'closeRate',
  'on-time': 'onTimeCloseRate',
  rework: 'reworkRate',
  extension: 'extensionRate',
  overdue: 'overdue',
  satisfaction: 'satisfactionRate',
  d2d: 'discoveryToDispatchMinutes',
  d2c: 'dispatchToCloseMinutes',
};
const kpisOf = (from: string, to: string) => theApi<Kpis>(`/api/incidents/kpis?from=${instant(from)}&to=${instant(to)}`);

/** The demo town's first and last day with incidents, as the API counts them (it moves with the date). */
async function theDataDays(): Promise<{ first: string; last: string }> {
  const { byDay } = await theApi<{ byDay: { day: string }[] }>('/api/incidents/stats');
  return { first: byDay[0].day, last: byDay[byDay.length - 1].day };
}

describe('the analyst’s page at every screen size, its playback slider and its comparison with the period before (/analyze)', () => {
  beforeEach(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await givenTheAppIsRunning();
    await givenIAmLoggedInAsAdmin();
  });
  afterEach(finishTheVisit);
  afterAll(closeTheBrowser);

  it('fits a 390×844 phone: nothing scrolls sideways, the filters fold behind a button, the map is usable and the charts follow it', async () => {
    await givenAScreenOf(390, 844);
    await whenIOpen('/analyze?layer=heat');
    await thenTheAnalyzeViewCounts(await theIncidentsMatching(''));
    await thenNothingScrollsSideways();
    assert.deepEqual(await theFilterPanel(), { toggle: { expanded: 'false', label: '筛选条件' }, filtersShown: false }, 'folded at first on a phone');
    const layout = await theAnalyzeLayout();
    assert.ok(layout.map.width >= 340 && layout.map.right <= 390, `the map spans the phone (${layout.map.left}–${layout.map.right})`);
    assert.ok(layout.map.height >= 360, `the map is tall enough to use (${layout.map.height} px)`);
    assert.ok(layout.map.top < 844, 'the map starts on the first screen');
    assert.ok(layout.charts.top >= layout.map.bottom, 'the charts come below the map');
    await whenISaveAScreenshot(shot('analyze-390x844.png'));

    await whenIFoldOrUnfoldTheFilters();
    assert.deepEqual(await theFilterPanel(), { toggle: { expanded: 'true', label: '筛选条件' }, filtersShown: true }, 'unfolded');
    await thenNothingScrollsSideways();
    const open = await theAnalyzeLayout();
    assert.ok(open.map.top >= open.filters.bottom, 'the open filters push the map down, they do not cover it');
    await whenISaveAScreenshot(shot('analyze-390x844-filters.png'));
    await whenIFoldOrUnfoldTheFilters();
    assert.deepEqual(await theFilterPanel(), { toggle: { expanded: 'false', label: '筛选条件' }, filtersShown: false }, 'folded again');
    thenNothingWentWrong();
  });

  it('keeps the three columns on a 1366×768 laptop and a 1920×1080 screen, the filters shown without a fold button', async () => {
    for (const [width, height] of [
      [1366, 768],
      [1920, 1080],
    ]) {
      await givenAScreenOf(width, height);
      await whenIOpen('/analyze?layer=heat');
      await thenTheAnalyzeViewCounts(await theIncidentsMatching(''));
      await thenNothingScrollsSideways();
      assert.deepEqual(await theFilterPanel(), { toggle: null, filtersShown: true });
      const layout = await theAnalyzeLayout();
      assert.ok(layout.filters.right <= layout.map.left && layout.map.right <= layout.charts.left, `filters | map | charts side by side at ${width}`);
      assert.ok(layout.map.bottom <= height, `the map ends on the screen at ${width}×${height}`);
      assert.ok(layout.kpis.height < 100, `the KPIs take one row at ${width} (${layout.kpis.height} px)`);
      await whenISaveAScreenshot(shot(`analyze-${width}x${height}.png`));
    }
    thenNothingWentWrong();
  });

  it('jumps the playback window to the date the slider is moved to (keyboard), the URL, the count and the drawing agreeing', async () => {
    const from = addDays((await theDataDays()).first, 40);
    const to = addDays(from, 61);
    await whenIOpen(`/analyze?layer=points&from=${from}&to=${to}`);
    await thenDeckDrawsTheIncidents('points');
    const before = await thePlaybackSlider();
    assert.equal(before.name, '回放日期');
    assert.deepEqual([before.min, before.max], [0, daysFrom(from, addDays(to, -7))], 'one position per window start that fits the range (7-day window)');

    await whenIMoveThePlaybackSlider(17);
    const day = addDays(from, 17);
    const slider = await thePlaybackSlider();
    assert.deepEqual([slider.value, slider.valueText, slider.dateShown], [17, day, day], 'the slider says the date it is at');
    assert.deepEqual(await thePlaybackWindow(), { at: day, days: 7 }, 'the URL holds the window');
    const label = `${day} 至 ${addDays(day, 6)}`;
    assert.equal(await thePlaybackWindowShown(label), label);
    const expected = await theIncidentsMatching(`from=${instant(day)}&to=${instant(addDays(day, 7))}`);
    await thenTheAnalyzeViewCounts(expected);
    assert.equal(await thenDeckDrawsTheIncidents('points'), expected, 'deck draws the window the slider chose');

    await whenIMoveThePlaybackSlider('end');
    const last = addDays(to, -7);
    assert.deepEqual(await thePlaybackWindow(), { at: last, days: 7 }, 'End: the last whole window');
    assert.equal((await thePlaybackSlider()).dateShown, last);
    thenNothingWentWrong();
  });

  it('moves the slider with the play button, and plays on from where the slider was put', async () => {
    const from = addDays((await theDataDays()).first, 40);
    await whenIOpen(`/analyze?layer=points&from=${from}&to=${addDays(from, 61)}`);
    await thenDeckDrawsTheIncidents('points');
    await whenIMoveThePlaybackSlider(20);
    const frames = await whenIPlayBackFor(3_000, 4);
    assert.ok(frames.length >= 2, `the window moved (${frames.map((f) => f.window).join(' | ')})`);
    assert.ok(
      frames[0].window.startsWith(addDays(from, 20)) || frames[0].window.startsWith(addDays(from, 21)),
      `played on from the slider's date (${frames[0].window})`,
    );
    const { at } = await thePlaybackWindow();
    const slider = await thePlaybackSlider();
    assert.ok(daysFrom(from, at) > 20, 'the window moved on');
    assert.deepEqual([slider.value, slider.dateShown], [daysFrom(from, at), at], 'the slider is where the playback is');
    thenNothingWentWrong();
  });

  it('compares each KPI with the period of the same length just before the chosen dates, as the KPI endpoint counts it', async () => {
    const { first } = await theDataDays();
    const from = addDays(first, 120);
    const to = addDays(from, 45);
    const earlierFrom = addDays(from, -45);
    await whenIOpen(`/analyze?layer=heat&from=${from}&to=${to}`);
    await thenTheAnalyzeViewCounts(await theIncidentsMatching(`from=${instant(from)}&to=${instant(to)}`));
    const [now, before] = await Promise.all([kpisOf(from, to), kpisOf(earlierFrom, from)]);
    assert.ok(before.total > 0, 'the earlier period has incidents');
    const shown = await theKpiComparison();
    assert.deepEqual(shown.earlier, { from: earlierFrom, to: from });
    for (const [id, field] of Object.entries(KPI_FIELDS) as [KpiId, keyof Kpis][]) {
      const change = now[field] === null || before[field] === null ? null : now[field]! - before[field]!;
      assert.equal(shown.kpis[id].earlier, before[field] === null ? null : String(before[field]), `${id}: the earlier period's value`);
      assert.equal(shown.kpis[id].change, change === null ? null : String(change), `${id}: the change`);
      // The sign shown is the change's, or ± where it rounds to nothing at the precision shown.
      const sign = change === null ? null : change > 0 ? '\\+' : change < 0 ? '−' : '±';
      if (sign) assert.match(shown.kpis[id].text, new RegExp(`^较上期 (${sign}|±0)`), `${id}: ${shown.kpis[id].text}`);
    }
    assert.match(shown.kpis.total.text, new RegExp(`^较上期 [+−]${Math.abs(now.total - before.total).toLocaleString('en')}$`));
    thenNothingWentWrong();
  });

  it('with only a start date, closes the period at the data’s last day and compares with as long a period before', async () => {
    const { first, last } = await theDataDays();
    // From part of the year on, so that the period before still holds incidents.
    const from = addDays(first, 200);
    await whenIOpen(`/analyze?layer=heat&from=${from}`);
    await thenTheAnalyzeViewCounts(await theIncidentsMatching(`from=${instant(from)}`));
    const end = addDays(last, 1);
    const earlierFrom = addDays(from, -daysFrom(from, end));
    const before = await kpisOf(earlierFrom, from);
    const shown = await theKpiComparison();
    assert.deepEqual(shown.earlier, { from: earlierFrom, to: from }, 'the data’s last day closes the period');
    assert.equal(shown.kpis.total.earlier, String(before.total));
    assert.equal(shown.kpis.overdue.earlier, String(before.overdue));
    thenNothingWentWrong();
  });
});
