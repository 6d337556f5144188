import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../src/store/database.js';
import { DIALECTS } from '../test/support/dialects.js';
import {
  apiCall,
  describeInBrowser,
  type E2E,
  http,
  screenshot,
  signInAs,
  startE2E,
} from './support/harness.js';

/** A viewer's phone, not a bot: headless chromium's own user agent is flagged as invalid traffic. */
const PHONE_BROWSER =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1';
const POST_ID = 'ana-shoes';
const CAPTION = /Which running shoes I actually use/;

interface PostCounters {
  organic: { likes: number; follows: number };
  paid: { likes: number; follows: number };
  total: { likes: number; follows: number };
}

/** Reads a number shown with thousands separators ("6,921"). */
async function numberIn(locator: Locator): Promise<number> {
  return Number(((await locator.textContent()) ?? '').replace(/[^\d]/g, ''));
}

/** Report rollups trail events by a few seconds: reload until `check` passes. */
async function eventually(page: Page, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > until) throw new Error('timed out waiting for the report to catch up');
    await page.waitForTimeout(1_000);
    await page.reload();
  }
}

// The whole story on each database the server supports (the web app only talks to the API).
for (const { dialect, skip } of DIALECTS) {
  if (skip) {
    describe.skip(`web app on ${dialect} (skipped: ${skip})`, () => {});
    continue;
  }
  feedFlow(dialect);
}

