import type { Placement } from '../domain/enums.js';
import type { IdGenerator } from '../domain/ids.js';
import type { Micros } from '../domain/money.js';
import type { TrackingClaims, TrackingTokenSigner } from '../domain/tracking-token.js';
import { type Bid, secondPrice } from './auction.js';
import type { DecisionRequest, ExplainEntry, ServedAd } from './engine-types.js';
import { explainEntry } from './explain.js';
import type { BudgetLedger, BudgetLine } from './ledger.js';
import type { AdRecord, GroupRecord } from './records.js';

/** An ad priced for this decision's auctions. */
export interface Entry {
  group: GroupRecord;
  record: AdRecord;
  bid: Bid;
  score: number;
  ecpm: number;
  lines: BudgetLine[];
  used: boolean;
}

export interface Round {
  request: DecisionRequest;
  now: number;
  explain: ExplainEntry[] | null;
  entries: Entry[];
  /** The slot's winner among the entries `accept` admits. */
  choose(accept: (e: Entry) => boolean): Entry | null;
  /** The best entry `accept` admits (prices come from it). */
  best(accept: (e: Entry) => boolean): Entry | null;
  reserveEcpm(currency: string, placement: Placement): Micros;
  /** The advertiser of an ad shown earlier in the session, if the engine knows it. */
  advertiserOfAd(adId: string): string | null;
  ids: IdGenerator;
  ledger: BudgetLedger;
  signer: TrackingTokenSigner;
  holdTtlMs: number;
}

/**
 * One auction per ad slot of the page, best score first; the winner pays what it needed to beat
 * the best other advertiser (second price with quality), reserves that expected cost in the
 * budget ledger, and gets a signed tracking token. Never the same advertiser twice in a row,
 * nor one ad group or one post twice on a page.
 */
export function runAuctions(
  round: Round,
  slots: readonly { indexInPage: number; sessionPosition: number }[],
): ServedAd[] {
  const { request, now, explain } = round;
  const served: ServedAd[] = [];
  let lastShown: { adId: string; position: number } | null = null;
  for (const a of request.adsShown) if (!lastShown || a.position > lastShown.position) lastShown = a;
  let previousAdvertiser = lastShown ? round.advertiserOfAd(lastShown.adId) : null;
  const groupsUsed = new Set<string>();
  // A post served in a slot is on the page too: another brand's ad of it may not follow.
  const postsServed = new Set<string>();
  const eligible = (e: Entry) =>
    !e.used &&
    e.group.account.id !== previousAdvertiser &&
    !groupsUsed.has(e.group.adGroup.id) &&
    !postsServed.has(e.record.creative.postId);
  for (const slot of slots) {
    let winner: Entry | null = null;
    while (!winner) {
      const best = round.choose(eligible);
      if (!best) break;
      best.used = true;
      // An advertiser never bids against itself: the price comes from the best other advertiser.
      const runnerUp = round.best((e) => !e.used && e.group.account.id !== best.group.account.id);
      const price = secondPrice(
        best.bid,
        runnerUp ? runnerUp.score : 0,
        round.reserveEcpm(best.group.account.currency, request.placement),
      );
      const decisionId = round.ids.next('decision');
      if (
        !round.ledger.reserve(
          decisionId,
          best.lines,
          price.expectedPerImpressionMicros,
          now + round.holdTtlMs,
        )
      ) {
        explain?.push(
          explainEntry(
            best.group,
            best.record.ad.id,
            'FILTERED',
            'BUDGET_EXHAUSTED',
            'the expected cost does not fit the remaining budget',
            best,
          ),
        );
        continue;
      }
      winner = best;
      const viewer = request.viewer;
      const claims: TrackingClaims = {
        v: 1,
        d: decisionId,
        ad: best.record.ad.id,
        adg: best.group.adGroup.id,
        cmp: best.group.campaign.id,
        acc: best.group.account.id,
        post: best.record.creative.postId,
        crt: best.record.creative.creatorId,
        vw: viewer.id,
        pl: request.placement,
        be: best.bid.billingEvent,
        pr: price.chargeMicros,
        iat: now,
        cc: viewer.country,
        age: viewer.ageGroup,
        gen: viewer.gender,
        os: viewer.os,
      };
      served.push({
        decisionId,
        indexInPage: slot.indexInPage,
        sessionPosition: slot.sessionPosition,
        group: best.group,
        record: best.record,
        price,
        score: best.score,
        trackingToken: request.dryRun ? null : round.signer.sign(claims),
      });
      explain?.push(
        explainEntry(
          best.group,
          best.record.ad.id,
          'SERVED',
          'WON_AUCTION',
          `charged ${price.chargeMicros} µ per ${best.bid.billingEvent} (eCPM ${Math.round(price.ecpmMicros)} µ)`,
          best,
        ),
      );
      previousAdvertiser = best.group.account.id;
      groupsUsed.add(best.group.adGroup.id);
      postsServed.add(best.record.creative.postId);
    }
    if (!winner) break;
  }
  return served;
}
