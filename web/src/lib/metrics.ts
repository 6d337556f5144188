import { formatInteger, formatMoney } from './format';

/** Report metrics by TikTok's names, how they read, and how their string values are shown. */
export type MetricKind = 'money' | 'count' | 'percent' | 'ratio';

export interface MetricDef {
  label: string;
  kind: MetricKind;
  /** One line for a tooltip. */
  description: string;
}

export const METRICS: Record<string, MetricDef> = {
  spend: { label: 'Spend', kind: 'money', description: 'What delivery cost, billed at the auction price.' },
  impressions: { label: 'Impressions', kind: 'count', description: 'Times the ad was shown.' },
  reach: { label: 'Reach', kind: 'count', description: 'Distinct viewers (per day or longer).' },
  frequency: { label: 'Frequency', kind: 'ratio', description: 'Impressions per viewer reached.' },
  clicks: { label: 'Clicks', kind: 'count', description: 'Taps on the call-to-action button.' },
  ctr: { label: 'CTR', kind: 'percent', description: 'Clicks per impression.' },
  cpm: { label: 'CPM', kind: 'money', description: 'Cost per 1,000 impressions.' },
  cpc: { label: 'CPC', kind: 'money', description: 'Cost per click.' },
  result: {
    label: 'Results',
    kind: 'count',
    description: 'What each ad group optimizes for (its goal): follows, clicks, 6-second views…',
  },
  cost_per_result: { label: 'Cost per result', kind: 'money', description: 'Spend per result.' },
  result_rate: { label: 'Result rate', kind: 'percent', description: 'Results per impression.' },
  likes: { label: 'Paid likes', kind: 'count', description: 'Likes the ads earned, on the original post.' },
  comments: { label: 'Paid comments', kind: 'count', description: 'Comments the ads earned.' },
  shares: { label: 'Paid shares', kind: 'count', description: 'Shares the ads earned.' },
  follows: { label: 'Paid follows', kind: 'count', description: 'Follows of the creator the ads earned.' },
  profile_visits: {
    label: 'Profile visits',
    kind: 'count',
    description: 'Visits of the creator’s profile from the ads.',
  },
  engagements: {
    label: 'Engagements',
    kind: 'count',
    description: 'Clicks, likes, comments, shares, follows and profile visits.',
  },
  engagement_rate: { label: 'Engagement rate', kind: 'percent', description: 'Engagements per impression.' },
  video_play_actions: { label: 'Video plays', kind: 'count', description: 'Times the video started.' },
  video_watched_2s: { label: '2-second views', kind: 'count', description: 'Views of at least 2 seconds.' },
  video_watched_6s: { label: '6-second views', kind: 'count', description: 'Views of at least 6 seconds.' },
  video_views_p100: { label: 'Complete views', kind: 'count', description: 'Views to the end.' },
  conversion: { label: 'Conversions', kind: 'count', description: 'Conversions reported with the click id.' },
};

export const metricLabel = (key: string) => METRICS[key]?.label ?? key;

/** A report value (a string, TikTok style) as a number; null when undefined. */
export function metricNumber(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** A report value as the screen shows it: money in the currency, counts grouped, rates in percent. */
export function formatMetric(key: string, value: string | null | undefined, currency: string): string {
  if (value === null || value === undefined || value === '') return '—';
  switch (METRICS[key]?.kind) {
    case 'money':
      return formatMoney(value, currency);
    case 'percent':
      return `${new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Number(value))}%`;
    case 'ratio':
      return new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(Number(value));
    default:
      return formatInteger(Number(value));
  }
}

/** The same for a number (chart axes): money and counts compact when large. */
export function formatMetricNumber(key: string, value: number, currency: string): string {
  const kind = METRICS[key]?.kind;
  if (kind === 'money') {
    if (Math.abs(value) >= 10_000)
      return new Intl.NumberFormat(undefined, {
        style: 'currency',
        currency,
        currencyDisplay: 'narrowSymbol',
        notation: 'compact',
      }).format(value);
    return new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency,
      currencyDisplay: 'narrowSymbol',
      maximumFractionDigits: value !== 0 && Math.abs(value) < 1 ? 4 : 2,
    }).format(value);
  }
  if (kind === 'percent')
    return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(value)}%`;
  if (kind === 'ratio') return new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(value);
  return Math.abs(value) >= 10_000
    ? new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 }).format(value)
    : new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(value);
}

// ---------------------------------------------------------------- local dates (the account's time zone)

/** "2026-11-26" of `date` in `timeZone`. */
export function localDate(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** A local date moved by `days` (calendar arithmetic, no time zone involved). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
  return date.toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
export function daysInRange(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

export const isDay = (text: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));

/** Every point of a range: days ("2026-11-26 00:00:00") or hours, as the report names them. */
export function rangePoints(from: string, to: string, hourly: boolean): string[] {
  const out: string[] = [];
  const days = Math.min(daysInRange(from, to), 366);
  for (let i = 0; i < days; i++) {
    const day = addDays(from, i);
    if (!hourly) out.push(`${day} 00:00:00`);
    else for (let h = 0; h < 24; h++) out.push(`${day} ${String(h).padStart(2, '0')}:00:00`);
  }
  return out;
}

const shortDay = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const longDay = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "26 Nov" (or "14:00" for an hour) from a report's "2026-11-26 14:00:00". */
export function pointLabel(point: string, hourly: boolean, long = false): string {
  const [day = '', time = ''] = point.split(' ');
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return point;
  if (hourly) return long ? `${longDay.format(date)}, ${time.slice(0, 5)}` : time.slice(0, 5);
  return long ? longDay.format(date) : shortDay.format(date);
}
