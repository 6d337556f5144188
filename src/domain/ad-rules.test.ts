import { describe, expect, it } from 'vitest';
import {
  adWarnings,
  autoReview,
  captionHasCallToAction,
  isBlockedDomain,
  landingPageProblem,
} from './ad-rules.js';
import type { AdGroup, Authorization, Post } from './model.js';
import type { PostPerformance } from './post-performance.js';
import { DEFAULT_SETTINGS, type PlatformSettings } from './settings.js';
import { MS_PER_DAY } from './time.js';

const NOW = Date.UTC(2026, 10, 25, 21, 0, 0);

describe('landingPageProblem', () => {
  it('accepts absolute https URLs on a domain', () => {
    for (const url of [
      'https://acme.example/shoes',
      'https://shop.acme.example:8443/a?b=c#d',
      'https://ACME.example',
    ]) {
      expect(landingPageProblem(url), url).toBeNull();
    }
  });

  it('refuses other schemes, relative URLs and hosts without a domain', () => {
    expect(landingPageProblem('http://acme.example/')?.code).toBe('NOT_HTTPS');
    expect(landingPageProblem('ftp://acme.example/')?.code).toBe('NOT_HTTPS');
    expect(landingPageProblem('javascript:alert(1)')?.code).toBe('NOT_HTTPS');
    expect(landingPageProblem('data:text/html,hi')?.code).toBe('NOT_HTTPS');
    expect(landingPageProblem('/shoes')?.code).toBe('INVALID_URL');
    expect(landingPageProblem('acme.example/shoes')?.code).toBe('INVALID_URL');
    expect(landingPageProblem('')?.code).toBe('INVALID_URL');
    expect(landingPageProblem('https://localhost/')?.code).toBe('INVALID_URL');
  });
});

describe('isBlockedDomain', () => {
  const blocked = ['evil.example', '*.casino.example', '.pills.example', 'Shady.EXAMPLE'];

  it('blocks the domain itself and every subdomain, in any case', () => {
    for (const host of [
      'evil.example',
      'EVIL.example',
      'shop.evil.example',
      'a.b.c.evil.example',
      'evil.example.', // a fully qualified name with its root dot
      'casino.example',
      'www.casino.example',
      'pills.example',
      'buy.pills.example',
      'shady.example',
      'www.shady.example',
    ]) {
      expect(isBlockedDomain(host, blocked), host).toBe(true);
    }
  });

  it('does not block look-alikes that only share a suffix or a prefix', () => {
    for (const host of [
      'notevil.example',
      'evil.example.attacker.net',
      'evil-example.com',
      'example',
      'acme.example',
      'mycasino.example',
    ]) {
      expect(isBlockedDomain(host, blocked), host).toBe(false);
    }
  });

  it('an operator’s entry with a root dot or stray spaces still blocks', () => {
    expect(isBlockedDomain('shop.evil.example', ['evil.example.'])).toBe(true);
    expect(isBlockedDomain('evil.example', [' evil.example '])).toBe(true);
  });

  it('blocks nothing with an empty list', () => {
    expect(isBlockedDomain('evil.example', [])).toBe(false);
  });
});

describe('autoReview', () => {
  const settings = (o: Partial<PlatformSettings> = {}): PlatformSettings => ({
    ...DEFAULT_SETTINGS,
    blocked_domains: ['evil.example'],
    ...o,
  });

  it('approves an https landing page on an allowed domain when auto-approval is on', () => {
    expect(autoReview({ landingPageUrl: 'https://acme.example/shoes' }, settings())).toEqual({
      status: 'APPROVED',
      reason: 'approved automatically: https landing page on an allowed domain',
    });
  });

  it('rejects a blocked domain or any of its subdomains, naming the host', () => {
    for (const url of [
      'https://evil.example/',
      'https://shop.evil.example/deal',
      'https://SHOP.Evil.Example/deal',
      'https://user:pw@evil.example:8443/x',
      'https://evil.example./',
    ]) {
      const decision = autoReview({ landingPageUrl: url }, settings());
      expect(decision?.status, url).toBe('REJECTED');
      expect(decision?.reason).toContain(new URL(url).hostname);
    }
  });

  it('rejects blocked domains even when auto-approval is off', () => {
    expect(
      autoReview({ landingPageUrl: 'https://www.evil.example/' }, settings({ auto_approve_ads: false }))
        ?.status,
    ).toBe('REJECTED');
  });

  it('leaves the ad to a person when auto-approval is off, or the page is not https', () => {
    expect(
      autoReview({ landingPageUrl: 'https://acme.example/' }, settings({ auto_approve_ads: false })),
    ).toBeNull();
    expect(autoReview({ landingPageUrl: 'http://acme.example/' }, settings())).toBeNull();
  });

  it('does not reject a domain that merely ends with a blocked name', () => {
    expect(autoReview({ landingPageUrl: 'https://notevil.example/' }, settings())?.status).toBe('APPROVED');
  });
});

describe('captionHasCallToAction', () => {
  it('finds a call to action in the caption, in several languages and any case', () => {
    for (const caption of [
      'Leg day in 60 seconds. Shop the shoes: link in bio',
      'SHOP NOW',
      'Get yours before Friday',
      'Tap the button 👇',
      'Use code ANA10 for 10% off',
      'Sign up for the race',
      'Achète les baskets, lien en bio',
      'ACHÈTE maintenant',
      'Découvre la collection',
      'Descubre más',
      'Jetzt kaufen!',
      'Follow for part 2',
    ]) {
      expect(captionHasCallToAction(caption), caption).toBe(true);
    }
  });

  it('finds none in a caption that does not ask', () => {
    for (const caption of [
      '',
      'Leg day in 60 seconds',
      'Morning run by the river 🌅',
      'Workshop vibes', // "shop" inside a word is not an ask
      'Pretty sunset',
      'Ma routine du matin',
    ]) {
      expect(captionHasCallToAction(caption), caption).toBe(false);
    }
  });
});

