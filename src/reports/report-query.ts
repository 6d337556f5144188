import { decodeTime } from 'ulid';
import type { OptimizationGoal } from '../domain/enums.js';
import { ReachSketch, unionOf } from '../domain/hyperloglog.js';
import {
  addCounters,
  type Counters,
  computeMetric,
  emptyCounters,
  type MetricValue,
  MONEY_METRICS,
  type ReportMetric,
} from '../domain/report-metrics.js';
import { toRfc3339 } from '../domain/time.js';
import type { Executor } from '../store/database.js';
import {
  adGroupGoals,
  type EntityNames,
  entityNames,
  type ReachLevelName,
  readSketches,
  reportFreshness,
  sumRollups,
} from '../store/repos/report-reads.js';
import { ZoneBuckets } from './local-time.js';
import { audienceValueAllowed, planReport, type ReportPlan } from './report-plan.js';
import { ATTRIBUTE_METRICS, type AttributeMetric, type ReportRequest } from './report-request.js';

/** Runs a report: sums rollups per row, unions reach sketches per row, computes every metric. */

export interface ReportAccount {
  id: string;
  currency: string;
  timeZone: string;
}

export type Cell = string | null;
export interface ReportRow {
  dimensions: Record<string, Cell>;
  metrics: Record<string, Cell>;
  /** Metric values as numbers (money in micros), for callers that compute on them. */
  numbers: Record<string, number | null>;
}

export interface ReportResult {
  rows: ReportRow[];
  /** Rows before paging. */
  totalRows: number;
  totals: Record<string, Cell> | null;
  /** Why some metrics are empty (e.g. reach on hourly rows). */
  notes: string[];
  freshness: { aggregatedThrough: string | null; aggregatedAt: string | null };
}

interface Row {
  key: string;
  dims: Record<string, string | number>;
  counters: Counters;
  adGroups: Set<string>;
  sketch: ReachSketch | null;
  /** The sketch's estimate, computed once. */
  reach?: number;
  values: Map<string, MetricValue>;
  names: EntityNames;
}

type Summable = Pick<Row, 'counters' | 'sketch' | 'adGroups' | 'values' | 'reach'>;
const REACH_FAMILY: ReadonlySet<string> = new Set([
  'reach',
  'frequency',
  'cost_per_1000_reached',
  'result',
  'cost_per_result',
  'result_rate',
]);

const zones = new ZoneBuckets();

