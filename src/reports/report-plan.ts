import { AGE_GROUPS, VIEWER_GENDERS } from '../domain/enums.js';
import { FieldErrors } from '../domain/errors.js';
import { GOAL_METRICS, METRIC_COUNTERS, REACH_METRICS, type ReportMetric } from '../domain/report-metrics.js';
import type {
  GroupColumn,
  IdColumn,
  IdFilter,
  ReachLevelName,
  RollupQuery,
} from '../store/repos/report-reads.js';
import {
  BREAKDOWN_DIMENSIONS,
  type BreakdownDimension,
  ID_DIMENSIONS,
  ID_FILTER_FIELDS,
  type IdDimension,
  type ReportRequest,
  type TimeDimension,
} from './report-request.js';

/**
 * How a report request is answered from the rollups: which table (daily, hourly, or hourly per
 * breakdown), what to group by, and whether and from which level reach sketches are read.
 */
export interface ReportPlan {
  rollup: RollupQuery;
  idDimension: IdDimension | null;
  idColumn: IdColumn | null;
  time: TimeDimension | null;
  /** Audience fields of the request (dimensions and filters) and how each is read from a breakdown
   * row's value: the whole value (-1) or a part of `age|gender`. */
  audienceFields: Map<BreakdownDimension, number>;
  /** Null when reach cannot be known for these rows (hourly, or split or filtered by audience). */
  reachLevel: ReachLevelName | null;
  /** The coarsest level that answers the totals' reach (rows' grouping does not matter there). */
  totalsReachLevel: ReachLevelName | null;
  reachFilters: IdFilter[];
}

const RESULT_METRICS: ReadonlySet<string> = new Set(['result', 'cost_per_result', 'result_rate']);

export function planReport(req: ReportRequest, adAccountId: string): ReportPlan {
  const idDimension = (req.dimensions.find((d) => d in ID_DIMENSIONS) as IdDimension | undefined) ?? null;
  const idColumn = idDimension ? (ID_DIMENSIONS[idDimension].column as IdColumn) : null;
  const time =
    (req.dimensions.find((d) => d === 'stat_time_day' || d === 'stat_time_hour') as
      | TimeDimension
      | undefined) ?? null;
  const audienceDims = req.dimensions.filter((d): d is BreakdownDimension => d in BREAKDOWN_DIMENSIONS);
  const audienceFilters = req.filters.flatMap((f) => (f.kind === 'breakdown' ? [f] : []));
  const audience = new Set<BreakdownDimension>([...audienceDims, ...audienceFilters.map((f) => f.field)]);
  const ageGender = audience.size === 2 && audience.has('age') && audience.has('gender');
  if (audience.size > 1 && !ageGender) {
    new FieldErrors()
      .add(
        'dimensions',
        'UNSUPPORTED_BREAKDOWN',
        'audience dimensions and filters combine only as age with gender; split other combinations into separate reports',
      )
      .throwIfAny();
  }
  const single = audience.size === 1 ? ([...audience][0] as BreakdownDimension) : null;
  const breakdownName = ageGender ? 'age_gender' : single ? BREAKDOWN_DIMENSIONS[single] : null;

  const idFilters: IdFilter[] = req.filters.flatMap((f) =>
    f.kind === 'id' ? [{ column: ID_FILTER_FIELDS[f.field] as IdColumn, op: f.op, values: f.values }] : [],
  );
  const groupBy: GroupColumn[] = [];
  if (idColumn) groupBy.push(idColumn);
  if (time === 'stat_time_day') groupBy.push('local_date');
  if (time === 'stat_time_hour') groupBy.push('hour_start');
  if (breakdownName) groupBy.push('value');
  // The result follows each ad group's goal: only then are rows also split per ad group.
  const goalFields = [
    ...req.metrics,
    ...req.filters.flatMap((f) => (f.kind === 'metric' ? [f.field] : [])),
    req.order?.field ?? '',
  ];
  if (goalFields.some((m) => GOAL_METRICS.has(m as ReportMetric))) groupBy.push('ad_group_id');
  const counters = [...new Set(goalFields.flatMap((m) => METRIC_COUNTERS[m as ReportMetric] ?? []))];

  let breakdown: RollupQuery['breakdown'];
  if (breakdownName) {
    breakdown = { name: breakdownName, op: null, values: [] };
    if (ageGender) {
      const allowed = (field: BreakdownDimension, all: readonly string[]) =>
        ['', ...all].filter((v) =>
          audienceFilters
            .filter((f) => f.field === field)
            .every((f) => (f.op === 'in') === f.values.includes(v)),
        );
      if (audienceFilters.length > 0) {
        const ages = allowed('age', AGE_GROUPS);
        const genders = allowed('gender', VIEWER_GENDERS);
        breakdown = {
          name: breakdownName,
          op: 'in',
          values: ages.flatMap((a) => genders.map((g) => `${a}|${g}`)),
        };
      }
    } else {
      // One filter narrows the query; several on one field are applied in memory (audienceValueAllowed).
      const filter = audienceFilters[0];
      if (filter && audienceFilters.length === 1)
        breakdown = { name: breakdownName, op: filter.op, values: filter.values };
    }
  }

  const hourly = time === 'stat_time_hour';
  const table = breakdownName
    ? hourly
      ? 'report_ad_breakdown'
      : 'report_ad_breakdown_daily'
    : hourly
      ? 'report_ad_hourly'
      : 'report_ad_daily';
  const reachPossible = !breakdownName && time !== 'stat_time_hour';
  const wantsReach =
    req.metrics.some((m) => REACH_METRICS.has(m as ReportMetric) || RESULT_METRICS.has(m)) ||
    req.filters.some(
      (f) => f.kind === 'metric' && (REACH_METRICS.has(f.field) || RESULT_METRICS.has(f.field)),
    );
  const filterColumns = new Set(idFilters.map((f) => f.column));
  const within = (
    column: IdColumn | null,
    allowed: readonly (IdColumn | null)[],
    filtersAllowed: readonly IdColumn[],
  ) => allowed.includes(column) && [...filterColumns].every((c) => filtersAllowed.includes(c));
  const levelFor = (column: IdColumn | null): ReachLevelName => {
    if (within(column, [null, 'ad_account_id'], [])) return 'account';
    if (within(column, [null, 'ad_account_id', 'campaign_id'], ['campaign_id'])) return 'campaign';
    if (within(column, [null, 'ad_account_id', 'campaign_id', 'ad_group_id'], ['campaign_id', 'ad_group_id']))
      return 'adgroup';
    return 'ad';
  };
  const reachLevel = reachPossible && wantsReach ? levelFor(idColumn) : null;
  const totalsReachLevel = reachLevel && req.totals ? levelFor(null) : null;

  const audienceFields = new Map([...audience].map((d) => [d, ageGender ? (d === 'age' ? 0 : 1) : -1]));
  return {
    rollup: {
      table,
      adAccountId,
      dates: req.dates,
      groupBy,
      idFilters,
      counters,
      ...(breakdown && { breakdown }),
    },
    idDimension,
    idColumn,
    time,
    audienceFields,
    reachLevel,
    totalsReachLevel,
    reachFilters: idFilters,
  };
}

/** The audience filters on one field, applied to a value read from a breakdown row. */
export function audienceValueAllowed(
  req: ReportRequest,
  dimension: BreakdownDimension,
  value: string,
): boolean {
  return req.filters.every(
    (f) => f.kind !== 'breakdown' || f.field !== dimension || (f.op === 'in') === f.values.includes(value),
  );
}
