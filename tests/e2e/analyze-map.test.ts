// The /analyze map as an analyst reads it (issue 17, item 7): a legend with the range of what
// each layer draws, the value under the pointer, the chosen region or grid zoomed to and outlined,
// and the incident whose card is open marked where it is.
import assert from 'node:assert/strict';
import { afterAll, afterEach, beforeEach, describe, it } from 'vitest';
import { translate } from '../../client/src/i18n/lang';
import type { MessageKey } from '../../client/src/i18n/zh-CN';
import { formatReportTime } from '../../client/src/views/report/report-status';
import { givenIAmLoggedInAsAdmin } from './auth-driver';
import { givenAFullHdScreen, thenDeckDrawsTheIncidents, thenTheIncidentCardShowsOneOf, whenIClickAnIncidentPoint } from './analyze-driver';
import {
  aGridOf,
  aKeptIncidentNearTheMiddle,
  pickableIncidentsNearTheMiddle,
  theBoxOf,
  theGridRatesOf,
  theHexagonsDrawn,
  theHighlightedOutlines,
  theStatusesTheLegendCounts,
  thenTheLegendShows,
  thenTheMapIsZoomedTo,
  thenTheMapMarks,
  whenIChooseTheGrid,
  whenIChooseTheRegion,
  whenICloseTheIncidentCard,
  whenIHoverAtPixel,
  whenIHoverOver,
  whereDeckDrawsTheDensestHexagon,
  whereTheApiPuts,
} from './analyze-map-driver';
import {
  aCommunityWithGrids,
  closeTheBrowser,
  finishTheVisit,
  givenTheAppIsRunning,
  theApi,
  theIncidentsMatching,
  thenNothingWentWrong,
  thenTheAnalyzeViewCounts,
  whenIOpen,
  whenISwitchTheLanguage,
} from './driver';

/** Close in on the middle of the demo town. */
const CLOSE_IN = 'view=120.23000,33.77100,16.00';

