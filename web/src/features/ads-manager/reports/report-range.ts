import type { FieldError } from '../../../api/types';
import { addDays, daysInRange, isDay, localDate } from '../../../lib/metrics';
import { Checks } from '../../../lib/validate';

export type Preset = 'today' | '7d' | '30d' | 'custom';
export type Granularity = 'day' | 'hour';

export interface RangeForm {
  preset: Preset;
  from: string;
  to: string;
  granularity: Granularity;
}

/** The dates a preset stands for, in the ad account's time zone. */
export function resolveRange(form: RangeForm, timeZone: string): { from: string; to: string } {
  const today = localDate(new Date(), timeZone);
  switch (form.preset) {
    case 'today':
      return { from: today, to: today };
    case '7d':
      return { from: addDays(today, -6), to: today };
    case '30d':
      return { from: addDays(today, -29), to: today };
    case 'custom':
      return { from: form.from, to: form.to };
  }
}

/** The API's date rules (both dates, in order, 365 days daily or 7 days hourly), before asking it. */
export function checkRange(form: RangeForm, range: { from: string; to: string }): FieldError[] {
  const checks = new Checks();
  if (!isDay(range.from)) checks.add('start_date', 'Enter a start date');
  if (!isDay(range.to)) checks.add('end_date', 'Enter an end date');
  if (!checks.ok) return checks.errors;
  const days = daysInRange(range.from, range.to);
  if (days < 1) checks.add('end_date', 'Must not be before the start date');
  else if (form.granularity === 'hour' && days > 7)
    checks.add('end_date', 'Hourly reports cover at most 7 days');
  else if (days > 365) checks.add('end_date', 'Daily reports cover at most 365 days');
  return checks.errors;
}
