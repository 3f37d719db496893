// The wall as issue 17's walkthrough found it: what it ranks first, where its blind spots are,
// how it frames the map, and what it says when it cannot show the figures as they are now.
import assert from 'node:assert/strict';
import { afterAll, afterEach, beforeAll, describe, it } from 'vitest';
import type { StatsBlindSpotsBody, StatsOverviewBody } from '../../server/schemas/stats.schema';
import {
  closeTheBrowser,
  finishTheVisit,
  givenADisplayToken,
  givenAnAdmin,
  givenAWallScreen,
  theApi,
  thenNothingWentWrong,
  thenTheFreshnessIs,
  thenTheWallShowsRegion,
  whenAnIncidentIsReported,
  whenIForgiveTheExpected400s,
  whenIForgiveTheExpected401s,
  whenIForgiveTheOutage,
  whenIOpenTheWall,
  whenISaveAScreenshot,
} from './driver';
import { thenTheLoginFormIsShown, whenIGoTo } from './auth-driver';
import {
  theBlindSpotCounts,
  theBlindSpotEntries,
  theGridsUnderTheLegend,
  theMapFrame,
  theRankingRows,
  theShareOfThePanelDrawnOver,
  theStalePanels,
  thenIAmOn,
  thenNothingIsMarkedStale,
  thenTheMapFillsItsPanel,
  thenTheWallFitsTheWindow,
  thenTheWallSays,
  thenTheWallSaysWhatFailed,
  givenTheServerStopsAnswering,
  whenIClick,
  whenIGoBackToTheWholeRegion,
  whenIPickTheFirstBlindSpotOfKind,
  whenIRetry,
  whenTheServerAnswersAgain,
} from './wall-driver';

const COUNTY = '320924';
const TARGET = 0.8;
const shots = (name: string) => `/tmp/shots-wall/${name}.png`;

type Regions = { regions: { code: string; bbox: [number, number, number, number]; children: { code: string; children: { code: string }[] }[] }[] };
type Grids = { features: { geometry: { coordinates: number[][][] | number[][][][] } }[] };

async function communities(): Promise<string[]> {
  const { regions } = await theApi<Regions>('/api/regions');
  return regions[0].children.flatMap((s) => s.children.map((c) => c.code)).sort();
}

/** [west, south, east, north] of every position in `coordinates`. */
function bboxOf(coordinates: unknown): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number') {
      b[0] = Math.min(b[0], c[0]);
      b[1] = Math.min(b[1], c[1] as number);
      b[2] = Math.max(b[2], c[0]);
      b[3] = Math.max(b[3], c[1] as number);
    } else c.forEach(walk);
  };
  walk(coordinates);
  return b;
}

const near = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => Math.abs(v - b[i]) < 1e-6);

