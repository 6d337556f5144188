import { DateTime } from 'luxon';
import { type BillingEvent, DEFAULT_GOAL, type OptimizationGoal } from '../domain/enums.js';
import { parseMoney } from '../domain/money.js';
import { startOfLocalDate } from '../domain/time.js';
import type { RunLog } from './runner.js';
import type { Scenario } from './scenario-schema.js';

/**
 * What a run delivered, per ad group and overall: spend against budget (billed, and delivered =
 * billed + the part the ledger refused to bill), the hourly spend curve against the ideal one
 * (the budget spread in proportion to the ad group's own eligible traffic) as a normalized RMS
 * error (Smart Pacing's AvgErr: RMS hourly deviation ÷ the mean planned hourly spend), delivery
 * and engagement counts, results for the objective, auction win rate and prices.
 */
export interface GroupDay {
  date: string;
  budget: number;
  billed: number;
  uncharged: number;
  /** billed / budget. */
  spendShare: number;
  /** (billed + uncharged − budget) / budget, at least 0. */
  overspend: number;
  /** (budget − billed) / budget, at least 0. */
  underdelivery: number;
  nrmse: number;
  /**
   * The NRMSE a perfect pacer would still show: billing events are discrete (a CPC group billing
   * five clicks an hour cannot spend smoothly), so spend per hour has Poisson noise of
   * √(ideal × price); this is its RMS over the day, relative like nrmse.
   */
  nrmseFloor: number;
  /** Hours after local midnight when 95 % of the budget was billed (null: never). */
  hoursTo95: number | null;
  hourlySpend: number[];
  hourlyIdeal: number[];
}

export interface GroupMetrics {
  label: string;
  adGroupId: string;
  pacing: string;
  billingEvent: BillingEvent;
  goal: string;
  currency: string;
  days: GroupDay[];
  counts: Record<string, number>;
  reach: number;
  frequency: number;
  ctr: number;
  results: number;
  costPerResult: number | null;
  winRate: number;
  eligible: number;
  served: number;
  /** Average charge per billing event, and effective CPM (micros). */
  avgChargeMicros: number | null;
  ecpmMicros: number | null;
  /** Spend as the system stored it, when `billed` is an estimate (over HTTP); else null. */
  storedSpendMicros: number | null;
}

export interface RunSummary {
  variant: string;
  label: string;
  groups: GroupMetrics[];
  requests: number;
  adsServed: number;
  eventsSent: number;
  wallMs: number;
  /** Simulated events (decisions and reported events) per wall-clock second. */
  eventsPerSecond: number;
  exactSpend: boolean;
  totals: {
    budget: number;
    billed: number;
    uncharged: number;
    impressions: number;
    clicks: number;
    engagements: number;
    views6s: number;
    spendShareMin: number;
    spendShareMedian: number;
    inTargetBand: number;
    groupDays: number;
    overspendMax: number;
    nrmseMedian: number;
    nrmseMax: number;
    /** Median of nrmse − nrmseFloor (the part of the error pacing is responsible for). */
    excessNrmseMedian: number;
    hoursTo95Median: number | null;
    engagementRate: number;
    ctr: number;
    viewRate6s: number;
  };
}

const RESULT_OF_GOAL: Record<OptimizationGoal, string[]> = {
  REACH: ['reach'],
  SHOW: ['impression'],
  CLICK: ['click'],
  VIDEO_VIEW: ['view_6s'],
  ENGAGED_VIEW: ['view_6s'],
  FOLLOWERS: ['follow'],
  PROFILE_VIEWS: ['profile_visit'],
  ENGAGEMENT: ['like', 'comment', 'share'],
  CONVERT: ['conversion'],
};
const BILLED_TYPE: Record<BillingEvent, string> = {
  CPM: 'impression',
  OCPM: 'impression',
  CPC: 'click',
  CPV: 'view_6s',
};
const ENGAGEMENTS = ['like', 'comment', 'share', 'follow'];

export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function localDates(scenario: Scenario): string[] {
  const out: string[] = [];
  const first = DateTime.fromISO(scenario.start_date, { zone: 'UTC' });
  for (let d = 0; d < scenario.days; d++) out.push(first.plus({ days: d }).toISODate() as string);
  return out;
}