/** Reads the rows of a report (all of them: ordering needs every row), then pages. */
export async function runReport(
  db: Executor,
  account: ReportAccount,
  req: ReportRequest,
  options: { allRows?: boolean } = {},
): Promise<ReportResult> {
  const plan = planReport(req, account.id);
  const rows = await foldRollups(db, plan, req);
  const notes: string[] = [];
  if (
    !plan.reachLevel &&
    req.metrics.some((m) => m === 'reach' || m === 'frequency' || m === 'cost_per_1000_reached')
  ) {
    notes.push(
      'reach, frequency and cost_per_1000_reached are given per day or longer, and not split or filtered by audience',
    );
  }
  // Reach is read for every row only when rows are ordered or filtered on it; else for the page.
  const reachForAll =
    plan.reachLevel !== null &&
    ((req.order !== null && REACH_FAMILY.has(req.order.field)) ||
      req.filters.some((f) => f.kind === 'metric'));
  if (reachForAll) await attachReach(db, plan, [...rows.values()], false);
  const goals = await adGroupGoals(db, [...new Set([...rows.values()].flatMap((r) => [...r.adGroups]))]);
  const goalOf = (adGroups: Set<string>): OptimizationGoal | null => {
    const found = new Set([...adGroups].map((g) => goals.get(g)));
    return found.size === 1 ? (([...found][0] as OptimizationGoal | undefined) ?? null) : null;
  };
  const metric = (row: Summable, name: ReportMetric): MetricValue => {
    let value = row.values.get(name);
    if (!value) {
      // Reach is estimated only for metrics that use it (and so only once sketches are attached).
      if (plan.reachLevel && REACH_FAMILY.has(name) && row.reach === undefined) {
        row.reach = row.sketch?.estimate() ?? 0;
      }
      value = computeMetric(name, {
        counters: row.counters,
        reach: plan.reachLevel ? (row.reach ?? 0) : null,
        goal: goalOf(row.adGroups),
        currency: account.currency,
      });
      row.values.set(name, value);
    }
    return value;
  };

  const filtered = [...rows.values()].filter((row) => passes(row, req, metric));
  const attributes = req.metrics.filter((m): m is AttributeMetric => m in ATTRIBUTE_METRICS);
  const loadNames = async (target: Row[]) => {
    if (!plan.idColumn || attributes.length === 0) return;
    const names = await entityNames(
      db,
      account.id,
      plan.idColumn,
      target.map((r) => String(r.dims[plan.idDimension as string])),
    );
    for (const r of target) r.names = names.get(String(r.dims[plan.idDimension as string])) ?? {};
  };
  const byName = req.order !== null && req.order.field in ATTRIBUTE_METRICS;
  if (byName) await loadNames(filtered);
  filtered.sort(comparator(req, (row, name) => metric(row, name).number));
  const list = options.allRows
    ? filtered
    : filtered.slice((req.page - 1) * req.pageSize, req.page * req.pageSize);
  if (!byName) await loadNames(list);
  if (plan.reachLevel && !reachForAll) await attachReach(db, plan, list, list.length < rows.size);

  const present = (row: Summable & { names?: EntityNames }) =>
    Object.fromEntries(
      req.metrics.map((m) => [
        m,
        m in ATTRIBUTE_METRICS
          ? (row.names?.[m as AttributeMetric] ?? null)
          : metric(row, m as ReportMetric).text,
      ]),
    );
  let totals: Record<string, Cell> | null = null;
  if (req.totals) {
    const total: Summable = {
      counters: emptyCounters(),
      sketch: null,
      adGroups: new Set<string>(),
      values: new Map(),
    };
    for (const r of filtered) {
      addCounters(total.counters, r.counters);
      for (const g of r.adGroups) total.adGroups.add(g);
    }
    // Every row's sketch is at hand when all rows were read or fit on the page: no second read.
    const allAttached = plan.reachLevel !== null && (reachForAll || list.length === filtered.length);
    if (allAttached) total.sketch = unionOf(filtered.flatMap((r) => (r.sketch ? [r.sketch] : [])));
    else if (plan.totalsReachLevel) total.sketch = await unionAtLevel(db, plan, plan.totalsReachLevel);
    totals = Object.fromEntries(Object.entries(present(total)).filter(([m]) => !(m in ATTRIBUTE_METRICS)));
  }
  const freshness = await reportFreshness(db);
  return {
    rows: list.map((row) => ({
      dimensions: presentDimensions(row, req, plan, account.timeZone),
      metrics: present(row),
      numbers: Object.fromEntries(
        req.metrics.flatMap((m) =>
          m in ATTRIBUTE_METRICS ? [] : [[m, metric(row, m as ReportMetric).number]],
        ),
      ),
    })),
    totalRows: filtered.length,
    totals,
    notes,
    freshness: {
      aggregatedThrough: freshness.position ? toRfc3339(decodeTime(freshness.position.slice(4))) : null,
      aggregatedAt: freshness.updatedAt ? toRfc3339(freshness.updatedAt) : null,
    },
  };
}

/** The metric filters (TikTok's GREATER_EQUAL…), money in currency units. */
function passes(
  row: Row,
  req: ReportRequest,
  metric: (row: Row, name: ReportMetric) => MetricValue,
): boolean {
  return req.filters.every((f) => {
    if (f.kind !== 'metric') return true;
    const n = metric(row, f.field).number;
    const t = MONEY_METRICS.has(f.field) ? Math.round(f.value * 1_000_000) : f.value;
    if (n === null) return false;
    return f.type === 'GREATER_EQUAL'
      ? n >= t
      : f.type === 'GREATER_THAN'
        ? n > t
        : f.type === 'LOWER_EQUAL'
          ? n <= t
          : n < t;
  });
}

/** Sums the rollup rows into report rows (one per combination of the requested dimensions). */
async function foldRollups(db: Executor, plan: ReportPlan, req: ReportRequest): Promise<Map<string, Row>> {
  const sums = await sumRollups(db, plan.rollup);
  const rows = new Map<string, Row>();
  for (const sum of sums) {
    const value = String(sum.value ?? '');
    let allowed = true;
    const dims: Record<string, string | number> = {};
    for (const [field, part] of plan.audienceFields) {
      const v = part < 0 ? value : (value.split('|')[part] ?? '');
      if (!audienceValueAllowed(req, field, v)) allowed = false;
      dims[field] = v;
    }
    if (!allowed) continue;
    if (plan.idDimension && plan.idColumn) dims[plan.idDimension] = String(sum[plan.idColumn]);
    if (plan.time === 'stat_time_day') dims.stat_time_day = String(sum.local_date);
    if (plan.time === 'stat_time_hour') dims.stat_time_hour = Number(sum.hour_start);
    const key = req.dimensions.map((d) => String(dims[d] ?? '')).join('\u0000');
    let row = rows.get(key);
    if (!row) {
      row = {
        key,
        dims,
        counters: emptyCounters(),
        adGroups: new Set(),
        sketch: null,
        values: new Map(),
        names: {},
      };
      rows.set(key, row);
    }
    addCounters(row.counters, sum);
    if (sum.ad_group_id !== undefined) row.adGroups.add(String(sum.ad_group_id));
  }
  return rows;
}

