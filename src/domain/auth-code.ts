import { bech32 } from 'bech32';

/**
 * Authorization codes: 128 random bits in bech32 (BCH checksum that detects any error in up to
 * four characters), written `#KD-` + 32 characters of a lowercase-insensitive, URL-safe alphabet
 * with no `+`, `/` or `=`. Only a SHA-256 hash of the canonical form is stored.
 */
const HRP = 'kd';
const CODE_BYTES = 16;
const BODY_LENGTH = 32; // 26 data characters (130 bits) + 6 checksum characters
export const AUTH_CODE_DISPLAY_PREFIX = '#KD-';

/** Builds a code from 16 random bytes. Returns the display form and the canonical (hashable) form. */
export function encodeAuthCode(randomBytes: Uint8Array): { display: string; canonical: string } {
  if (randomBytes.length !== CODE_BYTES) throw new RangeError(`an auth code needs ${CODE_BYTES} bytes`);
  const encoded = bech32.encode(HRP, bech32.toWords(randomBytes));
  const body = encoded.slice(HRP.length + 1);
  return { display: `${AUTH_CODE_DISPLAY_PREFIX}${body.toUpperCase()}`, canonical: encoded };
}

export type ParsedAuthCode = { ok: true; canonical: string } | { ok: false; reason: string };

/**
 * Normalizes what a person pasted (any case, leading `#`, `KD-` or `kd1` prefix, spaces, hyphens)
 * and checks length and checksum, so a mistyped code is told apart from an unknown one.
 */
export function parseAuthCode(input: string): ParsedAuthCode {
  let text = input.trim().toLowerCase().replace(/[\s-]/g, '');
  if (text.startsWith('#')) text = text.slice(1);
  if (text.startsWith(`${HRP}1`) && text.length === BODY_LENGTH + HRP.length + 1) {
    text = text.slice(HRP.length + 1);
  } else if (text.startsWith(HRP) && text.length === BODY_LENGTH + HRP.length) {
    text = text.slice(HRP.length);
  }
  if (text.length !== BODY_LENGTH) {
    return { ok: false, reason: `a code has ${BODY_LENGTH} characters after ${AUTH_CODE_DISPLAY_PREFIX}` };
  }
  const candidate = `${HRP}1${text}`;
  const decoded = bech32.decodeUnsafe(candidate);
  if (!decoded || decoded.prefix !== HRP) {
    return { ok: false, reason: 'the code has a typo (its checksum does not match)' };
  }
  const bytes = bech32.fromWordsUnsafe(decoded.words);
  if (!bytes || bytes.length !== CODE_BYTES) {
    return { ok: false, reason: 'the code has a typo (its checksum does not match)' };
  }
  return { ok: true, canonical: candidate };
}

/** Last characters shown to help people tell codes apart (never enough to guess one). */
export function authCodeHint(canonical: string): string {
  return canonical.slice(-4).toUpperCase();
}
