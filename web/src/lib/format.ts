/** Display formatting: money from decimal strings, counts, and times in a given IANA time zone. */

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** "1200.00" EUR → "€1,200.00". The decimal string is formatted exactly (no float round trip). */
export function formatMoney(amount: string | null | undefined, currency: string): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  let format = moneyFormats.get(currency);
  if (!format) {
    try {
      format = new Intl.NumberFormat(undefined, {
        style: 'currency',
        currency,
        currencyDisplay: 'narrowSymbol',
      });
    } catch {
      return `${amount} ${currency}`;
    }
    moneyFormats.set(currency, format);
  }
  return format.format(amount as Intl.StringNumericLiteral);
}

/** The currency's symbol alone ("€"), for input adornments. */
export function currencySymbol(currency: string): string {
  try {
    const parts = new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency,
      currencyDisplay: 'narrowSymbol',
    }).formatToParts(0);
    return parts.find((p) => p.type === 'currency')?.value ?? currency;
  } catch {
    return currency;
  }
}

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat();

export const formatCount = (n: number) => (Math.abs(n) >= 1_000 ? compact.format(n) : whole.format(n));
export const formatInteger = (n: number) => whole.format(n);
export const formatPercent = (ratio: number, digits = 1) =>
  new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: digits }).format(ratio);

/** The browser's own zone, for people (creators) whose times are not an ad account's. */
export const localTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

function formatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(undefined, { ...options, timeZone });
  } catch {
    return new Intl.DateTimeFormat(undefined, { ...options, timeZone: 'UTC' });
  }
}

export function formatDate(iso: string, timeZone = localTimeZone): string {
  return formatter(timeZone, { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(iso));
}

export function formatDateTime(iso: string, timeZone = localTimeZone, withZone = false): string {
  return formatter(timeZone, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...(withZone && { timeZoneName: 'short' }),
  }).format(new Date(iso));
}

/** "CET" / "GMT+1" for a zone at a moment, to label times. */
export function zoneAbbreviation(timeZone: string, at: Date = new Date()): string {
  const part = formatter(timeZone, { timeZoneName: 'short' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "3 minutes ago", "in 2 days". */
export function formatRelative(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour');
  if (abs < 30 * 86_400) return relative.format(Math.round(seconds / 86_400), 'day');
  return formatDate(iso);
}

const ISO_IN_TEXT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z\b/g;

/** Server sentences embed UTC instants ("…starts at 2026-11-25T23:00:00.000Z."); show them in `timeZone`. */
export function localizeTimes(text: string, timeZone = localTimeZone): string {
  return text.replace(ISO_IN_TEXT, (iso) => formatDateTime(iso, timeZone, true));
}

/** The wall-clock time of `date` in `timeZone` as a datetime-local value ("2026-12-01T08:00"). */
export function wallClock(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    formatter(timeZone, {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** "2026-12-01T08:00" (wall clock) → "1 Dec 2026, 08:00". */
export function formatWallClock(value: string): string {
  const [date, time] = value.split('T');
  if (!date || !time) return value;
  const [y, m, d] = date.split('-').map(Number);
  const label = new Intl.DateTimeFormat(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)));
  return `${label}, ${time.slice(0, 5)}`;
}

export function pluralize(n: number, one: string, many = `${one}s`): string {
  return `${formatInteger(n)} ${n === 1 ? one : many}`;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

/** Exact sum of decimal strings ("12.50" + "0.25" → "12.75"), through integer micros. */
export function sumMoney(amounts: readonly string[]): string {
  let micros = 0n;
  for (const amount of amounts) {
    const [units = '0', fraction = ''] = amount.split('.');
    micros += BigInt(units) * 1_000_000n + BigInt(fraction.padEnd(6, '0').slice(0, 6) || '0');
  }
  const units = micros / 1_000_000n;
  const fraction = (micros % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
  return fraction ? `${units}.${fraction}` : `${units}`;
}