/** All the sketches of the report's entities and dates at one level, in one union. */
async function unionAtLevel(db: Executor, plan: ReportPlan, level: ReachLevelName): Promise<ReachSketch> {
  const sketches = await readSketches(db, {
    level,
    adAccountId: plan.rollup.adAccountId,
    dates: plan.rollup.dates,
    idFilters: plan.reachFilters,
  });
  return unionOf(sketches.map((s) => ReachSketch.deserialize(s.sketch)));
}

/**
 * Unions the day sketches of each row's entities (a union, never a sum of daily reach). With
 * `onlyThese`, reads only the sketches of these rows' entities (a page of a long report).
 */
async function attachReach(db: Executor, plan: ReportPlan, list: Row[], onlyThese: boolean): Promise<void> {
  const level = plan.reachLevel;
  if (!level || list.length === 0) return;
  // Rows are matched on their id and day, whatever the order of the requested dimensions.
  const canonical = (id: string, day: string) => `${id}\u0000${day}`;
  const rows = new Map(
    list.map((r) => [
      canonical(
        plan.idDimension ? String(r.dims[plan.idDimension]) : '',
        plan.time === 'stat_time_day' ? String(r.dims.stat_time_day) : '',
      ),
      r,
    ]),
  );
  const idFilters = [...plan.reachFilters];
  if (onlyThese && plan.idColumn && plan.idDimension) {
    idFilters.push({
      column: plan.idColumn,
      op: 'in',
      values: [...new Set(list.map((r) => String(r.dims[plan.idDimension as string])))],
    });
  }
  const sketches = await readSketches(db, {
    level,
    adAccountId: plan.rollup.adAccountId,
    dates: plan.rollup.dates,
    idFilters,
  });
  for (const s of sketches) {
    const id = plan.idColumn ? (plan.idColumn === 'ad_id' ? s.entity_id : String(s[plan.idColumn])) : '';
    const row = rows.get(canonical(id, plan.time === 'stat_time_day' ? s.local_date : ''));
    if (!row) continue;
    const sketch = ReachSketch.deserialize(s.sketch);
    if (row.sketch) row.sketch.merge(sketch);
    else row.sketch = sketch;
  }
}

function comparator(req: ReportRequest, number: (row: Row, name: ReportMetric) => number | null) {
  const byDimensions = (a: Row, b: Row) => {
    for (const d of req.dimensions) {
      const x = a.dims[d] ?? '';
      const y = b.dims[d] ?? '';
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
  const order = req.order;
  if (!order) return byDimensions;
  const sign = order.type === 'ASC' ? 1 : -1;
  return (a: Row, b: Row) => {
    let x: string | number | null;
    let y: string | number | null;
    if (order.field in ATTRIBUTE_METRICS) {
      x = a.names[order.field as AttributeMetric] ?? null;
      y = b.names[order.field as AttributeMetric] ?? null;
    } else if (req.dimensions.includes(order.field as never)) {
      x = a.dims[order.field] ?? null;
      y = b.dims[order.field] ?? null;
    } else {
      x = number(a, order.field as ReportMetric);
      y = number(b, order.field as ReportMetric);
    }
    if (x === y) return byDimensions(a, b);
    if (x === null) return 1; // empty values last, whatever the direction
    if (y === null) return -1;
    return (x < y ? -1 : 1) * sign;
  };
}

function presentDimensions(
  row: Row,
  req: ReportRequest,
  plan: ReportPlan,
  zone: string,
): Record<string, Cell> {
  const out: Record<string, Cell> = {};
  for (const d of req.dimensions) {
    const v = row.dims[d];
    if (d === 'stat_time_day') out[d] = `${v} 00:00:00`;
    else if (d === 'stat_time_hour') out[d] = zones.hourLabel(zone, Number(v));
    else if (plan.audienceFields.has(d as never)) out[d] = v === '' ? null : String(v);
    else out[d] = v === undefined ? null : String(v);
  }
  return out;
}