export function summarize(scenario: Scenario, log: RunLog): RunSummary {
  const groups: GroupMetrics[] = log.plan.groups.map((planned, i) => {
    const created = log.groups[i];
    const account = scenario.ad_accounts[planned.accountIndex];
    if (!created || !account) throw new Error(`ad group ${planned.label} was not created`);
    const id = created.adGroupId;
    const currency = account.currency;
    const parsed = parseMoney(planned.spec.budget, currency);
    const budget = parsed.ok ? parsed.micros : 0;
    const buckets = log.recorded.buckets.filter((b) => b.adGroupId === id);
    const eligible = log.eligible[i] as Map<number, number>;
    const served = log.served[i] as Map<number, number>;
    const billedEventsTotal = (() => {
      const type = BILLED_TYPE[planned.spec.billing_event];
      return buckets.reduce((sum, b) => sum + (b.counts[type] ?? 0), 0);
    })();
    const billedMicrosTotal = buckets.reduce((sum, b) => sum + b.billedMicros, 0);
    const unitPrice = billedEventsTotal > 0 ? billedMicrosTotal / billedEventsTotal : 0;
    const days = localDates(scenario).map((date) => {
      const start = startOfLocalDate(date, account.time_zone);
      const end = DateTime.fromMillis(start, { zone: account.time_zone }).plus({ days: 1 }).toMillis();
      const hours = Math.round((end - start) / 3_600_000);
      const hourlySpend = new Array<number>(hours).fill(0);
      const hourlyEligible = new Array<number>(hours).fill(0);
      let uncharged = 0;
      for (const b of buckets) {
        if (b.bucket < start || b.bucket >= end) continue;
        const h = Math.floor((b.bucket - start) / 3_600_000);
        hourlySpend[h] = (hourlySpend[h] as number) + b.billedMicros;
        uncharged += b.unchargedMicros;
      }
      for (const [bucket, n] of eligible) {
        if (bucket < start || bucket >= end) continue;
        const h = Math.floor((bucket - start) / 3_600_000);
        hourlyEligible[h] = (hourlyEligible[h] as number) + n;
      }
      const eligibleTotal = hourlyEligible.reduce((a, b) => a + b, 0);
      const hourlyIdeal = hourlyEligible.map((n) => (eligibleTotal > 0 ? (budget * n) / eligibleTotal : 0));
      const billed = hourlySpend.reduce((a, b) => a + b, 0);
      const squared = hourlySpend.reduce((sum, s, h) => sum + (s - (hourlyIdeal[h] as number)) ** 2, 0);
      let cumulative = 0;
      let hoursTo95: number | null = null;
      hourlySpend.forEach((s, h) => {
        cumulative += s;
        if (hoursTo95 === null && cumulative >= 0.95 * budget) hoursTo95 = h + 1;
      });
      return {
        date,
        budget,
        billed,
        uncharged,
        spendShare: budget > 0 ? billed / budget : 0,
        overspend: budget > 0 ? Math.max(0, billed + uncharged - budget) / budget : 0,
        underdelivery: budget > 0 ? Math.max(0, budget - billed) / budget : 0,
        nrmse: budget > 0 ? Math.sqrt(squared / hours) / (budget / hours) : 0,
        nrmseFloor:
          budget > 0
            ? Math.sqrt(hourlyIdeal.reduce((sum, ideal) => sum + ideal * unitPrice, 0) / hours) /
              (budget / hours)
            : 0,
        hoursTo95,
        hourlySpend,
        hourlyIdeal,
      };
    });
    const counts: Record<string, number> = {};
    for (const b of buckets)
      for (const [type, n] of Object.entries(b.counts)) counts[type] = (counts[type] ?? 0) + (n ?? 0);
    const reach = log.recorded.reach.get(id) ?? 0;
    counts.reach = reach;
    const impressions = counts.impression ?? 0;
    // The goal the engine optimizes for: the ad group's, else its campaign objective's default.
    const objective = account.campaigns[planned.campaignIndex]?.objective ?? 'REACH';
    const goal: OptimizationGoal = planned.spec.optimization_goal ?? DEFAULT_GOAL[objective];
    const results = RESULT_OF_GOAL[goal].reduce((sum, type) => sum + (counts[type] ?? 0), 0);
    const billedTotal = buckets.reduce((sum, b) => sum + b.billedMicros, 0);
    const billedEvents = counts[BILLED_TYPE[planned.spec.billing_event]] ?? 0;
    const eligibleTotal = [...eligible.values()].reduce((a, b) => a + b, 0);
    const servedTotal = [...served.values()].reduce((a, b) => a + b, 0);
    return {
      label: planned.label,
      adGroupId: id,
      pacing: log.variant.pacing ?? planned.spec.pacing,
      billingEvent: planned.spec.billing_event,
      goal,
      currency,
      days,
      counts,
      reach,
      frequency: reach > 0 ? impressions / reach : 0,
      ctr: impressions > 0 ? (counts.click ?? 0) / impressions : 0,
      results,
      costPerResult: results > 0 ? billedTotal / results : null,
      winRate: eligibleTotal > 0 ? servedTotal / eligibleTotal : 0,
      eligible: eligibleTotal,
      served: servedTotal,
      avgChargeMicros: billedEvents > 0 ? billedTotal / billedEvents : null,
      ecpmMicros: impressions > 0 ? (billedTotal / impressions) * 1000 : null,
      storedSpendMicros: log.recorded.stored?.get(id) ?? null,
    };
  });
  return { ...totalsOf(log, groups) };
}

