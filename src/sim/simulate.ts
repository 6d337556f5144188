import { extname } from 'node:path';
import { ALL_VARIANTS, VARIANTS, type VariantName } from './baselines.js';
import { compareSelection, type RunSummary, summarize } from './metrics.js';
import { prepare, runVariant } from './runner.js';
import type { Scenario } from './scenario-schema.js';
import type { SimTarget } from './target.js';
import { InProcessTarget } from './target-inprocess.js';

/**
 * A whole simulation: the same traffic replayed once per variant (the scenario as configured and
 * the baselines), each on a fresh system, then the comparisons the benchmarks report.
 */
export interface SimulationOptions {
  seed?: number;
  variants?: VariantName[];
  /** sqlite::memory: (default) or sqlite:<file> for the in-process store (one file per run: runDbUrl). */
  dbUrl?: string;
  /** Another target (HTTP) instead of the in-process system. */
  openTarget?: (variant: VariantName) => Promise<SimTarget>;
  /** Called as runs progress: run index, pages done, pages in a run. */
  onProgress?: (run: number, runs: number, pagesDone: number, pagesTotal: number, label: string) => void;
}

export interface PacingComparison {
  variant: string;
  label: string;
  spendShareMin: number;
  spendShareMedian: number;
  inTargetBand: number;
  groupDays: number;
  overspendMax: number;
  nrmseMedian: number;
  nrmseMax: number;
  excessNrmseMedian: number;
  hoursTo95Median: number | null;
}

export interface SimulationResult {
  scenario: { name: string; description: string | undefined; days: number; startDate: string };
  seed: number;
  window: { from: string; to: string };
  sessions: number;
  pages: number;
  runs: RunSummary[];
  pacing: PacingComparison[];
  selection: ReturnType<typeof compareSelection> | null;
  target: string;
}

/**
 * The store of one run. Every run needs a fresh system: an ad group left by another run would be
 * loaded by the engine and compete. A file `sqlite:runs/k.db` becomes `sqlite:runs/k.<variant>.db`.
 */
export function runDbUrl(dbUrl: string, variant: VariantName): string {
  if (!dbUrl.startsWith('sqlite:') || dbUrl === 'sqlite::memory:') return dbUrl;
  const path = dbUrl.slice('sqlite:'.length);
  const ext = extname(path);
  return `sqlite:${ext ? path.slice(0, -ext.length) : path}.${variant}${ext}`;
}

export async function simulate(
  scenario: Scenario,
  options: SimulationOptions = {},
): Promise<SimulationResult> {
  const seed = options.seed ?? scenario.seed ?? 1;
  const prepared = prepare(scenario, seed);
  const names = options.variants ?? ALL_VARIANTS;
  const runs: RunSummary[] = [];
  let targetDescription = '';
  for (const [i, name] of names.entries()) {
    const variant = VARIANTS[name];
    const target = options.openTarget
      ? await options.openTarget(name)
      : await InProcessTarget.open(
          {
            seed,
            start: prepared.setupAt,
            trafficPrior: prepared.traffic.expectedUtcCurve(
              Math.floor(prepared.from / 86_400_000) * 86_400_000,
            ),
            ...(options.dbUrl && { dbUrl: runDbUrl(options.dbUrl, name) }),
          },
          variant,
        );
    targetDescription = target.description;
    try {
      const log = await runVariant(prepared, target, variant, (done) =>
        options.onProgress?.(i, names.length, done, prepared.pages, variant.label),
      );
      runs.push(summarize(scenario, log));
    } finally {
      await target.close();
    }
  }
  const byName = new Map(runs.map((r) => [r.variant, r]));
  const auction = byName.get('configured');
  const random = byName.get('random');
  return {
    scenario: {
      name: scenario.name,
      description: scenario.description,
      days: scenario.days,
      startDate: scenario.start_date,
    },
    seed,
    window: { from: new Date(prepared.from).toISOString(), to: new Date(prepared.to).toISOString() },
    sessions: prepared.sessions.length,
    pages: prepared.pages,
    runs,
    pacing: runs
      .filter((r) => r.variant !== 'random')
      .map((r) => ({
        variant: r.variant,
        label: r.label,
        spendShareMin: r.totals.spendShareMin,
        spendShareMedian: r.totals.spendShareMedian,
        inTargetBand: r.totals.inTargetBand,
        groupDays: r.totals.groupDays,
        overspendMax: r.totals.overspendMax,
        nrmseMedian: r.totals.nrmseMedian,
        nrmseMax: r.totals.nrmseMax,
        excessNrmseMedian: r.totals.excessNrmseMedian,
        hoursTo95Median: r.totals.hoursTo95Median,
      })),
    selection: auction && random ? compareSelection(auction, random) : null,
    target: targetDescription,
  };
}
