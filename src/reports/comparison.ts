import { type Comparison, compareVariants } from '../domain/comparison.js';
import type { OptimizationGoal } from '../domain/enums.js';
import { notFound } from '../domain/errors.js';
import { SeededRandom } from '../domain/random.js';
import { GOAL_RESULT, type ReportMetric } from '../domain/report-metrics.js';
import type { Executor } from '../store/database.js';
import { getAdGroup } from '../store/repos/ad-groups.js';
import { type ReportAccount, runReport } from './report-query.js';
import type { AttributeMetric, DataLevel, IdDimension } from './report-request.js';

/** Ads, posts or creators of one ad group against each other on the ad group's result. */
export const COMPARE_BY = {
  AD: { level: 'AUCTION_AD', dimension: 'ad_id', name: 'ad_name' },
  POST: { level: 'AUCTION_POST', dimension: 'post_id', name: 'creator_handle' },
  CREATOR: { level: 'AUCTION_CREATOR', dimension: 'creator_id', name: 'creator_handle' },
} as const satisfies Record<string, { level: DataLevel; dimension: IdDimension; name: AttributeMetric }>;
export type CompareBy = keyof typeof COMPARE_BY;

export interface AdGroupComparison extends Comparison {
  adGroupId: string;
  goal: OptimizationGoal;
  resultMetric: ReportMetric;
  names: Map<string, string | null>;
  /** Reported strings per variant: result_rate, cost_per_result, spend. */
  cells: Map<string, Record<string, string | null>>;
}

export async function compareAdGroup(
  db: Executor,
  account: ReportAccount,
  adGroupId: string,
  by: CompareBy,
  dates: { from: string; to: string } | null,
): Promise<AdGroupComparison> {
  const group = await getAdGroup(db, account.id, adGroupId);
  if (!group) throw notFound('Ad group', adGroupId);
  const spec = COMPARE_BY[by];
  const report = await runReport(
    db,
    account,
    {
      dataLevel: spec.level,
      dimensions: [spec.dimension],
      metrics: ['impressions', 'result', 'spend', 'result_rate', 'cost_per_result', spec.name],
      dates,
      filters: [{ kind: 'id', field: 'adgroup_ids', op: 'in', values: [adGroupId] }],
      order: null,
      page: 1,
      pageSize: 1000,
      totals: false,
    },
    { allRows: true },
  );
  const variants = report.rows.map((r) => ({
    id: r.dimensions[spec.dimension] as string,
    impressions: r.numbers.impressions ?? 0,
    results: r.numbers.result ?? 0,
    spendMicros: r.numbers.spend ?? 0,
  }));
  // A fixed seed: the same numbers always give the same verdict.
  const comparison = compareVariants(variants, new SeededRandom(20261125));
  comparison.variants.sort((a, b) => b.probabilityBest - a.probabilityBest || a.id.localeCompare(b.id));
  return {
    ...comparison,
    adGroupId,
    goal: group.optimizationGoal,
    resultMetric: GOAL_RESULT[group.optimizationGoal],
    names: new Map(
      report.rows.map((r) => [r.dimensions[spec.dimension] as string, r.metrics[spec.name] ?? null]),
    ),
    cells: new Map(
      report.rows.map((r) => [
        r.dimensions[spec.dimension] as string,
        {
          result_rate: r.metrics.result_rate ?? null,
          cost_per_result: r.metrics.cost_per_result ?? null,
          spend: r.metrics.spend ?? null,
        },
      ]),
    ),
  };
}