function feedFlow(dialect: DialectName): void {
  describeInBrowser(`web app [${dialect}]: creator code → campaign → feed demo → report → revocation`, () => {
    let e2e: E2E;
    let creator: Page;
    let brand: Page;
    let platform: Page;
    let code = '';

    beforeAll(async () => {
      e2e = await startE2E({ dialect });
    });
    afterAll(async () => e2e?.close());

    const post = () =>
      apiCall<PostCounters>(e2e.baseUrl, e2e.tokens.platform, 'GET', `/v1/platform/posts/${POST_ID}`);

    it('the creator authorizes a post and gets a code', { timeout: 90_000 }, async () => {
      creator = await e2e.newPage();
      await signInAs(creator, /ana\.moves/);
      await creator.getByRole('button', { name: new RegExp(`Authorize “${CAPTION.source}`) }).click();
      const dialog = creator.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Get code' }).click();
      await dialog.getByRole('heading', { name: 'Your code is ready' }).waitFor();
      code = ((await dialog.locator('.code-box code').textContent()) ?? '').trim();
      expect(code).toMatch(/^#KD-[0-9A-Z]+$/);
      await dialog.getByRole('button', { name: 'Done' }).click();
    });

    it('the brand redeems it, builds a campaign with fast pacing and launches', {
      timeout: 150_000,
    }, async () => {
      brand = await e2e.newPage();
      await signInAs(brand, /Maya/);
      await brand.getByRole('link', { name: 'Spark library' }).first().click();
      await brand.getByLabel('Creator codes').fill(code);
      await brand.getByRole('button', { name: 'Add to library' }).click();
      await brand.getByRole('article', { name: CAPTION }).waitFor();

      // Before any delivery the reports say so.
      await brand.getByRole('link', { name: 'Reports' }).first().click();
      await brand.getByRole('heading', { name: 'No delivery in these dates' }).waitFor();
      await screenshot(brand, '26-brand-reports-empty');

      await brand.goto('/ads/new');
      await brand.getByRole('heading', { name: 'Create a campaign' }).waitFor();
      await brand.getByRole('radio', { name: /^Reach/ }).check();
      await brand.getByLabel('Campaign name').fill('Shoe drop');
      await brand.getByRole('button', { name: /Continue/ }).click();

      await brand.getByLabel('Ad group name').fill('FR runners');
      await brand.getByLabel('Countries').selectOption('FR');
      await brand.getByLabel('Interests').selectOption('fitness.running');
      await brand.getByRole('radio', { name: 'From now on' }).check();
      // Smooth pacing starts throttled until its controller has learned the traffic: a test wants every auction.
      await brand.getByRole('radio', { name: /^Fast/ }).check();
      await brand.getByLabel('Bid').fill('6.00');
      await brand.getByRole('button', { name: /Continue/ }).click();

      await brand.getByRole('checkbox', { name: /Promote @ana\.moves: Which running shoes/ }).check();
      await brand.getByLabel('Button').selectOption('SHOP_NOW');
      await brand.getByLabel(/Landing page/).fill('https://acme.example/shoes');
      await brand.getByRole('button', { name: /Continue/ }).click();
      await brand.getByRole('button', { name: 'Launch' }).click();
      await brand.getByRole('heading', { name: 'Your ad is launched' }).waitFor();
      await brand.locator('[data-status="DELIVERING"]').first().waitFor();
    });

    it('the ad appears in the feed demo for a matching viewer, and a like raises the post’s count', {
      timeout: 120_000,
    }, async () => {
      const before = await post();
      platform = await e2e.newPage({ userAgent: PHONE_BROWSER });
      await signInAs(platform, /Platform operator/);
      await platform.getByRole('link', { name: 'Feed demo' }).first().click();
      await platform.getByRole('heading', { name: 'Feed demo' }).waitFor();
      // The default test viewer is a runner in France, as the ad group targets.
      await platform
        .getByText(/FR · 25–34 · Woman · iOS · Running/)
        .first()
        .waitFor();

      const feed = platform.getByRole('feed', { name: 'For You feed' });
      const ad = feed.locator('article[data-kind="ad"]').first();
      await ad.waitFor({ state: 'attached' });
      expect(await ad.getAttribute('data-post-id')).toBe(POST_ID);
      await ad.getByText('Sponsored', { exact: true }).waitFor({ state: 'attached' });
      await ad.getByRole('button', { name: 'Shop now' }).waitFor({ state: 'attached' });
      await ad.scrollIntoViewIfNeeded();
      await platform.evaluate(() => window.scrollTo(0, 0));

      // Visible: the impression (and the play) are sent and accepted.
      const log = platform.getByRole('region', { name: 'Events sent' });
      await log.locator('li[data-type="impression"][data-outcome="ACCEPTED"]').waitFor();
      const onScreen = platform.getByRole('region', { name: 'On screen' });
      await onScreen.getByText('Sponsored · Acme Shoes').waitFor();
      const totalLikes = onScreen.getByTestId('total-likes');
      await expect.poll(() => numberIn(totalLikes)).toBe(before.total.likes);
      await screenshot(platform, '27-feed-demo-sponsored');

      // A like and a follow on the ad land on the original post and creator.
      await ad.getByRole('button', { name: /^Like,/ }).click();
      await log.locator('li[data-type="like"][data-outcome="ACCEPTED"]').waitFor();
      await expect.poll(() => numberIn(totalLikes)).toBe(before.total.likes + 1);
      await onScreen.locator('tr[data-count="likes"] .paid-cell', { hasText: '1' }).waitFor();
      await ad.getByRole('button', { name: /^Liked, .* likes, 1 from ads$/ }).waitFor();
      await ad.getByRole('button', { name: 'Follow @ana.moves' }).click();
      await log.locator('li[data-type="follow"][data-outcome="ACCEPTED"]').waitFor();
      await screenshot(platform, '28-feed-demo-liked');

      const after = await post();
      expect(after.paid.likes).toBe(before.paid.likes + 1);
      expect(after.total.likes).toBe(before.total.likes + 1);
      expect(after.organic.likes).toBe(before.organic.likes);
      expect(after.paid.follows).toBe(before.paid.follows + 1);

      // The call to action opens the landing page with Kindling's click id.
      await ad.getByRole('button', { name: 'Shop now' }).click();
      await log.locator('li[data-type="click"][data-outcome="ACCEPTED"]').waitFor();
      await ad
        .getByRole('dialog', { name: 'Landing page' })
        .getByText(/acme\.example\/shoes\?kd_click=dec_/)
        .waitFor();
      await screenshot(platform, '29-feed-demo-landing');
      await ad.getByRole('button', { name: 'Back to the feed' }).click();

      // Why page 1 served it: the decision's explanation.
      const decisions = platform.getByRole('region', { name: 'Decisions' });
      await decisions.getByRole('button', { name: 'Details' }).first().click();
      await decisions.getByText('Won the auction').first().waitFor();
    });

    it('the brand’s report shows the impression and the paid like, with charts and a CSV', {
      timeout: 120_000,
    }, async () => {
      await brand.goto('/ads/reports');
      const tile = (metric: string) => brand.locator(`.metric-tile [data-metric="${metric}"]`);
      await eventually(brand, async () => {
        await tile('impressions').waitFor();
        await brand.locator('.metric-tile .skeleton').first().waitFor({ state: 'detached', timeout: 10_000 });
        return (await numberIn(tile('impressions'))) >= 1 && (await numberIn(tile('likes'))) >= 1;
      });
      expect(await numberIn(tile('impressions'))).toBe(1);
      expect(await numberIn(tile('likes'))).toBe(1);
      await brand.getByRole('button', { name: /Impressions/ }).click();
      await brand.getByRole('heading', { name: 'Impressions by day' }).waitFor();
      await brand.locator('.chart canvas').first().waitFor();
      const row = brand.getByRole('row', { name: /Shoe drop/ });
      expect(await numberIn(row.locator('[data-metric="impressions"]'))).toBe(1);
      expect(await numberIn(row.locator('[data-metric="likes"]'))).toBe(1);
      await brand
        .getByRole('article', { name: CAPTION })
        .locator('[data-split="likes"]')
        .getByText(/^1 paid of/)
        .waitFor();
      await screenshot(brand, '30-brand-reports', { fullPage: true });

      await brand.getByLabel('Break down by').selectOption('country_code');
      await brand.getByRole('row', { name: /France/ }).waitFor();
      await screenshot(brand, '31-brand-reports-by-country');

      const [download] = await Promise.all([
        brand.waitForEvent('download'),
        brand.getByRole('button', { name: 'Download CSV' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^report-acc_.*\.csv$/);
      const csv = await download
        .path()
        .then((path) => import('node:fs').then((fs) => fs.readFileSync(path, 'utf8')));
      expect(csv.split('\n')[0]).toContain('country_code');
      expect(csv).toContain('FR');

      // The Ads Manager tables carry impressions, CTR and results.
      await brand.goto('/ads/campaigns');
      const campaign = brand.getByRole('row', { name: /Shoe drop/ });
      await campaign.locator('[data-metric="impressions"]', { hasText: '1' }).waitFor();
      await screenshot(brand, '32-ads-manager-metrics');
    });

    it('the creator sees paid vs organic and publishes a media kit', { timeout: 120_000 }, async () => {
      await creator.getByRole('link', { name: 'Analytics' }).first().click();
      await creator.getByRole('heading', { name: 'Analytics' }).waitFor();
      const shoes = creator.locator(`li[data-post-id="${POST_ID}"]`);
      await shoes.getByText(/1 from ads/).waitFor();
      await creator
        .getByRole('row', { name: /Which running shoes/ })
        .getByText('Acme Shoes')
        .waitFor();
      await screenshot(creator, '33-creator-analytics', { fullPage: true });

      await creator.getByRole('link', { name: 'Media kit' }).first().click();
      await creator.getByRole('heading', { name: 'Media kit' }).waitFor();
      const headline = creator.getByLabel(/Headline/);
      await headline.fill('x'.repeat(201));
      await creator.getByRole('button', { name: 'Save' }).click();
      await creator.getByText('At most 200 characters').waitFor();
      expect(await headline.getAttribute('aria-invalid')).toBe('true');
      await headline.fill('Running & home workouts, Paris');
      await creator.getByRole('switch', { name: 'Show Acme Shoes' }).check();
      const preview = creator.getByRole('article', { name: 'Media kit of @ana.moves' });
      await preview.getByText('Running & home workouts, Paris').waitFor();
      await preview.getByText('Acme Shoes').first().waitFor();
      await creator.getByRole('button', { name: 'Publish' }).click();
      await creator.getByText('Published: brands can open your media kit').waitFor();
      await creator.getByText('Published', { exact: true }).waitFor();
      await screenshot(creator, '34-creator-media-kit', { fullPage: true });
      const page = await http(`${e2e.baseUrl}/m/ana.moves`);
      expect(page.status).toBe(200);
      expect(page.body).toContain('Running &amp; home workouts, Paris');
    });

    it('the creator revokes, and the ad no longer appears; explain says why', {
      timeout: 150_000,
    }, async () => {
      await creator.getByRole('link', { name: 'Authorizations' }).first().click();
      const row = creator.getByRole('row', { name: /Which running shoes/ });
      await row.getByRole('button', { name: 'Revoke' }).click();
      await creator.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
      await creator.getByText(/Revoked: Acme Shoes’s ads stop now/).waitFor();

      // A new test viewer (fresh frequency memory), same attributes: page 1 and 2 without the ad.
      await platform.locator('summary', { hasText: 'Test viewer' }).click();
      await platform.getByRole('button', { name: 'New viewer id' }).click();
      await platform.getByRole('button', { name: 'Restart the feed as this viewer' }).click();
      const decisions = platform.getByRole('region', { name: 'Decisions' });
      await decisions.getByText('Page 1').waitFor();
      await platform.getByRole('button', { name: 'Load more posts' }).click();
      await decisions.getByText('Page 2').waitFor();
      expect(await platform.locator('article[data-kind="ad"]').count()).toBe(0);
      expect(await decisions.locator('li[data-ads]:not([data-ads="0"])').count()).toBe(0);
      await platform.evaluate(() => window.scrollTo(0, 0));
      await screenshot(platform, '35-feed-demo-after-revoke');

      await platform.getByRole('link', { name: 'Delivery explain' }).first().click();
      await platform.getByRole('radio', { name: 'By account' }).check();
      await platform.getByLabel('Ad account').selectOption({ label: 'Acme Shoes' });
      await platform.getByRole('button', { name: 'Explain this page' }).click();
      const outcome = platform.getByRole('row', { name: /Acme Shoes/ });
      await outcome.getByText('No ad can serve').waitFor();
      await screenshot(platform, '36-delivery-explain', { fullPage: true });
    });
  });
}
