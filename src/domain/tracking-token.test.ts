import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type TrackingClaims, TrackingTokenSigner } from './tracking-token.js';

const SECRET = 'test-tracking-secret-0123456789abcdef';
const NOW = Date.UTC(2026, 10, 25, 21, 0);
const DAY = 86_400_000;

const claims = (overrides: Partial<TrackingClaims> = {}): TrackingClaims => ({
  v: 1,
  d: 'dec_01JDXK4Q0Z8N7W6V5T4S3R2Q1P',
  ad: 'ad_1',
  adg: 'adg_1',
  cmp: 'cmp_1',
  acc: 'acc_1',
  post: 'p1',
  crt: 'ana',
  vw: 'viewer-1',
  pl: 'IN_FEED',
  be: 'CPM',
  pr: 4_400,
  iat: NOW,
  cc: 'FR',
  age: 'AGE_25_34',
  gen: 'GENDER_FEMALE',
  os: 'IOS',
  ...overrides,
});

const signer = new TrackingTokenSigner(SECRET);
/** Signs any payload with the right key, as a forger who knew it would (for malformed payloads). */
const rawSign = (payload: string) =>
  `${payload}.${createHmac('sha256', SECRET).update(payload).digest('base64url')}`;
const b64 = (text: string) => Buffer.from(text).toString('base64url');

describe('TrackingTokenSigner', () => {
  it('round-trips the claims; the token is URL-safe', () => {
    const token = signer.sign(claims());
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(signer.verify(token, NOW + 1_000, DAY)).toEqual({ ok: true, claims: claims() });
  });

  it('refuses a short secret', () => {
    expect(() => new TrackingTokenSigner('short')).toThrow(/32 characters/);
  });

  it('any change to the payload breaks the signature (price, ad, viewer…)', () => {
    const token = signer.sign(claims());
    const [payload, mac] = token.split('.') as [string, string];
    const forged = b64(JSON.stringify(claims({ pr: 1 })));
    expect(signer.verify(`${forged}.${mac}`, NOW, DAY)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    fc.assert(
      fc.property(fc.nat(payload.length - 1), fc.constantFrom(...'ABCxyz019-_'), (at, char) => {
        fc.pre(payload[at] !== char);
        const tampered = `${payload.slice(0, at)}${char}${payload.slice(at + 1)}.${mac}`;
        expect(signer.verify(tampered, NOW, DAY)).toMatchObject({ ok: false });
      }),
    );
  });

  it('only the exact signature verifies (no other encoding of it, no other key)', () => {
    const token = signer.sign(claims());
    const [payload, mac] = token.split('.') as [string, string];
    // Another deployment's key.
    const other = new TrackingTokenSigner('another-secret-of-at-least-32-chars!!');
    expect(signer.verify(other.sign(claims()), NOW, DAY)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    // Characters a lenient base64 decoder would skip, and the unused low bits of the last character.
    const last = mac.at(-1) as string;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sameBytes = alphabet[(alphabet.indexOf(last) & ~3) | ((alphabet.indexOf(last) + 1) & 3)] as string;
    for (const variant of [
      `${mac}=`,
      `${mac}!`,
      `${mac.slice(0, 10)} ${mac.slice(10)}`,
      `${mac.slice(0, -1)}${sameBytes}`,
    ]) {
      expect(signer.verify(`${payload}.${variant}`, NOW, DAY), variant).toEqual({
        ok: false,
        reason: 'BAD_SIGNATURE',
      });
    }
    expect(signer.verify(`${payload}.`, NOW, DAY)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it('expires after maxAge (inclusive bound), and refuses tokens from the future beyond 60 s of skew', () => {
    const token = signer.sign(claims());
    expect(signer.verify(token, NOW + DAY, DAY).ok).toBe(true);
    expect(signer.verify(token, NOW + DAY + 1, DAY)).toEqual({ ok: false, reason: 'EXPIRED' });
    expect(signer.verify(token, NOW - 60_000, DAY).ok).toBe(true);
    expect(signer.verify(token, NOW - 60_001, DAY)).toEqual({ ok: false, reason: 'FROM_THE_FUTURE' });
  });

  it('malformed tokens: no dot, two dots, empty payload, oversized, not JSON, wrong version', () => {
    const token = signer.sign(claims());
    const cases: [string, string][] = [
      ['', 'MALFORMED'],
      ['no-dot-at-all', 'MALFORMED'],
      [`.${token.split('.')[1]}`, 'MALFORMED'],
      [`${token}.extra`, 'MALFORMED'],
      [`${'a'.repeat(4097)}.${'b'.repeat(43)}`, 'MALFORMED'],
      [rawSign(b64('not json')), 'MALFORMED'],
      [rawSign(b64(JSON.stringify({ ...claims(), v: 2 }))), 'MALFORMED'],
      [rawSign(b64(JSON.stringify({ ...claims(), iat: String(NOW) }))), 'MALFORMED'],
      [rawSign(b64('null')), 'MALFORMED'],
    ];
    for (const [input, reason] of cases) {
      expect(signer.verify(input, NOW, DAY), input.slice(0, 40)).toEqual({ ok: false, reason });
    }
  });

  it('never throws, whatever the input (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (input) => {
        const result = signer.verify(input, NOW, DAY);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
