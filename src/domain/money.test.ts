import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  currencyDigits,
  formatMoney,
  isSupportedCurrency,
  MICROS_PER_UNIT,
  mulDivFloor,
  parseMoney,
  perImpressionFromCpm,
} from './money.js';

const ALL_CURRENCIES = Intl.supportedValuesOf('currency');
const MAX = Number.MAX_SAFE_INTEGER;

/** Exact decimal text of `micros` at `digits` places, rounding half away from zero (BigInt reference). */
function referenceFormat(micros: bigint, digits: number): string {
  const negative = micros < 0n;
  const abs = negative ? -micros : micros;
  const step = 10n ** BigInt(6 - digits);
  const units = (abs + step / 2n) / step; // in minor units
  const scale = 10n ** BigInt(digits);
  const whole = units / scale;
  const fraction = (units % scale).toString().padStart(digits, '0');
  const body = digits > 0 ? `${whole}.${fraction}` : `${whole}`;
  return negative && units !== 0n ? `-${body}` : body;
}

const currency = fc.constantFrom(...ALL_CURRENCIES);

/** A decimal string with at most the currency's precision, and its exact value in micros. */
const amountIn = (code: string) => {
  const digits = currencyDigits(code);
  return fc
    .record({
      whole: fc.bigInt({ min: 0n, max: 9_000_000_000n }),
      fraction: fc.bigInt({ min: 0n, max: 10n ** BigInt(digits) - 1n }),
    })
    .map(({ whole, fraction }) => {
      const text = digits > 0 ? `${whole}.${fraction.toString().padStart(digits, '0')}` : `${whole}`;
      const micros = whole * 1_000_000n + fraction * 10n ** BigInt(6 - digits);
      return { text, micros };
    })
    .filter(({ micros }) => micros <= BigInt(MAX));
};

