import { CalendarRange, Clock, Gauge, Repeat, Target, Users } from 'lucide-react';
import type { ReactNode } from 'react';
import type { AdAccount, CampaignBudgetMode, FieldError, ObjectiveType } from '../../../api/types';
import { CheckPills, Segmented, Switch } from '../../../components/controls';
import { DaypartingGrid } from '../../../components/dayparting-grid';
import { ErrorText, Field, FieldGroup } from '../../../components/field';
import { currencySymbol, zoneAbbreviation } from '../../../lib/format';
import {
  BILLING_LABELS,
  GOAL_BILLING_EVENTS,
  GOAL_LABELS,
  OBJECTIVE_GOALS,
  PLACEMENTS,
} from '../../../lib/labels';
import { errorsFor } from '../../../lib/validate';
import { AudienceFields } from './audience-fields';
import { type Draft, suggestedBid } from './draft';

function Section({
  icon,
  title,
  description,
  children,
}: {
  icon: ReactNode;
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <section className="card card-body stack">
      <div>
        <div className="section-title">
          <span className="icon-tile" aria-hidden>
            {icon}
          </span>
          <h2>{title}</h2>
        </div>
        {description && <p className="muted">{description}</p>}
      </div>
      {children}
    </section>
  );
}

export function StepAdGroup({
  draft,
  update,
  errors,
  account,
  objective,
  campaignBudgetMode,
}: {
  draft: Draft;
  update: (fn: (d: Draft) => Draft) => void;
  errors: FieldError[];
  account: AdAccount;
  objective: ObjectiveType;
  campaignBudgetMode: CampaignBudgetMode;
}) {
  const g = draft.adGroup;
  const set = (patch: Partial<Draft['adGroup']>) =>
    update((d) => ({ ...d, adGroup: { ...d.adGroup, ...patch } }));
  const zone = `${account.time_zone.replace('_', ' ')} (${zoneAbbreviation(account.time_zone)})`;
  const goals = OBJECTIVE_GOALS[objective];
  const billingEvents = GOAL_BILLING_EVENTS[g.goal] ?? ['CPM'];
  const money = currencySymbol(account.currency);

  return (
    <div className="stack" style={{ gap: 20 }}>
      <section className="card card-body stack">
        <Field label="Ad group name" errors={errorsFor(errors, 'adgroup_name')}>
          {(control) => (
            <input
              {...control}
              className="input"
              maxLength={512}
              value={g.name}
              onChange={(e) => set({ name: e.target.value })}
            />
          )}
        </Field>
        <FieldGroup legend="Placement" errors={errorsFor(errors, 'placements')}>
          <CheckPills
            values={g.placements}
            onChange={(placements) => set({ placements })}
            options={PLACEMENTS.map((p) => ({ value: p.value, label: `${p.label}: ${p.description}` }))}
          />
        </FieldGroup>
      </section>

      <Section
        icon={<Users size={16} />}
        title="Audience"
        description="Leave a field empty to reach everyone."
      >
        <AudienceFields group={g} set={set} errors={errors} />
      </Section>

      <Section
        icon={<CalendarRange size={16} />}
        title="Budget and schedule"
        description={`Times are in the ad account’s time zone: ${zone}.`}
      >
        <div className="grid-2">
          <div className="field">
            <span className="label">Budget</span>
            <Segmented
              name="adgroup-budget-mode"
              label="Budget type"
              value={g.budgetMode}
              onChange={(budgetMode) =>
                set({
                  budgetMode,
                  ...(budgetMode === 'BUDGET_MODE_TOTAL' && { scheduleType: 'SCHEDULE_START_END' as const }),
                })
              }
              options={[
                { value: 'BUDGET_MODE_DAY', label: 'Daily' },
                {
                  value: 'BUDGET_MODE_TOTAL',
                  label: 'Lifetime',
                  disabled: campaignBudgetMode === 'BUDGET_MODE_DAY',
                },
              ]}
            />
            <ErrorText errors={errorsFor(errors, 'budget_mode')} />
          </div>
          <Field
            label={g.budgetMode === 'BUDGET_MODE_DAY' ? 'Daily budget' : 'Lifetime budget'}
            hint={`In ${account.currency}; daily budgets reset at midnight ${zoneAbbreviation(account.time_zone)}.`}
            errors={errorsFor(errors, 'budget')}
          >
            {(control) => (
              <div className="input-group">
                <span className="addon before">{money}</span>
                <input
                  {...control}
                  className="input num"
                  inputMode="decimal"
                  value={g.budget}
                  onChange={(e) => set({ budget: e.target.value })}
                />
              </div>
            )}
          </Field>
        </div>
        <div className="field">
          <span className="label">Schedule</span>
          <Segmented
            name="schedule-type"
            label="Schedule"
            value={g.scheduleType}
            onChange={(scheduleType) => set({ scheduleType })}
            options={[
              { value: 'SCHEDULE_START_END', label: 'Start and end' },
              {
                value: 'SCHEDULE_FROM_NOW',
                label: 'From now on',
                disabled: g.budgetMode === 'BUDGET_MODE_TOTAL',
              },
            ]}
          />
        </div>
        {g.scheduleType === 'SCHEDULE_START_END' && (
          <div className="grid-2">
            <Field label="Starts" hint={zone} errors={errorsFor(errors, 'schedule_start_time')}>
              {(control) => (
                <input
                  {...control}
                  type="datetime-local"
                  className="input"
                  value={g.start}
                  onChange={(e) => set({ start: e.target.value })}
                />
              )}
            </Field>
            <Field label="Ends" hint={zone} errors={errorsFor(errors, 'schedule_end_time')}>
              {(control) => (
                <input
                  {...control}
                  type="datetime-local"
                  className="input"
                  value={g.end}
                  min={g.start}
                  onChange={(e) => set({ end: e.target.value })}
                />
              )}
            </Field>
          </div>
        )}
      </Section>

      <Section
        icon={<Clock size={16} />}
        title="Dayparting"
        description="Choose the half hours of the week when the ads may run."
      >
        <Switch
          label="Run only at the times I choose"
          showLabel
          checked={g.daypartingOn}
          onChange={(daypartingOn) => set({ daypartingOn })}
        />
        {g.daypartingOn && (
          <DaypartingGrid
            value={g.dayparting}
            onChange={(dayparting) => set({ dayparting })}
            timeZoneLabel={zone}
          />
        )}
        <ErrorText errors={errorsFor(errors, 'dayparting')} />
      </Section>

      <Section icon={<Target size={16} />} title="Optimization and bidding">
        <div className="grid-2">
          <Field label="Optimize for" errors={errorsFor(errors, 'optimization_goal')}>
            {(control) => (
              <select
                {...control}
                className="select"
                value={g.goal}
                onChange={(e) => {
                  const goal = e.target.value as Draft['adGroup']['goal'];
                  const billingEvent = GOAL_BILLING_EVENTS[goal][0] ?? 'CPM';
                  set({ goal, billingEvent, bid: suggestedBid(billingEvent) });
                }}
              >
                {goals.map((goal) => (
                  <option key={goal} value={goal}>
                    {GOAL_LABELS[goal]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="field">
            <span className="label">Billing event</span>
            <Segmented
              name="billing-event"
              label="Billing event"
              value={g.billingEvent}
              onChange={(billingEvent) => set({ billingEvent, bid: suggestedBid(billingEvent) })}
              options={billingEvents.map((b) => ({ value: b, label: BILLING_LABELS[b].label }))}
            />
            <ErrorText errors={errorsFor(errors, 'billing_event')} />
          </div>
        </div>
        <div className="grid-2">
          <Field
            label="Bid"
            hint={`${BILLING_LABELS[g.billingEvent].unit}, in ${account.currency}`}
            errors={errorsFor(errors, 'bid_price')}
          >
            {(control) => (
              <div className="input-group">
                <span className="addon before">{money}</span>
                <input
                  {...control}
                  className="input num"
                  inputMode="decimal"
                  value={g.bid}
                  onChange={(e) => set({ bid: e.target.value })}
                />
              </div>
            )}
          </Field>
          <div className="field">
            <span className="label">
              <Gauge size={13} aria-hidden style={{ display: 'inline', verticalAlign: -2 }} /> Pacing
            </span>
            <Segmented
              name="pacing"
              label="Pacing"
              value={g.pacing}
              onChange={(pacing) => set({ pacing })}
              options={[
                { value: 'PACING_MODE_SMOOTH', label: 'Smooth', sublabel: 'spread over the day' },
                { value: 'PACING_MODE_FAST', label: 'Fast', sublabel: 'as soon as possible' },
              ]}
            />
            <ErrorText errors={errorsFor(errors, 'pacing')} />
          </div>
        </div>
      </Section>

      <Section
        icon={<Repeat size={16} />}
        title="Frequency cap"
        description="Limit how often one viewer sees these ads."
      >
        <Switch
          label="Cap the frequency"
          showLabel
          checked={g.frequencyCapOn}
          onChange={(frequencyCapOn) => set({ frequencyCapOn })}
        />
        {g.frequencyCapOn && (
          <div className="row frequency-row">
            <span>At most</span>
            <Field label="Impressions" errors={errorsFor(errors, 'frequency')} className="inline-field">
              {(control) => (
                <input
                  {...control}
                  className="input num"
                  inputMode="numeric"
                  value={g.frequency}
                  onChange={(e) => set({ frequency: e.target.value })}
                />
              )}
            </Field>
            <span>impressions every</span>
            <Field label="Days" errors={errorsFor(errors, 'frequency_schedule')} className="inline-field">
              {(control) => (
                <input
                  {...control}
                  className="input num"
                  inputMode="numeric"
                  value={g.frequencySchedule}
                  onChange={(e) => set({ frequencySchedule: e.target.value })}
                />
              )}
            </Field>
            <span>days per viewer</span>
          </div>
        )}
      </Section>
    </div>
  );
}
