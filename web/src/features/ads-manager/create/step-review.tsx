import { Pencil, TriangleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import type { AdAccount, AdGroup, Campaign, Interest, SparkPost } from '../../../api/types';
import { Button } from '../../../components/button';
import { summary as daypartSummary } from '../../../lib/dayparting';
import {
  formatDateTime,
  formatMoney,
  formatWallClock,
  hostOf,
  wallClock,
  zoneAbbreviation,
} from '../../../lib/format';
import {
  AGE_GROUPS,
  BILLING_LABELS,
  ctaLabel,
  GENDERS,
  GOAL_LABELS,
  objectiveLabel,
  PLACEMENTS,
} from '../../../lib/labels';
import { countryName, languageName } from '../../../lib/regions';
import type { Draft } from './draft';

export type StepId = 'campaign' | 'adGroup' | 'ad' | 'review';

function Summary({
  title,
  onEdit,
  children,
  done,
}: {
  title: string;
  onEdit?: () => void;
  children: ReactNode;
  done?: boolean;
}) {
  return (
    <section className="card review-section">
      <div className="card-header">
        <h2 style={{ flex: 1 }}>{title}</h2>
        {done && <span className="badge green">Created</span>}
        {onEdit && (
          <Button size="small" variant="ghost" icon={<Pencil size={14} aria-hidden />} onClick={onEdit}>
            Edit
          </Button>
        )}
      </div>
      <dl className="review-list">{children}</dl>
    </section>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const list = (values: string[], empty: string) => (values.length ? values.join(', ') : empty);

/** Heads-up before launch, from data already on screen; POST /ads returns the authoritative warnings. */
export function preLaunchChecks(
  draft: Draft,
  posts: SparkPost[],
  account: AdAccount,
  existingGroup: AdGroup | undefined,
): string[] {
  const out: string[] = [];
  const end = existingGroup
    ? existingGroup.schedule_end_time &&
      wallClock(new Date(existingGroup.schedule_end_time), account.time_zone)
    : draft.adGroup.scheduleType === 'SCHEDULE_START_END'
      ? draft.adGroup.end
      : null;
  for (const s of posts) {
    if (s.post.performance?.label === 'BELOW_MEDIAN')
      out.push(
        `@${s.creator.handle}’s post scores ${s.post.performance.index} against their usual 100: a stronger post may do better.`,
      );
    const authEnd = wallClock(new Date(s.authorization.auth_end_time), account.time_zone);
    if (!end || authEnd < end)
      out.push(
        `@${s.creator.handle}’s authorization ends ${formatDateTime(s.authorization.auth_end_time, account.time_zone)}, before the schedule does.`,
      );
  }
  return out;
}

export function StepReview({
  draft,
  account,
  posts,
  interests,
  existingCampaign,
  existingGroup,
  goTo,
}: {
  draft: Draft;
  account: AdAccount;
  posts: SparkPost[];
  interests: Interest[];
  existingCampaign: Campaign | undefined;
  existingGroup: AdGroup | undefined;
  goTo: (step: StepId) => void;
}) {
  const c = draft.campaign;
  const g = draft.adGroup;
  const zone = zoneAbbreviation(account.time_zone);
  const money = (v: string) => formatMoney(v, account.currency);
  const checks = preLaunchChecks(draft, posts, account, existingGroup);
  const interestName = (id: string) => interests.find((i) => i.id === id)?.name ?? id;
  return (
    <div className="stack" style={{ gap: 16 }}>
      {existingCampaign ? (
        <Summary title="Campaign">
          <Item label="Name">{existingCampaign.campaign_name}</Item>
          <Item label="Objective">{objectiveLabel(existingCampaign.objective_type)}</Item>
        </Summary>
      ) : (
        <Summary
          title="Campaign"
          onEdit={draft.created.campaignId ? undefined : () => goTo('campaign')}
          done={Boolean(draft.created.campaignId)}
        >
          <Item label="Name">{c.name}</Item>
          <Item label="Objective">{objectiveLabel(c.objective)}</Item>
          <Item label="Budget">
            {c.budgetMode === 'BUDGET_MODE_INFINITE'
              ? 'No campaign limit'
              : `${money(c.budget)} ${c.budgetMode === 'BUDGET_MODE_DAY' ? 'a day' : 'in total'}`}
          </Item>
        </Summary>
      )}
      {existingGroup ? (
        <Summary title="Ad group">
          <Item label="Name">{existingGroup.adgroup_name}</Item>
          <Item label="Budget">
            {money(existingGroup.budget)}{' '}
            {existingGroup.budget_mode === 'BUDGET_MODE_DAY' ? 'a day' : 'in total'}
          </Item>
        </Summary>
      ) : (
        <Summary
          title="Ad group"
          onEdit={draft.created.adGroupId ? undefined : () => goTo('adGroup')}
          done={Boolean(draft.created.adGroupId)}
        >
          <Item label="Name">{g.name}</Item>
          <Item label="Placement">
            {list(
              g.placements.map((p) => PLACEMENTS.find((x) => x.value === p)?.label ?? p),
              '—',
            )}
          </Item>
          <Item label="Audience">
            {list(g.countries.map(countryName), 'All countries')} ·{' '}
            {list(
              g.ageGroups.map((a) => AGE_GROUPS.find((x) => x.value === a)?.label ?? a),
              'all ages',
            )}{' '}
            · {GENDERS.find((x) => x.value === g.gender)?.label.toLowerCase()}
            {g.languages.length > 0 && ` · ${list(g.languages.map(languageName), '')}`}
            {g.interests.length > 0 && ` · ${list(g.interests.map(interestName), '')}`}
            {g.operatingSystems.length > 0 && ` · ${g.operatingSystems.join(', ')}`}
          </Item>
          <Item label="Budget">
            {money(g.budget)} {g.budgetMode === 'BUDGET_MODE_DAY' ? 'a day' : 'in total'} ·{' '}
            {g.pacing === 'PACING_MODE_SMOOTH' ? 'smooth' : 'fast'} pacing
          </Item>
          <Item label="Schedule">
            {g.scheduleType === 'SCHEDULE_START_END'
              ? `${formatWallClock(g.start)} → ${formatWallClock(g.end)} ${zone}`
              : 'From launch, with no end'}
            <div className="hint">{g.daypartingOn ? daypartSummary(g.dayparting) : 'All day, every day'}</div>
          </Item>
          <Item label="Bid">
            {money(g.bid)} {BILLING_LABELS[g.billingEvent].label} ({BILLING_LABELS[g.billingEvent].unit}) ·
            optimizing for {GOAL_LABELS[g.goal].toLowerCase()}
          </Item>
          <Item label="Frequency cap">
            {g.frequencyCapOn ? `${g.frequency} impressions every ${g.frequencySchedule} days` : 'None'}
          </Item>
        </Summary>
      )}
      <Summary title={posts.length > 1 ? `${posts.length} ads` : 'Ad'} onEdit={() => goTo('ad')}>
        {posts.map((s) => (
          <Item key={s.id} label={`@${s.creator.handle}`}>
            <span className="row" style={{ flexWrap: 'nowrap', alignItems: 'flex-start' }}>
              <img src={s.post.media_url} alt="" className="poster" />
              <span>
                “{s.post.caption}”
                <span className="hint" style={{ display: 'block' }}>
                  {draft.ad.callToAction ? ctaLabel(draft.ad.callToAction) : 'No button'} →{' '}
                  {hostOf(draft.ad.landingPage)}
                  {draft.created.ads[s.post.id] ? ' · created' : ''}
                </span>
              </span>
            </span>
          </Item>
        ))}
      </Summary>
      {checks.length > 0 && (
        <div className="callout amber">
          <TriangleAlert size={18} aria-hidden />
          <div>
            <strong>Before you launch</strong>
            <ul>
              {checks.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </div>
  );
}
