import type { OptimizationGoal } from './enums.js';
import { currencyDigits, type Micros } from './money.js';

/**
 * Report metrics: what each event adds to the rollup counters, and how every reported metric is
 * computed from summed counters. All arithmetic is on integers; ratios are rounded half away from
 * zero at their stated precision (BigInt, so no floating point error at any size).
 */

/** Additive counters kept per ad and time bucket (and breakdown). */
export const COUNTERS = [
  'impressions',
  'video_plays',
  'views_2s',
  'views_6s',
  'views_p25',
  'views_p50',
  'views_p75',
  'views_p100',
  'play_ms',
  'clicks',
  'profile_visits',
  'likes',
  'comments',
  'shares',
  'follows',
  'attributed_views',
  'conversions',
  'conversion_value_micros',
  'spend_micros',
  'uncharged_micros',
  'invalid_events',
] as const;
export type CounterName = (typeof COUNTERS)[number];
export type Counters = Record<CounterName, number>;

export function emptyCounters(): Counters {
  // A literal, not Object.fromEntries: one hidden class for every counters object (fast access).
  return {
    impressions: 0,
    video_plays: 0,
    views_2s: 0,
    views_6s: 0,
    views_p25: 0,
    views_p50: 0,
    views_p75: 0,
    views_p100: 0,
    play_ms: 0,
    clicks: 0,
    profile_visits: 0,
    likes: 0,
    comments: 0,
    shares: 0,
    follows: 0,
    attributed_views: 0,
    conversions: 0,
    conversion_value_micros: 0,
    spend_micros: 0,
    uncharged_micros: 0,
    invalid_events: 0,
  };
}

export function addCounters(into: Counters, from: Readonly<Counters>): Counters {
  for (const c of COUNTERS) into[c] += from[c];
  return into;
}

/** The facts of one stored event that matter to reports. */
export interface RollupEvent {
  kind: string;
  type: string;
  paid: number;
  attributed: number;
  invalidReason: string | null;
  billedMicros: number;
  unchargedMicros: number;
  valueMicros: number | null;
  /** Duration of the promoted post, for the play-time estimate. */
  durationMs: number;
}

const AD_COUNTER: Record<string, CounterName> = {
  impression: 'impressions',
  video_play: 'video_plays',
  view_2s: 'views_2s',
  view_6s: 'views_6s',
  view_p25: 'views_p25',
  view_p50: 'views_p50',
  view_p75: 'views_p75',
  view_p100: 'views_p100',
  click: 'clicks',
};
const ENGAGEMENT_COUNTER: Record<string, CounterName> = {
  like: 'likes',
  comment: 'comments',
  share: 'shares',
  follow: 'follows',
  profile_visit: 'profile_visits',
};
/**
 * Share of the post's duration each video event adds to the play-time estimate: the area under the
 * retention curve through (0, plays), (¼, p25), (½, p50), (¾, p75), (1, p100) by trapezoids.
 */
const PLAY_SHARE: Record<string, number> = {
  video_play: 1 / 8,
  view_p25: 1 / 4,
  view_p50: 1 / 4,
  view_p75: 1 / 4,
  view_p100: 1 / 8,
};

/**
 * What one event adds to an ad's counters. Invalid traffic only counts as invalid. Ad events count
 * as reported (engagement when the pipeline marked it paid); organic-surface events count when
 * credited to the ad (`attributed`); conversions count with their value; every charge is spend.
 */
export function eventContributions(e: RollupEvent): [CounterName, number][] {
  if (e.invalidReason !== null) return [['invalid_events', 1]];
  const out: [CounterName, number][] = [];
  if (e.kind === 'ad') {
    const counter = AD_COUNTER[e.type] ?? (e.paid === 1 ? ENGAGEMENT_COUNTER[e.type] : undefined);
    if (counter) out.push([counter, 1]);
    const share = PLAY_SHARE[e.type];
    if (share !== undefined) out.push(['play_ms', Math.round(e.durationMs * share)]);
  } else if (e.kind === 'post' && e.attributed === 1) {
    const counter = e.type === 'view' ? 'attributed_views' : ENGAGEMENT_COUNTER[e.type];
    if (counter) out.push([counter, 1]);
  } else if (e.kind === 'conversion') {
    out.push(['conversions', 1]);
    if (e.valueMicros) out.push(['conversion_value_micros', e.valueMicros]);
  }
  if (e.billedMicros) out.push(['spend_micros', e.billedMicros]);
  if (e.unchargedMicros) out.push(['uncharged_micros', e.unchargedMicros]);
  return out;
}

// ------------------------------------------------------------------ reported metrics

