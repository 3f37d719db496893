import assert from 'node:assert/strict';
import { afterAll, afterEach, beforeEach, describe, it } from 'vitest';
import { givenIAmLoggedInAsAdmin } from './auth-driver';
import {
  givenAFullHdScreen,
  givenTheServerFailsTheAnalysisReads,
  theFiguresShown,
  thenThePageSaysTheLoadFailed,
  whenIRetryTheLoad,
  whenTheServerIsBack,
  theIncidentsKept,
  thePlaybackWindow,
  theRequestsWhile,
  thenDeckDrawsTheIncidents,
  thenTheIncidentCardShowsOneOf,
  thenTheIncidentsAreDrawnBy,
  theDatesAskedFor,
  whatDeckPicksAtKeptIncidents,
  whenIClickAnIncidentPoint,
  whenIPlayBackFor,
  whenITypeTheYearOf,
} from './analyze-driver';
import { thePeriodComparedBefore } from './analyze-page-driver';
import {
  closeTheBrowser,
  finishTheVisit,
  givenTheAppIsRunning,
  theIncidentsMatching,
  thenNothingWentWrong,
  thenNothingWasRequestedLike,
  thenTheAnalyzeViewCounts,
  thenTheChosenFiltersAre,
  thenTheViewTitleIs,
  whenIExportTheFilteredIncidents,
  whenIFilterIncidentsBy,
  whenIForgiveTheExpected503s,
  whenIGoBack,
  whenIOpen,
  whenIReload,
  whenISaveAScreenshot,
} from './driver';

