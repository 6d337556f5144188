import { type Static, Type } from '@sinclair/typebox';
import { formatMoney } from '../../domain/money.js';
import type { AdGroupComparison } from '../../reports/comparison.js';
import type { PostSplit } from '../../reports/post-split.js';
import { enumOf, Money, Nullable } from '../schemas.js';

const Count = Type.Integer({ minimum: 0 });
const Engagement = Type.Object({
  views: Count,
  likes: Count,
  comments: Count,
  shares: Count,
  follows: Count,
});
const Percent = Nullable(
  Type.String({ description: 'Percent with 2 decimals; null when the total is 0.', examples: ['12.50'] }),
);

export const PostSplitSchema = Type.Object({
  post_id: Type.String(),
  creator: Type.Object({ id: Type.String(), handle: Type.String() }),
  ads: Type.Integer({ description: 'Ads of this ad account promoting the post.' }),
  organic: Type.Composite([Engagement], {
    description:
      'What organic surfaces brought: the host’s counters less everything credited to any brand’s ads.',
  }),
  paid: Type.Object(
    {
      views: Count,
      likes: Count,
      comments: Count,
      shares: Count,
      follows: Count,
      profile_visits: Count,
      impressions: Count,
      reach: Count,
      spend: Money,
    },
    {
      description:
        'What this ad account’s Spark ads brought, lifetime: on the ad, plus organic-surface engagement credited to it.',
    },
  ),
  total: Type.Composite([Engagement], { description: 'The post’s public counters (organic and every ad).' }),
  paid_share: Type.Object(
    { views: Percent, likes: Percent, comments: Percent, shares: Percent, follows: Percent },
    { description: 'This account’s paid engagement as a share of the post’s total.' },
  ),
  follows_gained_through_ads: Type.Integer({
    description: 'Followers the creator gained through this account’s ads.',
  }),
});

export function presentPostSplit(s: PostSplit, currency: string): Static<typeof PostSplitSchema> {
  return {
    post_id: s.post.id,
    creator: { id: s.creator.id, handle: s.creator.handle },
    ads: s.ads,
    organic: s.organic,
    paid: {
      views: s.paid.views,
      likes: s.paid.likes,
      comments: s.paid.comments,
      shares: s.paid.shares,
      follows: s.paid.follows,
      profile_visits: s.paid.profileVisits,
      impressions: s.paid.impressions,
      reach: s.paid.reach,
      spend: formatMoney(s.paid.spendMicros, currency),
    },
    total: s.total,
    paid_share: s.paidShare,
    follows_gained_through_ads: s.paid.follows,
  };
}

export const ComparisonSchema = Type.Object(
  {
    ad_group_id: Type.String(),
    optimization_goal: Type.String({ examples: ['FOLLOWERS'] }),
    result_metric: Type.String({
      description: 'What a result is for this ad group’s goal.',
      examples: ['follows'],
    }),
    by: enumOf(['AD', 'POST', 'CREATOR'] as const),
    currency: Type.String(),
    status: enumOf(['NOT_ENOUGH_DATA', 'NO_CLEAR_WINNER', 'WINNER'] as const, {
      description:
        'WINNER: the leader is best with probability ≥ 95 % and every variant has ≥ 1000 impressions and ≥ 5 results.',
    }),
    leader_id: Nullable(Type.String()),
    basis: enumOf(['COST_PER_RESULT', 'RESULT_RATE'] as const),
    reason: Type.String(),
    variants: Type.Array(
      Type.Object({
        id: Type.String(),
        name: Nullable(Type.String()),
        impressions: Count,
        results: Count,
        result_rate: Percent,
        spend: Nullable(Money),
        cost_per_result: Nullable(Money),
        probability_best: Type.Number({
          minimum: 0,
          maximum: 1,
          description: 'Posterior probability to be the best on the basis (4 decimals).',
        }),
        versus_leader: Nullable(
          Type.Object(
            { z: Type.Number(), p_value: Type.Number() },
            { description: 'Two-proportion z-test of the result rate against the leader’s.' },
          ),
        ),
      }),
    ),
  },
  {
    description:
      'Which variant wins on the campaign’s result and cost per result, and whether the answer is reliable yet.',
  },
);

export function presentComparison(
  c: AdGroupComparison,
  by: 'AD' | 'POST' | 'CREATOR',
  currency: string,
): Static<typeof ComparisonSchema> {
  return {
    ad_group_id: c.adGroupId,
    optimization_goal: c.goal,
    result_metric: c.resultMetric,
    by,
    currency,
    status: c.status,
    leader_id: c.leaderId,
    basis: c.basis,
    reason: c.reason,
    variants: c.variants.map((v) => ({
      id: v.id,
      name: c.names.get(v.id) ?? null,
      impressions: v.impressions,
      results: v.results,
      result_rate: c.cells.get(v.id)?.result_rate ?? null,
      spend: c.cells.get(v.id)?.spend ?? null,
      cost_per_result: c.cells.get(v.id)?.cost_per_result ?? null,
      probability_best: Number(v.probabilityBest.toFixed(4)),
      versus_leader: v.versusLeader
        ? { z: Number(v.versusLeader.z.toFixed(4)), p_value: Number(v.versusLeader.pValue.toFixed(6)) }
        : null,
    })),
  };
}
