import { beta, type RandomSource } from './random.js';

/**
 * Which ad (post, creator) of an ad group wins on the campaign's result, and whether that answer is
 * reliable yet. Two views of the same data:
 * - Bayesian: each variant's result rate has a Beta(results + 1, impressions − results + 1)
 *   posterior; drawing from them gives each variant's probability to be best on cost per result
 *   (rate ÷ cost per impression; on the rate alone when nothing was spent).
 * - Frequentist: a two-proportion z-test of the leader's result rate against the runner-up's.
 * The leader is called a winner when it is best with probability ≥ 95 % and every variant has
 * enough impressions and results for the posteriors to mean something.
 */
export interface Variant {
  id: string;
  impressions: number;
  results: number;
  spendMicros: number;
}

export interface VariantVerdict extends Variant {
  resultRate: number;
  /** Spend per result in micros, null without results. */
  costPerResultMicros: number | null;
  probabilityBest: number;
  /** Two-proportion z-test of this variant's rate against the leader's (null for the leader). */
  versusLeader: { z: number; pValue: number } | null;
}

export type ComparisonStatus = 'NOT_ENOUGH_DATA' | 'NO_CLEAR_WINNER' | 'WINNER';

export interface Comparison {
  status: ComparisonStatus;
  /** The variant most likely best (also while not yet reliable), null with no data at all. */
  leaderId: string | null;
  /** What the test compares: results per unit of spend, or the result rate when nothing was spent. */
  basis: 'COST_PER_RESULT' | 'RESULT_RATE';
  variants: VariantVerdict[];
  reason: string;
}

export const COMPARISON_DEFAULTS = {
  /** Posterior draws (deterministic with a seeded random source). */
  draws: 20_000,
  minImpressionsPerVariant: 1000,
  minResultsPerVariant: 5,
  winProbability: 0.95,
};

/** Standard normal cumulative distribution (Abramowitz & Stegun 7.1.26 through erf; error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Two-sided two-proportion z-test (pooled variance). */
export function twoProportionTest(
  a: { successes: number; trials: number },
  b: { successes: number; trials: number },
): { z: number; pValue: number } {
  if (a.trials === 0 || b.trials === 0) return { z: 0, pValue: 1 };
  const pa = a.successes / a.trials;
  const pb = b.successes / b.trials;
  const pooled = (a.successes + b.successes) / (a.trials + b.trials);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.trials + 1 / b.trials));
  if (se === 0) return { z: 0, pValue: 1 };
  const z = (pa - pb) / se;
  return { z, pValue: Math.min(1, 2 * (1 - normalCdf(Math.abs(z)))) };
}

export function compareVariants(
  variants: readonly Variant[],
  random: RandomSource,
  options: Partial<typeof COMPARISON_DEFAULTS> = {},
): Comparison {
  const o = { ...COMPARISON_DEFAULTS, ...options };
  const basis = variants.every((v) => v.spendMicros > 0) ? 'COST_PER_RESULT' : 'RESULT_RATE';
  // Results per impression cannot exceed 1 (reach, clicks… are counted at most once per impression
  // as far as the test is concerned); engagements can, so they are capped for the posterior.
  const capped = variants.map((v) => ({ ...v, successes: Math.min(v.results, v.impressions) }));
  const wins = new Array<number>(variants.length).fill(0);
  const draws = variants.length > 1 ? o.draws : 0;
  for (let d = 0; d < draws; d++) {
    let best = -1;
    let bestValue = Number.NEGATIVE_INFINITY;
    capped.forEach((v, i) => {
      const rate = beta(random, v.successes + 1, v.impressions - v.successes + 1);
      const value = basis === 'COST_PER_RESULT' ? (rate * v.impressions) / v.spendMicros : rate;
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    });
    wins[best] = (wins[best] ?? 0) + 1;
  }
  const probability = (i: number) =>
    draws > 0 ? (wins[i] as number) / draws : variants.length === 1 ? 1 : 0;
  const leaderIndex = variants.length ? wins.indexOf(Math.max(...wins)) : -1;
  const leader = capped[leaderIndex];
  const verdicts: VariantVerdict[] = capped.map((v, i) => ({
    id: v.id,
    impressions: v.impressions,
    results: v.results,
    spendMicros: v.spendMicros,
    resultRate: v.impressions > 0 ? v.results / v.impressions : 0,
    costPerResultMicros: v.results > 0 ? Math.round(v.spendMicros / v.results) : null,
    probabilityBest: probability(i),
    versusLeader:
      leader && i !== leaderIndex
        ? twoProportionTest(
            { successes: leader.successes, trials: leader.impressions },
            { successes: v.successes, trials: v.impressions },
          )
        : null,
  }));

  const thin = capped.filter(
    (v) => v.impressions < o.minImpressionsPerVariant || v.results < o.minResultsPerVariant,
  );
  let status: ComparisonStatus;
  let reason: string;
  if (variants.length < 2) {
    status = 'NOT_ENOUGH_DATA';
    reason = 'a comparison needs at least two ads with delivery';
  } else if (thin.length > 0) {
    status = 'NOT_ENOUGH_DATA';
    reason = `every variant needs at least ${o.minImpressionsPerVariant} impressions and ${o.minResultsPerVariant} results; not yet: ${thin.map((v) => v.id).join(', ')}`;
  } else if (probability(leaderIndex) >= o.winProbability) {
    status = 'WINNER';
    reason = `${leader?.id} is best with probability ${(probability(leaderIndex) * 100).toFixed(1)} %`;
  } else {
    status = 'NO_CLEAR_WINNER';
    reason = `${leader?.id} leads with probability ${(probability(leaderIndex) * 100).toFixed(1)} %, below ${o.winProbability * 100} %: keep testing`;
  }
  return { status, leaderId: leader?.id ?? null, basis, variants: verdicts, reason };
}
