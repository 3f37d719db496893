import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  closeTheBrowser,
  finishTheVisit,
  givenTheAppIsRunning,
  theGridsOfTheFirstRegion,
  thenNoRequestLeftTheApp,
  thenTheBasemapIs,
  thenTheMapShowsGrids,
  thenThePageIsIn,
  thenTheScriptsShipNoSourceMaps,
  whenIOpen,
  whenIReload,
  whenISwitchTheLanguage,
} from './driver';
import {
  givenAScreenOf,
  givenMyPositionIs,
  thenTheHeaderFitsTheScreen,
  thenTheHomeIntroIsShownWhole,
  thenTheHomePageSaysWhatFailed,
  thenTheLookupNames,
  thenTheLookupSaysOutsideEveryGrid,
  thenTheMapControlsSay,
  thenTheNavigationIsBehindTheMenu,
  thenTheWholeNavigationIsShown,
  thenTheHomePageListsTheBlindSpots,
  whenIClickTheMapOnAGrid,
  whenIFollowTheBlindSpotsTo,
  whenIFollowTheNavigationTo,
  whenIOpenTheMenu,
  whenIRetry,
  whenITabThroughThePage,
  whenIUseMyLocation,
  whenTheServerCannotBeReachedFor,
  whenTheServerIsBack,
} from './shell-driver';
import { givenIAmLoggedInAsAdmin } from './auth-driver';

describe('the app in a browser', () => {
  beforeEach(givenTheAppIsRunning);
  afterEach(finishTheVisit);
  afterAll(closeTheBrowser);

  it('draws the demo grids on the home page map', async () => {
    const expected = await theGridsOfTheFirstRegion();
    await whenIOpen('/');
    await thenTheMapShowsGrids(expected);
  });

  it('ships its scripts without source maps', async () => {
    await whenIOpen('/');
    await thenTheScriptsShipNoSourceMaps();
  });

  it('draws the offline base map without fetching anything from outside the app', async () => {
    await whenIOpen('/?basemap=offline');
    await thenTheBasemapIs('offline');
    await thenTheMapShowsGrids();
    thenNoRequestLeftTheApp();
  });

  it('switches from Chinese to English and keeps the choice', async () => {
    await whenIOpen('/');
    await thenThePageIsIn('zh-CN');
    await whenISwitchTheLanguage();
    await thenThePageIsIn('en');
    await whenIReload();
    await thenThePageIsIn('en');
  });

  it('takes the language from ?lang=', async () => {
    await whenIOpen('/?lang=en');
    await thenThePageIsIn('en');
  });

  it('fits the header on a phone, with the navigation behind a menu that closes on arrival', async () => {
    await givenAScreenOf(390, 844);
    for (const path of ['/', '/?lang=en']) {
      await whenIOpen(path);
      await thenTheHeaderFitsTheScreen();
      await thenTheNavigationIsBehindTheMenu();
      await thenTheHomeIntroIsShownWhole();
    }
    await whenIOpenTheMenu();
    await whenIFollowTheNavigationTo('nav-report');
    await whenIOpen('/');
    await whenIOpenTheMenu();
    await whenIFollowTheNavigationTo('nav-analyze');
    await thenTheNavigationIsBehindTheMenu();
  });

  it('shows the whole navigation in one header row on a 1366×768 laptop, in both languages', async () => {
    await givenAScreenOf(1366, 768);
    for (const path of ['/', '/?lang=en']) {
      await whenIOpen(path);
      await thenTheHeaderFitsTheScreen();
      await thenTheWholeNavigationIsShown();
    }
  });

  it('shows a focus ring on every control the keyboard reaches, the map pickers included', async () => {
    await whenIOpen('/');
    await thenTheMapShowsGrids();
    const reached = await whenITabThroughThePage();
    expect(reached.map((r) => r.control)).toEqual(expect.arrayContaining(['nav-home', 'lang-switch', 'basemap-picker', 'color-mode', 'lookup-locate']));
    expect(reached.filter((r) => !r.ring)).toEqual([]);
  });

  it("labels MapLibre's own map controls in the page's language", async () => {
    await whenIOpen('/');
    await thenTheMapControlsSay({ zoomIn: '放大', zoomOut: '缩小', attribution: '显示/隐藏版权信息' });
    await whenIOpen('/?lang=en');
    await thenTheMapControlsSay({ zoomIn: 'Zoom in', zoomOut: 'Zoom out', attribution: 'Toggle attribution' });
  });

  it('says what failed to load on the home page, in its language, and loads it on a retry', async () => {
    await whenTheServerCannotBeReachedFor(/^\/api\/(grids|health)$/);
    await whenIOpen('/');
    await thenTheHomePageSaysWhatFailed({ map: /网格地图未能加载：无法连接服务器/, status: /服务状态未能读取：无法连接服务器/ });
    await whenTheServerIsBack();
    await whenIRetry('map-retry');
    await whenIRetry('health-retry');
    await thenTheMapShowsGrids();
  });

  it('tells a resident which grid a place on the map is in, and who its grid workers are', async () => {
    await whenIOpen('/');
    const clicked = await whenIClickTheMapOnAGrid();
    await thenTheLookupNames(clicked);
  });

  it('breaks the blind spots down by kind for a logged-in admin, and leads to the editor where they are dealt with', async () => {
    await givenIAmLoggedInAsAdmin();
    await whenIOpen('/');
    await thenTheHomePageListsTheBlindSpots();
    await whenIFollowTheBlindSpotsTo('edit');
  });

  it("says so when the browser's position is outside every grid", async () => {
    await givenMyPositionIs([116.397, 39.909]); // Beijing, far from the demo county
    await whenIOpen('/');
    await whenIUseMyLocation();
    await thenTheLookupSaysOutsideEveryGrid();
  });
});
