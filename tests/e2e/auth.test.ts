import assert from 'node:assert/strict';
import { afterAll, afterEach, beforeEach, describe, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  givenAUser,
  givenIAmLoggedInAsAdmin,
  theAddress,
  thenIAmToldThisAccountMayNot,
  thenTheHeaderShowsUser,
  thenTheLoginFormIsShown,
  whenILogInAs,
  whenILogOut,
  whenISaveAScreenshotOfThePage,
  whenISwitchAccount,
  whenMySessionEndsOnTheServer,
} from './auth-driver';
import {
  closeTheBrowser,
  finishTheVisit,
  givenTheAppIsRunning,
  theIncidentsMatching,
  thenNothingWentWrong,
  thenTheAnalyzeViewCounts,
  thenTheChosenFiltersAre,
  whenIFilterIncidentsBy,
  whenIForgiveTheExpected401s,
  whenIOpen,
  whenIReload,
} from './driver';

const docs = (name: string) => new URL(`../../docs/${name}`, import.meta.url).pathname;
/** The gate asks who is logged in; should that ever answer 401 rather than "nobody", it is expected. */
const SESSION_PROBE = /^\/api\/(grids\/editor|auth\/me)(\?|$)/;

describe('the login gate', () => {
  beforeEach(givenTheAppIsRunning);
  afterEach(finishTheVisit);
  afterAll(closeTheBrowser);

  it('shows an anonymous visitor of /analyze the login form, and the view with its filters once logged in', async () => {
    await whenIOpen('/analyze?cat=emergency&src=resident');
    await thenTheLoginFormIsShown();
    await thenTheHeaderShowsUser(null);
    await whenISaveAScreenshotOfThePage(docs('screenshot-login.png'));
    whenIForgiveTheExpected401s(SESSION_PROBE);
    thenNothingWentWrong();
    await whenILogInAs('admin', ADMIN_PASSWORD);
    await thenTheAnalyzeViewCounts(await theIncidentsMatching('category=emergency&source=resident'));
    await thenTheChosenFiltersAre({ category: ['emergency'], source: ['resident'] });
    await thenTheHeaderShowsUser('admin（管理员）');
  });

  it('logs out from the header: the view gives way to the login form, also after a reload', async () => {
    await givenIAmLoggedInAsAdmin();
    await whenIOpen('/analyze');
    await thenTheAnalyzeViewCounts(await theIncidentsMatching(''));
    await whenILogOut();
    await thenTheLoginFormIsShown();
    await thenTheHeaderShowsUser(null);
    await whenIReload();
    await thenTheLoginFormIsShown();
    whenIForgiveTheExpected401s(SESSION_PROBE);
  });

  it('brings the login form back when the session ends mid-use, and the same view after logging in again', async () => {
    await givenIAmLoggedInAsAdmin();
    await whenIOpen('/analyze?layer=points');
    await thenTheAnalyzeViewCounts(await theIncidentsMatching(''));
    await whenMySessionEndsOnTheServer();
    await whenIFilterIncidentsBy({ category: ['traffic'] });
    await thenTheLoginFormIsShown(true);
    // The points' tiles are reads too: refused the same way (the map goes with the login form).
    assert.ok(whenIForgiveTheExpected401s(/^\/(api\/incidents|tiles\/incidents\/)/) > 0, 'the filtered reads were refused');
    assert.match(theAddress(), /^\/analyze\?.*layer=points/);
    assert.match(theAddress(), /cat=traffic/);
    await whenILogInAs('admin', ADMIN_PASSWORD);
    await thenTheChosenFiltersAre({ category: ['traffic'] });
    await thenTheAnalyzeViewCounts(await theIncidentsMatching('category=traffic'));
  });

  it('tells an analyst that /edit needs an admin or a supervisor, and offers another account', async () => {
    const analyst = await givenAUser('analyst');
    await whenIOpen('/edit');
    await thenTheLoginFormIsShown();
    await whenILogInAs(analyst.username, analyst.password);
    await thenIAmToldThisAccountMayNot(new RegExp(`${analyst.username}（分析员）无权打开此页面，需要管理员或网格长账号`));
    await whenISwitchAccount();
    await thenTheLoginFormIsShown();
    whenIForgiveTheExpected401s(SESSION_PROBE);
  });
});
