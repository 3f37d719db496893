import assert from 'node:assert/strict';
import { afterAll, afterEach, beforeEach, describe, it } from 'vitest';
import { givenIAmLoggedInAsAdmin } from './auth-driver';
import {
  theIncidentPointsDrawn, thenTheIncidentCardShowsOneOf, thenTheIncidentPointsAreDrawn, thenTheMapDoesNotSayItIsSampled, thenTheMapSaysItShowsOneIn,
  whenIClickAnIncidentPoint,
} from './analyze-driver';
import {
  closeTheBrowser, finishTheVisit, givenTheAppIsRunning, theIncidentsMatching, thenATileWasServed, thenNothingWentWrong, thenNothingWasRequestedLike,
  thenTheAnalyzeViewCounts, thenTheChosenFiltersAre, thenTheViewTitleIs, whenIExportTheFilteredIncidents, whenIFilterIncidentsBy, whenIGoBack, whenIOpen,
  whenIReload,
} from './driver';

const categoriesOf = (points: { properties: Record<string, unknown> }[]) => [...new Set(points.map((p) => String(p.properties.category)))].sort();
/** Close in on the middle of the demo town: few enough incidents per tile that none is left out. */
const CLOSE_IN = 'view=120.23000,33.77100,16.00';

describe('the analyst incident explorer (/analyze)', () => {
  beforeEach(async () => {
    await givenTheAppIsRunning();
    await givenIAmLoggedInAsAdmin();
  });
  afterEach(finishTheVisit);
  afterAll(closeTheBrowser);

  it('shows every incident with its hex bins and charts', async () => {
    await whenIOpen('/analyze');
    await thenTheViewTitleIs('分析研判');
    await thenTheAnalyzeViewCounts(await theIncidentsMatching(''));
  });

  it('keeps the filters in the URL: reload reproduces the view, back undoes the last filter', async () => {
    await whenIOpen('/analyze?layer=points');
    await whenIFilterIncidentsBy({ category: ['traffic', 'dispute'], status: ['closed'] });
    const expected = await theIncidentsMatching('category=traffic,dispute&status=closed');
    await thenTheAnalyzeViewCounts(expected);
    await whenIReload();
    await thenTheChosenFiltersAre({ category: ['dispute', 'traffic'], status: ['closed'] });
    await thenTheAnalyzeViewCounts(expected);
    await whenIGoBack();
    await thenTheChosenFiltersAre({ category: ['dispute', 'traffic'], status: [] });
    await thenTheAnalyzeViewCounts(await theIncidentsMatching('category=traffic,dispute'));
  });

  it('draws the points from the incident tiles of the filters, and a filter changes the tiles and what is drawn', async () => {
    await whenIOpen('/analyze?layer=points');
    await thenTheAnalyzeViewCounts(await theIncidentsMatching(''));
    await thenATileWasServed('incidents', {});
    const all = await theIncidentPointsDrawn();
    assert.ok(all.length > 0, 'the map drew incidents from the tiles');
    assert.ok(categoriesOf(all).length > 1, 'of several categories');

    await whenIFilterIncidentsBy({ category: ['traffic'] });
    await thenATileWasServed('incidents', { category: 'traffic' });
    await thenTheAnalyzeViewCounts(await theIncidentsMatching('category=traffic'));
    await thenTheIncidentPointsAreDrawn();
    const traffic = await theIncidentPointsDrawn();
    assert.ok(traffic.length > 0, 'the map drew traffic incidents');
    assert.deepEqual(categoriesOf(traffic), ['traffic']);
    // The points come from the tiles alone: the incident list is not fetched for them.
    thenNothingWasRequestedLike(/^\/api\/incidents\?/);
    thenNothingWentWrong();
  });

  it('says the town-wide view is sampled, one in k as the tiles say, and not when zoomed in', async () => {
    await whenIOpen('/analyze?layer=points');
    await thenTheIncidentPointsAreDrawn();
    const k = Math.max(...(await theIncidentPointsDrawn()).map((p) => Number(p.properties.keep_one_in ?? 1)));
    assert.ok(k > 1, 'the 40,000 demo incidents are thinned town-wide');
    await thenTheMapSaysItShowsOneIn(k);

    await whenIOpen(`/analyze?layer=points&${CLOSE_IN}`);
    await thenTheIncidentPointsAreDrawn();
    assert.deepEqual((await theIncidentPointsDrawn()).filter((p) => 'keep_one_in' in p.properties), [], 'complete tiles close in');
    await thenTheMapDoesNotSayItIsSampled();
    thenNothingWentWrong();
  });

  it('opens the card of an incident point clicked on the map', async () => {
    await whenIOpen(`/analyze?layer=points&${CLOSE_IN}`);
    await thenTheIncidentPointsAreDrawn();
    const ids = await whenIClickAnIncidentPoint();
    await thenTheIncidentCardShowsOneOf(ids);
    thenNothingWentWrong();
  });

  it('exports the filtered set as CSV and GeoJSON with as many rows as it counts', async () => {
    await whenIOpen('/analyze?cat=emergency&src=resident');
    const expected = await theIncidentsMatching('category=emergency&source=resident');
    await thenTheAnalyzeViewCounts(expected);
    const csv = await whenIExportTheFilteredIncidents('csv');
    assert.equal(csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n').length - 1, expected);
    const geojson = JSON.parse(await whenIExportTheFilteredIncidents('geojson'));
    assert.equal(geojson.features.length, expected);
  });
});
