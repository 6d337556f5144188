import { type AdGroupInput, adGroupToInput, validateAdGroup } from '../domain/campaign-rules.js';
import type { DeliveryState } from '../domain/delivery-status.js';
import type { StatusAction } from '../domain/enums.js';
import { KindlingError, notFound } from '../domain/errors.js';
import type { Actor, AdGroup } from '../domain/model.js';
import { localDate } from '../domain/time.js';
import type { Page, PageRequest } from '../store/pagination.js';
import { getAdGroup, insertAdGroup, listAdGroups, updateAdGroup } from '../store/repos/ad-groups.js';
import { adsOfAdGroups, updateAd } from '../store/repos/ads.js';
import type { StatusFilter } from '../store/repos/campaigns.js';
import { listInterestIds } from '../store/repos/settings.js';
import { spendOnDate } from '../store/repos/spend.js';
import { requireAccount } from './accounts.js';
import { requireCampaign } from './campaigns.js';
import { diff, loadSettings, type ServiceContext, transact, type UnitOfWork } from './context.js';
import { adGroupStates } from './delivery-states.js';

export interface AdGroupView {
  adGroup: AdGroup;
  delivery: DeliveryState;
}

async function view(ctx: ServiceContext, adAccountId: string, groups: AdGroup[]): Promise<AdGroupView[]> {
  const account = await requireAccount(ctx.store.db, adAccountId);
  const states = await adGroupStates(ctx.store.db, account, groups, ctx.clock.now());
  return groups.map((adGroup) => ({ adGroup, delivery: states.get(adGroup.id) as DeliveryState }));
}

export async function requireAdGroup(
  uow: Pick<UnitOfWork, 'db'>,
  adAccountId: string,
  id: string,
): Promise<AdGroup> {
  const group = await getAdGroup(uow.db, adAccountId, id);
  if (!group) throw notFound('Ad group', id);
  return group;
}

export async function createAdGroup(
  ctx: ServiceContext,
  actor: Actor,
  adAccountId: string,
  input: AdGroupInput & { campaign_id: string; operation_status?: 'ENABLE' | 'DISABLE' | undefined },
): Promise<AdGroupView> {
  const created = await transact(ctx, async (uow) => {
    const account = await requireAccount(uow.db, adAccountId);
    const campaign = await getCampaignForChild(uow, adAccountId, input.campaign_id);
    const values = validateAdGroup(input, {
      currency: account.currency,
      timeZone: account.timeZone,
      settings: await loadSettings(ctx, uow),
      campaign,
      now: uow.now,
      interestIds: await listInterestIds(uow.db),
    });
    const group: AdGroup = {
      id: ctx.ids.next('adGroup'),
      adAccountId,
      campaignId: campaign.id,
      ...values,
      operationStatus: input.operation_status ?? 'ENABLE',
      spendMicros: 0,
      deletedAt: null,
      createdAt: uow.now,
      updatedAt: uow.now,
    };
    await insertAdGroup(uow.db, group);
    await uow.audit({
      actor,
      action: 'ad_group.create',
      entityType: 'ad_group',
      entityId: group.id,
      adAccountId,
      changes: diff({}, { name: group.name, budget_micros: group.budgetMicros, bid_micros: group.bidMicros }),
    });
    await uow.changed('ad_group', group.id);
    return group;
  });
  return (await view(ctx, adAccountId, [created]))[0] as AdGroupView;
}

/** A campaign that can take a new child: it exists in the account and is not deleted. */
async function getCampaignForChild(uow: UnitOfWork, adAccountId: string, campaignId: string) {
  const campaign = await requireCampaign(uow, adAccountId, campaignId).catch(() => {
    throw new KindlingError('VALIDATION_FAILED', {
      detail: `campaign ${campaignId} is not in this ad account`,
      errors: [
        { field: 'campaign_id', code: 'UNKNOWN_CAMPAIGN', message: 'no such campaign in this ad account' },
      ],
    });
  });
  if (campaign.deletedAt !== null) {
    throw new KindlingError('VALIDATION_FAILED', {
      detail: `campaign ${campaignId} is deleted`,
      errors: [{ field: 'campaign_id', code: 'DELETED', message: 'the campaign is deleted' }],
    });
  }
  return campaign;
}