function totalsOf(log: RunLog, groups: GroupMetrics[]): RunSummary {
  const days = groups.flatMap((g) => g.days);
  const sum = (f: (g: GroupMetrics) => number) => groups.reduce((s, g) => s + f(g), 0);
  const impressions = sum((g) => g.counts.impression ?? 0);
  const clicks = sum((g) => g.counts.click ?? 0);
  const engagements = sum((g) => ENGAGEMENTS.reduce((s, t) => s + (g.counts[t] ?? 0), 0));
  const views6s = sum((g) => g.counts.view_6s ?? 0);
  const hoursTo95 = days.flatMap((d) => (d.hoursTo95 === null ? [] : [d.hoursTo95]));
  const simulatedEvents = log.requests + log.eventsSent;
  return {
    variant: log.variant.name,
    label: log.variant.label,
    groups,
    requests: log.requests,
    adsServed: log.adsServed,
    eventsSent: log.eventsSent,
    wallMs: log.wallMs,
    eventsPerSecond: simulatedEvents / (log.wallMs / 1000),
    exactSpend: log.recorded.exact,
    totals: {
      budget: days.reduce((s, d) => s + d.budget, 0),
      billed: days.reduce((s, d) => s + d.billed, 0),
      uncharged: days.reduce((s, d) => s + d.uncharged, 0),
      impressions,
      clicks,
      engagements,
      views6s,
      spendShareMin: Math.min(...days.map((d) => d.spendShare)),
      spendShareMedian: median(days.map((d) => d.spendShare)),
      inTargetBand: days.filter((d) => d.spendShare >= 0.98 && d.spendShare <= 1).length,
      groupDays: days.length,
      overspendMax: Math.max(...days.map((d) => d.overspend)),
      nrmseMedian: median(days.map((d) => d.nrmse)),
      nrmseMax: Math.max(...days.map((d) => d.nrmse)),
      excessNrmseMedian: median(days.map((d) => Math.max(0, d.nrmse - d.nrmseFloor))),
      hoursTo95Median: hoursTo95.length > 0 ? median(hoursTo95) : null,
      engagementRate: impressions > 0 ? engagements / impressions : 0,
      ctr: impressions > 0 ? clicks / impressions : 0,
      viewRate6s: impressions > 0 ? views6s / impressions : 0,
    },
  };
}

/** The auction against random choice, same traffic: advertiser results per unit spend and viewer engagement. */
export function compareSelection(auction: RunSummary, random: RunSummary) {
  const ratios: number[] = [];
  auction.groups.forEach((g, i) => {
    const r = random.groups[i];
    const billedA = g.days.reduce((s, d) => s + d.billed, 0);
    const billedR = r ? r.days.reduce((s, d) => s + d.billed, 0) : 0;
    if (!r || g.results === 0 || r.results === 0 || billedA === 0 || billedR === 0) return;
    ratios.push(g.results / billedA / (r.results / billedR));
  });
  const geometricMean = ratios.length
    ? Math.exp(ratios.reduce((s, x) => s + Math.log(x), 0) / ratios.length)
    : null;
  const perImpression = (s: RunSummary) =>
    s.groups.reduce((sum, g) => sum + g.results, 0) / Math.max(1, s.totals.impressions);
  return {
    resultsPerSpendRatio: geometricMean,
    groupsCompared: ratios.length,
    resultsPerImpressionRatio: perImpression(auction) / Math.max(1e-12, perImpression(random)),
    engagementRateRatio: auction.totals.engagementRate / Math.max(1e-12, random.totals.engagementRate),
    ctrRatio: auction.totals.ctr / Math.max(1e-12, random.totals.ctr),
    viewRate6sRatio: auction.totals.viewRate6s / Math.max(1e-12, random.totals.viewRate6s),
  };
}
