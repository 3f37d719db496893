import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, it } from 'vitest';
import { givenAScreenOf } from './admin-driver';
import { theAnalyzeLayout, theFilterPanel, thenNothingScrollsSideways, whenIFoldOrUnfoldTheFilters } from './analyze-page-driver';
import { givenIAmLoggedInAsAdmin } from './auth-driver';
import {
  closeTheBrowser,
  finishTheVisit,
  givenTheAppIsRunning,
  theIncidentsMatching,
  thenNothingWentWrong,
  thenTheAnalyzeViewCounts,
  whenIOpen,
  whenISaveAScreenshot,
} from './driver';

/** Screenshots to look at (not committed): the page at each screen size. */
const SHOTS = process.env.SHOTS_DIR ?? '/tmp/shots-page';
const shot = (name: string) => `${SHOTS}/${name}`;

describe('the analyst’s page at every screen size (/analyze)', () => {
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
});
