import { describe, expect, it } from 'vitest';
import { isBotUserAgent, MIN_CLICK_DELAY_MS, ViewerRateLimiter } from './ivt.js';

describe('isBotUserAgent', () => {
  it('flags robots, crawlers, headless browsers and HTTP libraries', () => {
    for (const ua of [
      'Googlebot/2.1 (+http://www.google.com/bot.html)',
      'Mozilla/5.0 (compatible; bingbot/2.0)',
      'facebookexternalhit/1.1',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/120.0 Safari/537.36',
      'python-requests/2.31.0',
      'curl/8.5.0',
      'Wget/1.21',
      'Go-http-client/1.1',
      'okhttp/2.7.5',
      'axios/1.6.0',
      'Scrapy/2.11',
    ]) {
      expect(isBotUserAgent(ua), ua).toBe(true);
    }
  });

  it('lets phones and browsers through, and treats an absent user agent as no signal', () => {
    for (const ua of [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36',
      'okhttp/4.12.0',
      'KindlingHostApp/3.2 (Android 14)',
    ]) {
      expect(isBotUserAgent(ua), ua).toBe(false);
    }
    expect(isBotUserAgent(undefined)).toBe(false);
  });

  it('an empty or very short user agent is suspect', () => {
    expect(isBotUserAgent('')).toBe(true);
    expect(isBotUserAgent('   x   ')).toBe(true);
    expect(isBotUserAgent('Mozilla')).toBe(true);
  });
});

describe('ViewerRateLimiter', () => {
  it('allows up to the limit within the window, then refuses until old events leave it', () => {
    const limiter = new ViewerRateLimiter(3, 1_000);
    expect([0, 100, 200].map((t) => limiter.allow('v', t))).toEqual([true, true, true]);
    expect(limiter.allow('v', 300)).toBe(false);
    // Another viewer has its own window.
    expect(limiter.allow('w', 300)).toBe(true);
    // At 1,150 the events at 0 and 100 are older than the window (the refused one at 300 counts too).
    expect(limiter.allow('v', 1_150)).toBe(true);
    expect(limiter.allow('v', 1_160)).toBe(false);
    expect(limiter.allow('v', 5_000)).toBe(true);
  });

  it('forgets the least recently active viewer beyond its bound', () => {
    const limiter = new ViewerRateLimiter(1, 60_000, 2);
    expect(limiter.allow('a', 0)).toBe(true);
    expect(limiter.allow('b', 1)).toBe(true);
    expect(limiter.allow('c', 2)).toBe(true); // forgets a
    expect(limiter.allow('a', 3)).toBe(true); // a starts over (and forgets b)
    expect(limiter.allow('c', 4)).toBe(false);
  });

  it('a click needs a human delay after its impression', () => {
    expect(MIN_CLICK_DELAY_MS).toBeGreaterThanOrEqual(100);
  });
});
