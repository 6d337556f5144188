import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AdLoadRules, type PageShape, planSlots } from './ad-load.js';

const rules: AdLoadRules = { firstAdSlot: 3, minOrganicBetweenAds: 4 };

describe('planSlots', () => {
  it('places no ad before the first ad slot of the session', () => {
    const slots = planSlots({ startPosition: 0, organicCount: 6, lastAdPosition: null }, rules, 5);
    // Organic posts at 0, 1, 2; the ad at 3; then 4 organic posts are needed before the next one.
    expect(slots).toEqual([{ indexInPage: 3, sessionPosition: 3, organicBefore: 3 }]);
  });

  it('keeps at least the minimum number of organic posts between ads, within and across pages', () => {
    const slots = planSlots({ startPosition: 0, organicCount: 12, lastAdPosition: null }, rules, 5);
    expect(slots.map((s) => s.sessionPosition)).toEqual([3, 8, 13]);
    expect(slots.map((s) => s.organicBefore)).toEqual([3, 7, 11]);
    // The next page starts after the 12 organic posts and 3 ads (position 15); the last ad was at 13.
    const next = planSlots({ startPosition: 15, organicCount: 6, lastAdPosition: 13 }, rules, 5);
    // 14 and 15, 16, 17 are organic: 4 since the ad at 13 → the next ad goes at 18.
    expect(next).toEqual([{ indexInPage: 3, sessionPosition: 18, organicBefore: 3 }]);
  });

  it('counts what it cannot see between the previous ad and this page as organic', () => {
    const slots = planSlots({ startPosition: 40, organicCount: 3, lastAdPosition: 10 }, rules, 2);
    expect(slots[0]).toEqual({ indexInPage: 0, sessionPosition: 40, organicBefore: 0 });
    // Only 3 organic posts follow it on this page: an ad may not close the page.
    expect(slots).toHaveLength(1);
  });

  it('may place an ad after the last organic post of the page', () => {
    const slots = planSlots({ startPosition: 20, organicCount: 4, lastAdPosition: 15 }, rules, 2);
    // 16…19 unseen (organic), 20…23 on this page: 8 organic since 15 → an ad at 20, then 4 more → 25.
    expect(slots.map((s) => [s.indexInPage, s.sessionPosition, s.organicBefore])).toEqual([
      [0, 20, 0],
      [5, 25, 4],
    ]);
  });

  it('honours maxAds, including 0', () => {
    const page: PageShape = { startPosition: 0, organicCount: 30, lastAdPosition: null };
    expect(planSlots(page, rules, 0)).toEqual([]);
    expect(planSlots(page, rules, 2)).toHaveLength(2);
    // With a minimum of 0, two ads of one page are still never adjacent (one ad per gap between
    // organic posts), while an ad may follow the previous page's last ad directly.
    expect(planSlots(page, { firstAdSlot: 0, minOrganicBetweenAds: 0 }, 3).map((s) => s.indexInPage)).toEqual(
      [0, 2, 4],
    );
    expect(
      planSlots(
        { startPosition: 16, organicCount: 0, lastAdPosition: 15 },
        { firstAdSlot: 0, minOrganicBetweenAds: 0 },
        1,
      ),
    ).toEqual([{ indexInPage: 0, sessionPosition: 16, organicBefore: 0 }]);
  });

  it('any page, any rules: every slot is legal and as early as possible (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 30 }),
        fc.option(fc.integer({ min: 0, max: 70 }), { nil: null }),
        fc.integer({ min: 0, max: 8 }),
        // At least one organic post between ads (0 is covered above: within a page it acts as 1).
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 10 }),
        (startPosition, organicCount, lastAd, firstAdSlot, minOrganicBetweenAds, maxAds) => {
          const lastAdPosition = lastAd === null || lastAd >= startPosition ? null : lastAd;
          const page = { startPosition, organicCount, lastAdPosition };
          const slots = planSlots(page, { firstAdSlot, minOrganicBetweenAds }, maxAds);
          const gap = minOrganicBetweenAds;
          expect(slots.length).toBeLessThanOrEqual(maxAds);

          // Rebuild the merged page and check it item by item.
          const isAd = new Set(slots.map((s) => s.indexInPage));
          const length = organicCount + slots.length;
          let previousAd = lastAdPosition;
          let organicSince =
            lastAdPosition === null ? Number.POSITIVE_INFINITY : startPosition - lastAdPosition - 1;
          let organicSeen = 0;
          let adsPlaced = 0;
          for (let i = 0; i < length; i++) {
            const position = startPosition + i;
            const legal = position >= firstAdSlot && organicSince >= gap;
            if (isAd.has(i)) {
              expect(legal).toBe(true);
              const slot = slots[adsPlaced++];
              expect(slot).toEqual({ indexInPage: i, sessionPosition: position, organicBefore: organicSeen });
              previousAd = position;
              organicSince = 0;
            } else {
              // Greedy: an organic item stands where an ad could have gone only when the page is full.
              if (legal && organicSeen < organicCount) expect(adsPlaced).toBe(maxAds);
              organicSeen++;
              organicSince++;
            }
          }
          expect(previousAd === null || previousAd < startPosition + length).toBe(true);
          // An ad may also close the page, when legal and the page still has room for one.
          if (organicSince >= gap && startPosition + length >= firstAdSlot) {
            expect(adsPlaced).toBe(maxAds);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
