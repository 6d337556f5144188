import type { TrackingClaims } from '../domain/tracking-token.js';
import type { InvalidReason } from './ivt.js';

export const AD_EVENT_TYPES = [
  'impression',
  'video_play',
  'view_2s',
  'view_6s',
  'view_p25',
  'view_p50',
  'view_p75',
  'view_p100',
  'click',
  'profile_visit',
  'like',
  'comment',
  'share',
  'follow',
] as const;
export type AdEventType = (typeof AD_EVENT_TYPES)[number];

export const POST_EVENT_TYPES = ['view', 'like', 'comment', 'share', 'follow', 'profile_visit'] as const;
export type PostEventType = (typeof POST_EVENT_TYPES)[number];

/** An event the host reports for an ad it showed (with the ad's tracking token). */
export interface AdEventInput {
  clientEventId: string;
  token: string;
  type: AdEventType;
  /** The viewer the host saw do it; must be the token's viewer. */
  viewerId?: string | undefined;
  occurredAt?: number | undefined;
  userAgent?: string | undefined;
}

/** Engagement the host saw on an organic surface (profile, For You, search…). */
export interface PostEventInput {
  clientEventId: string;
  viewerId: string;
  postId: string;
  type: PostEventType;
  occurredAt?: number | undefined;
}

/** A conversion the brand reports with the click id Kindling appended to its landing page. */
export interface ConversionInput {
  adAccountId: string;
  conversionId: string;
  clickId: string;
  eventName: string;
  valueMicros: number | null;
  occurredAt?: number | undefined;
}

export type EventOutcome =
  | { status: 'ACCEPTED'; eventId: string; attributedAdId: string | null }
  | { status: 'FLAGGED'; eventId: string; reason: InvalidReason }
  | { status: 'DUPLICATE' }
  | { status: 'REJECTED'; code: RejectCode; message: string };

export type RejectCode =
  | 'TOKEN_MALFORMED'
  | 'TOKEN_BAD_SIGNATURE'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_FROM_THE_FUTURE'
  | 'UNKNOWN_POST'
  | 'UNKNOWN_CLICK'
  | 'OUTSIDE_CLICK_WINDOW'
  | 'WRONG_AD_ACCOUNT'
  | 'TIME_OUT_OF_RANGE';

/** One unit of work for the committer. */
export type Job =
  | {
      kind: 'ad';
      input: AdEventInput;
      claims: TrackingClaims;
      occurredAt: number;
      flag: InvalidReason | null;
    }
  | { kind: 'post'; input: PostEventInput; occurredAt: number }
  | { kind: 'conversion'; input: ConversionInput; occurredAt: number };

/** Which paid counter of a post each engagement type moves. */
export const PAID_COUNTER: Partial<
  Record<
    AdEventType | PostEventType,
    'views' | 'likes' | 'comments' | 'shares' | 'follows' | 'profile_visits'
  >
> = {
  video_play: 'views',
  view: 'views',
  like: 'likes',
  comment: 'comments',
  share: 'shares',
  follow: 'follows',
  profile_visit: 'profile_visits',
};
