import assert from 'node:assert/strict';
import { afterAll, afterEach, beforeEach, describe, it } from 'vitest';
import {
  aCommunityWithGrids,
  closeTheBrowser,
  finishTheVisit,
  givenAGridWasRemoved,
  givenTheAppIsRunning,
  theApi,
  theGridsOf,
  thenNothingIsPending,
  thenItWasRequestedOnce,
  thenNothingWentWrong,
  thenTheCheckSays,
  thenTheHistoryLists,
  thenTheEditorShowsGrids,
  whenIDrawAGrid,
  whenIMergeTheSelection,
  whenIOpenTheEditorAs,
  whenIRedo,
  whenIReload,
  whenISaveTheEdit,
  whenISelectTheGridsAt,
  whenISplitAlong,
  whenIUndo,
  type GridInfo,
  type LngLat,
} from './driver';
import {
  aSharedVertex,
  theGridNow,
  theLinkedGridsChecked,
  thePendingTitle,
  thenTopologicalEditingIs,
  vertexKey,
  whenIChooseTheReshapeTool,
  whenIDragTheVertex,
  whenITurnTopologicalEditing,
} from './edit-driver';

const ADMIN = ['admin', process.env.E2E_ADMIN_PASSWORD ?? 'e2e-admin-password'] as const;
/** A rectangle inside a bbox, from fraction `a` to `b` of its width and height. */
const inner = ([w, s, e, n]: GridInfo['bbox'], a = 0.3, b = 0.7): LngLat[] => {
  const x = (f: number) => w + (e - w) * f;
  const y = (f: number) => s + (n - s) * f;
  return [
    [x(a), y(a)],
    [x(b), y(a)],
    [x(b), y(b)],
    [x(a), y(b)],
  ];
};
const at = ([w, s, e, n]: GridInfo['bbox'], fx: number, fy: number): LngLat => [w + (e - w) * fx, s + (n - s) * fy];

