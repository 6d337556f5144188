/**
 * Simulator throughput: simulated events (feed decisions + the events viewers report) per second
 * of wall-clock time, through the real services, engine and event pipeline in process, on the
 * smoke-test scenario (one run, as configured).
 *
 *   npx tsx bench/simulator.bench.ts [--scenario smoke-test]
 */
import { loadScenario } from '../src/sim/scenario.js';
import { simulate } from '../src/sim/simulate.js';
import { flag, fmt, printTable, writeResults } from './support.js';

export async function main() {
  const name = flag('scenario', 'smoke-test');
  const result = await simulate(loadScenario(name), { variants: ['configured'] });
  const run = result.runs[0];
  if (!run) throw new Error('no run');
  const row = {
    scenario: name,
    pages: run.requests,
    adsServed: run.adsServed,
    eventsReported: run.eventsSent,
    simulatedEvents: run.requests + run.eventsSent,
    seconds: run.wallMs / 1000,
    eventsPerSecond: run.eventsPerSecond,
    simulatedDayInSeconds: run.wallMs / 1000 / result.scenario.days,
  };
  printTable(
    'Simulator throughput (in process, one run)',
    ['scenario', 'feed pages', 'ads served', 'events reported', 'wall s', 'simulated events/s'],
    [
      [
        name,
        fmt(row.pages),
        fmt(row.adsServed),
        fmt(row.eventsReported),
        fmt(row.seconds, 1),
        fmt(row.eventsPerSecond),
      ],
    ],
  );
  process.stdout.write(`\nwritten ${writeResults('simulator', row)}\n`);
  return row;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
