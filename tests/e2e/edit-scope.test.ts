import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, it } from 'vitest';
import { closeTheBrowser, finishTheVisit, givenTheAppIsRunning, whenIOpenTheEditorAs } from './driver';
import {
  ANOTHER_TOWN,
  aGridOf,
  SUPERVISOR,
  SUPERVISORS_TOWN,
  theRegionsOnOffer,
  theToolsForTheSelection,
  thenTheMapLabels,
  thenTheMapShows,
  thenTheSelectedGridIs,
  whenIPickTheRegion,
  whenISaveAScreenshotAt,
  whenISearchForTheGrid,
} from './edit-scope-driver';

const COUNTY = '320924';
const SHOTS = process.env.SHOTS_DIR ?? tmpdir();

describe('the grid editor as a supervisor: their scope, grid names, the region picker and the grid search', () => {
  beforeEach(givenTheAppIsRunning);
  afterEach(finishTheVisit);
  afterAll(closeTheBrowser);

  it('marks a grid outside their scope as view-only, with its tools disabled before they try; their own grids stay editable', async () => {
    const theirs = await aGridOf(SUPERVISORS_TOWN);
    const another = await aGridOf(ANOTHER_TOWN);
    await whenIOpenTheEditorAs(...SUPERVISOR, COUNTY);

    await whenISearchForTheGrid(another.name);
    const outside = await thenTheSelectedGridIs(another.name);
    assert.equal(outside.locked, true, 'a grid of 临海镇 is outside the supervisor of 合德镇');
    assert.match(outside.text, /合德镇/, 'the scope is named');
    assert.match(outside.text, new RegExp(another.code), 'the code is shown beside the name');
    assert.deepEqual(await theToolsForTheSelection(), { reshape: false, split: false, delete: false });
    await whenISaveAScreenshotAt(join(SHOTS, 'edit-scope-outside-1920.png'), 1920, 1080);

    await whenISearchForTheGrid(theirs.name);
    const inside = await thenTheSelectedGridIs(theirs.name);
    assert.equal(inside.locked, false);
    assert.deepEqual(await theToolsForTheSelection(), { reshape: true, split: true, delete: true });
  });

  it('finds a grid by part of its code, selects it, zooms to it and labels it with its name', async () => {
    const grid = await aGridOf(SUPERVISORS_TOWN);
    await whenIOpenTheEditorAs(...SUPERVISOR, COUNTY);
    await whenISearchForTheGrid(grid.code.slice(-6));
    await thenTheSelectedGridIs(grid.name);
    await thenTheMapShows(grid.bbox, 5);
    await thenTheMapLabels(grid.name);
    await whenISaveAScreenshotAt(join(SHOTS, 'edit-scope-search-1920.png'), 1920, 1080);
  });

  it("offers only the streets and communities of the supervisor's scope, and zooms to the one chosen", async () => {
    const community = `${SUPERVISORS_TOWN}002`;
    const grid = await aGridOf(community);
    await whenIOpenTheEditorAs(...SUPERVISOR, COUNTY);
    await whenISaveAScreenshotAt(join(SHOTS, 'edit-scope-county-1920.png'), 1920, 1080);
    const offered = await theRegionsOnOffer();
    assert.ok(offered.includes(SUPERVISORS_TOWN) && offered.includes(community), `合德镇 and its communities are offered: ${offered}`);
    assert.ok(
      offered.every((code) => code.startsWith(SUPERVISORS_TOWN)),
      `nothing outside 合德镇 is offered: ${offered}`,
    );
    await whenIPickTheRegion(community);
    await thenTheMapShows(grid.bbox, 8);
    await thenTheMapLabels(grid.name);
    await whenISaveAScreenshotAt(join(SHOTS, 'edit-scope-community-1920.png'), 1920, 1080);
  });
});
