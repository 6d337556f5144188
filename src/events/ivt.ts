/**
 * General invalid traffic (GIVT) rules: known bots and non-browser clients, one viewer's token
 * used by another, and viewers producing events faster than a person can. Invalid events are kept
 * with their reason, never billed, never counted as paid engagement and never used for learning
 * ("mark, don't block", as EthicalAds and Revive do).
 */
export type InvalidReason =
  | 'BOT_USER_AGENT'
  | 'VIEWER_MISMATCH'
  | 'VIEWER_RATE_LIMIT'
  | 'NO_PRIOR_IMPRESSION'
  | 'CLICK_TOO_FAST';

const BOT_PATTERN =
  /bot|crawl|spider|slurp|facebookexternalhit|headless|phantomjs|puppeteer|playwright|selenium|python-requests|python-urllib|go-http-client|java\/|okhttp\/[0-2]\.|curl\/|wget\/|libwww|httpclient|axios\/|node-fetch|scrapy|preview|monitor|uptime|lighthouse/i;

/** Known robots, crawlers and HTTP libraries; an absent or very short user agent is suspect too. */
export function isBotUserAgent(userAgent: string | undefined): boolean {
  if (userAgent === undefined) return false; // the host may not forward it: no signal, no verdict
  const ua = userAgent.trim();
  return ua.length < 8 || BOT_PATTERN.test(ua);
}

/** Per-viewer event rate limit: a sliding window of recent event times. */
export class ViewerRateLimiter {
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly maxEvents = 120,
    private readonly windowMs = 60_000,
    private readonly maxViewers = 500_000,
  ) {}

  /** Records an event; false when the viewer is over the limit. */
  allow(viewerId: string, now: number): boolean {
    let times = this.recent.get(viewerId);
    if (times) this.recent.delete(viewerId);
    else times = [];
    const since = now - this.windowMs;
    let drop = 0;
    while (drop < times.length && (times[drop] as number) < since) drop++;
    if (drop) times.splice(0, drop);
    times.push(now);
    this.recent.set(viewerId, times);
    if (this.recent.size > this.maxViewers) this.recent.delete(this.recent.keys().next().value as string);
    return times.length <= this.maxEvents;
  }
}

/** A click less than this long after its impression is not a person's. */
export const MIN_CLICK_DELAY_MS = 100;
