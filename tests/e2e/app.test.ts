import { afterAll, afterEach, beforeEach, describe, it } from 'vitest';
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
});
