import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, type E2E, screenshot, signInAs, startE2E } from './support/harness.js';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** The dayparting cell labels ("Wednesday 23:30") of now and the next half hour in `zone`. */
function currentCells(zone: string): string[] {
  const labelAt = (ms: number) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        weekday: 'long',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
        .formatToParts(new Date(ms))
        .map((p) => [p.type, p.value]),
    );
    const minute = Number(parts.minute) >= 30 ? '30' : '00';
    return `${parts.weekday} ${parts.hour}:${minute}`;
  };
  return [labelAt(Date.now()), labelAt(Date.now() + 30 * 60_000)].filter((l) =>
    DAYS.some((d) => l.startsWith(d)),
  );
}

async function authorize(page: Page, caption: RegExp, days: '7 days' | '30 days' | '60 days' | '1 year') {
  await page.getByRole('button', { name: caption }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('heading', { name: 'Authorize for Spark ads' }).waitFor();
  expect(await dialog.getByRole('radio', { name: /30 days/ }).isChecked()).toBe(true);
  if (days !== '30 days') await dialog.getByRole('radio', { name: new RegExp(days) }).check();
  return dialog;
}

describeInBrowser('web app: creator code → brand campaign → revocation', () => {
  let e2e: E2E;
  let creator: Page;
  let brand: Page;
  const codes: string[] = [];

  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => e2e?.close());

  it('a creator authorizes a post (30 days by default) and copies the code', {
    timeout: 120_000,
  }, async () => {
    creator = await e2e.newPage();
    await signInAs(creator, /ana\.moves/);
    const dialog = await authorize(creator, /Authorize “Leg day in 60 seconds/, '30 days');
    await dialog.getByLabel(/Note for yourself/).fill('For Acme Shoes');
    await screenshot(creator, '03-creator-authorize-dialog');
    await dialog.getByRole('button', { name: 'Get code' }).click();
    await dialog.getByRole('heading', { name: 'Your code is ready' }).waitFor();
    const code = (await dialog.locator('.code-box code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^#KD-[0-9A-Z]+$/);
    await dialog.getByRole('button', { name: 'Copy code' }).click();
    await dialog.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await creator.evaluate(() => navigator.clipboard.readText())).toBe(code);
    await screenshot(creator, '04-creator-code-copied');
    await dialog.getByRole('button', { name: 'Done' }).click();
    codes.push(code);

    // A second, weaker post, for 60 days: the brand will be warned about it.
    const second = await authorize(creator, /Authorize “Morning stretch routine/, '60 days');
    await second.getByRole('button', { name: 'Get code' }).click();
    codes.push(((await second.locator('.code-box code').textContent()) ?? '').trim());
    await second.getByRole('button', { name: 'Done' }).click();

    await creator.getByRole('link', { name: 'Authorizations' }).first().click();
    await creator.getByRole('heading', { name: 'Authorizations' }).waitFor();
    await expect(creator.getByText('Waiting for brand').count()).resolves.toBe(2);
    await screenshot(creator, '05-creator-authorizations');
  });

  it('the brand admin redeems both codes at once in the Spark library', { timeout: 120_000 }, async () => {
    brand = await e2e.newPage();
    await signInAs(brand, /Maya/);
    await brand.getByRole('link', { name: 'Spark library' }).first().click();
    await brand.getByRole('heading', { name: 'Your library is empty' }).waitFor();
    await brand.getByLabel('Creator codes').fill(codes.join('\n'));
    await brand.getByRole('button', { name: 'Add to library' }).click();
    await brand.getByText(/^Added: @ana\.moves · “Leg day/).waitFor();
    await brand.getByText(/^Added: @ana\.moves · “Morning stretch/).waitFor();
    await brand.getByRole('article', { name: /Leg day in 60 seconds/ }).waitFor();
    await expect(brand.getByText('30 days left').count()).resolves.toBeGreaterThan(0);
    await screenshot(brand, '06-brand-library', { fullPage: true });
  });

  it('creates campaign → ad group with dayparting → two ads, with warnings and delivery status', {
    timeout: 180_000,
  }, async () => {
    await brand.getByRole('link', { name: 'Create campaign' }).first().click();
    await brand.getByRole('heading', { name: 'Create a campaign' }).waitFor();

    // Step 1: objective and a budget below the platform minimum (only the API knows the minimum).
    await brand.getByRole('radio', { name: /Video views/ }).check();
    await brand.getByLabel('Campaign name').fill('Spring running push');
    await brand.getByRole('radio', { name: 'Lifetime' }).check();
    await brand.getByLabel('Lifetime budget').fill('20');
    await screenshot(brand, '07-create-objective', { fullPage: true });
    await brand.getByRole('button', { name: /Continue/ }).click();

    // Step 2: targeting, schedule from now, dayparting that covers the current half hour, bid.
    await brand.getByLabel('Ad group name').fill('FR 18–34 runners');
    await brand.getByLabel('Countries').selectOption('FR');
    await brand.getByRole('checkbox', { name: '18–24' }).check();
    await brand.getByRole('checkbox', { name: '25–34' }).check();
    await brand.getByLabel('Interests').selectOption('fitness.running');
    await brand.getByRole('radio', { name: 'From now on' }).check();
    await brand.getByRole('switch', { name: 'Run only at the times I choose' }).check();
    await brand.getByRole('button', { name: 'Evenings 18–24' }).click();
    for (const label of currentCells('Europe/Paris')) {
      const cell = brand.getByRole('button', { name: label, exact: true });
      if ((await cell.getAttribute('aria-pressed')) !== 'true') await cell.click();
      expect(await cell.getAttribute('aria-pressed')).toBe('true');
    }
    // The form checks what the API checks before sending anything.
    await brand.getByLabel('Bid').fill('');
    await brand.getByRole('button', { name: /Continue/ }).click();
    await brand.getByText('Enter a bid').waitFor();
    expect(await brand.getByLabel('Bid').getAttribute('aria-invalid')).toBe('true');
    await brand.getByLabel('Bid').fill('0.05');
    await screenshot(brand, '08-create-ad-group', { fullPage: true });
    await brand.getByRole('button', { name: /Continue/ }).click();

    // Step 3: both posts, a button and a landing page; the phone shows the Sponsored ad.
    await brand.getByRole('checkbox', { name: /Promote @ana\.moves: Leg day/ }).check();
    await brand.getByRole('checkbox', { name: /Promote @ana\.moves: Morning stretch/ }).check();
    await brand.getByLabel('Button').selectOption('SHOP_NOW');
    await brand.getByLabel(/Landing page/).fill('https://acme.example/running');
    const phone = brand.getByRole('figure', { name: /Preview of the Spark ad by @ana\.moves/ });
    await phone.getByText('Sponsored').waitFor();
    await phone.getByText('Shop now').waitFor();
    await screenshot(brand, '09-create-ad-preview', { fullPage: true });
    await brand.getByRole('button', { name: /Continue/ }).click();

    // Review, launch: the API refuses the campaign budget and the form shows why, on the field.
    await brand
      .getByRole('heading', { name: 'Before you launch' })
      .or(brand.getByText('Before you launch'))
      .first()
      .waitFor();
    await screenshot(brand, '10-create-review', { fullPage: true });
    await brand.getByRole('button', { name: 'Launch' }).click();
    await brand
      .getByText(/minimum campaign budget is 50\.00 EUR/)
      .first()
      .waitFor();
    expect(await brand.getByLabel('Lifetime budget').getAttribute('aria-invalid')).toBe('true');
    await screenshot(brand, '11-create-api-error');
    await brand.getByLabel('Lifetime budget').fill('1200');
    for (let i = 0; i < 3; i++) await brand.getByRole('button', { name: /Continue/ }).click();
    await brand.getByRole('button', { name: 'Launch' }).click();

    // Launched: each ad's delivery status and the warnings POST /ads returned.
    await brand.getByRole('heading', { name: '2 ads launched' }).waitFor();
    const warnings = brand.locator('[data-testid="ad-warnings"] li');
    const codesShown = await warnings.evaluateAll((items) => items.map((li) => li.getAttribute('data-code')));
    expect(codesShown).toEqual(
      expect.arrayContaining([
        'AUTHORIZATION_ENDS_BEFORE_SCHEDULE',
        'WEAK_POST',
        'CAPTION_WITHOUT_CALL_TO_ACTION',
      ]),
    );
    const statuses = await brand
      .locator('[data-status]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-status')));
    expect(statuses).toEqual(['DELIVERING', 'DELIVERING']);
    await screenshot(brand, '12-launched-warnings', { fullPage: true });

    await brand.getByRole('link', { name: 'See it in Ads Manager' }).click();
    await brand.getByRole('row', { name: /@ana\.moves · Leg day in 60 seconds/ }).waitFor();
    await screenshot(brand, '13-ads-manager-ads');
    await brand.getByRole('link', { name: 'Campaigns' }).first().click();
    await brand.getByRole('row', { name: /Spring running push/ }).waitFor();
    await screenshot(brand, '14-ads-manager-campaigns');
    await brand.getByRole('link', { name: 'Spring running push', exact: true }).click();
    await brand
      .getByRole('row', { name: /FR 18–34 runners/ })
      .getByText('Dayparting on')
      .waitFor();
    await screenshot(brand, '15-ads-manager-ad-groups');
  });

  it('an analyst sees everything but no write buttons', { timeout: 90_000 }, async () => {
    const analyst = await e2e.newPage();
    await signInAs(analyst, /Sam/);
    await analyst.getByRole('row', { name: /Spring running push/ }).waitFor();
    expect(await analyst.getByRole('link', { name: /Create campaign/ }).count()).toBe(0);
    expect(await analyst.getByRole('switch').count()).toBe(0);
    expect(await analyst.getByText('Read only').isVisible()).toBe(true);
    await screenshot(analyst, '16-analyst-campaigns');
    await analyst.getByRole('link', { name: 'Spark library' }).first().click();
    await analyst.getByRole('article', { name: /Leg day/ }).waitFor();
    expect(await analyst.getByLabel('Creator codes').count()).toBe(0);
    expect(await analyst.getByRole('link', { name: 'Create ad' }).count()).toBe(0);
    await analyst.goto('/ads/ads');
    await analyst.getByRole('row', { name: /@ana\.moves · Leg day in 60 seconds/ }).waitFor();
    expect(await analyst.getByRole('switch').count()).toBe(0);
    await analyst.goto('/ads/new');
    await analyst.getByRole('heading', { name: 'Read-only access' }).waitFor();
  });

  it('the creator revokes, and the brand sees AUTHORIZATION_REVOKED and a notification', {
    timeout: 120_000,
  }, async () => {
    await creator.reload();
    // Extending keeps a brand's ads running longer.
    const stretch = creator.getByRole('row', { name: /Morning stretch routine/ });
    await stretch.getByRole('button', { name: 'Extend' }).click();
    const extend = creator.getByRole('dialog');
    await extend.getByRole('radio', { name: '7 days' }).check();
    await screenshot(creator, '17a-creator-extend-dialog');
    await extend.getByRole('button', { name: 'Extend by 7 days' }).click();
    await creator.getByText(/^Extended until /).waitFor();
    await stretch.getByText('67 days left').waitFor();

    const row = creator.getByRole('row', { name: /Leg day in 60 seconds/ });
    await row.getByText('Acme Shoes', { exact: true }).waitFor();
    await row.getByText('Active').waitFor();
    await row.getByRole('button', { name: 'Revoke' }).click();
    const confirm = creator.getByRole('dialog');
    await confirm.getByText(/Acme Shoes’s 1 ad using this post will stop within a second/).waitFor();
    await screenshot(creator, '17-creator-revoke-confirm');
    await confirm.getByRole('button', { name: 'Revoke' }).click();
    await creator.getByText(/Revoked: Acme Shoes’s ads stop now/).waitFor();
    await creator.getByRole('radio', { name: 'All' }).check();
    await creator
      .getByRole('row', { name: /Leg day in 60 seconds/ })
      .getByText('Revoked')
      .first()
      .waitFor();
    await screenshot(creator, '18-creator-authorizations-after-revoke');
    await creator.getByRole('link', { name: 'Notifications' }).first().click();
    await creator.getByText('Acme Shoes redeemed your code').first().waitFor();
    await screenshot(creator, '19-creator-notifications');

    await brand.goto('/ads/ads');
    const adRow = brand.getByRole('row', { name: /@ana\.moves · Leg day in 60 seconds/ });
    await adRow.locator('[data-status="AUTHORIZATION_REVOKED"]').waitFor();
    await adRow.getByText(/The creator revoked the authorization/).waitFor();
    await screenshot(brand, '20-brand-ad-revoked');
    await brand
      .getByRole('link', { name: /Notifications/ })
      .first()
      .click();
    await brand
      .getByText(/revoked/i)
      .first()
      .waitFor();
    await screenshot(brand, '21-brand-notifications');
  });
});
