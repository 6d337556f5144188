import type { BillingEvent } from '../domain/enums.js';
import type { Micros } from '../domain/money.js';

/**
 * One auction per ad slot: rank by expected value per impression × quality, keep bids at or
 * above the placement's reserve, and charge the winner the least it needed to keep its rank
 * (second price with quality, i.e. GSP for one slot), converted to its billing unit.
 */
export interface Bid {
  billingEvent: BillingEvent;
  /** Per 1,000 impressions for CPM; per action for CPC and CPV; per result (target) for OCPM. */
  bidMicros: Micros;
  /** Predicted probability of the billed or optimized action per impression (1 for CPM). */
  actionRate: number;
  quality: number;
}

/** Expected value of one impression, in micros per 1,000 impressions. */
export function ecpmMicros(bid: Bid): number {
  return bid.billingEvent === 'CPM' ? bid.bidMicros : bid.bidMicros * bid.actionRate * 1000;
}

export function auctionScore(bid: Bid): number {
  return ecpmMicros(bid) * bid.quality;
}

export interface Price {
  /** What the winner pays, as eCPM (micros per 1,000 impressions). */
  ecpmMicros: number;
  /** The charge per billing event in integer micros (never above the bid). */
  chargeMicros: Micros;
  /** The charge expected per impression (for in-flight budget holds). */
  expectedPerImpressionMicros: Micros;
}

/**
 * Second-price charge for `winner` against the next best score (`runnerUpScore`, 0 if none)
 * and the placement's reserve eCPM.
 */
export function secondPrice(winner: Bid, runnerUpScore: number, reserveEcpmMicros: number): Price {
  const ownEcpm = ecpmMicros(winner);
  const needed = Math.max(reserveEcpmMicros, runnerUpScore / winner.quality);
  const priceEcpm = Math.min(ownEcpm, needed);
  const perMille = winner.billingEvent === 'CPM' || winner.billingEvent === 'OCPM';
  // Per impression for CPM and oCPM (billed by the mille); per click or view otherwise.
  const charge = perMille
    ? priceEcpm / 1000
    : winner.actionRate > 0
      ? priceEcpm / (1000 * winner.actionRate)
      : winner.bidMicros;
  const cap = perMille ? Math.ceil(ownEcpm / 1000) : winner.bidMicros;
  const chargeMicros = Math.max(1, Math.min(cap, Math.ceil(charge)));
  const perImpression = perMille ? chargeMicros : Math.ceil(chargeMicros * winner.actionRate);
  return { ecpmMicros: priceEcpm, chargeMicros, expectedPerImpressionMicros: perImpression };
}

/** The billed event of each billing model. */
export function billedEventType(billingEvent: BillingEvent): 'impression' | 'click' | 'view_6s' {
  return billingEvent === 'CPC' ? 'click' : billingEvent === 'CPV' ? 'view_6s' : 'impression';
}
