import { describe, expect, it } from 'vitest';
import {
  type Counters,
  computeMetric,
  decimalRatio,
  emptyCounters,
  eventContributions,
  type MetricInput,
  moneyRatio,
  REPORT_METRICS,
  type RollupEvent,
} from './report-metrics.js';

const event = (over: Partial<RollupEvent>): RollupEvent => ({
  kind: 'ad',
  type: 'impression',
  paid: 0,
  attributed: 0,
  invalidReason: null,
  billedMicros: 0,
  unchargedMicros: 0,
  valueMicros: null,
  durationMs: 30_000,
  ...over,
});

function counters(over: Partial<Counters>): Counters {
  return { ...emptyCounters(), ...over };
}

const input = (over: Partial<Counters>, extra: Partial<MetricInput> = {}): MetricInput => ({
  counters: counters(over),
  reach: null,
  goal: null,
  currency: 'EUR',
  ...extra,
});

const text = (metric: (typeof REPORT_METRICS)[number], i: MetricInput) => computeMetric(metric, i).text;

describe('eventContributions', () => {
  it('counts invalid traffic as invalid only, never as delivery or spend', () => {
    expect(eventContributions(event({ invalidReason: 'BOT_USER_AGENT', billedMicros: 5000 }))).toEqual([
      ['invalid_events', 1],
    ]);
  });

  it('counts ad events, billed amounts and the play-time estimate', () => {
    expect(eventContributions(event({ billedMicros: 6000 }))).toEqual([
      ['impressions', 1],
      ['spend_micros', 6000],
    ]);
    expect(eventContributions(event({ type: 'video_play', paid: 1 }))).toEqual([
      ['video_plays', 1],
      ['play_ms', 3750],
    ]);
    expect(eventContributions(event({ type: 'view_p50' }))).toEqual([
      ['views_p50', 1],
      ['play_ms', 7500],
    ]);
    expect(eventContributions(event({ type: 'click', unchargedMicros: 20_000 }))).toEqual([
      ['clicks', 1],
      ['uncharged_micros', 20_000],
    ]);
  });

  it('counts engagement on the ad only when the pipeline marked it paid', () => {
    expect(eventContributions(event({ type: 'like', paid: 1 }))).toEqual([['likes', 1]]);
    expect(eventContributions(event({ type: 'follow', paid: 0 }))).toEqual([]);
  });

  it('counts organic-surface engagement only when credited to the ad', () => {
    expect(eventContributions(event({ kind: 'post', type: 'follow', attributed: 1, paid: 1 }))).toEqual([
      ['follows', 1],
    ]);
    expect(eventContributions(event({ kind: 'post', type: 'view', attributed: 1 }))).toEqual([
      ['attributed_views', 1],
    ]);
    expect(eventContributions(event({ kind: 'post', type: 'like', attributed: 0 }))).toEqual([]);
  });

  it('counts conversions with their value', () => {
    expect(
      eventContributions(
        event({ kind: 'conversion', type: 'conversion', attributed: 1, valueMicros: 49_900_000 }),
      ),
    ).toEqual([
      ['conversions', 1],
      ['conversion_value_micros', 49_900_000],
    ]);
  });
});

describe('computeMetric', () => {
  const base = input({
    impressions: 3,
    clicks: 1,
    spend_micros: 10_000_000,
    video_plays: 2,
    play_ms: 21_234,
    likes: 2,
    follows: 1,
    views_6s: 1,
    conversions: 3,
  });

  it('formats money in the currency and rates with two decimals', () => {
    expect(text('spend', base)).toBe('10.00');
    expect(text('ctr', base)).toBe('33.33');
    expect(text('cpm', base)).toBe('3333.33');
    expect(text('cpc', base)).toBe('10.00');
    expect(text('average_video_play', base)).toBe('10.62');
    expect(text('engagements', base)).toBe('4');
    expect(text('engagement_rate', base)).toBe('133.33');
    expect(text('cost_per_conversion', base)).toBe('3.33');
    expect(text('conversion_rate', base)).toBe('300.00');
    expect(text('spend', { ...base, currency: 'JPY' })).toBe('10');
    expect(text('cpc', { ...base, currency: 'KWD' })).toBe('10.000');
  });

  it('rounds half away from zero, once', () => {
    expect(decimalRatio(1, 8, 2).text).toBe('0.13');
    expect(decimalRatio(2, 3, 2).text).toBe('0.67');
    expect(moneyRatio(4_995, 1, 1, 'EUR')).toBe('0.00');
    expect(moneyRatio(5_000, 1, 1, 'EUR')).toBe('0.01');
    expect(moneyRatio(1_000_000, 1, 3, 'EUR')).toBe('0.33');
    // 4.995 € per 1000 → rounding to whole micros first and then to cents would also give 5.00; a
    // CPM of 1,004,999.5 µ€ rounded twice would be 1.01, once it is 1.00.
    expect(moneyRatio(2_009_999, 1000, 2000, 'EUR')).toBe('1.00');
    // No precision lost at the largest amounts (BigInt arithmetic).
    expect(moneyRatio(9_007_199_254_740_991, 1000, 7, 'USD')).toBe('1286742750677.28');
  });

  it('leaves undefined ratios and unknown reach empty', () => {
    const none = input({});
    for (const m of [
      'ctr',
      'cpm',
      'cpc',
      'frequency',
      'cost_per_1000_reached',
      'average_video_play',
      'result',
    ] as const) {
      expect(text(m, none)).toBeNull();
    }
    expect(text('reach', base)).toBeNull();
    expect(text('impressions', none)).toBe('0');
  });

  it('computes reach, frequency and cost per 1000 reached from the reach estimate', () => {
    const withReach = { ...base, reach: 2 };
    expect(text('reach', withReach)).toBe('2');
    expect(text('frequency', withReach)).toBe('1.50');
    expect(text('cost_per_1000_reached', withReach)).toBe('5000.00');
  });

  it('takes the result from the optimization goal', () => {
    const goals = {
      REACH: '2',
      SHOW: '3',
      CLICK: '1',
      VIDEO_VIEW: '1',
      ENGAGED_VIEW: '1',
      FOLLOWERS: '1',
      PROFILE_VIEWS: '0',
      ENGAGEMENT: '4',
      CONVERT: '3',
    } as const;
    for (const [goal, expected] of Object.entries(goals)) {
      const i = { ...base, reach: 2, goal: goal as keyof typeof goals };
      expect(text('result', i), goal).toBe(expected);
    }
    const follows = { ...base, goal: 'FOLLOWERS' as const };
    expect(text('cost_per_result', follows)).toBe('10.00');
    expect(text('result_rate', follows)).toBe('33.33');
    expect(text('cost_per_result', { ...base, goal: 'PROFILE_VIEWS' })).toBeNull();
    expect(text('result', base)).toBeNull();
  });

  it('gives every metric a number for ordering that agrees with its text', () => {
    const full = { ...base, reach: 2, goal: 'CLICK' as const };
    for (const m of REPORT_METRICS) {
      const v = computeMetric(m, full);
      if (v.text === null) continue;
      if (
        [
          'spend',
          'cpm',
          'cpc',
          'cost_per_1000_reached',
          'cost_per_conversion',
          'cost_per_result',
          'uncharged_spend',
          'conversion_value',
        ].includes(m)
      ) {
        expect(Math.abs((v.number as number) / 1e6 - Number(v.text)), m).toBeLessThan(0.006);
      } else {
        expect(Math.abs((v.number as number) - Number(v.text)), m).toBeLessThan(0.006);
      }
    }
  });
});
