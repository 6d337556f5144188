import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { currencyDigits } from '../domain/money.js';
import { deliveryChart, pacingChart, spendCurvesChart } from './charts.js';
import type { RunSummary } from './metrics.js';
import type { SimulationResult } from './simulate.js';

/** Writes a simulation's JSON and charts, and renders its one-screen terminal summary. */
export function writeOutputs(result: SimulationResult, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const files: [string, string][] = [[join(dir, 'result.json'), `${JSON.stringify(result, null, 2)}\n`]];
  const configured = result.runs.find((r) => r.variant === 'configured') ?? result.runs[0];
  if (configured) files.push([join(dir, 'spend-curves.svg'), spendCurvesChart(result, configured)]);
  if (result.runs.length > 1) files.push([join(dir, 'pacing.svg'), pacingChart(result)]);
  files.push([join(dir, 'delivery.svg'), deliveryChart(result)]);
  for (const [file, content] of files) writeFileSync(file, content);
  return files.map(([file]) => file);
}

const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)} %`;
const money = (micros: number) => (micros / 1e6).toFixed(2);

function pad(cells: string[], widths: number[]): string {
  return cells
    .map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number)))
    .join('  ');
}

function groupRows(run: RunSummary): string[] {
  const widths = [34, 6, 5, 8, 7, 13, 8, 7, 6, 9, 9, 7];
  const header = pad(
    [
      'ad group',
      'pacing',
      'bill',
      'spend',
      'over',
      'NRMSE (floor)',
      'impr.',
      'reach',
      'CTR',
      'results',
      'cost/res',
      'win',
    ],
    widths,
  );
  const rows = run.groups.map((g) => {
    const billed = g.days.reduce((s, d) => s + d.billed, 0);
    const budget = g.days.reduce((s, d) => s + d.budget, 0);
    const over = Math.max(...g.days.map((d) => d.overspend));
    const nrmse = g.days.reduce((s, d) => s + d.nrmse, 0) / g.days.length;
    const floor = g.days.reduce((s, d) => s + d.nrmseFloor, 0) / g.days.length;
    const name = g.label.split(' / ').slice(-1)[0] ?? g.label;
    return pad(
      [
        name.length > 34 ? `${name.slice(0, 33)}…` : name,
        g.pacing.replace('PACING_MODE_', '').toLowerCase(),
        g.billingEvent,
        pct(billed / Math.max(1, budget)),
        pct(over, 2),
        `${pct(nrmse, 0)} (${pct(floor, 0)})`,
        String(g.counts.impression ?? 0),
        String(g.reach),
        pct(g.ctr, 2),
        String(g.results),
        g.costPerResult === null ? '-' : money(g.costPerResult),
        pct(g.winRate, 0),
      ],
      widths,
    );
  });
  return [header, ...rows];
}

export function summaryText(result: SimulationResult, files: string[]): string {
  const lines: string[] = [];
  const first = result.runs[0];
  lines.push(
    `Kindling simulation: ${result.scenario.name} (seed ${result.seed}), ${result.scenario.startDate}, ${result.scenario.days} day(s), ${result.target}`,
    `${result.pages.toLocaleString('en-US')} feed pages from ${result.sessions.toLocaleString('en-US')} sessions; ${first?.groups.length ?? 0} ad groups`,
    '',
  );
  const widths = [34, 15, 10, 10, 20, 12];
  lines.push(
    pad(
      [
        'pacing (same traffic)',
        'spend min/med',
        'in 98–100',
        'max over',
        'NRMSE med/max (exc.)',
        '95 % spent',
      ],
      widths,
    ),
  );
  for (const p of result.pacing) {
    lines.push(
      pad(
        [
          p.label,
          `${pct(p.spendShareMin, 0)}/${pct(p.spendShareMedian, 0)}`,
          `${p.inTargetBand}/${p.groupDays}`,
          pct(p.overspendMax, 2),
          `${pct(p.nrmseMedian, 0)}/${pct(p.nrmseMax, 0)} (${pct(p.excessNrmseMedian, 0)})`,
          p.hoursTo95Median === null ? '-' : `${p.hoursTo95Median} h`,
        ],
        widths,
      ),
    );
  }
  lines.push(
    'targets with enough traffic (smooth): spend 98–100 % of budget; delivered (billed + unbilled) ≤ budget + 0.5 %; hourly NRMSE ≤ 5 %',
    '(exc.: NRMSE above the noise floor a perfect pacer would show, since billing events are discrete)',
    '',
  );
  if (result.selection) {
    const s = result.selection;
    const x = (v: number | null) => (v === null ? 'n/a' : `×${v.toFixed(2)}`);
    lines.push(
      `auction vs random choice: advertiser results per unit spend ${x(s.resultsPerSpendRatio)} (geometric mean over ${s.groupsCompared} ad groups), results per impression ${x(s.resultsPerImpressionRatio)}`,
      `  viewer engagement rate ${x(s.engagementRateRatio)}, CTR ${x(s.ctrRatio)}, 6-second view rate ${x(s.viewRate6sRatio)}`,
      '',
    );
  }
  const configured = result.runs.find((r) => r.variant === 'configured') ?? first;
  if (configured) {
    lines.push(`ad groups (${configured.label}), day average:`, ...groupRows(configured), '');
  }
  const checked = result.runs.filter((r) => !r.exactSpend);
  if (checked.length > 0) {
    // Over HTTP spend is estimated from token prices: compare it with what the server stored.
    const gaps = checked.map((r) => {
      const compared = r.groups.filter((g) => g.storedSpendMicros !== null);
      const worst = Math.max(
        0,
        ...compared.map((g) => {
          // The API rounds spend to the currency's precision: only a gap beyond that counts.
          const rounding = 10 ** (6 - currencyDigits(g.currency)) / 2;
          const billed = g.days.reduce((s, d) => s + d.billed, 0);
          const gap = Math.max(0, Math.abs(billed - (g.storedSpendMicros as number)) - rounding);
          return gap / Math.max(1, billed);
        }),
      );
      return `${r.variant} ${compared.length}/${r.groups.length} ad groups, largest gap ${pct(worst, 2)}`;
    });
    lines.push(
      `spend is estimated from the prices in the tracking tokens; against what the server stored (beyond rounding): ${gaps.join('; ')}`,
      '',
    );
  }
  const speed = result.runs.map(
    (r) =>
      `${r.variant} ${Math.round(r.eventsPerSecond).toLocaleString('en-US')}/s in ${(r.wallMs / 1000).toFixed(0)} s`,
  );
  lines.push(`simulated events (decisions + reported events) per second: ${speed.join(', ')}`);
  if (files.length > 0) lines.push(`written: ${files.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