describe('the /analyze map: legend, hover, chosen area and open incident', () => {
  beforeEach(async () => {
    await givenTheAppIsRunning();
    await givenIAmLoggedInAsAdmin();
    await givenAFullHdScreen();
  });
  afterEach(finishTheVisit);
  afterAll(closeTheBrowser);

  it('colours the grids by incidents per 100 households, the legend spanning the rates drawn; hovering a grid shows its rate', async () => {
    const community = await aCommunityWithGrids(4);
    const rates = await theGridRatesOf(community);
    await whenIOpen(`/analyze?layer=choropleth&region=${community}`);
    await thenTheAnalyzeViewCounts(await theIncidentsMatching(`region=${community}`));
    const legend = await thenTheLegendShows('choropleth');
    const per100 = rates.map((r) => r.per100);
    assert.deepEqual([legend.min, legend.max], [Math.min(...per100), Math.max(...per100)], 'the legend spans the lowest and the highest rate');
    assert.match(legend.text, /每百户事件数/);

    const busiest = rates.reduce((a, b) => (b.per100 > a.per100 ? b : a));
    const tip = await whenIHoverOver(busiest.inside);
    assert.deepEqual(tip, [
      busiest.name,
      `每百户 ${busiest.per100.toFixed(1).replace(/\.0$/, '')} 件`,
      `${busiest.count.toLocaleString('zh-CN')} 件事件 · ${busiest.households.toLocaleString('zh-CN')} 户`,
    ]);

    await whenISwitchTheLanguage();
    assert.match((await thenTheLegendShows('choropleth')).text, /incidents per 100 households/);
    assert.match((await whenIHoverOver(busiest.inside)).join(' '), /per 100 households/);
    thenNothingWentWrong();
  });

  it("spans the hexagons' legend over the counts deck draws, and hovering a hexagon shows its count", async () => {
    await whenIOpen('/analyze');
    await thenDeckDrawsTheIncidents('hex');
    const legend = await thenTheLegendShows('hex');
    const hexagons = await theHexagonsDrawn();
    assert.ok(hexagons.length > 20, `hexagons in view (${hexagons.length})`);
    const counts = hexagons.map((h) => h.count);
    assert.deepEqual([legend.min, legend.max], [Math.min(...counts), Math.max(...counts)], 'the legend spans the smallest and the largest hexagon');
    const densest = await whereDeckDrawsTheDensestHexagon();
    assert.equal(densest.count, legend.max);
    assert.deepEqual(await whenIHoverAtPixel(densest), [`${densest.count.toLocaleString('zh-CN')} 件事件`]);
    thenNothingWentWrong();
  });

  it('lists the statuses of the points drawn with their counts, and hovering a point names its category and time', async () => {
    await whenIOpen(`/analyze?layer=points&${CLOSE_IN}`);
    const drawn = await thenDeckDrawsTheIncidents('points');
    const legend = await thenTheLegendShows('points');
    assert.match(legend.text, /按状态着色/);
    const byStatus = await theStatusesTheLegendCounts();
    const stats = await theApi<{ byStatus: { key: string; count: number }[] }>('/api/incidents/stats');
    assert.deepEqual(
      Object.entries(byStatus).sort(),
      stats.byStatus.map((s) => [s.key, s.count]).sort(),
      'each status with as many incidents as the API counts',
    );
    assert.equal(
      Object.values(byStatus).reduce((a, b) => a + b, 0),
      drawn,
      'as many as are drawn',
    );

    let lines: string[] | null = null;
    for (const place of await pickableIncidentsNearTheMiddle(4)) {
      lines = await whenIHoverOver(place, 4_000).catch(() => null);
      if (lines) break;
    }
    assert.ok(lines, 'hovering one of the four points nearest the middle shows a tooltip');
    const [what, when] = lines;
    const id = Number(/^#(\d+) /.exec(what)?.[1]);
    const incident = await theApi<{ properties: { category: string; status: string; reportedAt: string } }>(`/api/incidents/${id}`);
    const { category, status, reportedAt } = incident.properties;
    assert.equal(
      what,
      `#${id} ${translate('zh-CN', `incident.category.${category}` as MessageKey)} · ${translate('zh-CN', `incident.status.${status}` as MessageKey)}`,
    );
    assert.equal(when, `上报于 ${formatReportTime(reportedAt, 'zh-CN')}`);
    thenNothingWentWrong();
  });

  it('shows the count of the heat cell under the pointer, within the range the legend gives', async () => {
    await whenIOpen(`/analyze?layer=heat&${CLOSE_IN}`);
    await thenDeckDrawsTheIncidents('heat');
    const legend = await thenTheLegendShows('heat');
    assert.ok(legend.min !== null && legend.max !== null && legend.min >= 1 && legend.max >= legend.min, `a range of counts (${legend.min}–${legend.max})`);
    const [line] = await whenIHoverOver(await aKeptIncidentNearTheMiddle());
    const n = Number(/此 120 米方格内 ([\d,]+) 件事件/.exec(line)?.[1]?.replaceAll(',', ''));
    assert.ok(n >= 1 && n <= legend.max!, `the cell's count (${line}) is within the legend's range`);
    thenNothingWentWrong();
  });

  it('zooms to a chosen region and then a chosen grid, outlining each', async () => {
    const community = await aCommunityWithGrids(4);
    await whenIOpen('/analyze?layer=choropleth');
    await thenTheAnalyzeViewCounts(await theIncidentsMatching(''));
    await whenIChooseTheRegion(community);
    await thenTheMapIsZoomedTo(`region:${community}`, await theBoxOf(community));
    const regionOutlined = (keys: string[]) => keys.includes(`region:${community}`);
    assert.ok(regionOutlined(await theHighlightedOutlines(regionOutlined)), 'the region is outlined');

    const grid = await aGridOf(community);
    await whenIChooseTheGrid(grid.code);
    await thenTheMapIsZoomedTo(`grid:${grid.code}`, grid.bbox);
    const onlyTheGrid = (keys: string[]) => keys.length > 0 && keys.every((k) => k === `grid:${grid.code}`);
    const outlines = await theHighlightedOutlines(onlyTheGrid);
    assert.ok(onlyTheGrid(outlines), `only the grid is outlined (${[...new Set(outlines)].join(', ')})`);
    thenNothingWentWrong();
  });

  it('marks the clicked incident where it is, and the mark goes when its card is closed', async () => {
    await whenIOpen(`/analyze?layer=points&${CLOSE_IN}`);
    await thenDeckDrawsTheIncidents('points');
    const id = await thenTheIncidentCardShowsOneOf(await whenIClickAnIncidentPoint());
    const mark = await thenTheMapMarks(id);
    assert.equal(mark?.id, id, 'the open incident is marked');
    const [lng, lat] = await whereTheApiPuts(id);
    assert.ok(Math.abs(mark!.at[0] - lng) < 1e-5 && Math.abs(mark!.at[1] - lat) < 1e-5, `marked at ${mark!.at.join(',')}, where it is (${lng},${lat})`);
    await whenICloseTheIncidentCard();
    assert.equal(await thenTheMapMarks(null), null, 'no mark once the card is closed');
    thenNothingWentWrong();
  });
});
