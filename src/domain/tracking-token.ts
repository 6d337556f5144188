import { createHmac, timingSafeEqual } from 'node:crypto';
import type { BillingEvent, Placement } from './enums.js';

/**
 * Tracking tokens: every ad in a decision carries one; every event the host reports for that ad
 * carries it back. It is the decision's record (what was shown, to whom, at what price) signed with
 * HMAC-SHA256, so Kindling keeps no per-decision state and can still refuse forged, altered or
 * stale events. Format: base64url(JSON payload) "." base64url(HMAC(key, payload)) — URL-safe.
 */
export interface TrackingClaims {
  /** Format version. */
  v: 1;
  /** Decision id (one per ad served). */
  d: string;
  ad: string;
  adg: string;
  cmp: string;
  acc: string;
  post: string;
  crt: string;
  /** Pseudonymous viewer id. */
  vw: string;
  pl: Placement;
  be: BillingEvent;
  /** Charge per billing event, integer micros of the account currency. */
  pr: number;
  /** Issued at, epoch ms. */
  iat: number;
  /** Viewer attributes at decision time, for reports: country, age group, gender, OS. */
  cc?: string | undefined;
  age?: string | undefined;
  gen?: string | undefined;
  os?: string | undefined;
}

export type VerifiedToken =
  | { ok: true; claims: TrackingClaims }
  | { ok: false; reason: 'MALFORMED' | 'BAD_SIGNATURE' | 'EXPIRED' | 'FROM_THE_FUTURE' };

export class TrackingTokenSigner {
  private readonly key: Buffer;

  constructor(secret: string) {
    if (secret.length < 32) throw new Error('the tracking secret needs at least 32 characters');
    this.key = Buffer.from(secret, 'utf8');
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }

  sign(claims: TrackingClaims): string {
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** Checks signature and age (`maxAgeMs`); 60 s of clock skew is tolerated. */
  verify(token: string, now: number, maxAgeMs: number): VerifiedToken {
    const dot = token.indexOf('.');
    if (dot <= 0 || dot !== token.lastIndexOf('.') || token.length > 4096)
      return { ok: false, reason: 'MALFORMED' };
    const payload = token.slice(0, dot);
    // Compare the signature as text: decoding it first would accept other spellings of the same
    // bytes (a base64 decoder skips stray characters and ignores the last character's low bits).
    const given = Buffer.from(token.slice(dot + 1));
    const expected = Buffer.from(this.mac(payload));
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return { ok: false, reason: 'BAD_SIGNATURE' };
    let claims: TrackingClaims;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TrackingClaims;
    } catch {
      return { ok: false, reason: 'MALFORMED' };
    }
    if (typeof claims !== 'object' || claims === null || claims.v !== 1 || typeof claims.iat !== 'number')
      return { ok: false, reason: 'MALFORMED' };
    return checkTokenAge(claims, now, maxAgeMs);
  }
}

/** Clock skew tolerated between the signing node and the verifying one. */
const TOKEN_SKEW_MS = 60_000;

/** The age half of `verify`, for claims whose signature was already checked (e.g. cached). */
export function checkTokenAge(claims: TrackingClaims, now: number, maxAgeMs: number): VerifiedToken {
  if (claims.iat > now + TOKEN_SKEW_MS) return { ok: false, reason: 'FROM_THE_FUTURE' };
  if (now - claims.iat > maxAgeMs) return { ok: false, reason: 'EXPIRED' };
  return { ok: true, claims };
}
