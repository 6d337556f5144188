import type { Placement } from '../domain/enums.js';
import type { ExplainEntry, ExplainOutcome } from './engine-types.js';
import type { PacingState } from './pacing.js';
import type { GroupRecord } from './records.js';
import type { TargetingIndex } from './targeting-index.js';
import type { Viewer } from './viewer.js';
import type { ZoneNow } from './zone-cache.js';

/** Why the engine filtered an ad group before its ads were priced (explain renders the detail). */
export type FilterCode =
  | 'SCHEDULE_NOT_STARTED'
  | 'SCHEDULE_ENDED'
  | 'OUTSIDE_DAYPARTING'
  | 'BUDGET_EXHAUSTED'
  | 'FREQUENCY_CAPPED'
  | 'PACING_THROTTLED';

export interface FilterFacts {
  zone: ZoneNow;
  /** Impressions of the group the viewer saw within its frequency window. */
  seen: number;
  pacing: PacingState | undefined;
}

/** The reason and detail explain shows for a filter code (computed only when explaining). */
export function filterExplanation(
  code: FilterCode,
  group: GroupRecord,
  facts: FilterFacts,
): { reason: string; detail: string } {
  const g = group.adGroup;
  switch (code) {
    case 'SCHEDULE_NOT_STARTED':
      return { reason: 'OUTSIDE_SCHEDULE', detail: 'the schedule has not started' };
    case 'SCHEDULE_ENDED':
      return { reason: 'OUTSIDE_SCHEDULE', detail: 'the schedule has ended' };
    case 'OUTSIDE_DAYPARTING':
      return { reason: 'OUTSIDE_DAYPARTING', detail: `dayparting cell ${facts.zone.cell} is off` };
    case 'BUDGET_EXHAUSTED':
      return { reason: 'BUDGET_EXHAUSTED', detail: 'a daily or lifetime budget is spent or held' };
    case 'FREQUENCY_CAPPED':
      return {
        reason: 'FREQUENCY_CAPPED',
        detail: `seen ${facts.seen} times in ${g.frequencySchedule} days (cap ${g.frequency})`,
      };
    case 'PACING_THROTTLED':
      return {
        reason: 'PACING_THROTTLED',
        detail: `smooth pacing pass rate ${(facts.pacing?.passRate ?? 0).toFixed(4)}`,
      };
  }
}

export function explainEntry(
  group: GroupRecord,
  adId: string | null,
  outcome: ExplainOutcome,
  reason: string,
  detail: string,
  scored?: { score: number; ecpm: number },
): ExplainEntry {
  return {
    adGroupId: group.adGroup.id,
    campaignId: group.campaign.id,
    adAccountId: group.account.id,
    adId,
    outcome,
    reason,
    detail,
    score: scored ? Math.round(scored.score) : null,
    ecpmMicros: scored ? Math.round(scored.ecpm) : null,
  };
}

/** Explain covers the matched ad groups plus, on request, named ones that targeting kept out. */
export function explainScope(
  entries: ExplainEntry[],
  scope: { adAccountId?: string | undefined; adGroupIds?: readonly string[] | undefined } | undefined,
  groups: Iterable<GroupRecord>,
  index: TargetingIndex,
  viewer: Viewer,
  placement: Placement,
): ExplainEntry[] {
  const seen = new Set(entries.map((e) => e.adGroupId));
  const extra: ExplainEntry[] = [];
  for (const group of groups) {
    const id = group.adGroup.id;
    if (seen.has(id)) continue;
    const wanted =
      scope?.adGroupIds?.includes(id) ||
      (scope?.adAccountId !== undefined && scope.adAccountId === group.account.id);
    if (!wanted) continue;
    if (group.block) {
      extra.push(explainEntry(group, null, 'FILTERED', group.block, 'the ad group cannot deliver at all'));
    } else {
      const attribute = index.mismatch(id, viewer, placement);
      extra.push(
        explainEntry(
          group,
          null,
          'FILTERED',
          'TARGETING_MISMATCH',
          attribute ? `the viewer does not match its ${attribute} targeting` : 'not matched',
        ),
      );
    }
  }
  const filtered = entries.filter((e) => !scope?.adAccountId || e.adAccountId === scope.adAccountId);
  return [...filtered, ...extra];
}
