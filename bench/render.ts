import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SimulationResult } from '../src/sim/simulate.js';
import type { DecisionBenchResult } from './decisions.bench.js';
import { fmt, type Machine, RESULTS_DIR } from './support.js';

/** Markdown for docs/benchmarks.md from the results/*.json files the benchmarks wrote. */

interface Results {
  [name: string]: unknown;
}

interface Envelope<T> {
  date: string;
  results: T;
}

interface LoadRow {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

interface IngestRow {
  path: string;
  events: number;
  eventsPerSecond: number;
  ratioToRaw: number | null;
}

const yes = (ok: boolean) => (ok ? '✅ met' : '❌ missed');

function decisionRows(env: Envelope<DecisionBenchResult[]>): string[] {
  const rows = env.results.map((r) => {
    const big = r.adGroups >= 100_000;
    const ok = r.decisionsPerSecond >= 20_000 && (!big || r.p99Us <= 2_000);
    return `| Feed decisions in process, ${fmt(r.adGroups)} ad groups (${fmt(r.ads)} ads) | ${fmt(r.decisionsPerSecond)}/s (${fmt(r.decisionsPerCpuSecond)} per CPU-second); p50 ${fmt(r.p50Us)} µs, p99 ${fmt(r.p99Us)} µs | ≥ 20,000/s${big ? '; p99 ≤ 2 ms' : ''} | ${big ? `${yes(r.decisionsPerSecond >= 20_000)} / ${yes(r.p99Us <= 2_000)}` : yes(ok)} |`;
  });
  const big = env.results.find((r) => r.adGroups === 100_000) ?? env.results[env.results.length - 1];
  if (big?.heapPer100kMiB != null)
    rows.push(
      `| Engine heap per 100,000 live ad groups (records, ads, index; after GC) | ${fmt(big.heapPer100kMiB)} MiB | — | |`,
    );
  return rows;
}

function httpRow(
  env: Envelope<{
    groups: number;
    connections: number;
    duration: number;
    hello: LoadRow;
    decisions: LoadRow;
    ratio: number;
  }>,
): string {
  const r = env.results;
  return `| POST /v1/feed/decisions over HTTP vs a hello-world route of the same app (${fmt(r.groups)} ad groups, ${r.connections} connections × ${r.duration} s) | ${fmt(r.decisions.requestsPerSecond)}/s vs ${fmt(r.hello.requestsPerSecond)}/s = **${fmt(r.ratio * 100)} %**; p99 ${fmt(r.decisions.p99Ms)} ms | ≥ 50 % | ${yes(r.ratio >= 0.5)} |`;
}

function ingestionRows(env: Envelope<IngestRow[]>): string[] {
  return env.results.map((r) => {
    const isRaw = r.path.startsWith('raw');
    const ratio = r.ratioToRaw === null ? '' : ` = ${fmt(r.ratioToRaw * 100)} % of raw (100/tx)`;
    return `| Ingestion: ${r.path} | ${fmt(r.eventsPerSecond)} events/s${isRaw ? '' : ratio} | ${isRaw ? 'reference' : '≥ 50,000/s'} | ${isRaw ? '' : yes(r.eventsPerSecond >= 50_000)} |`;
  });
}

function reportsRows(report: Record<string, unknown>): string[] {
  const rows: string[] = [];
  const aggregation = report.aggregation as { dialect?: string; eventsPerSecond?: number }[] | undefined;
  for (const a of aggregation ?? [])
    rows.push(
      `| Reports: aggregation to rollups (${a.dialect ?? ''}) | ${fmt(a.eventsPerSecond ?? 0)} events/s | — | |`,
    );
  const queries = report.queries as
    | { dialect?: string; queries?: Record<string, { p99?: number }> }[]
    | undefined;
  for (const q of queries ?? []) {
    const p99s = Object.entries(q.queries ?? {}).map(([name, r]) => `${name} ${fmt(r.p99 ?? 0, 1)}`);
    if (p99s.length)
      rows.push(
        `| Reports over HTTP, p99 ms (${q.dialect ?? ''}, ${fmt(Number(report.events ?? 0))} events) | ${p99s.join('; ')} | — | |`,
      );
  }
  return rows;
}

export function renderBenchmarks(
  results: Results,
  meta: { machine: Machine; date: string; loadBefore: number[]; loadAfter: number[] },
): string {
  const rows: string[] = [];
  if (results.decisions) rows.push(...decisionRows(results.decisions as Envelope<DecisionBenchResult[]>));
  if (results.http) rows.push(httpRow(results.http as Parameters<typeof httpRow>[0]));
  if (results.ingestion) rows.push(...ingestionRows(results.ingestion as Envelope<IngestRow[]>));
  if (results.reports) rows.push(...reportsRows(results.reports as Record<string, unknown>));
  const sim = results.simulator as Envelope<{
    scenario: string;
    eventsPerSecond: number;
    simulatedDayInSeconds: number;
  }> | null;
  if (sim)
    rows.push(
      `| Simulator, in process (${sim.results.scenario}) | ${fmt(sim.results.eventsPerSecond)} simulated events/s (decisions + reported events); a simulated day in ${fmt(sim.results.simulatedDayInSeconds)} s | — | |`,
    );
  const m = meta.machine;
  return [
    `Measured ${meta.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.platform}, Node ${m.node}; load average ${meta.loadBefore.map((l) => l.toFixed(1)).join(' ')} before and ${meta.loadAfter.map((l) => l.toFixed(1)).join(' ')} after (other work shared the machine).`,
    '',
    '| benchmark | measured | target | |',
    '|---|---|---|---|',
    ...rows,
    '',
    'Commands (each writes `results/<name>.json`; `npm run bench` runs them all and rewrites this table):',
    '',
    '```sh',
    'node --expose-gc --import tsx bench/decisions.bench.ts --decisions 60000',
    'npx tsx bench/http.bench.ts --seconds 8',
    'npx tsx bench/ingestion.bench.ts --events 30000',
    'npx tsx bench/reports.bench.ts --events=300000 --days=7 --iterations=50 --dialects=sqlite',
    'npx tsx bench/simulator.bench.ts',
    '```',
  ].join('\n');
}

const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)} %`;

/** Pacing and auction tables of the simulations, and their charts copied next to the document. */
export function renderSimulations(simulations: unknown[]): string {
  const out: string[] = [];
  mkdirSync(join('docs', 'benchmarks'), { recursive: true });
  for (const value of simulations as SimulationResult[]) {
    const name = value.scenario.name;
    out.push(
      `#### ${name} (seed ${value.seed}, ${value.scenario.startDate}, ${value.scenario.days} day(s), ${fmt(value.pages)} feed pages)`,
      '',
      '| run (same traffic) | spend/budget min · median | ad group-days in 98–100 % | max overspend (billed + unbilled) | hourly NRMSE median · max | NRMSE above noise floor, median | 95 % spent by (median) |',
      '|---|---|---|---|---|---|---|',
    );
    for (const p of value.pacing) {
      out.push(
        `| ${p.label} | ${pct(p.spendShareMin, 0)} · ${pct(p.spendShareMedian, 0)} | ${p.inTargetBand}/${p.groupDays} | ${pct(p.overspendMax, 2)} | ${pct(p.nrmseMedian, 0)} · ${pct(p.nrmseMax, 0)} | ${pct(p.excessNrmseMedian, 0)} | ${p.hoursTo95Median === null ? '—' : `${p.hoursTo95Median} h`} |`,
      );
    }
    const s = value.selection;
    if (s) {
      const x = (v: number | null) => (v === null ? 'n/a' : `×${v.toFixed(2)}`);
      out.push(
        '',
        `Auction vs random choice among eligible ads, same traffic and pacing: advertiser results per unit spend **${x(s.resultsPerSpendRatio)}** (geometric mean over ${s.groupsCompared} ad groups), results per impression ${x(s.resultsPerImpressionRatio)}; viewer engagement rate (likes, comments, shares, follows per impression) **${x(s.engagementRateRatio)}**, CTR ${x(s.ctrRatio)}, 6-second view rate ${x(s.viewRate6sRatio)}.`,
      );
    }
    const charts: string[] = [];
    for (const chart of ['spend-curves', 'pacing', 'delivery']) {
      const from = join(RESULTS_DIR, 'sim', name, `${chart}.svg`);
      if (!existsSync(from)) continue;
      copyFileSync(from, join('docs', 'benchmarks', `${name}-${chart}.svg`));
      charts.push(`![${name}: ${chart}](benchmarks/${name}-${chart}.svg)`);
    }
    out.push('', ...charts, '');
  }
  return out.join('\n');
}