describe('adWarnings', () => {
  const post = (caption: string): Post => ({
    id: 'p1',
    creatorId: 'ana',
    caption,
    mediaUrl: 'https://cdn.example/p1.mp4',
    durationMs: 30_000,
    soundId: null,
    hashtags: [],
    visibility: 'PUBLIC',
    organic: { views: 1000, likes: 50, comments: 5, shares: 5, follows: 1 },
    paid: { views: 0, likes: 0, comments: 0, shares: 0, follows: 0, profileVisits: 0 },
    attributed: { views: 0, likes: 0, comments: 0, shares: 0, follows: 0, profileVisits: 0 },
    publishedAt: NOW - 10 * MS_PER_DAY,
    createdAt: NOW - 10 * MS_PER_DAY,
    updatedAt: NOW - 10 * MS_PER_DAY,
  });
  const authorization = (o: Partial<Authorization> = {}): Authorization => ({
    id: 'aut_1',
    postId: 'p1',
    creatorId: 'ana',
    codeHint: 'ABCD',
    durationDays: 30,
    note: null,
    startsAt: NOW,
    endsAt: NOW + 30 * MS_PER_DAY,
    revokedAt: null,
    adAccountId: 'acc_1',
    boundAt: NOW,
    createdAt: NOW,
    updatedAt: NOW,
    ...o,
  });
  const adGroup = (scheduleEndAt: number | null) => ({ scheduleEndAt }) as AdGroup;
  const performance = (label: PostPerformance['label'], index: number): PostPerformance => ({
    index,
    percentile: 10,
    label,
    engagementRate: 0.01,
    baseline: { posts: 5, medianViews: 1000, medianEngagementRate: 0.05 },
  });
  const codes = (input: Partial<Parameters<typeof adWarnings>[0]>) =>
    adWarnings({
      post: post('Shop now'),
      performance: performance('ABOVE_MEDIAN', 120),
      authorization: authorization(),
      adGroup: adGroup(NOW + 10 * MS_PER_DAY),
      callToAction: 'SHOP_NOW',
      now: NOW,
      ...input,
    }).map((w) => w.code);

  it('has nothing to say about a strong post, a long authorization and a clear ask', () => {
    expect(codes({})).toEqual([]);
  });

  it('warns about a post below the creator’s median, with its score', () => {
    const warnings = adWarnings({
      post: post('Shop now'),
      performance: performance('BELOW_MEDIAN', 62),
      authorization: authorization(),
      adGroup: adGroup(NOW + 10 * MS_PER_DAY),
      callToAction: 'SHOP_NOW',
      now: NOW,
    });
    expect(warnings.map((w) => w.code)).toEqual(['WEAK_POST']);
    expect(warnings[0]?.message).toContain('62');
    expect(codes({ performance: performance('NOT_ENOUGH_DATA', 40) })).toEqual([]);
    expect(codes({ performance: undefined })).toEqual([]);
  });

  it('warns when the authorization ends before the schedule (or the schedule has no end)', () => {
    expect(codes({ adGroup: adGroup(NOW + 60 * MS_PER_DAY) })).toEqual([
      'AUTHORIZATION_ENDS_BEFORE_SCHEDULE',
    ]);
    expect(codes({ adGroup: adGroup(null) })).toEqual(['AUTHORIZATION_ENDS_BEFORE_SCHEDULE']);
    expect(codes({ adGroup: adGroup(NOW + 30 * MS_PER_DAY) })).toEqual([]);
    const message = adWarnings({
      post: post('Shop now'),
      performance: undefined,
      authorization: authorization(),
      adGroup: adGroup(null),
      callToAction: null,
      now: NOW,
    })[0]?.message;
    expect(message).toContain('2026-12-25');
  });

  it('warns when neither the button nor the caption asks viewers to act', () => {
    const withoutAsk = adWarnings({
      post: post('Morning run by the river'),
      performance: undefined,
      authorization: authorization(),
      adGroup: adGroup(NOW + MS_PER_DAY),
      callToAction: null,
      now: NOW,
    });
    expect(withoutAsk.map((w) => w.code)).toEqual(['CAPTION_WITHOUT_CALL_TO_ACTION']);
    expect(withoutAsk[0]?.message).toContain('Neither');
    const buttonOnly = adWarnings({
      post: post('Morning run by the river'),
      performance: undefined,
      authorization: authorization(),
      adGroup: adGroup(NOW + MS_PER_DAY),
      callToAction: 'LEARN_MORE',
      now: NOW,
    });
    expect(buttonOnly.map((w) => w.code)).toEqual(['CAPTION_WITHOUT_CALL_TO_ACTION']);
    expect(buttonOnly[0]?.message).toContain('button carries the whole ask');
  });

  it('gives every warning at once', () => {
    expect(
      codes({
        post: post('Pretty sunset'),
        performance: performance('BELOW_MEDIAN', 50),
        adGroup: adGroup(null),
        callToAction: null,
      }),
    ).toEqual(['WEAK_POST', 'AUTHORIZATION_ENDS_BEFORE_SCHEDULE', 'CAPTION_WITHOUT_CALL_TO_ACTION']);
  });
});
