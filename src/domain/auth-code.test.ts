import { bech32 } from 'bech32';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUTH_CODE_DISPLAY_PREFIX, authCodeHint, encodeAuthCode, parseAuthCode } from './auth-code.js';

/** bech32's 32-character alphabet: no 1, b, i, o (the characters people confuse). */
const ALPHABET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BODY_LENGTH = 32;

const sixteenBytes = fc.uint8Array({ minLength: 16, maxLength: 16 });

/** The 32 characters after `#KD-`, lowercase. */
function bodyOf(bytes: Uint8Array): string {
  return encodeAuthCode(bytes).display.slice(AUTH_CODE_DISPLAY_PREFIX.length).toLowerCase();
}

/** A way a person might paste a code: prefix, case per character, separators between characters. */
const pasteStyle = fc.record({
  prefix: fc.constantFrom('#KD-', 'KD-', '#kd-', 'kd-', 'KD', '#KD', 'kd1', 'KD1', '#', ''),
  upper: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
  separators: fc.array(fc.constantFrom('', '', '', ' ', '-', '  ', ' - ', '\t'), {
    minLength: 40,
    maxLength: 40,
  }),
  outer: fc.constantFrom('', ' ', '\n', '  \t'),
});

interface PasteStyle {
  prefix: string;
  upper: boolean[];
  separators: string[];
  outer: string;
}

function paste(body: string, style: PasteStyle): string {
  const chars = [...`${style.prefix}${body}`].map((ch, i) =>
    style.upper[i % style.upper.length] ? ch.toUpperCase() : ch.toLowerCase(),
  );
  // Separators go between characters of the body only (a hyphen inside `kd1` would be a different prefix).
  const start = style.prefix.length;
  const text = chars
    .map((ch, i) => (i > start ? (style.separators[i % style.separators.length] ?? '') + ch : ch))
    .join('');
  return `${style.outer}${text}${style.outer}`;
}

