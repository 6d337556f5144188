import { Eye, Globe, Heart, MousePointerClick, ShoppingBag, Smartphone, UserPlus } from 'lucide-react';
import type { ReactNode } from 'react';
import type { AdAccount, FieldError, ObjectiveType } from '../../../api/types';
import { OptionCards, Segmented } from '../../../components/controls';
import { ErrorText, Field } from '../../../components/field';
import { currencySymbol } from '../../../lib/format';
import { CAMPAIGN_BUDGET_MODES, OBJECTIVES } from '../../../lib/labels';
import { errorsFor } from '../../../lib/validate';
import { type Draft, defaultCampaignName, goalDefaults, suggestedBid } from './draft';

const OBJECTIVE_ICONS: Record<ObjectiveType, ReactNode> = {
  REACH: <Globe size={17} />,
  VIDEO_VIEWS: <Eye size={17} />,
  ENGAGEMENT: <UserPlus size={17} />,
  TRAFFIC: <MousePointerClick size={17} />,
  WEB_CONVERSIONS: <ShoppingBag size={17} />,
  LEAD_GENERATION: <Heart size={17} />,
  APP_PROMOTION: <Smartphone size={17} />,
};

export function StepCampaign({
  draft,
  update,
  errors,
  account,
}: {
  draft: Draft;
  update: (fn: (d: Draft) => Draft) => void;
  errors: FieldError[];
  account: AdAccount;
}) {
  const c = draft.campaign;
  const set = (patch: Partial<Draft['campaign']>) =>
    update((d) => ({ ...d, campaign: { ...d.campaign, ...patch } }));
  const setObjective = (objective: ObjectiveType) =>
    update((d) => {
      const { goal, billingEvent } = goalDefaults(objective);
      return {
        ...d,
        campaign: {
          ...d.campaign,
          objective,
          name: d.campaign.nameTouched ? d.campaign.name : defaultCampaignName(objective),
        },
        adGroup: { ...d.adGroup, goal, billingEvent, bid: suggestedBid(billingEvent) },
      };
    });
  return (
    <div className="stack" style={{ gap: 20 }}>
      <section className="card card-body stack">
        <div>
          <h2>Objective</h2>
          <p className="muted">It decides what the auction optimizes for and what reports call a result.</p>
        </div>
        <OptionCards
          name="objective"
          value={c.objective}
          onChange={setObjective}
          options={OBJECTIVES.map((o) => ({ ...o, icon: OBJECTIVE_ICONS[o.value] }))}
        />
        <ErrorText errors={errorsFor(errors, 'objective_type')} />
      </section>
      <section className="card card-body stack">
        <h2>Campaign</h2>
        <Field label="Campaign name" errors={errorsFor(errors, 'campaign_name')}>
          {(control) => (
            <input
              {...control}
              className="input"
              maxLength={512}
              value={c.name}
              onChange={(e) => set({ name: e.target.value, nameTouched: true })}
            />
          )}
        </Field>
        <div className="field">
          <span className="label" id="campaign-budget-mode">
            Campaign budget
          </span>
          <Segmented
            name="campaign-budget-mode"
            label="Campaign budget"
            value={c.budgetMode}
            onChange={(budgetMode) =>
              update((d) => ({
                ...d,
                campaign: { ...d.campaign, budgetMode },
                adGroup:
                  budgetMode === 'BUDGET_MODE_DAY'
                    ? { ...d.adGroup, budgetMode: 'BUDGET_MODE_DAY' }
                    : d.adGroup,
              }))
            }
            options={CAMPAIGN_BUDGET_MODES.map((m) => ({ value: m.value, label: m.label }))}
          />
          <ErrorText errors={errorsFor(errors, 'budget_mode')} />
          <span className="hint">
            {CAMPAIGN_BUDGET_MODES.find((m) => m.value === c.budgetMode)?.description}
          </span>
        </div>
        {c.budgetMode !== 'BUDGET_MODE_INFINITE' && (
          <Field
            label={c.budgetMode === 'BUDGET_MODE_DAY' ? 'Daily budget' : 'Lifetime budget'}
            hint={`In ${account.currency}. The platform sets a minimum; ad group budgets must fit inside it.`}
            errors={errorsFor(errors, 'budget')}
          >
            {(control) => (
              <div className="input-group" style={{ maxWidth: 260 }}>
                <span className="addon before">{currencySymbol(account.currency)}</span>
                <input
                  {...control}
                  className="input num"
                  inputMode="decimal"
                  value={c.budget}
                  onChange={(e) => set({ budget: e.target.value })}
                />
              </div>
            )}
          </Field>
        )}
      </section>
    </div>
  );
}