export const REPORT_METRICS = [
  'spend',
  'impressions',
  'clicks',
  'ctr',
  'cpm',
  'cpc',
  'reach',
  'frequency',
  'cost_per_1000_reached',
  'video_play_actions',
  'video_watched_2s',
  'video_watched_6s',
  'video_views_p25',
  'video_views_p50',
  'video_views_p75',
  'video_views_p100',
  'average_video_play',
  'likes',
  'comments',
  'shares',
  'follows',
  'profile_visits',
  'engagements',
  'engagement_rate',
  'conversion',
  'cost_per_conversion',
  'conversion_rate',
  'conversion_value',
  'result',
  'cost_per_result',
  'result_rate',
  'invalid_events',
  'uncharged_spend',
] as const;
export type ReportMetric = (typeof REPORT_METRICS)[number];

/** Metrics that are amounts of money (micros inside, decimal strings in the currency outside). */
export const MONEY_METRICS: ReadonlySet<ReportMetric> = new Set([
  'spend',
  'cpm',
  'cpc',
  'cost_per_1000_reached',
  'cost_per_conversion',
  'conversion_value',
  'cost_per_result',
  'uncharged_spend',
]);

/** Metrics that need a reach estimate (unavailable for hourly or audience breakdowns). */
export const REACH_METRICS: ReadonlySet<ReportMetric> = new Set([
  'reach',
  'frequency',
  'cost_per_1000_reached',
]);

/** What each optimization goal calls a result (TikTok: the result follows the objective). */
export const GOAL_RESULT: Record<OptimizationGoal, ReportMetric> = {
  REACH: 'reach',
  SHOW: 'impressions',
  CLICK: 'clicks',
  VIDEO_VIEW: 'video_watched_6s',
  ENGAGED_VIEW: 'video_watched_6s',
  FOLLOWERS: 'follows',
  PROFILE_VIEWS: 'profile_visits',
  ENGAGEMENT: 'engagements',
  CONVERT: 'conversion',
};

export interface MetricInput {
  counters: Readonly<Counters>;
  /** Distinct viewers, or null when it cannot be known for this row. */
  reach: number | null;
  /** The optimization goal of every ad group in the row; null when they differ (no single result). */
  goal: OptimizationGoal | null;
  currency: string;
}

/** A metric's value: `number` for ordering and filtering (micros for money), `text` as reported. */
export interface MetricValue {
  number: number | null;
  text: string | null;
}

const NONE: MetricValue = { number: null, text: null };

export function engagements(c: Readonly<Counters>): number {
  return c.clicks + c.likes + c.comments + c.shares + c.follows + c.profile_visits;
}

/** Integer counts of the metrics that are counts (result needs them too). */
function count(metric: ReportMetric, input: MetricInput): number | null {
  const c = input.counters;
  switch (metric) {
    case 'impressions':
      return c.impressions;
    case 'clicks':
      return c.clicks;
    case 'reach':
      return input.reach;
    case 'video_play_actions':
      return c.video_plays;
    case 'video_watched_2s':
      return c.views_2s;
    case 'video_watched_6s':
      return c.views_6s;
    case 'video_views_p25':
      return c.views_p25;
    case 'video_views_p50':
      return c.views_p50;
    case 'video_views_p75':
      return c.views_p75;
    case 'video_views_p100':
      return c.views_p100;
    case 'likes':
      return c.likes;
    case 'comments':
      return c.comments;
    case 'shares':
      return c.shares;
    case 'follows':
      return c.follows;
    case 'profile_visits':
      return c.profile_visits;
    case 'engagements':
      return engagements(c);
    case 'conversion':
      return c.conversions;
    case 'invalid_events':
      return c.invalid_events;
    case 'result':
      return input.goal ? count(GOAL_RESULT[input.goal], input) : null;
    default:
      return null;
  }
}

/** Computes one metric of a row. Undefined ratios (÷ 0) and unknowable values are null. */
export function computeMetric(metric: ReportMetric, input: MetricInput): MetricValue {
  const c = input.counters;
  const money = (micros: Micros): MetricValue => ({
    number: micros,
    text: moneyRatio(micros, 1, 1, input.currency),
  });
  const costPer = (per: number | null, multiplier = 1): MetricValue =>
    per && per > 0
      ? {
          number: Number(roundDiv(BigInt(c.spend_micros) * BigInt(multiplier), BigInt(per))),
          text: moneyRatio(c.spend_micros, multiplier, per, input.currency),
        }
      : NONE;
  const rate = (
    numerator: number | null,
    denominator: number | null,
    scale: number,
    digits: number,
  ): MetricValue =>
    numerator !== null && denominator ? decimalRatio(numerator * scale, denominator, digits) : NONE;
  switch (metric) {
    case 'spend':
      return money(c.spend_micros);
    case 'uncharged_spend':
      return money(c.uncharged_micros);
    case 'conversion_value':
      return money(c.conversion_value_micros);
    case 'ctr':
      return rate(c.clicks, c.impressions, 100, 2);
    case 'cpm':
      return costPer(c.impressions, 1000);
    case 'cpc':
      return costPer(c.clicks);
    case 'frequency':
      return rate(c.impressions, input.reach, 1, 2);
    case 'cost_per_1000_reached':
      return costPer(input.reach, 1000);
    case 'average_video_play':
      return rate(c.play_ms, c.video_plays * 1000, 1, 2);
    case 'engagement_rate':
      return rate(engagements(c), c.impressions, 100, 2);
    case 'cost_per_conversion':
      return costPer(c.conversions);
    case 'conversion_rate':
      return rate(c.conversions, c.clicks, 100, 2);
    case 'cost_per_result':
      return costPer(count('result', input));
    case 'result_rate':
      return rate(count('result', input), c.impressions, 100, 2);
    default: {
      const n = count(metric, input);
      return n === null ? NONE : { number: n, text: String(n) };
    }
  }
}

