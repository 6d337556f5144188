import type { Ad, AdAccount, AdGroup, Campaign } from '../domain/model.js';
import type { PacingState } from './pacing.js';
import type { Action, ActionStats } from './prediction.js';

/** Why an ad group or ad is out of the index (static reasons), as explain reports them. */
export type BlockReason =
  | 'CAMPAIGN_DISABLED'
  | 'AD_GROUP_DISABLED'
  | 'AD_DISABLED'
  | 'REVIEW_PENDING'
  | 'REVIEW_REJECTED'
  | 'AUTHORIZATION_MISSING'
  | 'AUTHORIZATION_EXPIRED'
  | 'AUTHORIZATION_REVOKED'
  | 'POST_UNAVAILABLE'
  | 'NO_ELIGIBLE_ADS'
  | 'SCHEDULE_ENDED';

/** What the engine keeps of a post and its creator: everything the host needs to render the ad. */
export interface AdCreative {
  postId: string;
  caption: string;
  mediaUrl: string;
  durationMs: number;
  hashtags: string[];
  soundId: string | null;
  creatorId: string;
  creatorHandle: string;
  creatorDisplayName: string;
  creatorAvatarUrl: string | null;
}

export interface AdRecord {
  ad: Ad;
  creative: AdCreative;
  /** End of the active authorization binding the post to the account (0 = none). */
  authEndsAt: number;
  block: BlockReason | null;
  /** Organic engagement relative to the platform median (1 = median). */
  ratio: number;
  quality: number;
  action: Action | null;
  stats: ActionStats;
}

export interface GroupRecord {
  adGroup: AdGroup;
  campaign: Campaign;
  account: AdAccount;
  ads: AdRecord[];
  block: BlockReason | null;
  pacing: PacingState | undefined;
}
