import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiCall, describeInBrowser, type E2E, screenshot, signInAs, startE2E } from './support/harness.js';

describeInBrowser('web app: platform settings and the ad review queue', () => {
  let e2e: E2E;
  let platform: Page;

  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => e2e?.close());

  /** A Brew & Co ad of one of Léo's posts, set up through the API (the review is what is tested). */
  async function brandAd(postId: string, landingPage: string): Promise<string> {
    const leo = e2e.tokens.creators.find((c) => c.id === 'leo')!.token;
    const brew = e2e.tokens.advertisers.find((a) => a.ad_account_name === 'Brew & Co')!;
    const account = `/v1/ad-accounts/${brew.ad_account_id}`;
    const auth = await apiCall<{ auth_code: string }>(
      e2e.baseUrl,
      leo,
      'POST',
      `/v1/creator/posts/${postId}/authorizations`,
      {
        duration_days: 30,
      },
    );
    await apiCall(e2e.baseUrl, brew.token, 'POST', `${account}/spark-posts`, { auth_code: auth.auth_code });
    const campaign = await apiCall<{ id: string }>(e2e.baseUrl, brew.token, 'POST', `${account}/campaigns`, {
      campaign_name: `Coffee lovers · ${postId}`,
      objective_type: 'TRAFFIC',
      budget_mode: 'BUDGET_MODE_INFINITE',
    });
    const group = await apiCall<{ id: string }>(e2e.baseUrl, brew.token, 'POST', `${account}/ad-groups`, {
      campaign_id: campaign.id,
      adgroup_name: 'US foodies',
      placements: ['IN_FEED'],
      schedule_type: 'SCHEDULE_FROM_NOW',
      targeting: { countries: ['US'] },
      budget_mode: 'BUDGET_MODE_DAY',
      budget: '50.00',
      pacing: 'PACING_MODE_SMOOTH',
      billing_event: 'CPC',
      bid_price: '0.40',
    });
    const ad = await apiCall<{ id: string; review_status: string }>(
      e2e.baseUrl,
      brew.token,
      'POST',
      `${account}/ads`,
      {
        ad_group_id: group.id,
        post_id: postId,
        call_to_action: 'SHOP_NOW',
        landing_page_url: landingPage,
      },
    );
    expect(ad.review_status).toBe('PENDING');
    return ad.id;
  }

  it('the operator turns auto-approve off, with field errors shown next to the fields', {
    timeout: 120_000,
  }, async () => {
    platform = await e2e.newPage();
    await signInAs(platform, /Platform operator/);
    await platform.getByRole('heading', { name: 'Ad review' }).waitFor();
    await platform.getByRole('heading', { name: 'Nothing to review' }).waitFor();
    await platform.getByRole('link', { name: 'Settings' }).first().click();
    await platform.getByRole('heading', { name: 'Platform settings' }).waitFor();
    await screenshot(platform, '22-admin-settings', { fullPage: true });

    const autoApprove = platform.getByRole('switch', { name: 'Approve ads automatically' });
    expect(await autoApprove.isChecked()).toBe(true);
    await autoApprove.uncheck();
    await platform.getByLabel('Ads per viewer per hour').fill('many');
    await platform.getByLabel('Blocked landing-page domains').fill('spam.example');
    await platform.getByRole('button', { name: 'Save changes' }).click();
    await platform.getByText('Enter a whole number from 0 to 1000').waitFor();
    expect(await platform.getByLabel('Ads per viewer per hour').getAttribute('aria-invalid')).toBe('true');
    await platform.getByLabel('Ads per viewer per hour').fill('10');
    await platform.getByRole('button', { name: 'Save changes' }).click();
    await platform.getByText('Settings saved').waitFor();
    await platform.getByText('All changes saved').waitFor();

    const settings = await apiCall<{
      auto_approve_ads: boolean;
      blocked_domains: string[];
      ad_load: { max_ads_per_viewer_per_hour: number };
    }>(e2e.baseUrl, e2e.tokens.platform, 'GET', '/v1/platform/settings');
    expect(settings.auto_approve_ads).toBe(false);
    expect(settings.blocked_domains).toEqual(['spam.example']);
    expect(settings.ad_load.max_ads_per_viewer_per_hour).toBe(10);
  });

  it('approves a pending ad and rejects another with a reason', { timeout: 120_000 }, async () => {
    const approveId = await brandAd('leo-espresso', 'https://brew.example/espresso-kit');
    const rejectId = await brandAd('leo-crepes', 'https://brew.example/crepe-pan');

    await platform.getByRole('link', { name: 'Ad review' }).first().click();
    await platform.getByText(/Auto-approve is/).waitFor();
    const espresso = platform.getByRole('article', { name: /Café-quality espresso/ });
    await espresso.waitFor();
    await platform.getByRole('article', { name: /Crêpes that never tear/ }).waitFor();
    await espresso
      .getByRole('figure', { name: /Preview of the Spark ad by @leo\.cooks/ })
      .getByText('Sponsored')
      .waitFor();
    await screenshot(platform, '23-admin-review-queue', { fullPage: true });

    await espresso.getByRole('button', { name: 'Approve' }).click();
    await platform.getByText(/^Approved “/).waitFor();
    await espresso.waitFor({ state: 'detached' });

    const crepes = platform.getByRole('article', { name: /Crêpes that never tear/ });
    await crepes.getByRole('button', { name: 'Reject…' }).click();
    const dialog = platform.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Reject ad' }).click();
    await dialog.getByText('Tell the advertiser why, so they can fix it').waitFor();
    await dialog
      .getByLabel('Reason')
      .fill('The landing page sells a different pan than the one in the video.');
    await screenshot(platform, '24-admin-reject-dialog');
    await dialog.getByRole('button', { name: 'Reject ad' }).click();
    await platform.getByText(/^Rejected “/).waitFor();
    await platform.getByRole('heading', { name: 'Nothing to review' }).waitFor();

    await platform.getByRole('radio', { name: 'Approved' }).check();
    await platform.getByRole('article', { name: /Café-quality espresso/ }).waitFor();

    const brew = e2e.tokens.advertisers.find((a) => a.ad_account_name === 'Brew & Co')!;
    const get = (id: string) =>
      apiCall<{ review_status: string; review_reason: string | null }>(
        e2e.baseUrl,
        brew.token,
        'GET',
        `/v1/ad-accounts/${brew.ad_account_id}/ads/${id}`,
      );
    expect((await get(approveId)).review_status).toBe('APPROVED');
    expect(await get(rejectId)).toMatchObject({
      review_status: 'REJECTED',
      review_reason: expect.stringContaining('different pan'),
    });

    // The brand sees both decisions in its Ads Manager, with the reason.
    const brand = await e2e.newPage();
    await signInAs(brand, /Jordan/);
    await brand.goto('/ads/ads');
    const rejected = brand.getByRole('row', { name: /leo-crepes/ });
    await rejected.locator('[data-status="REJECTED"]').waitFor();
    await rejected
      .getByText(/different pan/)
      .first()
      .waitFor();
    await brand
      .getByRole('row', { name: /leo-espresso/ })
      .getByText('Approved')
      .waitFor();
    await screenshot(brand, '25-brand-review-decisions');
  });
});
