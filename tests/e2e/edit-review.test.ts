// The grid editor as a supervisor needs it (issue 17): restores checked and confirmed, refusals in
// words, the selection kept after a save, the keyboard, the blind-spot to-do list, load failures
// with a retry, and a phone-sized screen.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, it } from 'vitest';
import {
  closeTheBrowser,
  finishTheVisit,
  givenTheAppIsRunning,
  thenNothingIsPending,
  thenNothingWentWrong,
  thenTheCheckSays,
  thenTheEditorShowsGrids,
  thenTheHistoryLists,
  whenIDrawAGrid,
  whenIForgiveTheOutage,
  whenIForgiveTheRefusals,
  whenIOpenTheEditorAs,
  whenISaveTheEdit,
  whenISelectTheGridsAt,
  type LngLat,
} from './driver';
import {
  aPointIn,
  aSharedVertex,
  givenAGridShrunkAndRestored,
  givenAScreenOf,
  givenTheServerRefusesTheNextSave,
  gridsOfCommunity,
  theBlindSpotKinds,
  theBlindSpotsOf,
  theEditMessage,
  theGridNow,
  theHistoryReasons,
  theLoadFailure,
  theMapBox,
  theNthCommunityWithGrids,
  thePageWidth,
  thePendingTitle,
  theSelectedGridTitle,
  thenNoLoadFailureShows,
  thenSomethingIsPending,
  thenTheEditMessageIsGone,
  thenTheMapIsZoomedTo,
  whenICancel,
  whenIChooseTheBlindSpot,
  whenIChooseTheReshapeTool,
  whenIConfirm,
  whenIDragTheVertex,
  whenIOpenTheEditorWhileTheGridsFail,
  whenIPress,
  whenIRestoreVersion,
  whenISaveAScreenshotTo,
  whenTheGridsLoadAgainAndIRetry,
} from './edit-driver';

const ADMIN = ['admin', process.env.E2E_ADMIN_PASSWORD ?? 'e2e-admin-password'] as const;
const SHOTS = process.env.EDIT_SHOTS_DIR;

/** Metres east and north of a point, in degrees. */
const offset = ([lng, lat]: LngLat, east: number, north: number): LngLat => [lng + east / (111_320 * Math.cos((lat * Math.PI) / 180)), lat + north / 110_950];