export async function getAdGroupView(
  ctx: ServiceContext,
  adAccountId: string,
  id: string,
): Promise<AdGroupView> {
  const group = await requireAdGroup({ db: ctx.store.db }, adAccountId, id);
  return (await view(ctx, adAccountId, [group]))[0] as AdGroupView;
}

export async function listAdGroupViews(
  ctx: ServiceContext,
  adAccountId: string,
  page: PageRequest & { status?: StatusFilter; campaignId?: string | undefined },
): Promise<Page<AdGroupView>> {
  await requireAccount(ctx.store.db, adAccountId);
  const result = await listAdGroups(ctx.store.db, adAccountId, page);
  return { data: await view(ctx, adAccountId, result.data), nextCursor: result.nextCursor };
}

/** Partial update: the patch is merged into the stored ad group and the whole is validated again. */
export async function updateAdGroupFields(
  ctx: ServiceContext,
  actor: Actor,
  adAccountId: string,
  id: string,
  patch: Partial<AdGroupInput>,
): Promise<AdGroupView> {
  await transact(ctx, async (uow) => {
    const account = await requireAccount(uow.db, adAccountId);
    const current = await requireAdGroup(uow, adAccountId, id);
    if (current.deletedAt !== null)
      throw new KindlingError('INVALID_STATE', { detail: 'a deleted ad group cannot change' });
    const campaign = await requireCampaign(uow, adAccountId, current.campaignId);
    const base = adGroupToInput(current, account.currency);
    const merged: AdGroupInput = {
      ...base,
      ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
      targeting: patch.targeting ? { ...base.targeting, ...patch.targeting } : base.targeting,
    };
    const spentToday = (await spendOnDate(uow.db, [id], localDate(uow.now, account.timeZone))).get(id) ?? 0;
    const values = validateAdGroup(merged, {
      currency: account.currency,
      timeZone: account.timeZone,
      settings: await loadSettings(ctx, uow),
      campaign,
      now: uow.now,
      interestIds: await listInterestIds(uow.db),
      current,
      spentToday,
    });
    await updateAdGroup(uow.db, id, values, uow.now);
    await uow.audit({
      actor,
      action: 'ad_group.update',
      entityType: 'ad_group',
      entityId: id,
      adAccountId,
      changes: diff(current, values),
    });
    await uow.changed('ad_group', id);
  });
  return getAdGroupView(ctx, adAccountId, id);
}

export async function setAdGroupStatus(
  ctx: ServiceContext,
  actor: Actor,
  adAccountId: string,
  id: string,
  action: StatusAction,
): Promise<AdGroupView> {
  await transact(ctx, async (uow) => {
    const current = await requireAdGroup(uow, adAccountId, id);
    if (current.deletedAt !== null)
      throw new KindlingError('INVALID_STATE', { detail: `ad group ${id} is deleted` });
    if (action === 'DELETE') {
      await updateAdGroup(uow.db, id, { deletedAt: uow.now, operationStatus: 'DISABLE' }, uow.now);
      for (const ad of await adsOfAdGroups(uow.db, [id])) {
        await updateAd(uow.db, ad.id, { deletedAt: uow.now, operationStatus: 'DISABLE' }, uow.now);
        await uow.changed('ad', ad.id);
      }
    } else {
      await updateAdGroup(uow.db, id, { operationStatus: action }, uow.now);
    }
    await uow.audit({
      actor,
      action: `ad_group.${action.toLowerCase()}`,
      entityType: 'ad_group',
      entityId: id,
      adAccountId,
      changes: { operation_status: [current.operationStatus, action] },
    });
    await uow.changed('ad_group', id);
  });
  return getAdGroupView(ctx, adAccountId, id);
}