describe('encodeAuthCode', () => {
  it('needs exactly 16 random bytes (128 bits of entropy)', () => {
    expect(() => encodeAuthCode(new Uint8Array(15))).toThrow(RangeError);
    expect(() => encodeAuthCode(new Uint8Array(17))).toThrow(RangeError);
    expect(() => encodeAuthCode(new Uint8Array(0))).toThrow(RangeError);
    expect(() => encodeAuthCode(new Uint8Array(16))).not.toThrow();
  });

  it('writes #KD- and 32 characters of the bech32 alphabet, in upper case; canonical form is kd1 + lower case', () => {
    fc.assert(
      fc.property(sixteenBytes, (bytes) => {
        const { display, canonical } = encodeAuthCode(bytes);
        expect(display).toMatch(/^#KD-[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{32}$/);
        expect(canonical).toBe(`kd1${display.slice(4).toLowerCase()}`);
      }),
    );
  });

  it('never contains +, / or = and is URL-safe after the #', () => {
    fc.assert(
      fc.property(sixteenBytes, (bytes) => {
        const { display, canonical } = encodeAuthCode(bytes);
        for (const text of [display, canonical]) {
          expect(text).not.toMatch(/[+/=]/);
        }
        expect(encodeURIComponent(display.slice(1))).toBe(display.slice(1));
        expect(encodeURIComponent(canonical)).toBe(canonical);
      }),
    );
  });

  it('keeps all 128 bits: the canonical code decodes back to the same 16 bytes', () => {
    fc.assert(
      fc.property(sixteenBytes, (bytes) => {
        const decoded = bech32.decode(encodeAuthCode(bytes).canonical);
        expect(decoded.prefix).toBe('kd');
        expect(Uint8Array.from(bech32.fromWords(decoded.words))).toEqual(bytes);
      }),
    );
  });

  it('gives different codes to different bytes, even one bit apart', () => {
    fc.assert(
      fc.property(sixteenBytes, fc.integer({ min: 0, max: 127 }), (bytes, bit) => {
        const flipped = Uint8Array.from(bytes);
        flipped[bit >> 3] = (flipped[bit >> 3] as number) ^ (1 << (bit & 7));
        expect(encodeAuthCode(flipped).canonical).not.toBe(encodeAuthCode(bytes).canonical);
      }),
    );
  });

  it('the hint is the last four characters of the displayed code', () => {
    fc.assert(
      fc.property(sixteenBytes, (bytes) => {
        const { display, canonical } = encodeAuthCode(bytes);
        const hint = authCodeHint(canonical);
        expect(hint).toHaveLength(4);
        expect(display.endsWith(hint)).toBe(true);
      }),
    );
  });
});

describe('parseAuthCode', () => {
  it('parses every encoded code back to its canonical form, however it was pasted', () => {
    fc.assert(
      fc.property(sixteenBytes, pasteStyle, (bytes, style) => {
        const { canonical } = encodeAuthCode(bytes);
        const pasted = paste(bodyOf(bytes), style);
        expect(parseAuthCode(pasted)).toEqual({ ok: true, canonical });
      }),
      { numRuns: 500 },
    );
  });

  it('accepts the display form and the canonical form as they are', () => {
    fc.assert(
      fc.property(sixteenBytes, (bytes) => {
        const { display, canonical } = encodeAuthCode(bytes);
        expect(parseAuthCode(display)).toEqual({ ok: true, canonical });
        expect(parseAuthCode(canonical)).toEqual({ ok: true, canonical });
        expect(parseAuthCode(display.toLowerCase())).toEqual({ ok: true, canonical });
      }),
    );
  });

  it('reports every single-character substitution as a checksum error, never as another valid code', () => {
    fc.assert(
      fc.property(sixteenBytes, (bytes) => {
        const body = bodyOf(bytes);
        for (let i = 0; i < BODY_LENGTH; i++) {
          for (const replacement of ALPHABET) {
            if (replacement === body[i]) continue;
            const typo = `${body.slice(0, i)}${replacement}${body.slice(i + 1)}`;
            const parsed = parseAuthCode(`#KD-${typo.toUpperCase()}`);
            if (parsed.ok) throw new Error(`substitution at ${i} parsed as a valid code: ${typo}`);
            expect(parsed.reason).toMatch(/checksum/);
          }
        }
      }),
      { numRuns: 30 },
    );
  });

  it('reports characters outside the alphabet (1, b, i, o, punctuation) as malformed', () => {
    fc.assert(
      fc.property(
        sixteenBytes,
        fc.integer({ min: 0, max: BODY_LENGTH - 1 }),
        fc.constantFrom('1', 'b', 'i', 'o', 'B', 'I', 'O', '!', '+', '/', '=', '.', '_', 'é'),
        (bytes, i, bad) => {
          const body = bodyOf(bytes);
          const parsed = parseAuthCode(`#KD-${body.slice(0, i)}${bad}${body.slice(i + 1)}`);
          expect(parsed.ok).toBe(false);
        },
      ),
    );
  });

  it('reports every adjacent transposition as a checksum error', () => {
    fc.assert(
      fc.property(sixteenBytes, (bytes) => {
        const body = bodyOf(bytes);
        for (let i = 0; i < BODY_LENGTH - 1; i++) {
          if (body[i] === body[i + 1]) continue;
          const swapped = `${body.slice(0, i)}${body[i + 1]}${body[i]}${body.slice(i + 2)}`;
          const parsed = parseAuthCode(`#KD-${swapped}`);
          if (parsed.ok) throw new Error(`transposition at ${i} parsed as a valid code: ${swapped}`);
          expect(parsed.reason).toMatch(/checksum/);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('reports a missing or extra character as a length error', () => {
    fc.assert(
      fc.property(sixteenBytes, fc.integer({ min: 0, max: BODY_LENGTH - 1 }), (bytes, i) => {
        const body = bodyOf(bytes);
        const dropped = parseAuthCode(`#KD-${body.slice(0, i)}${body.slice(i + 1)}`);
        const doubled = parseAuthCode(`#KD-${body.slice(0, i)}${body[i]}${body.slice(i)}`);
        for (const parsed of [dropped, doubled]) {
          expect(parsed.ok).toBe(false);
          if (!parsed.ok) expect(parsed.reason).toMatch(/32 characters/);
        }
      }),
    );
  });

  it('refuses codes of another prefix even when their checksum is valid', () => {
    const words = bech32.toWords(new Uint8Array(16).fill(7));
    const foreign = bech32.encode('xy', words);
    expect(parseAuthCode(foreign).ok).toBe(false);
    expect(parseAuthCode(`#KD-${foreign.slice(3)}`).ok).toBe(false);
  });

  it('refuses a valid bech32 string that does not hold 16 bytes', () => {
    const short = bech32.encode('kd', bech32.toWords(new Uint8Array(15)));
    const body = short.slice(3);
    expect(parseAuthCode(short).ok).toBe(false);
    expect(parseAuthCode(`#KD-${body}`).ok).toBe(false);
  });

  it('refuses empty and junk input', () => {
    for (const junk of ['', '   ', '#', '#KD-', 'KD-', 'hello', 'x'.repeat(200)]) {
      expect(parseAuthCode(junk).ok).toBe(false);
    }
  });
});
