/**
 * Where ads may go in a page of the feed. Positions count every item of the session (organic posts
 * and ads). An ad may go at a position when it is at or after `firstAdSlot` and at least
 * `minOrganicBetweenAds` organic posts separate it from the previous ad.
 */
export interface AdLoadRules {
  firstAdSlot: number;
  minOrganicBetweenAds: number;
}

export interface PageShape {
  /** Session position of the page's first item. */
  startPosition: number;
  organicCount: number;
  /** Session position of the last ad shown before this page, if any. */
  lastAdPosition: number | null;
}

export interface PlannedSlot {
  /** Index in the merged page (organic and ads) where the ad goes. */
  indexInPage: number;
  sessionPosition: number;
  /** How many organic posts of this page come before it. */
  organicBefore: number;
}

/** Every position where an ad may go, earliest first, at most `maxAds`. */
export function planSlots(page: PageShape, rules: AdLoadRules, maxAds: number): PlannedSlot[] {
  const slots: PlannedSlot[] = [];
  if (maxAds <= 0) return slots;
  // Organic posts seen since the last ad (items between it and this page were organic or ads we can't see: assume organic).
  let organicSinceAd =
    page.lastAdPosition === null ? Number.POSITIVE_INFINITY : page.startPosition - page.lastAdPosition - 1;
  let indexInPage = 0;
  for (let organic = 0; organic <= page.organicCount; organic++) {
    const sessionPosition = page.startPosition + indexInPage;
    if (sessionPosition >= rules.firstAdSlot && organicSinceAd >= rules.minOrganicBetweenAds) {
      slots.push({ indexInPage, sessionPosition, organicBefore: organic });
      if (slots.length >= maxAds) break;
      indexInPage++;
      organicSinceAd = 0;
    }
    if (organic < page.organicCount) {
      indexInPage++;
      organicSinceAd++;
    }
  }
  return slots;
}
