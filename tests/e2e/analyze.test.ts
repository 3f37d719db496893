import assert from 'node:assert/strict';
import { afterAll, afterEach, beforeEach, describe, it } from 'vitest';
import { givenIAmLoggedInAsAdmin } from './auth-driver';
import {
  closeTheBrowser, finishTheVisit, givenTheAppIsRunning, theIncidentsMatching, thenTheAnalyzeViewCounts, thenTheChosenFiltersAre,
  thenTheViewTitleIs, whenIExportTheFilteredIncidents, whenIFilterIncidentsBy, whenIGoBack, whenIOpen, whenIReload,
} from './driver';

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
