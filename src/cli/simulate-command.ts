import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { ConfigError } from '../config.js';
import { systemClock } from '../domain/clock.js';
import { ALL_VARIANTS, type VariantName } from '../sim/baselines.js';
import { summaryText, writeOutputs } from '../sim/report.js';
import { loadScenario, ScenarioError } from '../sim/scenario.js';
import { runDbUrl, simulate } from '../sim/simulate.js';
import { HttpTarget } from '../sim/target-http.js';

/** A scenario that cannot be used: printed as is (file, then one line per field), exit code 2. */
class ScenarioProblems extends ConfigError {
  constructor(error: ScenarioError) {
    super(error.problems);
    this.message = error.message;
  }
}

/** `kindling simulate <scenario>`: runs the variants with a progress bar, prints the summary, writes the files. */
export async function simulateCommand(
  reference: string,
  flags: Record<string, string | undefined>,
): Promise<void> {
  let scenario: ReturnType<typeof loadScenario>;
  try {
    scenario = loadScenario(reference);
  } catch (error) {
    if (error instanceof ScenarioError) throw new ScenarioProblems(error);
    throw error;
  }
  let variants = (flags.variants ?? ALL_VARIANTS.join(','))
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean) as VariantName[];
  if (flags.http) {
    // Throttling and random choice swap parts of the engine: a remote server cannot.
    const remote = variants.filter((v) => v !== 'throttling' && v !== 'random');
    if (remote.length < variants.length)
      process.stderr.write('note: over HTTP only the configured, fast and smooth runs are possible\n');
    variants = remote;
  }
  const unknown = variants.filter((v) => !ALL_VARIANTS.includes(v));
  const problems = unknown.map((v) => `--variants: unknown variant ${v} (use ${ALL_VARIANTS.join(', ')})`);
  if (flags.seed !== undefined && !/^\d+$/.test(flags.seed)) problems.push('--seed: must be a whole number');
  if (flags.http && !flags.token) problems.push('--token: required with --http (the platform token)');
  if (flags.speed !== undefined && !(Number(flags.speed) > 0))
    problems.push('--speed: must be a number above 0 (simulated seconds per real second)');
  if (flags.speed !== undefined && !flags.http) problems.push('--speed: only with --http');
  if (flags.db !== undefined) {
    if (flags.http) problems.push('--db: not with --http (the server has its own database)');
    else if (!flags.db.startsWith('sqlite:'))
      problems.push('--db: sqlite::memory: or sqlite:<file> (the simulator needs a fresh store per run)');
    else
      for (const v of variants) {
        const file = runDbUrl(flags.db, v).slice('sqlite:'.length);
        if (file !== ':memory:' && existsSync(file))
          problems.push(`--db: ${file} (the ${v} run's store) exists: remove it or choose another path`);
      }
  }
  if (unknown.length === 0 && variants.length === 0)
    problems.push('--variants: no run left to do (over HTTP: configured, fast or smooth)');
  if (problems.length > 0) throw new ConfigError(problems);
  const out = flags.out ?? join('results', 'sim', scenario.name);
  const bar = new SingleBar(
    {
      format:
        ' {bar} {percentage}% | run {run}/{runs} {label} | {value}/{total} pages | {eta_formatted} left',
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  let started = false;
  const runTag = systemClock.now().toString(36);
  const run = simulate(scenario, {
    ...(flags.seed !== undefined && { seed: Number(flags.seed) }),
    variants,
    ...(flags.db && { dbUrl: flags.db }),
    ...(flags.http && {
      // Each run creates its own creators and posts: ids and handles get a suffix unique to the run.
      openTarget: async (variant) =>
        new HttpTarget({
          baseUrl: flags.http as string,
          platformToken: flags.token as string,
          tag: `${runTag}${variants.indexOf(variant)}`,
          speed: flags.speed ? Number(flags.speed) : 0,
        }),
    }),
    onProgress: (run, runs, done, total, label) => {
      if (!started) {
        bar.start(total * runs, 0, { run: 1, runs, label });
        started = true;
      }
      bar.update(run * total + done, { run: run + 1, runs, label });
    },
  });
  let result: Awaited<typeof run>;
  try {
    result = await run;
  } catch (error) {
    // A server (or the in-process services) refused part of the world: name the scenario field.
    if (error instanceof ScenarioError)
      throw new ScenarioProblems(new ScenarioError(reference, error.problems, error.headline));
    throw error;
  } finally {
    bar.stop();
  }
  const files = writeOutputs(result, out);
  process.stdout.write(`\n${summaryText(result, files)}`);
}
