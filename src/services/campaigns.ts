import { type CampaignInput, validateCampaign } from '../domain/campaign-rules.js';
import type { DeliveryState } from '../domain/delivery-status.js';
import type { StatusAction } from '../domain/enums.js';
import { KindlingError, notFound } from '../domain/errors.js';
import type { Actor, Campaign } from '../domain/model.js';
import { formatMoney } from '../domain/money.js';
import { localDate } from '../domain/time.js';
import type { Page, PageRequest } from '../store/pagination.js';
import { adGroupsOfCampaigns, updateAdGroup } from '../store/repos/ad-groups.js';
import { adsOfAdGroups, updateAd } from '../store/repos/ads.js';
import {
  getCampaign,
  insertCampaign,
  listCampaigns,
  type StatusFilter,
  updateCampaign,
} from '../store/repos/campaigns.js';
import { spendOnDate } from '../store/repos/spend.js';
import { requireAccount } from './accounts.js';
import { diff, loadSettings, type ServiceContext, transact, type UnitOfWork } from './context.js';
import { campaignStates } from './delivery-states.js';

export interface CampaignView {
  campaign: Campaign;
  delivery: DeliveryState;
}

async function view(
  ctx: ServiceContext,
  adAccountId: string,
  campaigns: Campaign[],
): Promise<CampaignView[]> {
  const account = await requireAccount(ctx.store.db, adAccountId);
  const states = await campaignStates(ctx.store.db, account, campaigns, ctx.clock.now());
  return campaigns.map((campaign) => ({ campaign, delivery: states.get(campaign.id) as DeliveryState }));
}

export async function createCampaign(
  ctx: ServiceContext,
  actor: Actor,
  adAccountId: string,
  input: CampaignInput & { operation_status?: 'ENABLE' | 'DISABLE' | undefined },
): Promise<CampaignView> {
  const created = await transact(ctx, async (uow) => {
    const account = await requireAccount(uow.db, adAccountId);
    const settings = await loadSettings(ctx, uow);
    const values = validateCampaign(input, {
      currency: account.currency,
      timeZone: account.timeZone,
      settings,
    });
    const campaign: Campaign = {
      id: ctx.ids.next('campaign'),
      adAccountId,
      ...values,
      operationStatus: input.operation_status ?? 'ENABLE',
      spendMicros: 0,
      deletedAt: null,
      createdAt: uow.now,
      updatedAt: uow.now,
    };
    await insertCampaign(uow.db, campaign);
    await uow.audit({
      actor,
      action: 'campaign.create',
      entityType: 'campaign',
      entityId: campaign.id,
      adAccountId,
      changes: diff(
        {},
        { name: campaign.name, objective_type: campaign.objectiveType, budget_micros: campaign.budgetMicros },
      ),
    });
    await uow.changed('campaign', campaign.id);
    return campaign;
  });
  return (await view(ctx, adAccountId, [created]))[0] as CampaignView;
}

export async function requireCampaign(
  uow: Pick<UnitOfWork, 'db'>,
  adAccountId: string,
  id: string,
): Promise<Campaign> {
  const campaign = await getCampaign(uow.db, adAccountId, id);
  if (!campaign) throw notFound('Campaign', id);
  return campaign;
}

export async function getCampaignView(
  ctx: ServiceContext,
  adAccountId: string,
  id: string,
): Promise<CampaignView> {
  const campaign = await requireCampaign({ db: ctx.store.db }, adAccountId, id);
  return (await view(ctx, adAccountId, [campaign]))[0] as CampaignView;
}

export async function listCampaignViews(
  ctx: ServiceContext,
  adAccountId: string,
  page: PageRequest & { status?: StatusFilter },
): Promise<Page<CampaignView>> {
  await requireAccount(ctx.store.db, adAccountId);
  const result = await listCampaigns(ctx.store.db, adAccountId, page);
  return { data: await view(ctx, adAccountId, result.data), nextCursor: result.nextCursor };
}

export async function updateCampaignFields(
  ctx: ServiceContext,
  actor: Actor,
  adAccountId: string,
  id: string,
  patch: { name?: string | undefined; budget?: string | null | undefined },
): Promise<CampaignView> {
  await transact(ctx, async (uow) => {
    const account = await requireAccount(uow.db, adAccountId);
    const current = await requireCampaign(uow, adAccountId, id);
    if (current.deletedAt !== null)
      throw new KindlingError('INVALID_STATE', { detail: 'a deleted campaign cannot change' });
    const settings = await loadSettings(ctx, uow);
    const today = localDate(uow.now, account.timeZone);
    const spentToday = (await spendOnDate(uow.db, [id], today)).get(id) ?? 0;
    const values = validateCampaign(
      {
        name: patch.name ?? current.name,
        objective_type: current.objectiveType,
        budget_mode: current.budgetMode,
        budget:
          patch.budget !== undefined
            ? patch.budget
            : current.budgetMicros === null
              ? null
              : formatMoney(current.budgetMicros, account.currency),
      },
      {
        currency: account.currency,
        timeZone: account.timeZone,
        settings,
        current,
        spentToday,
        adGroups: await adGroupsOfCampaigns(uow.db, [id]),
      },
    );
    const changes = { name: values.name, budgetMicros: values.budgetMicros };
    await updateCampaign(uow.db, id, changes, uow.now);
    await uow.audit({
      actor,
      action: 'campaign.update',
      entityType: 'campaign',
      entityId: id,
      adAccountId,
      changes: diff(current, changes),
    });
    await uow.changed('campaign', id);
  });
  return getCampaignView(ctx, adAccountId, id);
}

/** ENABLE, DISABLE or DELETE; deleting a campaign deletes its ad groups and ads. */
export async function setCampaignStatus(
  ctx: ServiceContext,
  actor: Actor,
  adAccountId: string,
  id: string,
  action: StatusAction,
): Promise<CampaignView> {
  await transact(ctx, async (uow) => {
    const current = await requireCampaign(uow, adAccountId, id);
    if (current.deletedAt !== null)
      throw new KindlingError('INVALID_STATE', { detail: `campaign ${id} is deleted` });
    if (action === 'DELETE') {
      await updateCampaign(uow.db, id, { deletedAt: uow.now, operationStatus: 'DISABLE' }, uow.now);
      const groups = await adGroupsOfCampaigns(uow.db, [id]);
      for (const group of groups) {
        await updateAdGroup(uow.db, group.id, { deletedAt: uow.now, operationStatus: 'DISABLE' }, uow.now);
        await uow.changed('ad_group', group.id);
      }
      for (const ad of await adsOfAdGroups(
        uow.db,
        groups.map((g) => g.id),
      )) {
        await updateAd(uow.db, ad.id, { deletedAt: uow.now, operationStatus: 'DISABLE' }, uow.now);
        await uow.changed('ad', ad.id);
      }
    } else {
      await updateCampaign(uow.db, id, { operationStatus: action }, uow.now);
    }
    await uow.audit({
      actor,
      action: `campaign.${action.toLowerCase()}`,
      entityType: 'campaign',
      entityId: id,
      adAccountId,
      changes: { operation_status: [current.operationStatus, action] },
    });
    await uow.changed('campaign', id);
  });
  return getCampaignView(ctx, adAccountId, id);
}