describe('the grid editor (/edit)', () => {
  beforeEach(givenTheAppIsRunning);
  afterEach(finishTheVisit);
  afterAll(closeTheBrowser);

  it('draws a grid in a hole, shows the check, saves it, and finds it after a reload', async () => {
    const community = await aCommunityWithGrids();
    const hole = await givenAGridWasRemoved(community, 0);
    const before = (await theGridsOf(community)).length;
    await whenIOpenTheEditorAs(...ADMIN, community);
    await thenTheEditorShowsGrids(before);
    // The map and the edit session show the same grids: one request.
    thenItWasRequestedOnce(/^\/api\/grids\?region=/);
    await whenIDrawAGrid(inner(hole.bbox));
    const facts = await thenTheCheckSays('valid');
    assert.equal(facts['check-overlap'], '0 平方米');
    assert.match(facts['check-gap'], /^0 平方米$/);
    const saved = await whenISaveTheEdit('新建小区');
    const created = (await theGridsOf(community)).find((g) => !g.code.localeCompare(saved.replace(/^已保存：/, '')));
    assert.ok(created, `the saved grid is in the API: ${saved}`);
    assert.ok(created.code > hole.code, 'a new code, never the deleted one');
    await thenTheHistoryLists(1);
    await whenIReload();
    await thenTheEditorShowsGrids(before + 1);
    thenNothingWentWrong();
  });

  it('refuses to save a drawing across a neighbour and shows the overlap', async () => {
    const community = await aCommunityWithGrids();
    const [grid] = await theGridsOf(community);
    await whenIOpenTheEditorAs(...ADMIN, community);
    await whenIDrawAGrid(inner(grid.bbox));
    const facts = await thenTheCheckSays('invalid');
    assert.match(facts['check-problems'], /与相邻网格重叠/);
    assert.notEqual(facts['check-overlap'], '0 平方米');
  });

  it('undoes and redoes a drawing within the session', async () => {
    const community = await aCommunityWithGrids();
    const [grid] = await theGridsOf(community);
    await whenIOpenTheEditorAs(...ADMIN, community);
    await whenIDrawAGrid(inner(grid.bbox));
    await thenTheCheckSays('invalid');
    await whenIUndo();
    await thenNothingIsPending();
    await whenIRedo();
    await thenTheCheckSays('invalid');
  });

  it('splits a grid along a line, then merges the two halves back', async () => {
    const community = await aCommunityWithGrids();
    const grids = await theGridsOf(community);
    const grid = grids[grids.length - 1];
    await whenIOpenTheEditorAs(...ADMIN, community);
    await whenISelectTheGridsAt(at(grid.bbox, 0.5, 0.5));
    await whenISplitAlong([at(grid.bbox, 0.5, -0.2), at(grid.bbox, 0.5, 1.2)]);
    const split = await thenTheCheckSays('valid');
    assert.equal(split['check-parts'].split('\n').length, 2);
    await whenISaveTheEdit('道路分隔');
    await thenTheEditorShowsGrids(grids.length + 1);
    await whenISelectTheGridsAt(at(grid.bbox, 0.3, 0.5), at(grid.bbox, 0.7, 0.5));
    await whenIMergeTheSelection();
    await thenTheCheckSays('valid');
    await whenISaveTheEdit('合并回原状');
    await thenTheEditorShowsGrids(grids.length);
    const after = await theGridsOf(community);
    assert.deepEqual(after.map((g) => g.code).sort(), grids.map((g) => g.code).sort(), 'the merge keeps the lower code; the split-off code is retired');
    await thenTheHistoryLists(3); // import, split, merge
  });

  it('drags a vertex two grids share: both move, saved together, with no gap or overlap', async () => {
    const shared = await aSharedVertex();
    const coverage = async () => (await theApi<{ summary: { gapAreaM2: number; overlapAreaM2: number } }>(`/api/coverage?region=${shared.community}`)).summary;
    await whenIOpenTheEditorAs(...ADMIN, shared.community);
    await thenTopologicalEditingIs(true);
    await whenISelectTheGridsAt(shared.inside);
    await whenIChooseTheReshapeTool();
    await whenIDragTheVertex(shared.at, shared.to);
    assert.match(await thePendingTitle(), new RegExp(`调整网格 ${shared.grid.code}（连同 1 个相邻网格）`));
    const facts = await thenTheCheckSays('valid');
    assert.deepEqual([facts['check-overlap'], facts['check-gap']], ['0 平方米', '0 平方米']);
    assert.deepEqual(await theLinkedGridsChecked(), [shared.grid.id, shared.neighbour.id]);
    await whenISaveTheEdit('道路改线');
    await thenNothingIsPending();

    const [grid, neighbour] = [await theGridNow(shared.community, shared.grid.id), await theGridNow(shared.community, shared.neighbour.id)];
    assert.deepEqual([grid.version, neighbour.version], [shared.grid.version + 1, shared.neighbour.version + 1], 'both grids saved');
    const before = new Set(shared.grid.rings.flat().map(vertexKey));
    const added = [...grid.vertices].filter((v) => !before.has(v));
    assert.equal(added.length, 1, 'one vertex moved');
    assert.ok(neighbour.vertices.has(added[0]), 'the neighbour has the moved vertex too');
    assert.ok(!grid.vertices.has(vertexKey(shared.at)) && !neighbour.vertices.has(vertexKey(shared.at)), 'neither keeps the old vertex');
    const [lng, lat] = added[0].split(',').map(Number);
    // Where it was dropped, give or take the few pixels of reading the map's bounds: the drag was 30 m.
    assert.ok(Math.hypot((lng - shared.to[0]) * 93_000, (lat - shared.to[1]) * 111_000) < 8, `moved to where it was dropped: ${added[0]} vs ${shared.to}`);
    const after = await coverage();
    assert.deepEqual([after.gapAreaM2, after.overlapAreaM2], [0, 0], 'coverage finds no gap and no overlap');
    thenNothingWentWrong();
  });

  it('with topological editing off, moves the vertex of one grid only, and the check shows the overlap', async () => {
    // Far enough not to snap back onto the neighbour's copy of the vertex (a village is ~3 m a pixel).
    const shared = await aSharedVertex(80);
    await whenIOpenTheEditorAs(...ADMIN, shared.community);
    await whenITurnTopologicalEditing(false);
    await whenISelectTheGridsAt(shared.inside);
    await whenIChooseTheReshapeTool();
    await whenIDragTheVertex(shared.at, shared.to);
    assert.equal(await thePendingTitle(), `调整网格 ${shared.grid.code}`);
    const facts = await thenTheCheckSays('invalid');
    assert.match(facts['check-problems'], /与相邻网格重叠/);
    assert.notEqual(facts['check-overlap'], '0 平方米');
  });
});
