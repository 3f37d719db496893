import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, it } from 'vitest';
import { closeTheBrowser, finishTheVisit, givenTheAppIsRunning, theGridsOf, whenIForgiveTheRefusals, whenIOpenTheEditorAs } from './driver';
import {
  SUPERVISOR,
  SUPERVISORS_TOWN,
  type NamedGrid,
  theGridNamed,
  theStaffOf,
  thenTheMapLabels,
  thenTheSelectedGridIs,
  whenIChangeTheAttributes,
  whenISaveAScreenshotAt,
  whenISearchForTheGrid,
} from './edit-scope-driver';

const COMMUNITY = `${SUPERVISORS_TOWN}004`;
const SHOTS = process.env.SHOTS_DIR ?? tmpdir();

/** A grid of 人民社区 at the end of its codes: the other editor tests leave it alone. */
async function aGridToChange(fromEnd: number): Promise<NamedGrid> {
  const grids = (await theGridsOf(COMMUNITY)) as NamedGrid[];
  return grids[grids.length - 1 - fromEnd];
}

describe("the grid editor: a grid's name, type, grid workers and party members", () => {
  beforeEach(givenTheAppIsRunning);
  afterEach(finishTheVisit);
  afterAll(closeTheBrowser);

  it('changes them in the side panel; the map, the panel and the API show the change', async () => {
    const grid = await aGridToChange(0);
    const staff = await theStaffOf(grid.id);
    const unassigned = staff.candidates.find((c) => !staff.workers.some((w) => w.id === c.id));
    assert.ok(unassigned, 'a worker of the community who does not work this grid');
    const renamed = `${grid.name}（东片）`;
    await whenIOpenTheEditorAs(...SUPERVISOR, COMMUNITY);
    await whenISearchForTheGrid(grid.name);
    await thenTheSelectedGridIs(grid.name);

    const outcome = await whenIChangeTheAttributes({
      name: renamed,
      type: 'dedicated',
      toggleWorkers: [unassigned.name],
      partyMembers: staff.partyMembers + 2,
      reason: '片区调整',
    });
    assert.deepEqual(outcome, { kind: 'saved', text: '属性已保存' });
    await thenTheSelectedGridIs(renamed);
    await thenTheMapLabels(renamed);
    await whenISaveAScreenshotAt(join(SHOTS, 'edit-attributes-1920.png'), 1920, 1080);

    const now = await theGridNamed(COMMUNITY, grid.id);
    assert.deepEqual([now.name, now.type, now.version], [renamed, 'dedicated', grid.version + 1]);
    const after = await theStaffOf(grid.id);
    assert.deepEqual(after.workers.map((w) => w.id).sort(), [...staff.workers.map((w) => w.id), unassigned.id].sort());
    assert.equal(after.partyMembers, staff.partyMembers + 2);
  });

  it("refuses a blank name with the server's reason in Chinese, and changes nothing", async () => {
    const grid = await aGridToChange(1);
    await whenIOpenTheEditorAs(...SUPERVISOR, COMMUNITY);
    await whenISearchForTheGrid(grid.name);
    await thenTheSelectedGridIs(grid.name);
    const outcome = await whenIChangeTheAttributes({ name: '   ' });
    assert.deepEqual(outcome, { kind: 'failed', text: '网格名称不能为空' });
    assert.equal(whenIForgiveTheRefusals(422, 'PUT', /^\/api\/grids\/\d+\/attributes$/), 2, 'the one refusal, and the console line for it');
    const now = await theGridNamed(COMMUNITY, grid.id);
    assert.equal(now.name, grid.name);
    assert.equal(now.version, grid.version);
  });
});
