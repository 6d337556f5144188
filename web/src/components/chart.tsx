import 'uplot/dist/uPlot.min.css';
import { type ReactNode, type RefObject, useEffect, useId, useRef } from 'react';
import uPlot from 'uplot';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  /** How values are written in the tooltip, the axis and the table. */
  format: (value: number) => string;
  color?: string;
}

const ACCENT = '#e8512e';
const GRID = 'rgba(27, 25, 22, 0.07)';
const AXIS_TEXT = '#8b867d';
const FONT = '12px "Inter Variable", Inter, system-ui, sans-serif';

/** Reads the width of `ref` and calls `onWidth` when it changes. */
function useWidth(ref: RefObject<HTMLElement | null>, onWidth: (width: number) => void) {
  const callback = useRef(onWidth);
  callback.current = onWidth;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) callback.current(Math.floor(entry.contentRect.width));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
}

/**
 * A time series as bars or an area (uPlot on a canvas), over labelled points (days or hours, already
 * in the account's time zone). Screen readers get the same numbers as a table.
 */
export function TimeChart({
  labels,
  series,
  kind = 'area',
  height = 240,
  title,
  tickLabel = (label) => label,
}: {
  labels: string[];
  series: ChartSeries;
  kind?: 'area' | 'bars';
  height?: number;
  /** Names the chart for screen readers. */
  title: string;
  /** Short axis label of a point ("26 Nov", "14:00"). */
  tickLabel?: (label: string) => string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const tableId = useId();
  // Formatters are usually inline functions: read them through refs, rebuild only when data changes.
  const fmt = useRef(series.format);
  fmt.current = series.format;
  const tick = useRef(tickLabel);
  tick.current = tickLabel;
  const dataKey = JSON.stringify([labels, series.values, series.label, series.color, kind, height]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: dataKey stands for labels, series, kind and height
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const color = series.color ?? ACCENT;
    const xs = labels.map((_, i) => i);
    const ys = series.values.map((v) => (v === null ? null : v));
    const maxY = Math.max(0, ...ys.map((v) => v ?? 0));
    const opts: uPlot.Options = {
      width: Math.max(el.clientWidth, 200),
      height,
      padding: [12, 8, 0, 0],
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { size: 8, fill: color } },
      scales: {
        x: { time: false, range: [-0.6, Math.max(xs.length - 0.4, 0.4)] },
        y: { range: [0, maxY > 0 ? maxY * 1.12 : 1] },
      },
      axes: [
        {
          stroke: AXIS_TEXT,
          font: FONT,
          grid: { show: false },
          ticks: { show: false },
          space: 56,
          values: (_u, splits) =>
            splits.map((i) => (Number.isInteger(i) && labels[i] ? tick.current(labels[i]) : '')),
        },
        {
          stroke: AXIS_TEXT,
          font: FONT,
          size: 64,
          grid: { stroke: GRID, width: 1 },
          ticks: { show: false },
          values: (_u, splits) => splits.map((v) => fmt.current(v)),
        },
      ],
      series: [
        {},
        {
          label: series.label,
          stroke: color,
          width: kind === 'bars' ? 0 : 2,
          fill: kind === 'bars' ? color : `${color}22`,
          points: { show: kind !== 'bars' && labels.length < 40, size: 5, fill: color },
          ...(kind === 'bars' && {
            paths: uPlot.paths.bars?.({ size: [0.6, 36], radius: 0.15 }),
          }),
        },
      ],
      hooks: {
        setCursor: [
          (u) => {
            const idx = u.cursor.idx;
            const tip = el.querySelector<HTMLDivElement>('.chart-tip');
            if (!tip) return;
            const value = idx == null ? null : ys[idx];
            if (idx == null || value === undefined) {
              tip.hidden = true;
              return;
            }
            tip.hidden = false;
            tip.textContent = `${labels[idx] ?? ''} · ${value === null ? '—' : fmt.current(value)}`;
            const left = u.valToPos(idx, 'x');
            tip.style.left = `${Math.min(Math.max(left + u.bbox.left / devicePixelRatio, 60), u.width - 60)}px`;
          },
        ],
      },
    };
    plot.current?.destroy();
    const chart = new uPlot(opts, [xs, ys], el);
    plot.current = chart;
    return () => {
      chart.destroy();
      plot.current = null;
    };
  }, [dataKey]);

  useWidth(box, (width) => {
    if (plot.current && width > 0 && plot.current.width !== width) plot.current.setSize({ width, height });
  });

  return (
    <figure className="chart" aria-labelledby={`${tableId}-title`}>
      <figcaption id={`${tableId}-title`} className="visually-hidden">
        {title}
      </figcaption>
      <div className="chart-canvas" ref={box} aria-hidden style={{ height }}>
        <div className="chart-tip" hidden />
      </div>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <tbody>
          {labels.map((label, i) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{series.values[i] == null ? '—' : series.format(series.values[i] as number)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

export interface BarRow {
  key: string;
  label: ReactNode;
  /** Plain text of the label for screen readers and titles. */
  text: string;
  value: number | null;
}

/** Horizontal bars, largest first, for a breakdown (by campaign, country, age…). */
export function BarList({
  rows,
  format,
  label,
  max = 10,
}: {
  rows: BarRow[];
  format: (value: number) => string;
  label: string;
  max?: number;
}) {
  const sorted = [...rows].sort((a, b) => (b.value ?? -1) - (a.value ?? -1)).slice(0, max);
  const top = Math.max(0, ...sorted.map((r) => r.value ?? 0));
  return (
    <ul className="bar-list" aria-label={label}>
      {sorted.map((r) => (
        <li key={r.key}>
          <div className="bar-list-label">{r.label}</div>
          <div className="bar-list-track" aria-hidden>
            <span style={{ width: `${top > 0 && r.value ? Math.max(1.5, (r.value / top) * 100) : 0}%` }} />
          </div>
          <div className="bar-list-value num">{r.value === null ? '—' : format(r.value)}</div>
        </li>
      ))}
    </ul>
  );
}

/** Two parts of a whole (organic and paid) as one bar with its legend. */
export function SplitBar({
  parts,
  label,
}: {
  parts: { label: string; value: number; tone: 'organic' | 'paid' }[];
  label: string;
}) {
  const total = parts.reduce((s, p) => s + p.value, 0);
  return (
    <div className="split-bar" role="img" aria-label={label}>
      {parts.map((p) => (
        <span
          key={p.label}
          className={p.tone}
          style={{ flexGrow: total > 0 ? p.value : 0, minWidth: p.value > 0 ? 3 : 0 }}
        />
      ))}
    </div>
  );
}
