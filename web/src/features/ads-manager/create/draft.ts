import type { AdBody, CampaignBody } from '../../../api/advertiser';
import type {
  AdGroupBudgetMode,
  AdGroupInput,
  AdWithWarnings,
  AgeGroup,
  BillingEvent,
  CallToAction,
  CampaignBudgetMode,
  FieldError,
  Gender,
  ObjectiveType,
  OperatingSystem,
  OptimizationGoal,
  PacingMode,
  Placement,
  ScheduleType,
} from '../../../api/types';
import { ALWAYS, toApi } from '../../../lib/dayparting';
import { wallClock } from '../../../lib/format';
import { GOAL_BILLING_EVENTS, OBJECTIVE_GOALS, objectiveLabel } from '../../../lib/labels';
import { Checks } from '../../../lib/validate';

/** Everything the create flow collects before launch, plus what a partial launch already created. */
export interface Draft {
  /** Scopes this draft's Idempotency-Keys. */
  id: string;
  campaign: {
    existingId: string | null;
    name: string;
    nameTouched: boolean;
    objective: ObjectiveType;
    budgetMode: CampaignBudgetMode;
    budget: string;
  };
  adGroup: {
    existingId: string | null;
    name: string;
    placements: Placement[];
    countries: string[];
    ageGroups: AgeGroup[];
    gender: Gender;
    languages: string[];
    interests: string[];
    operatingSystems: OperatingSystem[];
    budgetMode: AdGroupBudgetMode;
    budget: string;
    scheduleType: ScheduleType;
    /** Wall-clock datetime-local values in the ad account's time zone. */
    start: string;
    end: string;
    daypartingOn: boolean;
    dayparting: string;
    pacing: PacingMode;
    goal: OptimizationGoal;
    billingEvent: BillingEvent;
    bid: string;
    frequencyCapOn: boolean;
    frequency: string;
    frequencySchedule: string;
  };
  ad: {
    postIds: string[];
    callToAction: CallToAction | '';
    landingPage: string;
  };
  created: {
    campaignId: string | null;
    adGroupId: string | null;
    /** post id → the created ad (with the warnings POST /ads returned). */
    ads: Record<string, AdWithWarnings>;
  };
}

export type Stage = 'campaign' | 'adGroup' | 'ad';
export type StageErrors = Record<Stage, FieldError[]>;
export const NO_ERRORS: StageErrors = { campaign: [], adGroup: [], ad: [] };

export function defaultCampaignName(objective: ObjectiveType): string {
  return `${objectiveLabel(objective)} · ${new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' }).format(new Date())}`;
}

export function goalDefaults(objective: ObjectiveType): {
  goal: OptimizationGoal;
  billingEvent: BillingEvent;
} {
  const goal = OBJECTIVE_GOALS[objective][0] ?? 'REACH';
  return { goal, billingEvent: GOAL_BILLING_EVENTS[goal][0] ?? 'CPM' };
}

export function suggestedBid(billingEvent: BillingEvent): string {
  return { CPM: '6.00', CPC: '0.50', CPV: '0.05', OCPM: '8.00' }[billingEvent];
}

export function newDraft(timeZone: string, preselectedPostId?: string | null): Draft {
  const objective: ObjectiveType = 'VIDEO_VIEWS';
  const startAt = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 3_600_000);
  const endAt = new Date(startAt.getTime() + 30 * 86_400_000);
  const { goal, billingEvent } = goalDefaults(objective);
  return {
    id: crypto.randomUUID(),
    campaign: {
      existingId: null,
      name: defaultCampaignName(objective),
      nameTouched: false,
      objective,
      budgetMode: 'BUDGET_MODE_TOTAL',
      budget: '1000.00',
    },
    adGroup: {
      existingId: null,
      name: 'Ad group 1',
      placements: ['IN_FEED'],
      countries: [],
      ageGroups: [],
      gender: 'GENDER_UNLIMITED',
      languages: [],
      interests: [],
      operatingSystems: [],
      budgetMode: 'BUDGET_MODE_DAY',
      budget: '40.00',
      scheduleType: 'SCHEDULE_START_END',
      start: wallClock(startAt, timeZone),
      end: wallClock(endAt, timeZone),
      daypartingOn: false,
      dayparting: ALWAYS,
      pacing: 'PACING_MODE_SMOOTH',
      goal,
      billingEvent,
      bid: suggestedBid(billingEvent),
      frequencyCapOn: true,
      frequency: '2',
      frequencySchedule: '3',
    },
    ad: {
      postIds: preselectedPostId ? [preselectedPostId] : [],
      callToAction: 'LEARN_MORE',
      landingPage: 'https://',
    },
    created: { campaignId: null, adGroupId: null, ads: {} },
  };
}

