/**
 * `npm run bench`: runs every benchmark of the project, each in its own process, then rewrites
 * the measured tables of docs/benchmarks.md (between its markers) with the machine, the date and
 * the commands. A few minutes on two cores.
 *
 *   npm run bench [-- --skip http,reports] [--simulate normal-day,scarce-traffic]
 *
 * `--simulate` also runs `kindling simulate` on those scenarios (all baselines; minutes each);
 * the pacing table otherwise uses the latest results/sim/<scenario>/result.json files.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { renderBenchmarks, renderSimulations } from './render.js';
import { flag, machine, RESULTS_DIR } from './support.js';

interface Step {
  name: string;
  command: string[];
  /** Runs only when this file exists (another part of the project may not be there yet). */
  needs?: string;
}

const STEPS: Step[] = [
  { name: 'decisions', command: ['bench/decisions.bench.ts', '--decisions', '60000'] },
  { name: 'http', command: ['bench/http.bench.ts', '--seconds', '8'] },
  { name: 'ingestion', command: ['bench/ingestion.bench.ts', '--events', '30000'] },
  {
    name: 'reports',
    needs: 'bench/reports.bench.ts',
    command: [
      'bench/reports.bench.ts',
      '--events=300000',
      '--days=7',
      '--iterations=50',
      '--dialects=sqlite',
    ],
  },
  { name: 'simulator', command: ['bench/simulator.bench.ts'] },
];

function run(args: string[]): boolean {
  const started = performance.now();
  process.stdout.write(`\n$ node --expose-gc --import tsx ${args.join(' ')}\n`);
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', ...args], {
    stdio: 'inherit',
  });
  process.stdout.write(`(${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
  return result.status === 0;
}

function readJson(file: string): unknown {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

/** Replaces the text between `<!-- name:start -->` and `<!-- name:end -->` (appends the block if absent). */
export function replaceBlock(document: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${start}\n${content.trim()}\n${end}`;
  const from = document.indexOf(start);
  const to = document.indexOf(end);
  if (from >= 0 && to > from) return `${document.slice(0, from)}${block}${document.slice(to + end.length)}`;
  return `${document.trimEnd()}\n\n${block}\n`;
}

async function main(): Promise<void> {
  const skip = new Set(flag('skip', '').split(',').filter(Boolean));
  const failed: string[] = [];
  const loadBefore = loadavg();
  for (const step of STEPS) {
    if (skip.has(step.name)) continue;
    if (step.needs && !existsSync(step.needs)) {
      process.stdout.write(`\n(skipping ${step.name}: ${step.needs} does not exist)\n`);
      continue;
    }
    if (!run(step.command)) failed.push(step.name);
  }
  for (const scenario of flag('simulate', '').split(',').filter(Boolean)) {
    if (!run(['src/cli/main.ts', 'simulate', scenario])) failed.push(`simulate ${scenario}`);
  }
  const results = Object.fromEntries(
    ['decisions', 'http', 'ingestion', 'ingestion-aggregation', 'reports', 'simulator'].map((n) => [
      n,
      readJson(join(RESULTS_DIR, `${n}.json`)),
    ]),
  );
  const simDir = join(RESULTS_DIR, 'sim');
  const simulations = existsSync(simDir)
    ? readdirSync(simDir)
        .map((name) => readJson(join(simDir, name, 'result.json')))
        .filter((r) => r !== null)
    : [];
  const file = join('docs', 'benchmarks.md');
  let document = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  document = replaceBlock(
    document,
    'bench',
    renderBenchmarks(results, {
      machine: machine(),
      date: new Date().toISOString(),
      loadBefore,
      loadAfter: loadavg(),
    }),
  );
  if (simulations.length > 0) document = replaceBlock(document, 'sim', renderSimulations(simulations));
  writeFileSync(file, document);
  process.stdout.write(`\nrewrote ${file}${failed.length ? `; failed: ${failed.join(', ')}` : ''}\n`);
  if (failed.length > 0) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