const ENGAGEMENT_COUNTERS: CounterName[] = [
  'clicks',
  'likes',
  'comments',
  'shares',
  'follows',
  'profile_visits',
];
const RESULT_COUNTERS: CounterName[] = ['impressions', 'views_6s', 'conversions', ...ENGAGEMENT_COUNTERS];

/** The counters each metric reads (reports sum only these: every value read has a cost). */
export const METRIC_COUNTERS: Record<ReportMetric, readonly CounterName[]> = {
  spend: ['spend_micros'],
  impressions: ['impressions'],
  clicks: ['clicks'],
  ctr: ['clicks', 'impressions'],
  cpm: ['spend_micros', 'impressions'],
  cpc: ['spend_micros', 'clicks'],
  reach: [],
  frequency: ['impressions'],
  cost_per_1000_reached: ['spend_micros'],
  video_play_actions: ['video_plays'],
  video_watched_2s: ['views_2s'],
  video_watched_6s: ['views_6s'],
  video_views_p25: ['views_p25'],
  video_views_p50: ['views_p50'],
  video_views_p75: ['views_p75'],
  video_views_p100: ['views_p100'],
  average_video_play: ['play_ms', 'video_plays'],
  likes: ['likes'],
  comments: ['comments'],
  shares: ['shares'],
  follows: ['follows'],
  profile_visits: ['profile_visits'],
  engagements: ENGAGEMENT_COUNTERS,
  engagement_rate: [...ENGAGEMENT_COUNTERS, 'impressions'],
  conversion: ['conversions'],
  cost_per_conversion: ['spend_micros', 'conversions'],
  conversion_rate: ['conversions', 'clicks'],
  conversion_value: ['conversion_value_micros'],
  result: RESULT_COUNTERS,
  cost_per_result: ['spend_micros', ...RESULT_COUNTERS],
  result_rate: RESULT_COUNTERS,
  invalid_events: ['invalid_events'],
  uncharged_spend: ['uncharged_micros'],
};

/** Metrics whose value depends on the optimization goal of the row's ad groups. */
export const GOAL_METRICS: ReadonlySet<ReportMetric> = new Set(['result', 'cost_per_result', 'result_rate']);

/** Decimal places of each non-count metric (money metrics use the currency's). */
export const METRIC_PRECISION: Partial<Record<ReportMetric, number>> = {
  ctr: 2,
  frequency: 2,
  average_video_play: 2,
  engagement_rate: 2,
  conversion_rate: 2,
  result_rate: 2,
};

/** round(n / d), halves away from zero. */
function roundDiv(n: bigint, d: bigint): bigint {
  const negative = n < 0n !== d < 0n;
  const a = n < 0n ? -n : n;
  const b = d < 0n ? -d : d;
  const q = (2n * a + b) / (2n * b);
  return negative ? -q : q;
}

function withDigits(units: bigint, digits: number): string {
  const negative = units < 0n;
  const text = (negative ? -units : units).toString().padStart(digits + 1, '0');
  const body = digits > 0 ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text;
  return negative ? `-${body}` : body;
}

/** numerator / denominator with `digits` decimals, as a string and a number. */
export function decimalRatio(numerator: number, denominator: number, digits: number): MetricValue {
  const units = roundDiv(BigInt(numerator) * 10n ** BigInt(digits), BigInt(denominator));
  return { number: Number(units) / 10 ** digits, text: withDigits(units, digits) };
}

/** micros × multiplier ÷ denominator in the currency, rounded once to the currency's precision. */
export function moneyRatio(
  micros: Micros,
  multiplier: number,
  denominator: number,
  currency: string,
): string {
  const digits = currencyDigits(currency);
  const minorUnit = 10n ** BigInt(6 - digits);
  return withDigits(roundDiv(BigInt(micros) * BigInt(multiplier), BigInt(denominator) * minorUnit), digits);
}
