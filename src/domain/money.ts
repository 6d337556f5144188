/**
 * Money is an integer number of micros (1/1,000,000 of the currency unit) inside Kindling and a
 * decimal string with the currency's precision outside. No floating point touches an amount.
 * Micros stay below Number.MAX_SAFE_INTEGER (≈ 9.0e9 currency units), far above any budget.
 */
export type Micros = number;

export const MICROS_PER_UNIT = 1_000_000;
const MAX_MICROS = Number.MAX_SAFE_INTEGER;

const supportedCurrencies = new Set(Intl.supportedValuesOf('currency'));
const digitsCache = new Map<string, number>();

export function isSupportedCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && supportedCurrencies.has(code);
}

/** Number of decimal places the currency allows (ISO 4217 minor unit): USD 2, JPY 0, KWD 3. */
export function currencyDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits as number;
    digitsCache.set(currency, digits);
  }
  return digits;
}

export type ParseMoneyResult =
  | { ok: true; micros: Micros }
  | { ok: false; code: 'INVALID_FORMAT' | 'TOO_PRECISE' | 'OUT_OF_RANGE'; message: string };

/**
 * Parses a decimal string ("40", "40.5", "40.50") in `currency` into micros.
 * Refuses exponents, signs other than a leading minus, and more decimals than the currency allows.
 */
export function parseMoney(
  text: string,
  currency: string,
  /** anyPrecision: accept up to 6 decimals whatever the currency (platform-wide minimums). */
  options: { allowNegative?: boolean; anyPrecision?: boolean } = {},
): ParseMoneyResult {
  const match = /^(-)?(\d{1,16})(?:\.(\d{1,6}))?$/.exec(text);
  if (!match) {
    return { ok: false, code: 'INVALID_FORMAT', message: `"${text}" is not a decimal amount like "40.00"` };
  }
  const [, minus, whole = '0', fraction = ''] = match;
  if (minus && !options.allowNegative) {
    return { ok: false, code: 'OUT_OF_RANGE', message: 'must not be negative' };
  }
  const digits = currencyDigits(currency);
  const significantFraction = fraction.replace(/0+$/, '');
  if (significantFraction.length > digits && !options.anyPrecision) {
    return {
      ok: false,
      code: 'TOO_PRECISE',
      message: `${currency} allows ${digits} decimal place${digits === 1 ? '' : 's'}`,
    };
  }
  const micros = Number(whole) * MICROS_PER_UNIT + Number(fraction.padEnd(6, '0'));
  if (!Number.isSafeInteger(micros) || micros > MAX_MICROS) {
    return { ok: false, code: 'OUT_OF_RANGE', message: 'amount is too large' };
  }
  return { ok: true, micros: minus ? -micros : micros };
}

/** Formats micros as a decimal string with exactly the currency's precision, rounding half away from zero. */
export function formatMoney(micros: Micros, currency: string): string {
  assertMicros(micros);
  const digits = currencyDigits(currency);
  const negative = micros < 0;
  const abs = Math.abs(micros);
  const step = 10 ** (6 - digits);
  const rounded = Math.floor((abs + Math.floor(step / 2)) / step) * step;
  const whole = Math.floor(rounded / MICROS_PER_UNIT);
  const fraction = String(rounded % MICROS_PER_UNIT)
    .padStart(6, '0')
    .slice(0, digits);
  const body = digits > 0 ? `${whole}.${fraction}` : String(whole);
  return negative && rounded !== 0 ? `-${body}` : body;
}

export function unitsToMicros(units: number): Micros {
  const micros = units * MICROS_PER_UNIT;
  assertMicros(micros);
  return micros;
}

export function assertMicros(value: number): asserts value is Micros {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer amount of micros: ${value}`);
}

/** value × numerator / denominator, rounded down: exact for integer micros within range. */
export function mulDivFloor(value: Micros, numerator: number, denominator: number): Micros {
  const product = BigInt(value) * BigInt(numerator);
  const divisor = BigInt(denominator);
  const quotient = product / divisor;
  // BigInt division truncates towards zero; floor differs when the signs differ and it is inexact.
  const truncated = product % divisor !== 0n && product < 0n !== divisor < 0n;
  return Number(truncated ? quotient - 1n : quotient);
}

/** The price of one impression when a bid is per thousand impressions (CPM), rounded up to a micro. */
export function perImpressionFromCpm(cpmMicros: Micros): Micros {
  return Math.ceil(cpmMicros / 1000);
}
