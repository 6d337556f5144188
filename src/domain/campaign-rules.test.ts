import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AdGroupInput,
  type AdGroupRuleContext,
  adGroupToInput,
  type CampaignInput,
  type CampaignRuleContext,
  isCountryCode,
  isLanguageCode,
  validateAdGroup,
  validateCampaign,
} from './campaign-rules.js';
import {
  BILLING_EVENTS,
  GOAL_BILLING_EVENTS,
  OBJECTIVE_GOALS,
  OBJECTIVE_TYPES,
  OPTIMIZATION_GOALS,
} from './enums.js';
import { type FieldError, KindlingError } from './errors.js';
import type { AdGroup, Campaign } from './model.js';
import { DEFAULT_SETTINGS, type PlatformSettings } from './settings.js';
import { MS_PER_MINUTE } from './time.js';

/** 2026-11-25 21:00 UTC (22:00 in Paris). */
const NOW = Date.UTC(2026, 10, 25, 21, 0, 0);
const EUR = 1_000_000;
const INTERESTS = new Set(['fitness', 'fitness.running', 'beauty', 'food']);

function campaign(overrides: Partial<Campaign> = {}): Campaign {
  return {
    id: 'cmp_1',
    adAccountId: 'acc_1',
    name: 'Winter',
    objectiveType: 'VIDEO_VIEWS',
    budgetMode: 'BUDGET_MODE_TOTAL',
    budgetMicros: 1200 * EUR,
    operationStatus: 'ENABLE',
    spendMicros: 0,
    deletedAt: null,
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

function campaignCtx(overrides: Partial<CampaignRuleContext> = {}): CampaignRuleContext {
  return { currency: 'EUR', timeZone: 'Europe/Paris', settings: DEFAULT_SETTINGS, ...overrides };
}

function adGroupCtx(overrides: Partial<AdGroupRuleContext> = {}): AdGroupRuleContext {
  return {
    currency: 'EUR',
    timeZone: 'Europe/Paris',
    settings: DEFAULT_SETTINGS,
    campaign: campaign(),
    now: NOW,
    interestIds: INTERESTS,
    ...overrides,
  };
}

function adGroupInput(overrides: Partial<AdGroupInput> = {}): AdGroupInput {
  return {
    name: 'FR 18-34',
    placements: ['IN_FEED'],
    schedule_type: 'SCHEDULE_START_END',
    schedule_start_time: '2026-12-01 00:00:00',
    schedule_end_time: '2026-12-31 23:59:59',
    targeting: { countries: ['FR'], age_groups: ['AGE_18_24'], interest_category_ids: ['fitness'] },
    budget_mode: 'BUDGET_MODE_DAY',
    budget: '40',
    pacing: 'PACING_MODE_SMOOTH',
    billing_event: 'CPV',
    optimization_goal: 'VIDEO_VIEW',
    bid_price: '0.05',
    frequency: 2,
    frequency_schedule: 3,
    ...overrides,
  };
}

/** The field errors `run` throws (it must throw a VALIDATION_FAILED KindlingError). */
function errorsOf(run: () => unknown): FieldError[] {
  try {
    run();
  } catch (error) {
    if (!(error instanceof KindlingError)) throw error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.status).toBe(400);
    expect(error.errors.length).toBeGreaterThan(0);
    // The detail names the first field, so a client that shows only `detail` still knows where.
    expect(error.detail.startsWith(`${error.errors[0]?.field}:`)).toBe(true);
    return error.errors;
  }
  throw new Error('expected a validation error, but the input was accepted');
}

const brief = (errors: FieldError[]) => errors.map((e) => `${e.field} ${e.code}`);

function storedGroup(input: AdGroupInput, ctx: AdGroupRuleContext, extra: Partial<AdGroup> = {}): AdGroup {
  return {
    id: 'adg_1',
    adAccountId: 'acc_1',
    campaignId: ctx.campaign.id,
    ...validateAdGroup(input, ctx),
    operationStatus: 'ENABLE',
    spendMicros: 0,
    deletedAt: null,
    createdAt: NOW,
    updatedAt: NOW,
    ...extra,
  };
}

// ---------------------------------------------------------------------------------------------

describe('validateCampaign: budgets', () => {
  const input = (o: Partial<CampaignInput> = {}): CampaignInput => ({
    name: 'Winter',
    objective_type: 'VIDEO_VIEWS',
    budget_mode: 'BUDGET_MODE_TOTAL',
    budget: '1200',
    ...o,
  });

  it('returns the values with the budget in micros', () => {
    expect(validateCampaign(input(), campaignCtx())).toEqual({
      name: 'Winter',
      objectiveType: 'VIDEO_VIEWS',
      budgetMode: 'BUDGET_MODE_TOTAL',
      budgetMicros: 1200 * EUR,
    });
  });

  it('an unlimited campaign has no budget; daily and lifetime ones need one', () => {
    expect(
      validateCampaign(input({ budget_mode: 'BUDGET_MODE_INFINITE', budget: null }), campaignCtx())
        .budgetMicros,
    ).toBeNull();
    expect(
      brief(
        errorsOf(() =>
          validateCampaign(input({ budget_mode: 'BUDGET_MODE_INFINITE', budget: '100' }), campaignCtx()),
        ),
      ),
    ).toEqual(['budget NOT_ALLOWED']);
    for (const mode of ['BUDGET_MODE_DAY', 'BUDGET_MODE_TOTAL'] as const) {
      expect(
        brief(errorsOf(() => validateCampaign(input({ budget_mode: mode, budget: null }), campaignCtx()))),
      ).toEqual(['budget REQUIRED']);
      expect(
        brief(
          errorsOf(() => validateCampaign(input({ budget_mode: mode, budget: undefined }), campaignCtx())),
        ),
      ).toEqual(['budget REQUIRED']);
    }
  });

  it('refuses budgets below the platform minimum (default 50), at the cent', () => {
    expect(validateCampaign(input({ budget: '50' }), campaignCtx()).budgetMicros).toBe(50 * EUR);
    const errors = errorsOf(() => validateCampaign(input({ budget: '49.99' }), campaignCtx()));
    expect(errors).toEqual([
      { field: 'budget', code: 'BELOW_MINIMUM', message: 'the minimum campaign budget is 50.00 EUR' },
    ]);
  });

  it('uses a per-currency minimum when the platform sets one', () => {
    const settings: PlatformSettings = {
      ...DEFAULT_SETTINGS,
      currency_minimums: { JPY: { campaign: '5000', ad_group_daily: '2000' } },
    };
    const jpy = campaignCtx({ currency: 'JPY', timeZone: 'Asia/Tokyo', settings });
    expect(validateCampaign(input({ budget: '5000' }), jpy).budgetMicros).toBe(5000 * EUR);
    expect(brief(errorsOf(() => validateCampaign(input({ budget: '4999' }), jpy)))).toEqual([
      'budget BELOW_MINIMUM',
    ]);
    // Other currencies keep the general minimum.
    expect(validateCampaign(input({ budget: '50' }), campaignCtx({ settings })).budgetMicros).toBe(50 * EUR);
    expect(
      brief(errorsOf(() => validateCampaign(input({ budget: '49' }), campaignCtx({ settings })))),
    ).toEqual(['budget BELOW_MINIMUM']);
  });

  it('a platform-wide minimum finer than the currency (50.50 for JPY) applies without failing', () => {
    const settings: PlatformSettings = { ...DEFAULT_SETTINGS, min_campaign_budget: '50.50' };
    const jpy = campaignCtx({ currency: 'JPY', timeZone: 'Asia/Tokyo', settings });
    expect(errorsOf(() => validateCampaign(input({ budget: '50' }), jpy))).toEqual([
      { field: 'budget', code: 'BELOW_MINIMUM', message: 'the minimum campaign budget is 51 JPY' },
    ]);
    expect(validateCampaign(input({ budget: '51' }), jpy).budgetMicros).toBe(51 * EUR);
  });

  it('refuses zero, malformed and too precise budgets, naming the field', () => {
    expect(brief(errorsOf(() => validateCampaign(input({ budget: '0' }), campaignCtx())))).toEqual([
      'budget OUT_OF_RANGE',
    ]);
    expect(brief(errorsOf(() => validateCampaign(input({ budget: '1e3' }), campaignCtx())))).toEqual([
      'budget INVALID_FORMAT',
    ]);
    expect(brief(errorsOf(() => validateCampaign(input({ budget: '100.001' }), campaignCtx())))).toEqual([
      'budget TOO_PRECISE',
    ]);
    expect(
      brief(errorsOf(() => validateCampaign(input({ budget: '100.5' }), campaignCtx({ currency: 'JPY' })))),
    ).toEqual(['budget TOO_PRECISE']);
  });

  it('keeps the objective and budget mode fixed after creation', () => {
    const current = campaign();
    const errors = errorsOf(() =>
      validateCampaign(
        input({ objective_type: 'REACH', budget_mode: 'BUDGET_MODE_DAY', budget: '100' }),
        campaignCtx({ current }),
      ),
    );
    expect(brief(errors)).toEqual(['objective_type IMMUTABLE', 'budget_mode IMMUTABLE']);
  });

  it('a lowered lifetime budget must stay at or above 105% of the lifetime spend', () => {
    const current = campaign({ budgetMicros: 1000 * EUR, spendMicros: 900 * EUR });
    expect(validateCampaign(input({ budget: '945' }), campaignCtx({ current })).budgetMicros).toBe(945 * EUR);
    const errors = errorsOf(() => validateCampaign(input({ budget: '944.99' }), campaignCtx({ current })));
    expect(errors).toEqual([
      {
        field: 'budget',
        code: 'BELOW_SPEND_FLOOR',
        message: 'a lowered budget must be at least 105% of the 900.00 already spent (945.00)',
      },
    ]);
    // Raising is always allowed, even when the new budget is under 105% of the spend.
    const nearlySpent = campaign({ budgetMicros: 1000 * EUR, spendMicros: 999 * EUR });
    expect(
      validateCampaign(input({ budget: '1000.01' }), campaignCtx({ current: nearlySpent })).budgetMicros,
    ).toBe(1_000_010_000);
  });

  it('a lowered daily budget is compared with today’s spend, not the lifetime spend', () => {
    const current = campaign({
      budgetMode: 'BUDGET_MODE_DAY',
      budgetMicros: 100 * EUR,
      spendMicros: 5000 * EUR,
    });
    const daily = (budget: string, spentToday: number) =>
      validateCampaign(
        input({ budget_mode: 'BUDGET_MODE_DAY', budget }),
        campaignCtx({ current, spentToday: spentToday * EUR }),
      );
    expect(daily('63', 60).budgetMicros).toBe(63 * EUR);
    expect(brief(errorsOf(() => daily('62.99', 60)))).toEqual(['budget BELOW_SPEND_FLOOR']);
    expect(daily('50', 0).budgetMicros).toBe(50 * EUR);
  });

  it('rounds the 105% floor up to the micro', () => {
    // 105% of 0.000001 is 0.00000105: the floor is 2 micros, so a budget equal to the spend fails.
    const current = campaign({ budgetMicros: 60 * EUR, spendMicros: 50 * EUR + 1 });
    const errors = errorsOf(() => validateCampaign(input({ budget: '52.50' }), campaignCtx({ current })));
    expect(brief(errors)).toEqual(['budget BELOW_SPEND_FLOOR']);
  });

  it('a campaign budget must not drop below one of its ad groups’ budgets', () => {
    const current = campaign({ budgetMode: 'BUDGET_MODE_DAY', budgetMicros: 300 * EUR });
    const ctx = adGroupCtx({ campaign: current });
    const group = storedGroup(adGroupInput({ budget: '200' }), ctx);
    const lower = (budget: string) =>
      validateCampaign(
        input({ budget_mode: 'BUDGET_MODE_DAY', budget }),
        campaignCtx({ current, adGroups: [group] }),
      );
    expect(lower('200').budgetMicros).toBe(200 * EUR);
    const errors = errorsOf(() => lower('199.99'));
    expect(brief(errors)).toEqual(['budget BELOW_AD_GROUP_BUDGET']);
    expect(errors[0]?.message).toContain('adg_1');
  });
});

// ---------------------------------------------------------------------------------------------

describe('validateAdGroup: budgets', () => {
  it('accepts a valid ad group and returns its values in micros and epoch ms', () => {
    const values = validateAdGroup(adGroupInput(), adGroupCtx());
    expect(values).toMatchObject({
      budgetMode: 'BUDGET_MODE_DAY',
      budgetMicros: 40 * EUR,
      bidMicros: 50_000,
      // Midnight in Paris is 23:00 UTC the day before.
      scheduleStartAt: Date.UTC(2026, 10, 30, 23, 0, 0),
      scheduleEndAt: Date.UTC(2026, 11, 31, 22, 59, 59),
      frequency: 2,
      frequencySchedule: 3,
      optimizationGoal: 'VIDEO_VIEW',
      targeting: {
        countries: ['FR'],
        regions: [],
        ageGroups: ['AGE_18_24'],
        gender: 'GENDER_UNLIMITED',
        languages: [],
        interestCategoryIds: ['fitness'],
        operatingSystems: [],
        audienceIds: [],
        excludedAudienceIds: [],
      },
    });
  });

  it('refuses a daily budget below the platform minimum (default 20) and uses per-currency minimums', () => {
    expect(validateAdGroup(adGroupInput({ budget: '20' }), adGroupCtx()).budgetMicros).toBe(20 * EUR);
    expect(errorsOf(() => validateAdGroup(adGroupInput({ budget: '19.99' }), adGroupCtx()))).toEqual([
      { field: 'budget', code: 'BELOW_MINIMUM', message: 'the minimum daily budget is 20.00 EUR' },
    ]);
    const settings = {
      ...DEFAULT_SETTINGS,
      currency_minimums: { JPY: { campaign: '5000', ad_group_daily: '2000' } },
    };
    const jpy = adGroupCtx({
      currency: 'JPY',
      settings,
      campaign: campaign({ budgetMicros: 100_000 * EUR }),
    });
    expect(validateAdGroup(adGroupInput({ budget: '2000', bid_price: '5' }), jpy).budgetMicros).toBe(
      2000 * EUR,
    );
    expect(
      brief(errorsOf(() => validateAdGroup(adGroupInput({ budget: '1999', bid_price: '5' }), jpy))),
    ).toEqual(['budget BELOW_MINIMUM']);
  });

  it('an ad group budget fits inside its campaign budget', () => {
    const ctx = adGroupCtx({ campaign: campaign({ budgetMicros: 100 * EUR }) });
    expect(validateAdGroup(adGroupInput({ budget: '100' }), ctx).budgetMicros).toBe(100 * EUR);
    expect(brief(errorsOf(() => validateAdGroup(adGroupInput({ budget: '100.01' }), ctx)))).toEqual([
      'budget ABOVE_CAMPAIGN_BUDGET',
    ]);
    // An unlimited campaign sets no ceiling.
    const unlimited = adGroupCtx({
      campaign: campaign({ budgetMode: 'BUDGET_MODE_INFINITE', budgetMicros: null }),
    });
    expect(validateAdGroup(adGroupInput({ budget: '100000' }), unlimited).budgetMicros).toBe(100_000 * EUR);
  });

  it('ad groups of a daily campaign must have daily budgets', () => {
    const ctx = adGroupCtx({
      campaign: campaign({ budgetMode: 'BUDGET_MODE_DAY', budgetMicros: 1000 * EUR }),
    });
    const errors = errorsOf(() =>
      validateAdGroup(adGroupInput({ budget_mode: 'BUDGET_MODE_TOTAL', budget: '700' }), ctx),
    );
    expect(brief(errors)).toEqual(['budget_mode MUST_BE_DAILY']);
  });

  it('a lifetime budget needs an end date', () => {
    const errors = errorsOf(() =>
      validateAdGroup(
        adGroupInput({
          budget_mode: 'BUDGET_MODE_TOTAL',
          budget: '600',
          schedule_type: 'SCHEDULE_FROM_NOW',
          schedule_start_time: null,
          schedule_end_time: null,
        }),
        adGroupCtx(),
      ),
    );
    expect(brief(errors)).toEqual(['budget_mode NEEDS_END']);
  });

  it('a lifetime budget is at least the daily minimum × the local days of the schedule', () => {
    const total = (budget: string, start: string, end: string) =>
      validateAdGroup(
        adGroupInput({
          budget_mode: 'BUDGET_MODE_TOTAL',
          budget,
          schedule_start_time: start,
          schedule_end_time: end,
        }),
        adGroupCtx(),
      );
    // 1–10 December in Paris: 10 days × 20 = 200.
    expect(total('200', '2026-12-01 00:00:00', '2026-12-10 23:59:59').budgetMicros).toBe(200 * EUR);
    const errors = errorsOf(() => total('199.99', '2026-12-01 00:00:00', '2026-12-10 23:59:59'));
    expect(errors).toEqual([
      {
        field: 'budget',
        code: 'BELOW_MINIMUM',
        message: 'a lifetime budget over 10 days must be at least 200.00 EUR (20.00 a day)',
      },
    ]);
    // Days are local days: 23:00–01:00 Paris time touches two days.
    expect(brief(errorsOf(() => total('39.99', '2026-12-01T22:00:00Z', '2026-12-02T00:00:00Z')))).toEqual([
      'budget BELOW_MINIMUM',
    ]);
    expect(total('40', '2026-12-01T22:00:00Z', '2026-12-02T00:00:00Z').budgetMicros).toBe(40 * EUR);
    // The 25-hour day when DST ends in 2027 (31 October) is still one day.
    expect(total('20', '2027-10-31 00:00:00', '2027-10-31 23:59:59').budgetMicros).toBe(20 * EUR);
  });

  it('refuses a bid that one charge would make exceed the budget (CPM bids are per 1,000)', () => {
    const cpm = (bid: string) =>
      validateAdGroup(
        adGroupInput({ billing_event: 'CPM', optimization_goal: 'REACH', bid_price: bid }),
        adGroupCtx({ campaign: campaign({ objectiveType: 'REACH' }) }),
      );
    expect(cpm('40000').bidMicros).toBe(40_000 * EUR);
    expect(brief(errorsOf(() => cpm('40001')))).toEqual(['bid_price ABOVE_BUDGET']);
    expect(
      brief(errorsOf(() => validateAdGroup(adGroupInput({ bid_price: '40.01' }), adGroupCtx()))),
    ).toEqual(['bid_price ABOVE_BUDGET']);
    expect(brief(errorsOf(() => validateAdGroup(adGroupInput({ bid_price: '0' }), adGroupCtx())))).toEqual([
      'bid_price OUT_OF_RANGE',
    ]);
  });

  it('a lowered ad group budget stays at or above 105% of what it already spent', () => {
    const ctx = adGroupCtx();
    const lifetimeInput = adGroupInput({ budget_mode: 'BUDGET_MODE_TOTAL', budget: '1000' });
    const current = storedGroup(lifetimeInput, ctx, { spendMicros: 800 * EUR });
    const update = (budget: string) =>
      validateAdGroup({ ...adGroupToInput(current, 'EUR'), budget }, { ...ctx, current });
    expect(update('840').budgetMicros).toBe(840 * EUR);
    expect(brief(errorsOf(() => update('839.99')))).toEqual(['budget BELOW_SPEND_FLOOR']);

    const dailyCurrent = storedGroup(adGroupInput({ budget: '40' }), ctx, { spendMicros: 10_000 * EUR });
    const updateDaily = (budget: string, spentToday: number) =>
      validateAdGroup(
        { ...adGroupToInput(dailyCurrent, 'EUR'), budget },
        { ...ctx, current: dailyCurrent, spentToday: spentToday * EUR },
      );
    expect(updateDaily('21', 20).budgetMicros).toBe(21 * EUR);
    expect(brief(errorsOf(() => updateDaily('20.99', 20)))).toEqual(['budget BELOW_SPEND_FLOOR']);
  });
});

// ---------------------------------------------------------------------------------------------

describe('validateAdGroup: schedule', () => {
  it('SCHEDULE_START_END needs both times', () => {
    expect(
      brief(errorsOf(() => validateAdGroup(adGroupInput({ schedule_start_time: null }), adGroupCtx()))),
    ).toEqual(['schedule_start_time REQUIRED']);
    expect(
      brief(errorsOf(() => validateAdGroup(adGroupInput({ schedule_end_time: undefined }), adGroupCtx()))),
    ).toEqual(['schedule_end_time REQUIRED']);
  });

  it('SCHEDULE_FROM_NOW starts now and has no end', () => {
    const values = validateAdGroup(
      adGroupInput({
        schedule_type: 'SCHEDULE_FROM_NOW',
        schedule_start_time: null,
        schedule_end_time: null,
      }),
      adGroupCtx(),
    );
    expect(values.scheduleStartAt).toBe(NOW);
    expect(values.scheduleEndAt).toBeNull();
    expect(
      brief(
        errorsOf(() =>
          validateAdGroup(
            adGroupInput({ schedule_type: 'SCHEDULE_FROM_NOW', schedule_start_time: null }),
            adGroupCtx(),
          ),
        ),
      ),
    ).toEqual(['schedule_end_time NOT_ALLOWED']);
  });

  it('the end comes after the start', () => {
    const errors = errorsOf(() =>
      validateAdGroup(
        adGroupInput({
          schedule_start_time: '2026-12-10T00:00:00Z',
          schedule_end_time: '2026-12-10T00:00:00Z',
        }),
        adGroupCtx(),
      ),
    );
    expect(brief(errors)).toEqual(['schedule_end_time BEFORE_START']);
  });

  it('a new schedule may start up to 15 minutes in the past, not more', () => {
    const at = (ms: number) => new Date(ms).toISOString();
    const ok = validateAdGroup(
      adGroupInput({ schedule_start_time: at(NOW - 15 * MS_PER_MINUTE) }),
      adGroupCtx(),
    );
    expect(ok.scheduleStartAt).toBe(NOW - 15 * MS_PER_MINUTE);
    const errors = errorsOf(() =>
      validateAdGroup(
        adGroupInput({ schedule_start_time: at(NOW - 15 * MS_PER_MINUTE - 1000) }),
        adGroupCtx(),
      ),
    );
    expect(brief(errors)).toEqual(['schedule_start_time IN_PAST']);
    const endsInPast = errorsOf(() =>
      validateAdGroup(
        adGroupInput({
          schedule_start_time: at(NOW - 10 * MS_PER_MINUTE),
          schedule_end_time: at(NOW - 5 * MS_PER_MINUTE),
        }),
        adGroupCtx(),
      ),
    );
    expect(brief(endsInPast)).toEqual(['schedule_end_time IN_PAST']);
  });

  it('an update may keep a start that is now in the past', () => {
    const ctx = adGroupCtx();
    const current = storedGroup(adGroupInput(), ctx);
    const later = { ...ctx, now: Date.UTC(2026, 11, 15), current };
    const values = validateAdGroup({ ...adGroupToInput(current, 'EUR'), budget: '50' }, later);
    expect(values.scheduleStartAt).toBe(current.scheduleStartAt);
    // …but not move it to another past time.
    const moved = errorsOf(() =>
      validateAdGroup(
        { ...adGroupToInput(current, 'EUR'), schedule_start_time: '2026-12-02 00:00:00' },
        later,
      ),
    );
    expect(brief(moved)).toEqual(['schedule_start_time IN_PAST']);
  });

  it('reads times without an offset in the account time zone', () => {
    const ny = validateAdGroup(adGroupInput(), adGroupCtx({ timeZone: 'America/New_York' }));
    expect(ny.scheduleStartAt).toBe(Date.UTC(2026, 11, 1, 5, 0, 0));
    const explicit = validateAdGroup(
      adGroupInput({ schedule_start_time: '2026-12-01T00:00:00+09:00' }),
      adGroupCtx({ timeZone: 'America/New_York' }),
    );
    expect(explicit.scheduleStartAt).toBe(Date.UTC(2026, 10, 30, 15, 0, 0));
  });

  it('refuses times it cannot read, naming which', () => {
    expect(
      brief(
        errorsOf(() => validateAdGroup(adGroupInput({ schedule_start_time: 'next monday' }), adGroupCtx())),
      ),
    ).toEqual(['schedule_start_time INVALID_TIME']);
    expect(
      brief(
        errorsOf(() =>
          validateAdGroup(adGroupInput({ schedule_end_time: '2026-02-30 10:00' }), adGroupCtx()),
        ),
      ),
    ).toEqual(['schedule_end_time INVALID_TIME']);
  });

  it('dayparting is 336 cells of 0/1; all on or all off means always', () => {
    const cells = `${'1'.repeat(48)}${'0'.repeat(288)}`;
    expect(validateAdGroup(adGroupInput({ dayparting: cells }), adGroupCtx()).dayparting).toBe(cells);
    expect(
      validateAdGroup(adGroupInput({ dayparting: '1'.repeat(336) }), adGroupCtx()).dayparting,
    ).toBeNull();
    expect(
      validateAdGroup(adGroupInput({ dayparting: '0'.repeat(336) }), adGroupCtx()).dayparting,
    ).toBeNull();
    for (const bad of ['1'.repeat(335), `${'1'.repeat(335)}2`, '', `${'0'.repeat(336)}1`]) {
      expect(brief(errorsOf(() => validateAdGroup(adGroupInput({ dayparting: bad }), adGroupCtx())))).toEqual(
        ['dayparting INVALID_DAYPARTING'],
      );
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('validateAdGroup: objective → optimization goal → billing event', () => {
  it('accepts exactly the TikTok combinations and names the field that breaks one', () => {
    for (const objective of OBJECTIVE_TYPES) {
      for (const goal of OPTIMIZATION_GOALS) {
        for (const billing of BILLING_EVENTS) {
          const run = () =>
            validateAdGroup(
              adGroupInput({ optimization_goal: goal, billing_event: billing, bid_price: '1' }),
              adGroupCtx({ campaign: campaign({ objectiveType: objective }) }),
            );
          if (!OBJECTIVE_GOALS[objective].includes(goal)) {
            expect(brief(errorsOf(run))).toEqual(['optimization_goal NOT_ALLOWED_FOR_OBJECTIVE']);
          } else if (!GOAL_BILLING_EVENTS[goal].includes(billing)) {
            expect(brief(errorsOf(run))).toEqual(['billing_event NOT_ALLOWED_FOR_GOAL']);
          } else {
            expect(run().optimizationGoal).toBe(goal);
          }
        }
      }
    }
  });

  it('known examples', () => {
    const ok = (
      objective: Campaign['objectiveType'],
      goal: AdGroupInput['optimization_goal'],
      billing: AdGroupInput['billing_event'],
    ) =>
      validateAdGroup(
        adGroupInput({ optimization_goal: goal, billing_event: billing, bid_price: '1' }),
        adGroupCtx({ campaign: campaign({ objectiveType: objective }) }),
      );
    expect(ok('REACH', 'REACH', 'CPM').billingEvent).toBe('CPM');
    expect(ok('TRAFFIC', 'CLICK', 'CPC').billingEvent).toBe('CPC');
    expect(ok('VIDEO_VIEWS', 'VIDEO_VIEW', 'CPV').billingEvent).toBe('CPV');
    expect(ok('ENGAGEMENT', 'FOLLOWERS', 'OCPM').billingEvent).toBe('OCPM');
    expect(brief(errorsOf(() => ok('ENGAGEMENT', 'FOLLOWERS', 'CPM')))).toEqual([
      'billing_event NOT_ALLOWED_FOR_GOAL',
    ]);
    expect(brief(errorsOf(() => ok('VIDEO_VIEWS', 'CLICK', 'CPC')))).toEqual([
      'optimization_goal NOT_ALLOWED_FOR_OBJECTIVE',
    ]);
  });

  it('uses the objective’s default goal when none is given', () => {
    const traffic = validateAdGroup(
      adGroupInput({ optimization_goal: undefined, billing_event: 'CPC', bid_price: '0.5' }),
      adGroupCtx({ campaign: campaign({ objectiveType: 'TRAFFIC' }) }),
    );
    expect(traffic.optimizationGoal).toBe('CLICK');
    const reach = errorsOf(() =>
      validateAdGroup(
        adGroupInput({ optimization_goal: undefined, billing_event: 'CPC' }),
        adGroupCtx({ campaign: campaign({ objectiveType: 'REACH' }) }),
      ),
    );
    expect(brief(reach)).toEqual(['billing_event NOT_ALLOWED_FOR_GOAL']);
  });

  it('the billing event and budget mode cannot change after creation', () => {
    const ctx = adGroupCtx();
    const current = storedGroup(adGroupInput(), ctx);
    const errors = errorsOf(() =>
      validateAdGroup(
        {
          ...adGroupToInput(current, 'EUR'),
          billing_event: 'OCPM',
          budget_mode: 'BUDGET_MODE_TOTAL',
          budget: '700',
        },
        { ...ctx, current },
      ),
    );
    expect(brief(errors)).toEqual(['billing_event IMMUTABLE', 'budget_mode IMMUTABLE']);
  });

  it('adGroupToInput of a stored ad group validates back to the same values', () => {
    const ctx = adGroupCtx();
    const current = storedGroup(adGroupInput({ dayparting: `${'1'.repeat(100)}${'0'.repeat(236)}` }), ctx);
    const {
      id,
      adAccountId,
      campaignId,
      operationStatus,
      spendMicros,
      deletedAt,
      createdAt,
      updatedAt,
      ...values
    } = current;
    expect(validateAdGroup(adGroupToInput(current, 'EUR'), { ...ctx, current })).toEqual(values);
  });
});

describe('validateAdGroup: frequency caps and placements', () => {
  it('frequency and frequency_schedule go together', () => {
    expect(
      brief(
        errorsOf(() =>
          validateAdGroup(adGroupInput({ frequency: 2, frequency_schedule: null }), adGroupCtx()),
        ),
      ),
    ).toEqual(['frequency_schedule REQUIRED']);
    expect(
      brief(
        errorsOf(() =>
          validateAdGroup(adGroupInput({ frequency: undefined, frequency_schedule: 3 }), adGroupCtx()),
        ),
      ),
    ).toEqual(['frequency REQUIRED']);
    const none = validateAdGroup(adGroupInput({ frequency: null, frequency_schedule: null }), adGroupCtx());
    expect([none.frequency, none.frequencySchedule]).toEqual([null, null]);
  });

  it('placements: at least one, no duplicates', () => {
    expect(brief(errorsOf(() => validateAdGroup(adGroupInput({ placements: [] }), adGroupCtx())))).toEqual([
      'placements REQUIRED',
    ]);
    expect(
      brief(
        errorsOf(() => validateAdGroup(adGroupInput({ placements: ['IN_FEED', 'IN_FEED'] }), adGroupCtx())),
      ),
    ).toEqual(['placements[1] DUPLICATE']);
  });

  it('reports every problem at once', () => {
    const errors = errorsOf(() =>
      validateAdGroup(
        adGroupInput({
          placements: [],
          budget: '1',
          frequency: 3,
          frequency_schedule: null,
          targeting: { countries: ['XX'] },
        }),
        adGroupCtx(),
      ),
    );
    expect(brief(errors).sort()).toEqual([
      'budget BELOW_MINIMUM',
      'frequency_schedule REQUIRED',
      'placements REQUIRED',
      'targeting.countries[0] UNKNOWN_COUNTRY',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('targeting normalization', () => {
  const withTargeting = (targeting: AdGroupInput['targeting'], ctx = adGroupCtx()) =>
    validateAdGroup(adGroupInput({ targeting }), ctx);

  it('empty or absent targeting means everyone', () => {
    expect(withTargeting(undefined).targeting).toEqual({
      countries: [],
      regions: [],
      ageGroups: [],
      gender: 'GENDER_UNLIMITED',
      languages: [],
      interestCategoryIds: [],
      operatingSystems: [],
      audienceIds: [],
      excludedAudienceIds: [],
    });
  });

  it('refuses unknown countries, naming the position', () => {
    const errors = errorsOf(() => withTargeting({ countries: ['FR', 'XX', 'DE', 'EU'] }));
    expect(brief(errors)).toEqual([
      'targeting.countries[1] UNKNOWN_COUNTRY',
      'targeting.countries[3] UNKNOWN_COUNTRY',
    ]);
    expect(errors[0]?.message).toContain('XX');
  });

  it('refuses outdated aliases that are not ISO 3166-1 codes (UK is GB), and lower case', () => {
    for (const code of ['UK', 'ZZ', 'QO', 'fr', 'FRA', 'BU', 'YU']) {
      expect(isCountryCode(code), code).toBe(false);
    }
    for (const code of ['GB', 'FR', 'US', 'JP', 'BR', 'AQ']) expect(isCountryCode(code), code).toBe(true);
    expect(brief(errorsOf(() => withTargeting({ countries: ['UK'] })))).toEqual([
      'targeting.countries[0] UNKNOWN_COUNTRY',
    ]);
  });

  it('refuses unknown languages', () => {
    for (const code of ['xx', 'zz', 'FR', 'fra', 'iw']) expect(isLanguageCode(code), code).toBe(false);
    for (const code of ['fr', 'en', 'he', 'ja']) expect(isLanguageCode(code), code).toBe(true);
    expect(brief(errorsOf(() => withTargeting({ languages: ['fr', 'zz'] })))).toEqual([
      'targeting.languages[1] UNKNOWN_LANGUAGE',
    ]);
  });

  it('refuses interests outside the taxonomy', () => {
    const errors = errorsOf(() => withTargeting({ interest_category_ids: ['fitness', 'crypto'] }));
    expect(brief(errors)).toEqual(['targeting.interest_category_ids[1] UNKNOWN_INTEREST']);
    expect(
      withTargeting({ interest_category_ids: ['fitness.running'] }).targeting.interestCategoryIds,
    ).toEqual(['fitness.running']);
  });

  it('refuses duplicates, naming the repeated position', () => {
    expect(brief(errorsOf(() => withTargeting({ countries: ['FR', 'DE', 'FR'] })))).toEqual([
      'targeting.countries[2] DUPLICATE',
    ]);
    expect(brief(errorsOf(() => withTargeting({ age_groups: ['AGE_18_24', 'AGE_18_24'] })))).toEqual([
      'targeting.age_groups[1] DUPLICATE',
    ]);
    expect(brief(errorsOf(() => withTargeting({ operating_systems: ['IOS', 'IOS'] })))).toEqual([
      'targeting.operating_systems[1] DUPLICATE',
    ]);
  });

  it('names the input position of an unknown value that follows a duplicate', () => {
    expect(brief(errorsOf(() => withTargeting({ countries: ['FR', 'FR', 'XX'] })))).toEqual([
      'targeting.countries[1] DUPLICATE',
      'targeting.countries[2] UNKNOWN_COUNTRY',
    ]);
    expect(brief(errorsOf(() => withTargeting({ languages: ['fr', 'fr', 'zz'] })))).toEqual([
      'targeting.languages[1] DUPLICATE',
      'targeting.languages[2] UNKNOWN_LANGUAGE',
    ]);
    expect(brief(errorsOf(() => withTargeting({ interest_category_ids: ['food', 'food', 'nope'] })))).toEqual(
      ['targeting.interest_category_ids[1] DUPLICATE', 'targeting.interest_category_ids[2] UNKNOWN_INTEREST'],
    );
  });

  it('refuses an audience both included and excluded', () => {
    const errors = errorsOf(() =>
      withTargeting({ audience_ids: ['aud_a', 'aud_b'], excluded_audience_ids: ['aud_c', 'aud_b'] }),
    );
    expect(brief(errors)).toEqual(['targeting.excluded_audience_ids[1] CONFLICT']);
    const fine = withTargeting({ audience_ids: ['aud_a'], excluded_audience_ids: ['aud_c'] });
    expect(fine.targeting.excludedAudienceIds).toEqual(['aud_c']);
  });

  it('refuses viewers under 18 unless the platform allows it', () => {
    const errors = errorsOf(() => withTargeting({ age_groups: ['AGE_13_17', 'AGE_18_24'] }));
    expect(errors).toEqual([
      {
        field: 'targeting.age_groups',
        code: 'MINOR_TARGETING_NOT_ALLOWED',
        message: 'this platform does not allow targeting viewers under 18',
      },
    ]);
    const allowed = adGroupCtx({ settings: { ...DEFAULT_SETTINGS, allow_minor_targeting: true } });
    expect(withTargeting({ age_groups: ['AGE_13_17'] }, allowed).targeting.ageGroups).toEqual(['AGE_13_17']);
  });

  it('every error names a targeting field with the index of the offending input', () => {
    const countryPool = ['FR', 'DE', 'US', 'XX', 'QQ', 'UK', 'JP'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...countryPool), { maxLength: 8 }), (countries) => {
        let errors: FieldError[] = [];
        try {
          withTargeting({ countries });
        } catch (error) {
          if (!(error instanceof KindlingError)) throw error;
          errors = error.errors;
        }
        const expected: string[] = [];
        countries.forEach((c, i) => {
          const first = countries.indexOf(c);
          if (first !== i) expected.push(`targeting.countries[${i}] DUPLICATE`);
          else if (!isCountryCode(c)) expected.push(`targeting.countries[${i}] UNKNOWN_COUNTRY`);
        });
        expect(brief(errors).sort()).toEqual(expected.sort());
        for (const e of errors) expect(countries[Number(/\[(\d+)\]/.exec(e.field)?.[1])]).toBeDefined();
      }),
    );
  });
});

describe('budget floor arithmetic', () => {
  it('a lowered budget is accepted exactly when it is at least 105% of the spend (property)', () => {
    const cents = 10_000;
    fc.assert(
      fc.property(
        fc.integer({ min: 5001, max: 100_000_000 }).chain((previousCents) =>
          fc.record({
            previousCents: fc.constant(previousCents),
            nextCents: fc.integer({ min: 5000, max: previousCents - 1 }),
            spent: fc.integer({ min: 0, max: previousCents * cents }),
          }),
        ),
        ({ previousCents, nextCents, spent }) => {
          const current = campaign({ budgetMicros: previousCents * cents, spendMicros: spent });
          const text = `${Math.floor(nextCents / 100)}.${String(nextCents % 100).padStart(2, '0')}`;
          let accepted = true;
          try {
            validateCampaign(
              { name: 'x', objective_type: 'VIDEO_VIEWS', budget_mode: 'BUDGET_MODE_TOTAL', budget: text },
              campaignCtx({ current }),
            );
          } catch (error) {
            if (!(error instanceof KindlingError)) throw error;
            accepted = false;
          }
          expect(accepted).toBe(BigInt(nextCents * cents) * 100n >= BigInt(spent) * 105n);
        },
      ),
      { numRuns: 500 },
    );
  });
});