// ------------------------------------------------------------------ API bodies

export function campaignBody(d: Draft): CampaignBody {
  const c = d.campaign;
  return {
    campaign_name: c.name.trim(),
    objective_type: c.objective,
    budget_mode: c.budgetMode,
    budget: c.budgetMode === 'BUDGET_MODE_INFINITE' ? null : c.budget.trim(),
  };
}

/** Schedule times go without an offset: the API reads them in the ad account's time zone. */
export function adGroupBody(d: Draft, campaignId: string): AdGroupInput {
  const g = d.adGroup;
  const startEnd = g.scheduleType === 'SCHEDULE_START_END';
  return {
    campaign_id: campaignId,
    adgroup_name: g.name.trim(),
    placements: g.placements,
    schedule_type: g.scheduleType,
    schedule_start_time: startEnd ? `${g.start}:00` : null,
    schedule_end_time: startEnd ? `${g.end}:00` : null,
    dayparting: g.daypartingOn ? toApi(g.dayparting) : null,
    targeting: {
      countries: g.countries,
      age_groups: g.ageGroups,
      gender: g.gender,
      languages: g.languages,
      interest_category_ids: g.interests,
      operating_systems: g.operatingSystems,
    },
    budget_mode: g.budgetMode,
    budget: g.budget.trim(),
    pacing: g.pacing,
    billing_event: g.billingEvent,
    optimization_goal: g.goal,
    bid_price: g.bid.trim(),
    frequency: g.frequencyCapOn ? Number(g.frequency) : null,
    frequency_schedule: g.frequencyCapOn ? Number(g.frequencySchedule) : null,
  };
}

export function adBody(d: Draft, adGroupId: string, postId: string, name?: string): AdBody {
  return {
    ad_group_id: adGroupId,
    post_id: postId,
    ...(name && { ad_name: name.slice(0, 512) }),
    call_to_action: d.ad.callToAction || null,
    landing_page_url: d.ad.landingPage.trim(),
  };
}

// ------------------------------------------------------------------ client-side checks (API field names)

export function checkCampaign(d: Draft): FieldError[] {
  if (d.campaign.existingId || d.created.campaignId || d.adGroup.existingId) return [];
  const checks = new Checks().required('campaign_name', d.campaign.name, 'Give the campaign a name');
  if (d.campaign.budgetMode !== 'BUDGET_MODE_INFINITE') checks.money('budget', d.campaign.budget, 'a budget');
  return checks.errors;
}

export function checkAdGroup(d: Draft, campaignBudgetMode: CampaignBudgetMode): FieldError[] {
  if (d.adGroup.existingId || d.created.adGroupId) return [];
  const g = d.adGroup;
  const checks = new Checks().required('adgroup_name', g.name, 'Give the ad group a name');
  if (g.placements.length === 0) checks.add('placements', 'Choose at least one placement', 'REQUIRED');
  checks.money('budget', g.budget, 'a budget');
  if (campaignBudgetMode === 'BUDGET_MODE_DAY' && g.budgetMode !== 'BUDGET_MODE_DAY')
    checks.add('budget_mode', 'The campaign has a daily budget, so its ad groups do too');
  if (g.scheduleType === 'SCHEDULE_START_END') {
    checks.required('schedule_start_time', g.start, 'Choose when it starts');
    checks.required('schedule_end_time', g.end, 'Choose when it ends');
    if (g.start && g.end && g.end <= g.start) checks.add('schedule_end_time', 'Must be after the start');
  } else if (g.budgetMode === 'BUDGET_MODE_TOTAL') {
    checks.add('budget_mode', 'A lifetime budget needs an end date: set a start and an end');
  }
  if (g.daypartingOn && !g.dayparting.includes('1'))
    checks.add('dayparting', 'Switch on at least one half hour');
  checks.money('bid_price', g.bid, 'a bid');
  if (g.frequencyCapOn) {
    checks.integer('frequency', g.frequency, 1, 1000);
    checks.integer('frequency_schedule', g.frequencySchedule, 1, 30);
  }
  return checks.errors;
}

export function checkAd(d: Draft): FieldError[] {
  const pending = d.ad.postIds.filter((id) => !d.created.ads[id]);
  const checks = new Checks();
  if (d.ad.postIds.length === 0) checks.add('post_id', 'Choose at least one post to promote', 'REQUIRED');
  if (pending.length > 0 || d.ad.postIds.length === 0) checks.httpsUrl('landing_page_url', d.ad.landingPage);
  return checks.errors;
}