describe('the grid editor as a supervisor needs it (/edit, issue 17)', () => {
  beforeEach(givenTheAppIsRunning);
  afterEach(finishTheVisit);
  afterAll(closeTheBrowser);

  it('checks a restore like any edit: the gap it reopens is shown, nothing is saved until confirmed, reasons in Chinese', async () => {
    // Given a grid that was shrunk (version n+1) and restored to version n (n+2, the reason written by
    // the server). Other tests may have saved it before: n is whatever it was.
    const community = await theNthCommunityWithGrids(1);
    const grid = await givenAGridShrunkAndRestored(community);
    const [before, shrunk, restored] = [grid.version - 2, grid.version - 1, grid.version];
    await whenIOpenTheEditorAs(...ADMIN, community);
    await whenISelectTheGridsAt(aPointIn(grid));
    // Then the server's own reason reads in the user's language, on the row written before
    assert.ok((await theHistoryReasons()).includes(`恢复到第 ${before} 版`), `reasons: ${await theHistoryReasons()}`);

    // When I restore the shrunk version: a pending edit with the check, nothing saved yet
    await whenIRestoreVersion(shrunk);
    assert.equal(await thePendingTitle(), `将网格 ${grid.code} 恢复到第 ${shrunk} 版`);
    const facts = await thenTheCheckSays('valid');
    assert.notEqual(facts['check-gap'], '0 平方米', 'the gap it reopens is shown');
    assert.equal((await theGridNow(community, grid.id)).version, restored, 'nothing saved before the confirmation');
    await whenICancel();
    await thenNothingIsPending();
    assert.equal((await theGridNow(community, grid.id)).version, restored, 'cancelled: nothing saved');

    // When I restore it and confirm: saved, the grid still selected
    await whenIRestoreVersion(shrunk);
    await thenTheCheckSays('valid');
    assert.match(await whenIConfirm(), /^已保存/);
    assert.equal((await theGridNow(community, grid.id)).version, restored + 1);
    assert.match(await theSelectedGridTitle(), new RegExp(grid.code));
    await thenTheHistoryLists(restored + 1); // the new version's history, not the one kept while it loads
    assert.ok((await theHistoryReasons()).includes(`恢复到第 ${shrunk} 版`));
    thenNothingWentWrong();
  });

  it('shows a refused save in words, and forgets it when another grid is selected', async () => {
    const community = await theNthCommunityWithGrids(2);
    const [first, second] = await gridsOfCommunity(community);
    await whenIOpenTheEditorAs(...ADMIN, community);
    await whenISelectTheGridsAt(aPointIn(first));
    // The reshape starts with the grid's own shape: the check passes, the save is refused.
    await whenIChooseTheReshapeTool();
    await givenTheServerRefusesTheNextSave('overlaps_grid', 'The grid overlaps grid 123 by 40 m²');
    await thenTheCheckSays('valid');
    await whenISaveTheEdit('测试');
    const message = await theEditMessage();
    assert.deepEqual(message && { kind: message.kind, role: message.role }, { kind: 'failed', role: 'alert' });
    assert.match(message!.text, /保存失败：与相邻网格重叠/);
    assert.doesNotMatch(message!.text, /overlaps|\{/, 'no raw English or JSON');
    await whenICancel();
    await whenISelectTheGridsAt(aPointIn(second));
    await thenTheEditMessageIsGone();
    whenIForgiveTheRefusals(409, 'PUT', /^\/api\/grids\/\d+/);
    thenNothingWentWrong();
  });

  it('keeps the reshaped grid selected after a save that moved a lower-coded neighbour with it', async () => {
    const shared = await aSharedVertex();
    // The grid with the higher code is the one edited: the saved list starts with the other.
    const [edited, other] = shared.grid.code > shared.neighbour.code ? [shared.grid, shared.neighbour] : [shared.neighbour, shared.grid];
    const inside: LngLat = edited === shared.grid ? shared.inside : [2 * shared.at[0] - shared.inside[0], 2 * shared.at[1] - shared.inside[1]];
    await whenIOpenTheEditorAs(...ADMIN, shared.community);
    await whenISelectTheGridsAt(inside);
    await whenIChooseTheReshapeTool();
    await whenIDragTheVertex(shared.at, shared.to);
    assert.match(await thePendingTitle(), new RegExp(edited.code));
    await thenTheCheckSays('valid');
    await whenISaveTheEdit('道路改线');
    await thenNothingIsPending();
    const title = await theSelectedGridTitle();
    assert.match(title, new RegExp(edited.code), `still on ${edited.code}, not ${other.code}`);
  });

  it('undoes with Ctrl+Z, redoes with Ctrl+Shift+Z and cancels with Esc, but not while typing', async () => {
    const community = await theNthCommunityWithGrids(0);
    const [grid] = await gridsOfCommunity(community);
    const p = aPointIn(grid);
    await whenIOpenTheEditorAs(...ADMIN, community);
    await whenIDrawAGrid([offset(p, -20, -20), offset(p, 20, -20), offset(p, 20, 20), offset(p, -20, 20)]);
    await thenSomethingIsPending();
    await whenIPress('Control+z', true);
    await thenSomethingIsPending(); // typing: the text field's own undo
    await whenIPress('Control+z');
    await thenNothingIsPending();
    await whenIPress('Control+Shift+z');
    await thenSomethingIsPending();
    await whenIPress('Escape');
    await thenNothingIsPending();
    thenNothingWentWrong();
  });

  it("lists the region's blind spots by kind, as the coverage report counts them, each zooming the map to it", async () => {
    const community = await theNthCommunityWithGrids(3);
    const expected = await theBlindSpotsOf(community);
    await whenIOpenTheEditorAs(...ADMIN, community);
    assert.deepEqual(await theBlindSpotKinds(), expected);
    const kind = Object.keys(expected)[0];
    const box = await whenIChooseTheBlindSpot(kind);
    await thenTheMapIsZoomedTo(box);
    thenNothingWentWrong();
  });

  it('says in Chinese that the grids failed to load, offers a retry, and loads them when it works again', async () => {
    const community = await theNthCommunityWithGrids(3);
    await whenIOpenTheEditorWhileTheGridsFail(...ADMIN, community);
    assert.match((await theLoadFailure()) ?? '', /^网格加载失败：连不上服务器，请检查网络\s+重试$/);
    await whenTheGridsLoadAgainAndIRetry();
    await thenNoLoadFailureShows();
    await thenTheEditorShowsGrids((await gridsOfCommunity(community)).length);
    whenIForgiveTheOutage();
    thenNothingWentWrong();
  });

  for (const [width, height] of [
    [390, 844],
    [1366, 768],
    [1920, 1080],
  ] as const) {
    it(`draws the map and the panel at ${width}×${height}`, async () => {
      const community = await theNthCommunityWithGrids(3);
      await givenAScreenOf(width, height);
      await whenIOpenTheEditorAs(...ADMIN, community);
      const map = await theMapBox();
      assert.ok(map.width >= width * 0.5 && map.height >= 250, `map ${map.width}×${map.height}`);
      const page = await thePageWidth();
      assert.ok(page.scroll <= page.window, `no sideways scrolling: ${page.scroll} > ${page.window}`);
      await theBlindSpotKinds();
      if (SHOTS) {
        mkdirSync(SHOTS, { recursive: true });
        await whenISaveAScreenshotTo(`${SHOTS}/edit-${width}x${height}.png`);
      }
      thenNothingWentWrong();
    });
  }
});
