import type { AuthorizationStatus } from './enums.js';
import type { Authorization, Post } from './model.js';
import { MS_PER_DAY } from './time.js';

/** Longest post that can be promoted (TikTok: 10 minutes). */
export const MAX_AUTHORIZABLE_DURATION_MS = 10 * 60_000;

/** Warnings go out this many days before an authorization ends. */
export const EXPIRY_WARNING_DAYS = [7, 1] as const;

export function authorizationStatus(auth: Authorization, now: number): AuthorizationStatus {
  if (auth.revokedAt !== null) return 'REVOKED';
  if (now >= auth.endsAt) return 'EXPIRED';
  return auth.adAccountId === null ? 'AUTHORIZED' : 'BOUND';
}

/** True while the authorization lets its post be promoted (not revoked, not expired). */
export function isAuthorizationActive(auth: Authorization, now: number): boolean {
  return auth.revokedAt === null && now < auth.endsAt;
}

export type EligibilityProblem = { code: 'POST_NOT_PUBLIC' | 'POST_TOO_LONG'; message: string };

/** Why a post cannot be authorized, or null when it can. */
export function postEligibilityProblem(post: Post): EligibilityProblem | null {
  if (post.visibility !== 'PUBLIC') {
    return {
      code: 'POST_NOT_PUBLIC',
      message: `the post is ${post.visibility}; only PUBLIC posts can be promoted`,
    };
  }
  if (post.durationMs > MAX_AUTHORIZABLE_DURATION_MS) {
    return { code: 'POST_TOO_LONG', message: 'only posts of 10 minutes or less can be promoted' };
  }
  return null;
}

export function isPostAvailable(post: Pick<Post, 'visibility'>): boolean {
  return post.visibility === 'PUBLIC';
}

export function authorizationEnd(startsAt: number, durationDays: number): number {
  return startsAt + durationDays * MS_PER_DAY;
}

/**
 * Extending adds `days` from the later of now and the current end, so an expired authorization
 * comes back to life for the full new period and a live one never loses time.
 */
export function extendedEnd(auth: Authorization, days: number, now: number): number {
  return Math.max(auth.endsAt, now) + days * MS_PER_DAY;
}