describe('the wall, as a command centre reads it', () => {
  let token = '';
  beforeAll(async () => {
    token = await givenADisplayToken(await givenAnAdmin());
  });
  afterEach(finishTheVisit);
  afterAll(closeTheBrowser);

  it('ranks the 按期结案率 worst first, so every unit below the target is on screen', async () => {
    // The community with the most grids below the target, and their codes from the worst up.
    let worst = { code: '', below: [] as string[] };
    for (const code of await communities()) {
      const { onTimeRanking } = await theApi<StatsOverviewBody>(`/api/stats/overview?region=${code}`);
      const below = onTimeRanking.filter((r) => r.onTimeRate !== null && r.onTimeRate < TARGET);
      below.sort((a, b) => a.onTimeRate! - b.onTimeRate!);
      if (below.length > worst.below.length) worst = { code, below: below.map((r) => r.code) };
    }
    assert.ok(worst.below.length > 0, 'a community has grids below the target');
    await givenAWallScreen(1920, 1080);
    await whenIOpenTheWall(`?token=${token}&region=${worst.code}`);
    const rows = await theRankingRows();
    assert.deepEqual(rows.slice(0, worst.below.length), worst.below, 'the grids below the target come first, the worst on top');
    thenNothingWentWrong();
  });

  it('frames the grids clear of the legend: a community beside it, the county across the whole width', async () => {
    await givenAWallScreen(1920, 1080);
    const [community] = await communities();
    await whenIOpenTheWall(`?token=${token}&region=${community}`);
    assert.equal(await theGridsUnderTheLegend(), 0, 'no grid of the community under the legend');
    await whenISaveAScreenshot(shots('wall-community-1080p'));

    await whenIOpenTheWall(`?token=${token}&region=${COUNTY}`);
    const grids = await theApi<Grids>(`/api/grids?region=${COUNTY}`);
    const extent = bboxOf(grids.features.map((f) => f.geometry.coordinates));
    assert.ok(near(await theMapFrame(), extent), 'the map is framed on the grids');
    assert.equal(await theGridsUnderTheLegend(), 0, 'no grid of the county under the legend');
    const share = await theShareOfThePanelDrawnOver(extent);
    assert.ok(share.width > 0.9 || share.height > 0.9, `the grids span the panel (${share.width.toFixed(2)} × ${share.height.toFixed(2)})`);
    await thenTheMapFillsItsPanel();
    await whenISaveAScreenshot(shots('wall-county-1080p'));
    thenNothingWentWrong();
  });

  it('breaks the 盲区 count down by kind and zooms the map to a blind spot picked from the list', async () => {
    await givenAWallScreen(1920, 1080);
    await whenIOpenTheWall(`?token=${token}&region=${COUNTY}`);
    const { blindSpotsByKind, kpis } = await theApi<StatsOverviewBody>(`/api/stats/overview?region=${COUNTY}`);
    const counts = await theBlindSpotCounts();
    assert.deepEqual(counts, Object.fromEntries(Object.entries(blindSpotsByKind).filter(([, n]) => n > 0)), 'a count per kind, as the API has them');
    assert.equal(
      Object.values(counts).reduce((a, b) => a + b, 0),
      kpis.blindSpots,
      'the kinds add up to the 盲区 tile',
    );
    const entries = await theBlindSpotEntries();
    assert.ok(entries.includes('gap'), 'the gaps are listed');

    const regionFrame = await theMapFrame();
    await whenIPickTheFirstBlindSpotOfKind('gap');
    const spots = await theApi<StatsBlindSpotsBody>(`/api/stats/blind-spots?region=${COUNTY}`);
    const gaps = spots.features.filter((f) => f.properties.kind === 'gap').sort((a, b) => (b.properties.areaM2 ?? 0) - (a.properties.areaM2 ?? 0));
    const largest = bboxOf(gaps[0].geometry.coordinates);
    await thenTheWallShowsRegion(COUNTY, 5_000);
    assert.ok(near(await theMapFrame(), largest), 'the map is framed on the largest gap');
    const share = await theShareOfThePanelDrawnOver(largest);
    assert.ok(share.width > 0.3 || share.height > 0.3, `the gap fills much of the map (${share.width.toFixed(2)} × ${share.height.toFixed(2)})`);
    await whenISaveAScreenshot(shots('wall-gap-1080p'));

    await whenIGoBackToTheWholeRegion();
    assert.ok(near(await theMapFrame(), regionFrame), 'back to the whole region');
    thenNothingWentWrong();
  });

  it('greys out the figures it could not update, says what failed and why, and recovers on retry', async () => {
    await givenAWallScreen(1920, 1080);
    await whenIOpenTheWall(`?token=${token}&region=${COUNTY}`);
    await thenTheFreshnessIs('live', 10_000);
    await givenTheServerStopsAnswering(/^\/api\/stats\/overview$/);
    // An incident makes the wall read its overview again: that read fails.
    await whenAnIncidentIsReported(await givenAnAdmin(), [120.2206, 33.7733], '大屏测试：概况读取失败');
    const banner = await thenTheWallSaysWhatFailed();
    assert.match(banner, /统计概况更新失败：无法连接服务器/);
    const stale = await theStalePanels();
    for (const panel of ['wall-kpis', 'chart-wall-per-day-panel', 'chart-wall-ranking-panel'])
      assert.ok(stale.includes(panel), `${panel} is marked stale (${stale})`);
    assert.ok(!stale.includes('wall-ticker'), 'the ticker, which did update, is not');
    await whenISaveAScreenshot(shots('wall-stale-1080p'));

    await whenTheServerAnswersAgain();
    await whenIRetry();
    await thenNothingIsMarkedStale();
    assert.ok(whenIForgiveTheOutage() > 0, 'the refused reads were seen');
    thenNothingWentWrong();
  });

  it('says in Chinese what kept it from starting, and starts on retry', async () => {
    await givenAWallScreen(1920, 1080);
    await givenTheServerStopsAnswering(/^\/api\/regions$/);
    await whenIGoTo(`/wall?token=${token}&region=${COUNTY}`);
    assert.match(await thenTheWallSays('wall-error'), /指挥大屏无法启动：读取区域目录失败（无法连接服务器）/);
    await whenTheServerAnswersAgain();
    await whenIRetry();
    await thenTheWallShowsRegion(COUNTY, 30_000);
    whenIForgiveTheOutage();
    thenNothingWentWrong();
  });

  it('says that a region it does not know does not exist, rather than showing the county', async () => {
    await givenAWallScreen(1920, 1080);
    await whenIGoTo(`/wall?token=${token}&region=320924009999`);
    assert.match(await thenTheWallSays('wall-unknown-region'), /没有编码为 320924009999 的区域/);
    await whenIClick('wall-show-all');
    await thenTheWallShowsRegion(COUNTY, 30_000);
    // The wall asks for a region it is told before the region list has come: the server refuses.
    whenIForgiveTheExpected400s(/region=320924009999/);
    thenNothingWentWrong();
  });

  it('offers the way back to the app from its login page', async () => {
    await givenAWallScreen(1920, 1080);
    await whenIGoTo(`/wall?region=${COUNTY}`);
    await thenTheLoginFormIsShown();
    await whenIClick('wall-home');
    await thenIAmOn('/');
    whenIForgiveTheExpected401s(/^\/api\/(grids\/editor|auth\/me)(\?|$)/);
    thenNothingWentWrong();
  });

  it('says on a phone that it is made for large screens, and shows itself whole when asked', async () => {
    await givenAWallScreen(390, 844);
    await whenIGoTo(`/wall?token=${token}&region=${COUNTY}`);
    assert.match(await thenTheWallSays('wall-small-screen'), /指挥大屏为大屏幕设计/);
    await whenISaveAScreenshot(shots('wall-phone-notice'));
    await whenIClick('wall-show-anyway');
    await thenTheWallShowsRegion(COUNTY, 30_000);
    await thenTheWallFitsTheWindow();
    await whenISaveAScreenshot(shots('wall-phone-shrunk'));
    thenNothingWentWrong();
  });

  it('fits a 1366×768 screen whole', async () => {
    await givenAWallScreen(1366, 768);
    await whenIOpenTheWall(`?token=${token}&region=${COUNTY}`);
    await thenTheWallFitsTheWindow();
    await thenTheMapFillsItsPanel();
    await whenISaveAScreenshot(shots('wall-1366'));
    thenNothingWentWrong();
  });
});