/** Close in on the middle of the demo town. */
const CLOSE_IN = 'view=120.23000,33.77100,16.00';
const CATEGORY_CODES = ['environment', 'facility', 'safety_hazard', 'dispute', 'traffic', 'illegal_construction', 'public_service', 'emergency'];
const docs = (name: string) => new URL(`../../docs/${name}`, import.meta.url).pathname;
const instant = (day: string) => encodeURIComponent(`${day}T00:00:00+08:00`);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('the analyst incident explorer (/analyze)', () => {
  beforeEach(async () => {
    await givenTheAppIsRunning();
    await givenIAmLoggedInAsAdmin();
  });
  afterEach(finishTheVisit);
  afterAll(closeTheBrowser);

  it('shows every incident with its hex bins (aggregated by deck.gl on the GPU) and charts', async () => {
    await whenIOpen('/analyze');
    await thenTheViewTitleIs('分析研判');
    const all = await theIncidentsMatching('');
    await thenTheAnalyzeViewCounts(all);
    assert.equal(await thenDeckDrawsTheIncidents('hex'), all, 'every incident went into the hexagons');
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

  it('draws the incidents with deck.gl from one binary load, where they are; a category filter is applied on the GPU', async () => {
    let drawn = 0;
    await givenAFullHdScreen();
    const requests = await theRequestsWhile(async () => {
      await whenIOpen('/analyze?layer=points');
      const all = await theIncidentsMatching('');
      await thenTheAnalyzeViewCounts(all);
      drawn = await thenDeckDrawsTheIncidents('points');
      assert.equal(drawn, all, 'every incident is drawn: none sampled out');
      // deck's own picking finds, at each incident's place on the screen, an incident drawn there.
      const picks = await whatDeckPicksAtKeptIncidents(40);
      assert.ok(picks.length >= 20, `incidents in view (${picks.length})`);
      const hits = picks.filter((p) => p.picked !== null && p.near.includes(p.picked));
      assert.ok(hits.length >= picks.length * 0.9, `deck drew the incidents where they are (${hits.length} of ${picks.length})`);
      assert.ok(new Set((await theIncidentsKept()).map((k) => k.category)).size > 1, 'of several categories');
      await whenISaveAScreenshot(docs('screenshot-analyze-points-1080p.png'));

      await whenIFilterIncidentsBy({ category: ['traffic'] });
      const traffic = await theIncidentsMatching('category=traffic');
      await thenTheAnalyzeViewCounts(traffic);
      assert.equal(await thenDeckDrawsTheIncidents('points'), traffic);
      assert.deepEqual([...new Set((await theIncidentsKept()).map((k) => CATEGORY_CODES[k.category]))], ['traffic']);
      const trafficPicks = await whatDeckPicksAtKeptIncidents(20);
      assert.ok(
        trafficPicks.filter((p) => p.picked !== null && p.near.includes(p.picked)).length >= trafficPicks.length * 0.9,
        'deck drew the traffic incidents',
      );
    });
    assert.equal(requests.filter((r) => r.startsWith('/api/incidents/points.bin')).length, 1, "the points were loaded once, categories are the GPU's");
    // Neither the incident tiles nor the incident list are fetched for the points.
    assert.deepEqual(
      requests.filter((r) => r.startsWith('/tiles/incidents') || /^\/api\/incidents\?/.test(r)),
      [],
    );
    thenNothingWentWrong();
  });

  it('says the incidents are drawn on the GPU, and up to which cap', async () => {
    await givenAFullHdScreen();
    await whenIOpen('/analyze?layer=heat');
    const { cap, text } = await thenTheIncidentsAreDrawnBy('gpu');
    assert.equal(cap, 500_000);
    assert.match(text, /^浏览器 GPU 绘制：已载入 [\d,]+ 件（上限 500,000 件）/);
    assert.equal(await thenDeckDrawsTheIncidents('heat'), await theIncidentsMatching(''));
    await whenISaveAScreenshot(docs('screenshot-analyze-heat-1080p.png'));
    thenNothingWasRequestedLike(/^\/api\/incidents\/aggregate\?/);
    thenNothingWentWrong();
  });

  it('plays back on the GPU: the window moves, what is drawn follows, and no request is made per step', async () => {
    await whenIOpen('/analyze?layer=points');
    await thenDeckDrawsTheIncidents('points');
    let frames: Awaited<ReturnType<typeof whenIPlayBackFor>> = [];
    const requests = await theRequestsWhile(async () => {
      frames = await whenIPlayBackFor(4_000, 4);
    });
    assert.ok(frames.length >= 4, `the window moved (${frames.map((f) => f.window).join(' | ')})`);
    assert.deepEqual(requests, [], 'nothing was asked of the server while playing');
    // Paused: the count and what deck drew are the server's count of the window.
    const { at, days } = await thePlaybackWindow();
    const expected = await theIncidentsMatching(`from=${instant(at)}&to=${instant(addDays(at, days))}`);
    await thenTheAnalyzeViewCounts(expected);
    assert.equal(await thenDeckDrawsTheIncidents('points'), expected);
    assert.ok((await theIncidentsKept()).length === expected);
    thenNothingWentWrong();
  });

  it('opens the card of an incident point clicked on the map (deck.gl picking)', async () => {
    await whenIOpen(`/analyze?layer=points&${CLOSE_IN}`);
    await thenDeckDrawsTheIncidents('points');
    const ids = await whenIClickAnIncidentPoint();
    await thenTheIncidentCardShowsOneOf(ids);
    thenNothingWentWrong();
  });

  it('exports the filtered set as CSV and GeoJSON with as many rows as it counts', async () => {
    await whenIOpen('/analyze?cat=emergency&src=resident');
    const expected = await theIncidentsMatching('category=emergency&source=resident');
    await thenTheAnalyzeViewCounts(expected);
    const csv = await whenIExportTheFilteredIncidents('csv');
    assert.equal(
      csv
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n').length - 1,
      expected,
    );
    const geojson = JSON.parse(await whenIExportTheFilteredIncidents('geojson'));
    assert.equal(geojson.features.length, expected);
  });

  it('asks the server about a typed date only once it is complete, not at every keystroke', async () => {
    await whenIOpen('/analyze?layer=heat&from=2026-01-01');
    await thenTheAnalyzeViewCounts(await theIncidentsMatching(`from=${instant('2026-01-01')}`));
    const requests = await theRequestsWhile(() => whenITypeTheYearOf('from', '2025'));
    // Besides the finished date, only the start of the period before it, for the KPIs' comparison.
    const before = await thePeriodComparedBefore('2025-01-01');
    assert.deepEqual(theDatesAskedFor(requests).sort(), ['2025-01-01T00:00:00+08:00', `${before}T00:00:00+08:00`].sort(), 'only the finished date was sent');
    await thenTheAnalyzeViewCounts(await theIncidentsMatching(`from=${instant('2025-01-01')}`));
    thenNothingWentWrong();
  });

  it('says which load failed and offers a retry, showing no figure of the last filter as current', async () => {
    await whenIOpen('/analyze?layer=heat');
    await thenTheAnalyzeViewCounts(await theIncidentsMatching(''));
    await givenTheServerFailsTheAnalysisReads();
    await whenIFilterIncidentsBy({ category: ['traffic'] });
    const { parts, text } = await thenThePageSaysTheLoadFailed();
    assert.ok(parts.includes('kpis'), `the KPIs are named among the failed parts (${parts.join(', ')})`);
    assert.match(text, /统计指标.*加载失败：服务器出错（503）/);
    const shown = await theFiguresShown();
    assert.deepEqual(shown, { matched: null, matchedText: '符合条件：未能统计', total: '—' }, 'the unfiltered total is not left standing');
    await whenTheServerIsBack();
    await whenIRetryTheLoad();
    // Forgiven only now: the browser's console line for a 503 can arrive well after the response.
    assert.ok(whenIForgiveTheExpected503s(/^\/api\/incidents\/(kpis|stats)\?/) > 0, 'the faked outage was seen');
    await thenTheAnalyzeViewCounts(await theIncidentsMatching('category=traffic'));
    thenNothingWentWrong();
  });
});
