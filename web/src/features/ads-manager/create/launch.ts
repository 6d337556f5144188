import { create } from '../../../api/advertiser';
import type { AdWithWarnings } from '../../../api/types';
import { adBody, adGroupBody, campaignBody, type Draft, type Stage } from './draft';

export class LaunchError extends Error {
  constructor(
    readonly stage: Stage,
    readonly error: unknown,
    readonly postId?: string,
  ) {
    super(error instanceof Error ? error.message : 'launch failed');
  }
}

/**
 * Creates what the draft describes, in order: campaign, ad group, one ad per post. What already
 * exists (from the entry point or an earlier, partly failed attempt) is not created again, and every
 * create carries an Idempotency-Key, so "Launch" can simply be pressed again after a fix.
 */
export async function launch(
  accountId: string,
  draft: Draft,
  onCreated: (created: Draft['created']) => void,
  onProgress: (message: string) => void,
  /** A readable name per post ("@ana.moves · Leg day in 60 seconds"); the API's default otherwise. */
  adNameOf: (postId: string) => string | undefined = () => undefined,
): Promise<Draft['created']> {
  const created = { ...draft.created, ads: { ...draft.created.ads } };
  let adGroupId = draft.adGroup.existingId ?? created.adGroupId;
  if (!adGroupId) {
    let campaignId = draft.campaign.existingId ?? created.campaignId;
    if (!campaignId) {
      onProgress('Creating the campaign…');
      try {
        campaignId = (await create.campaign(accountId, campaignBody(draft), draft.id)).id;
      } catch (error) {
        throw new LaunchError('campaign', error);
      }
      created.campaignId = campaignId;
      onCreated({ ...created });
    }
    onProgress('Creating the ad group…');
    try {
      adGroupId = (await create.adGroup(accountId, adGroupBody(draft, campaignId), draft.id)).id;
    } catch (error) {
      throw new LaunchError('adGroup', error);
    }
    created.adGroupId = adGroupId;
    onCreated({ ...created });
  }
  const pending = draft.ad.postIds.filter((id) => !created.ads[id]);
  for (const [i, postId] of pending.entries()) {
    onProgress(pending.length > 1 ? `Creating ad ${i + 1} of ${pending.length}…` : 'Creating the ad…');
    let ad: AdWithWarnings;
    try {
      ad = await create.ad(accountId, adBody(draft, adGroupId, postId, adNameOf(postId)), draft.id);
    } catch (error) {
      throw new LaunchError('ad', error, postId);
    }
    created.ads[postId] = ad;
    onCreated({ ...created, ads: { ...created.ads } });
  }
  return created;
}
