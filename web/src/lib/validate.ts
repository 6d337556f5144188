import type { FieldError } from '../api/types';

/**
 * Client-side checks that mirror the API's schema rules, so most mistakes are caught before a round
 * trip. Business rules the browser cannot know (minimum budgets, blocked domains) come back from the
 * API as problem+json field errors and are shown the same way.
 */
export class Checks {
  readonly errors: FieldError[] = [];

  add(field: string, message: string, code = 'INVALID'): this {
    this.errors.push({ field, code, message });
    return this;
  }

  required(field: string, value: string, message = 'is required'): this {
    if (value.trim() === '') this.add(field, message, 'REQUIRED');
    return this;
  }

  /** The API's Money pattern, and more than zero. */
  money(field: string, value: string, label = 'an amount'): this {
    const text = value.trim();
    if (text === '') return this.add(field, `Enter ${label}`, 'REQUIRED');
    if (!/^\d{1,16}(\.\d{1,6})?$/.test(text)) return this.add(field, 'Use a number such as 40.00');
    if (Number(text) <= 0) this.add(field, 'Must be greater than 0');
    return this;
  }

  integer(field: string, value: number | string, min: number, max: number): this {
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isInteger(n) || n < min || n > max)
      this.add(field, `Enter a whole number from ${min} to ${max}`);
    return this;
  }

  httpsUrl(field: string, value: string): this {
    const text = value.trim();
    if (text === '') return this.add(field, 'Enter the landing page address', 'REQUIRED');
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return this.add(field, 'Enter a full address such as https://shop.example/shoes');
    }
    if (url.protocol !== 'https:') return this.add(field, 'Landing pages must use https://', 'NOT_HTTPS');
    if (!url.hostname.includes('.')) this.add(field, 'The address needs a domain such as shop.example');
    return this;
  }

  get ok(): boolean {
    return this.errors.length === 0;
  }
}

/** Errors for `field` and its nested fields (`targeting.countries[0]` belongs to `targeting.countries`). */
export function errorsFor(errors: readonly FieldError[], field: string): FieldError[] {
  return errors.filter(
    (e) => e.field === field || e.field.startsWith(`${field}.`) || e.field.startsWith(`${field}[`),
  );
}
