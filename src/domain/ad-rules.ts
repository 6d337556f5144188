import { authorizationStatus } from './authorization.js';
import type { Ad, AdGroup, Authorization, Post } from './model.js';
import type { PostPerformance } from './post-performance.js';
import type { PlatformSettings } from './settings.js';

/** TikTok's limit of Spark ads per ad account. */
export const MAX_ADS_PER_ACCOUNT = 10_000;

export type UrlProblem = { code: 'INVALID_URL' | 'NOT_HTTPS'; message: string };

export function landingPageProblem(url: string): UrlProblem | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { code: 'INVALID_URL', message: 'not a valid absolute URL' };
  }
  if (parsed.protocol !== 'https:') return { code: 'NOT_HTTPS', message: 'landing pages must use https' };
  if (!parsed.hostname.includes('.')) return { code: 'INVALID_URL', message: 'the host name needs a domain' };
  return null;
}

/** True when `hostname` is a blocked domain or a subdomain of one. */
export function isBlockedDomain(hostname: string, blocked: readonly string[]): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return blocked.some((d) => {
    // Operators type entries by hand: ignore spaces, a leading `*.`/`.` and a trailing root dot.
    const domain = d
      .trim()
      .toLowerCase()
      .replace(/^\*?\./, '')
      .replace(/\.$/, '');
    return host === domain || host.endsWith(`.${domain}`);
  });
}

export type ReviewDecision =
  | { status: 'APPROVED'; reason: string }
  | { status: 'REJECTED'; reason: string }
  | null;

/** The automatic review of a new or changed ad; null leaves it for a person in the review queue. */
export function autoReview(ad: Pick<Ad, 'landingPageUrl'>, settings: PlatformSettings): ReviewDecision {
  const url = new URL(ad.landingPageUrl);
  if (isBlockedDomain(url.hostname, settings.blocked_domains)) {
    return {
      status: 'REJECTED',
      reason: `the landing page domain ${url.hostname} is blocked on this platform`,
    };
  }
  if (!settings.auto_approve_ads) return null;
  if (url.protocol !== 'https:') return null;
  return { status: 'APPROVED', reason: 'approved automatically: https landing page on an allowed domain' };
}

/** Words that ask the viewer to act, in the languages the demo platform uses most. */
const CALL_TO_ACTION_PATTERN = new RegExp(
  [
    'shop',
    'buy',
    'order',
    'get yours',
    'link in bio',
    'tap',
    'click',
    'sign up',
    'subscribe',
    'download',
    'try',
    'learn more',
    'visit',
    'book',
    'use code',
    'discount',
    'follow',
    'achète',
    'commande',
    'découvre',
    'lien en bio',
    'essaie',
    'abonne',
    'compra',
    'descubre',
    'pide',
    'jetzt',
    'kaufen',
  ]
    .map((w) => `\\b${w}`)
    .join('|'),
  'i',
);

export function captionHasCallToAction(caption: string): boolean {
  return CALL_TO_ACTION_PATTERN.test(caption);
}

export interface AdWarning {
  code:
    | 'WEAK_POST'
    | 'AUTHORIZATION_ENDS_BEFORE_SCHEDULE'
    | 'AUTHORIZATION_ENDS_SOON'
    | 'CAPTION_WITHOUT_CALL_TO_ACTION'
    | 'TRENDING_SOUND'
    | 'TRENDING_HASHTAG';
  message: string;
}

/** Good news, shown with the warnings: the post rides a platform trend (informational). */
export function trendingHints(trending: {
  soundId: string | null;
  hashtags: readonly string[];
}): AdWarning[] {
  const hints: AdWarning[] = [];
  if (trending.soundId) {
    hints.push({
      code: 'TRENDING_SOUND',
      message: `This post uses the sound ${trending.soundId}, which is trending on the platform now: trending sounds tend to lift reach and engagement.`,
    });
  }
  if (trending.hashtags.length > 0) {
    hints.push({
      code: 'TRENDING_HASHTAG',
      message: `This post uses trending hashtags (${trending.hashtags.map((h) => `#${h}`).join(', ')}): consider promoting it while the trend lasts.`,
    });
  }
  return hints;
}

/** Advice shown when an ad is created: it never blocks creation. */
export function adWarnings(input: {
  post: Post;
  performance: PostPerformance | undefined;
  authorization: Authorization;
  adGroup: AdGroup;
  callToAction: string | null;
  now: number;
}): AdWarning[] {
  const warnings: AdWarning[] = [];
  const { performance, authorization, adGroup, post, now } = input;
  if (performance && performance.label === 'BELOW_MEDIAN') {
    warnings.push({
      code: 'WEAK_POST',
      message: `This post scores ${performance.index} against the creator's median of 100: posts that already perform organically make better Spark ads.`,
    });
  }
  if (authorizationStatus(authorization, now) === 'BOUND') {
    if (adGroup.scheduleEndAt === null || authorization.endsAt < adGroup.scheduleEndAt) {
      warnings.push({
        code: 'AUTHORIZATION_ENDS_BEFORE_SCHEDULE',
        message: `The creator's authorization ends on ${new Date(authorization.endsAt).toISOString().slice(0, 10)}, before the ad group's schedule ends; the ad stops then unless the creator extends it.`,
      });
    }
  }
  if (!captionHasCallToAction(post.caption)) {
    warnings.push({
      code: 'CAPTION_WITHOUT_CALL_TO_ACTION',
      message: input.callToAction
        ? 'The caption does not ask viewers to act; the call-to-action button carries the whole ask.'
        : 'Neither a call-to-action button nor the caption asks viewers to act: ads with a clear call to action get more clicks.',
    });
  }
  return warnings;
}