describe('currencyDigits', () => {
  it('follows ISO 4217 minor units', () => {
    expect(currencyDigits('USD')).toBe(2);
    expect(currencyDigits('EUR')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KRW')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
    expect(currencyDigits('BHD')).toBe(3);
    expect(currencyDigits('TND')).toBe(3);
  });

  it('is between 0 and 4 for every currency Intl knows (micros hold them all exactly)', () => {
    for (const code of ALL_CURRENCIES) {
      expect(currencyDigits(code)).toBeGreaterThanOrEqual(0);
      expect(currencyDigits(code)).toBeLessThanOrEqual(4);
    }
  });
});

describe('isSupportedCurrency', () => {
  it('accepts upper-case ISO codes that Intl knows and nothing else', () => {
    expect(isSupportedCurrency('EUR')).toBe(true);
    expect(isSupportedCurrency('JPY')).toBe(true);
    expect(isSupportedCurrency('eur')).toBe(false);
    expect(isSupportedCurrency('EURO')).toBe(false);
    expect(isSupportedCurrency('QQQ')).toBe(false);
    expect(isSupportedCurrency('')).toBe(false);
  });
});

describe('parseMoney and formatMoney', () => {
  it('round-trip every amount with the currency precision, for every currency', () => {
    fc.assert(
      fc.property(
        currency.chain((code) => amountIn(code).map((amount) => ({ code, ...amount }))),
        ({ code, text, micros }) => {
          const parsed = parseMoney(text, code);
          expect(parsed).toEqual({ ok: true, micros: Number(micros) });
          expect(formatMoney(Number(micros), code)).toBe(text);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('USD 2, JPY 0 and KWD 3 decimals, examples', () => {
    expect(parseMoney('40', 'USD')).toEqual({ ok: true, micros: 40_000_000 });
    expect(parseMoney('40.5', 'USD')).toEqual({ ok: true, micros: 40_500_000 });
    expect(parseMoney('0.01', 'USD')).toEqual({ ok: true, micros: 10_000 });
    expect(parseMoney('5000', 'JPY')).toEqual({ ok: true, micros: 5_000_000_000 });
    expect(parseMoney('1.234', 'KWD')).toEqual({ ok: true, micros: 1_234_000 });
    expect(formatMoney(40_000_000, 'USD')).toBe('40.00');
    expect(formatMoney(5_000_000_000, 'JPY')).toBe('5000');
    expect(formatMoney(1_234_000, 'KWD')).toBe('1.234');
    expect(formatMoney(0, 'USD')).toBe('0.00');
  });

  it('accepts trailing zeros beyond the precision (they add nothing)', () => {
    expect(parseMoney('40.500000', 'USD')).toEqual({ ok: true, micros: 40_500_000 });
    expect(parseMoney('5000.0', 'JPY')).toEqual({ ok: true, micros: 5_000_000_000 });
    expect(parseMoney('1.2340', 'KWD')).toEqual({ ok: true, micros: 1_234_000 });
  });

  it('refuses more decimals than the currency allows, for every currency', () => {
    fc.assert(
      fc.property(
        currency.filter((code) => currencyDigits(code) < 6),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 9 }),
        (code, whole, lastDigit) => {
          const digits = currencyDigits(code);
          const text = `${whole}.${'0'.repeat(digits)}${lastDigit}`;
          const parsed = parseMoney(text, code);
          expect(parsed.ok).toBe(false);
          if (!parsed.ok) expect(parsed.code).toBe('TOO_PRECISE');
        },
      ),
    );
    const jpy = parseMoney('10.5', 'JPY');
    expect(jpy).toMatchObject({ ok: false, code: 'TOO_PRECISE', message: 'JPY allows 0 decimal places' });
    expect(parseMoney('1.005', 'USD')).toMatchObject({ ok: false, code: 'TOO_PRECISE' });
    expect(parseMoney('1.0005', 'KWD')).toMatchObject({ ok: false, code: 'TOO_PRECISE' });
  });

  it('with anyPrecision, reads up to 6 decimals whatever the currency (for platform-wide minimums)', () => {
    expect(parseMoney('50.5', 'JPY', { anyPrecision: true })).toEqual({ ok: true, micros: 50_500_000 });
    expect(parseMoney('0.000001', 'USD', { anyPrecision: true })).toEqual({ ok: true, micros: 1 });
    expect(parseMoney('0.0000001', 'USD', { anyPrecision: true })).toMatchObject({
      ok: false,
      code: 'INVALID_FORMAT',
    });
    expect(parseMoney('50.5', 'JPY')).toMatchObject({ ok: false, code: 'TOO_PRECISE' });
  });

  it('refuses exponents, signs, separators, blanks and other notations', () => {
    const bad = [
      '1e3',
      '1E3',
      '1.5e2',
      '+5',
      '--5',
      '5-',
      ' 5',
      '5 ',
      '5,00',
      '1,000.00',
      '.5',
      '5.',
      '',
      '0x10',
      'Infinity',
      'NaN',
      '١٢',
      '5.0000001',
      '1_000',
      '12345678901234567',
    ];
    for (const text of bad) {
      const parsed = parseMoney(text, 'USD');
      expect(parsed, text).toMatchObject({ ok: false, code: 'INVALID_FORMAT' });
    }
  });

  it('refuses a minus sign unless negatives are allowed', () => {
    expect(parseMoney('-5', 'USD')).toMatchObject({ ok: false, code: 'OUT_OF_RANGE' });
    expect(parseMoney('-5.25', 'USD', { allowNegative: true })).toEqual({ ok: true, micros: -5_250_000 });
  });

  it('refuses amounts whose micros do not fit a safe integer', () => {
    // Largest safe amount: 9007199254.740991 units; in USD 9007199254.74 is the last representable cent.
    expect(parseMoney('9007199254.74', 'USD')).toEqual({ ok: true, micros: 9_007_199_254_740_000 });
    expect(parseMoney('9007199254.75', 'USD')).toMatchObject({ ok: false, code: 'OUT_OF_RANGE' });
    expect(parseMoney('9007199255', 'JPY')).toMatchObject({ ok: false, code: 'OUT_OF_RANGE' });
    expect(parseMoney('9999999999999999', 'USD')).toMatchObject({ ok: false, code: 'OUT_OF_RANGE' });
    fc.assert(
      fc.property(
        currency,
        fc.bigInt({ min: 9_007_199_255n, max: 9_999_999_999_999_999n }),
        (code, whole) => {
          expect(parseMoney(whole.toString(), code)).toMatchObject({ ok: false, code: 'OUT_OF_RANGE' });
        },
      ),
    );
  });

  it('formats any safe number of micros exactly, rounding half away from zero', () => {
    fc.assert(
      fc.property(currency, fc.integer({ min: -MAX, max: MAX }), (code, micros) => {
        expect(formatMoney(micros, code)).toBe(referenceFormat(BigInt(micros), currencyDigits(code)));
      }),
      { numRuns: 2000 },
    );
    expect(formatMoney(1_005_000, 'USD')).toBe('1.01');
    expect(formatMoney(1_004_999, 'USD')).toBe('1.00');
    expect(formatMoney(-1_005_000, 'USD')).toBe('-1.01');
    expect(formatMoney(-4_999, 'USD')).toBe('0.00');
    expect(formatMoney(1_500_000, 'JPY')).toBe('2');
    expect(formatMoney(1_234_500, 'KWD')).toBe('1.235');
    expect(formatMoney(MAX, 'USD')).toBe('9007199254.74');
  });

  it('refuses to format a non-integer or unsafe number of micros', () => {
    expect(() => formatMoney(1.5, 'USD')).toThrow(RangeError);
    expect(() => formatMoney(MAX + 1, 'USD')).toThrow(RangeError);
    expect(() => formatMoney(Number.NaN, 'USD')).toThrow(RangeError);
  });

  it('adds many amounts without floating-point error', () => {
    // 0.1 + 0.2 is not 0.3 in floating point; in micros it is.
    const tenth = parseMoney('0.10', 'USD');
    const fifth = parseMoney('0.20', 'USD');
    if (!tenth.ok || !fifth.ok) throw new Error('unreachable');
    expect(formatMoney(tenth.micros + fifth.micros, 'USD')).toBe('0.30');
    let total = 0;
    for (let i = 0; i < 100_000; i++) total += tenth.micros;
    expect(formatMoney(total, 'USD')).toBe('10000.00');

    fc.assert(
      fc.property(
        currency.chain((code) =>
          fc.array(amountIn(code), { minLength: 1, maxLength: 500 }).map((amounts) => ({ code, amounts })),
        ),
        ({ code, amounts }) => {
          const exact = amounts.reduce((sum, a) => sum + a.micros, 0n);
          fc.pre(exact <= BigInt(MAX));
          let sum = 0;
          for (const { text } of amounts) {
            const parsed = parseMoney(text, code);
            if (!parsed.ok) throw new Error(`${text} ${code}: ${parsed.message}`);
            sum += parsed.micros;
          }
          expect(sum).toBe(Number(exact));
          expect(formatMoney(sum, code)).toBe(referenceFormat(exact, currencyDigits(code)));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('mulDivFloor', () => {
  it('is the exact floor of value × numerator / denominator (checked in BigInt)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -MAX, max: MAX }),
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
        fc.integer({ min: 1, max: 1_000_000_000 }),
        (value, numerator, denominator) => {
          const result = mulDivFloor(value, numerator, denominator);
          fc.pre(Number.isSafeInteger(result));
          const product = BigInt(value) * BigInt(numerator);
          const r = BigInt(result);
          // floor: r × d ≤ v × n < (r + 1) × d
          expect(r * BigInt(denominator) <= product).toBe(true);
          expect(product < (r + 1n) * BigInt(denominator)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('stays exact where floating point does not', () => {
    // The intermediate products overflow a double's 53-bit mantissa; floating point loses a micro.
    expect(mulDivFloor(MAX, 10, 10)).toBe(MAX);
    expect(Math.floor((MAX * 10) / 10)).not.toBe(MAX);
    expect(mulDivFloor(123_456_789_012_345, 1000, 1000)).toBe(123_456_789_012_345);
    expect(Math.floor((123_456_789_012_345 * 1000) / 1000)).not.toBe(123_456_789_012_345);
    expect(mulDivFloor(999, 1, 1000)).toBe(0);
    expect(mulDivFloor(1000, 1, 1000)).toBe(1);
  });

  it('rounds down (towards −∞), also for negative amounts', () => {
    expect(mulDivFloor(-1, 1, 2)).toBe(-1);
    expect(mulDivFloor(-1000, 1, 1000)).toBe(-1);
    expect(mulDivFloor(-1001, 1, 1000)).toBe(-2);
  });
});

describe('perImpressionFromCpm', () => {
  it('is the CPM divided by 1000, rounded up to a micro, for any safe CPM', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX }), (cpm) => {
        const price = perImpressionFromCpm(cpm);
        const c = BigInt(cpm);
        const p = BigInt(price);
        // ceil: (p − 1) × 1000 < cpm ≤ p × 1000
        expect(p * 1000n >= c).toBe(true);
        expect((p - 1n) * 1000n < c).toBe(true);
      }),
      { numRuns: 2000 },
    );
    expect(perImpressionFromCpm(6 * MICROS_PER_UNIT)).toBe(6000);
    expect(perImpressionFromCpm(1)).toBe(1);
    expect(perImpressionFromCpm(0)).toBe(0);
  });
});
