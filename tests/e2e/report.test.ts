import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, it } from 'vitest';
import { translate } from '../../client/src/i18n/lang';
import {
  closeThePhones,
  finishThePhoneVisit,
  givenAPlaceInsideAGrid,
  givenAReportWasMade,
  givenAResidentsPhone,
  givenTheReportWasClosed,
  theCodesUnderMyReports,
  theHoneypotField,
  theIncidentOfTheReport,
  theSmallTouchTargets,
  theTimelineEvents,
  thenMyReportShowsStatus,
  theChosenPlace,
  thenNothingScrollsSideways,
  whenIFillInTheReport,
  whenIUseMyPosition,
  whenIForgiveTheExpectedRefusal,
  whenIOpenMyReport,
  whenIOpenTheReportPage,
  whenIRateTheHandling,
  whenISaveAPhoneScreenshot,
  whenISendTheReport,
} from './report-driver';

const docs = (name: string) => new URL(`../../docs/${name}`, import.meta.url).pathname;
const TRACKING_CODE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;
const zh = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('zh-CN', key, params);

describe('residents report a problem (/report, phone first)', () => {
  let dir = '';
  let photo = '';
  let page: Page | null = null;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wangge-report-'));
    photo = join(dir, 'street-light.png');
    // A camera-sized picture: the page scales it down before sending.
    await sharp({ create: { width: 2400, height: 1800, channels: 3, background: { r: 210, g: 140, b: 60 } } })
      .png()
      .toFile(photo);
  });
  afterEach(async () => {
    if (page) await finishThePhoneVisit(page);
    page = null;
  });
  afterAll(async () => {
    await closeThePhones();
    await rm(dir, { recursive: true, force: true });
  });

  it('at 390×844 a resident reports with a photo, gets a tracking code kept under 我的上报, and the status page says 已上报', async () => {
    page = await givenAResidentsPhone();
    const place = await givenAPlaceInsideAGrid(3);
    const description = '幸福路 12 号门口的路灯一周没亮了，晚上很黑';
    await whenIOpenTheReportPage(page);
    await thenNothingScrollsSideways(page);
    await whenIFillInTheReport(page, { category: 'facility', description, tapAt: place.at, photoPath: photo, phone: '138 0013 8000' });
    assert.equal(await page.getByTestId('report-location-grid').innerText(), zh('report.location.inGrid', { name: place.gridName }));
    assert.equal(await page.getByTestId('report-wgs84').innerText(), zh('report.location.wgs84'));
    assert.deepEqual(await theSmallTouchTargets(page), [], 'every control is at least 44 px');
    await thenNothingScrollsSideways(page);
    await whenISaveAPhoneScreenshot(page, docs('screenshot-report-phone.png'));

    const sent = await whenISendTheReport(page);
    assert.ok('code' in sent, `a tracking code: ${JSON.stringify(sent)}`);
    assert.match(sent.code, TRACKING_CODE);
    assert.equal(await page.getByTestId('report-done-saved').getAttribute('data-saved'), 'true');
    assert.deepEqual(await theCodesUnderMyReports(page), [sent.code]);

    // What the server made of it: a resident's incident with the photo, at the tapped place.
    const incident = await theIncidentOfTheReport(description);
    assert.equal(incident.properties.source, 'resident');
    assert.equal(incident.properties.category, 'facility');
    assert.equal((incident.properties.photos as unknown[]).length, 1);

    await page.getByTestId('report-track-link').click();
    await thenMyReportShowsStatus(page, sent.code, '已上报');
    assert.equal(await page.getByTestId('report-status-description').innerText(), description);
    assert.deepEqual(await theTimelineEvents(page), ['report']);
    await thenNothingScrollsSideways(page);

    // Back on /report, the list of my reports links to it.
    await whenIOpenTheReportPage(page);
    assert.deepEqual(await theCodesUnderMyReports(page), [sent.code]);
  });

  it('a filled-in honeypot is refused by the server (spam_suspected) and the page says so', async () => {
    page = await givenAResidentsPhone();
    const place = await givenAPlaceInsideAGrid(5);
    await whenIOpenTheReportPage(page);
    assert.deepEqual(await theHoneypotField(page), { ariaHidden: 'true', tabIndex: -1, autocomplete: 'off', onScreen: false });
    await whenIFillInTheReport(page, { category: 'environment', description: '小区门口垃圾堆了三天', tapAt: place.at, website: 'http://cheap-pills.example' });
    const sent = await whenISendTheReport(page);
    assert.deepEqual(sent, { refusal: zh('report.refusal.spam'), key: 'report.refusal.spam' });
    assert.equal(whenIForgiveTheExpectedRefusal(page, 422, 'POST', '/api/reports'), 2, 'the 422 and its console line');
    assert.deepEqual(await theCodesUnderMyReports(page), []);
  });

  it('a malformed phone number is marked beside the field and nothing is sent', async () => {
    page = await givenAResidentsPhone();
    const place = await givenAPlaceInsideAGrid(5);
    const posts: string[] = [];
    page.on('request', (r) => r.method() === 'POST' && posts.push(r.url()));
    await whenIOpenTheReportPage(page);
    await whenIFillInTheReport(page, { category: 'traffic', description: '楼下消防通道被车堵住了', tapAt: place.at, phone: '138-abc' });
    const sent = await whenISendTheReport(page);
    assert.deepEqual(sent, { problems: { phone: zh('report.problem.phone') } });
    assert.deepEqual(posts, []);
  });

  it('after 结案 the resident rates the handling (满意 + words) and the rating stays', async () => {
    const place = await givenAPlaceInsideAGrid(7);
    const description = '公园护栏断了一截，孩子容易摔下去';
    const code = await givenAReportWasMade({ category: 'facility', description, at: place.at });
    await givenTheReportWasClosed(description, '护栏已焊接修复');
    page = await givenAResidentsPhone();
    await whenIOpenMyReport(page, code.toLowerCase().replace(/-/g, ''));
    await thenMyReportShowsStatus(page, code, '已结案');
    assert.equal(new URL(page.url()).pathname, `/report/${code}`, 'a code typed loosely gets its canonical address');
    const events = await theTimelineEvents(page);
    assert.deepEqual(events, ['close', 'verify', 'handle', 'dispatch', 'accept', 'report']);
    await thenNothingScrollsSideways(page);
    await whenISaveAPhoneScreenshot(page, docs('screenshot-report-status-phone.png'));
    await whenIRateTheHandling(page, code, 'satisfied', '修得很快，谢谢');
    assert.equal(await page.getByTestId('report-rating-thanks').innerText(), zh('report.rating.thanks'));
    await whenIOpenMyReport(page, code);
    assert.equal(await page.getByTestId('report-rating-given').getAttribute('data-rating'), 'satisfied');
    assert.equal(await page.getByTestId('report-rating-form').count(), 0, 'rated once');
  });

  it("the device's position (WGS-84) places the marker, with its accuracy and its grid", async () => {
    const place = await givenAPlaceInsideAGrid(2);
    page = await givenAResidentsPhone({ position: place.at, accuracyM: 12 });
    await whenIOpenTheReportPage(page);
    await page.waitForSelector('[data-testid="report-map"][data-grid-count]');
    await whenIUseMyPosition(page);
    const chosen = await theChosenPlace(page);
    assert.deepEqual(chosen.at, place.at);
    assert.equal(chosen.marker, place.at.map((v) => v.toFixed(6)).join(','));
    const figures = { lng: place.at[0].toFixed(5), lat: place.at[1].toFixed(5) };
    assert.equal(
      chosen.text,
      [
        zh('report.location.chosen', figures),
        zh('report.location.fromDevice', { value: '12', unit: zh('report.location.unit.m') }),
        zh('report.location.inGrid', { name: place.gridName }),
      ].join('\n'),
    );
  });

  it('reads in English at desktop size too (1366×768)', async () => {
    page = await givenAResidentsPhone({ width: 1366, height: 768 });
    await whenIOpenTheReportPage(page);
    await page.getByTestId('lang-switch').click();
    assert.equal(await page.locator('h1').innerText(), translate('en', 'report.title'));
    await thenNothingScrollsSideways(page);
  });
});
