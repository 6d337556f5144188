import type { RunSummary } from './metrics.js';
import type { SimulationResult } from './simulate.js';

/**
 * Self-contained SVG charts of a simulation (no library, no script): per ad group spend curves
 * against the ideal, the pacing baselines side by side, and delivery against the traffic.
 */
const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2'];
const FONT = 'font-family="Inter, Helvetica, Arial, sans-serif"';

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

interface Panel {
  x: number;
  y: number;
  width: number;
  height: number;
}

function scale(values: number[]): number {
  const max = Math.max(0, ...values);
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  return Math.ceil(max / magnitude / 0.5) * 0.5 * magnitude;
}

function line(points: number[], panel: Panel, top: number, color: string, width = 1.6, dash = ''): string {
  if (points.length === 0) return '';
  const step = panel.width / Math.max(1, points.length);
  const coords = points
    .map(
      (v, i) =>
        `${(panel.x + (i + 0.5) * step).toFixed(1)},${(panel.y + panel.height - (v / top) * panel.height).toFixed(1)}`,
    )
    .join(' ');
  return `<polyline fill="none" stroke="${color}" stroke-width="${width}"${dash ? ` stroke-dasharray="${dash}"` : ''} points="${coords}"/>`;
}

function bars(values: number[], panel: Panel, top: number, color: string): string {
  const step = panel.width / Math.max(1, values.length);
  return values
    .map((v, i) => {
      const h = (v / top) * panel.height;
      return `<rect x="${(panel.x + i * step + 0.5).toFixed(1)}" y="${(panel.y + panel.height - h).toFixed(1)}" width="${Math.max(0.5, step - 1).toFixed(1)}" height="${h.toFixed(1)}" fill="${color}" opacity="0.55"/>`;
    })
    .join('');
}

function frame(panel: Panel, title: string, top: number, unit: string, hours: number): string {
  const ticks = [0, 6, 12, 18, 24].filter((h) => h <= hours);
  return [
    `<rect x="${panel.x}" y="${panel.y}" width="${panel.width}" height="${panel.height}" fill="#f8fafc" stroke="#cbd5e1"/>`,
    `<text x="${panel.x}" y="${panel.y - 6}" font-size="11" ${FONT} fill="#0f172a">${esc(title)}</text>`,
    `<text x="${panel.x - 4}" y="${panel.y + 8}" font-size="9" ${FONT} fill="#64748b" text-anchor="end">${top >= 100 ? top.toFixed(0) : top.toPrecision(2)}${unit}</text>`,
    `<text x="${panel.x - 4}" y="${panel.y + panel.height}" font-size="9" ${FONT} fill="#64748b" text-anchor="end">0</text>`,
    ...ticks.map(
      (h) =>
        `<text x="${panel.x + (h / hours) * panel.width}" y="${panel.y + panel.height + 11}" font-size="9" ${FONT} fill="#64748b" text-anchor="middle">${h}h</text>`,
    ),
  ].join('');
}

function svg(width: number, height: number, title: string, body: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">
<title>${esc(title)}</title>
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="16" y="24" font-size="15" font-weight="600" ${FONT} fill="#0f172a">${esc(title)}</text>
${body.join('\n')}
</svg>
`;
}

function legend(x: number, y: number, items: [string, string, string?][]): string {
  return items
    .map(([label, color, dash], i) => {
      const lx = x + i * 190;
      return `<line x1="${lx}" y1="${y}" x2="${lx + 22}" y2="${y}" stroke="${color}" stroke-width="2.5"${dash ? ` stroke-dasharray="${dash}"` : ''}/><text x="${lx + 28}" y="${y + 4}" font-size="11" ${FONT} fill="#334155">${esc(label)}</text>`;
    })
    .join('');
}

/** One panel per ad group and day: hourly spend (bars) and the ideal traffic-proportional spend (line). */
export function spendCurvesChart(result: SimulationResult, run: RunSummary): string {
  const panels = run.groups.flatMap((g) => g.days.map((d) => ({ g, d })));
  const columns = 3;
  const pw = 300;
  const ph = 110;
  const rows = Math.ceil(panels.length / columns);
  const width = 60 + columns * (pw + 50);
  const height = 70 + rows * (ph + 52);
  const body: string[] = [
    legend(16, 44, [
      ['hourly spend', '#2563eb'],
      ['ideal (traffic-proportional)', '#dc2626', '4 3'],
    ]),
  ];
  panels.forEach(({ g, d }, i) => {
    const panel = {
      x: 50 + (i % columns) * (pw + 50),
      y: 80 + Math.floor(i / columns) * (ph + 52),
      width: pw,
      height: ph,
    };
    const spend = d.hourlySpend.map((v) => v / 1e6);
    const ideal = d.hourlyIdeal.map((v) => v / 1e6);
    const top = scale([...spend, ...ideal]);
    const name = g.label.split(' / ').slice(-1)[0] ?? g.label;
    const title = `${name} · ${g.billingEvent} · ${(d.spendShare * 100).toFixed(1)} % · NRMSE ${(d.nrmse * 100).toFixed(0)} %`;
    body.push(
      frame(panel, title.length > 58 ? `${title.slice(0, 57)}…` : title, top, ` ${g.currency}`, spend.length),
    );
    body.push(bars(spend, panel, top, '#2563eb'), line(ideal, panel, top, '#dc2626', 1.6, '4 3'));
  });
  return svg(width, height, `${result.scenario.name}: spend per local hour vs ideal (${run.label})`, body);
}

/** Spend of every ad group per hour, summed and normalized by total budget, for each pacing variant. */
export function pacingChart(result: SimulationResult): string {
  const runs = result.runs.filter((r) => r.variant !== 'random');
  const width = 760;
  const height = 330;
  const panel = { x: 60, y: 80, width: 660, height: 200 };
  const series = runs.map((run) => {
    const hours = Math.max(...run.groups.flatMap((g) => g.days.map((d) => d.hourlySpend.length)));
    const sum = new Array<number>(hours).fill(0);
    const ideal = new Array<number>(hours).fill(0);
    let budget = 0;
    for (const g of run.groups)
      for (const d of g.days) {
        budget += d.budget;
        d.hourlySpend.forEach((v, h) => {
          sum[h] = (sum[h] as number) + v;
        });
        d.hourlyIdeal.forEach((v, h) => {
          ideal[h] = (ideal[h] as number) + v;
        });
      }
    return { run, spend: sum.map((v) => (100 * v) / budget), ideal: ideal.map((v) => (100 * v) / budget) };
  });
  const ideal = series[0]?.ideal ?? [];
  const top = scale([...ideal, ...series.flatMap((s) => s.spend)]);
  const body = [
    legend(16, 44, [
      ['ideal', '#0f172a', '4 3'],
      ...series.slice(0, 3).map((s, i) => [s.run.variant, COLORS[i] as string] as [string, string]),
    ]),
    series.length > 3
      ? legend(
          16,
          62,
          series.slice(3).map((s, i) => [s.run.variant, COLORS[i + 3] as string]),
        )
      : '',
    frame(panel, '% of all budgets spent per local hour', top, ' %', ideal.length),
    line(ideal, panel, top, '#0f172a', 2, '4 3'),
    ...series.map((s, i) => line(s.spend, panel, top, COLORS[i] as string)),
  ];
  return svg(width, height, `${result.scenario.name}: pacing, same traffic`, body);
}

/** Per ad group: spend share of budget in each variant (bars), with the 98–100 % band. */
export function deliveryChart(result: SimulationResult): string {
  const runs = result.runs;
  const groups = runs[0]?.groups ?? [];
  const rowHeight = 16 * runs.length + 14;
  const width = 820;
  const height = 90 + groups.length * rowHeight;
  const x0 = 300;
  const span = 460;
  const body: string[] = [
    legend(
      16,
      44,
      runs.slice(0, 3).map((r, i) => [r.variant, COLORS[i] as string]),
    ),
  ];
  if (runs.length > 3)
    body.push(
      legend(
        16,
        60,
        runs.slice(3).map((r, i) => [r.variant, COLORS[i + 3] as string]),
      ),
    );
  const at = (share: number) => x0 + (Math.min(share, 1.25) / 1.25) * span;
  body.push(
    `<rect x="${at(0.98)}" y="70" width="${at(1) - at(0.98)}" height="${height - 80}" fill="#bbf7d0"/>`,
    `<text x="${at(1)}" y="${height - 4}" font-size="9" ${FONT} fill="#166534" text-anchor="middle">100 %</text>`,
  );
  groups.forEach((g, gi) => {
    const y = 76 + gi * rowHeight;
    body.push(
      `<text x="${x0 - 8}" y="${y + 10}" font-size="10" ${FONT} fill="#0f172a" text-anchor="end">${esc(g.label.length > 48 ? `${g.label.slice(0, 47)}…` : g.label)}</text>`,
    );
    runs.forEach((run, ri) => {
      const day = run.groups[gi]?.days;
      const share = day
        ? day.reduce((s, d) => s + d.billed, 0) /
          Math.max(
            1,
            day.reduce((s, d) => s + d.budget, 0),
          )
        : 0;
      body.push(
        `<rect x="${x0}" y="${y + ri * 16}" width="${(at(share) - x0).toFixed(1)}" height="12" fill="${COLORS[ri % COLORS.length]}" opacity="0.8"/>`,
        `<text x="${at(share) + 4}" y="${y + ri * 16 + 10}" font-size="9" ${FONT} fill="#334155">${(share * 100).toFixed(1)} %</text>`,
      );
    });
  });
  return svg(width, height, `${result.scenario.name}: budget delivered per ad group and variant`, body);
}
