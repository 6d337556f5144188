import { Type } from '@sinclair/typebox';
import type { ServedAd } from '../../delivery/engine.js';
import { AGE_GROUPS, OPERATING_SYSTEMS, PLACEMENTS, VIEWER_GENDERS } from '../../domain/enums.js';
import { FieldErrors, KindlingError } from '../../domain/errors.js';
import { formatMoney, parseMoney } from '../../domain/money.js';
import { parseTimeInZone } from '../../domain/time.js';
import { AD_EVENT_TYPES, type EventOutcome, POST_EVENT_TYPES } from '../../events/types.js';
import { requireAccount } from '../../services/accounts.js';
import { decideFeed, type ExplainedEntry } from '../../services/feed-decisions.js';
import { principalOf } from '../auth.js';
import { enumOf, errorResponses, HostId, Money, Nullable, Timestamp } from '../schemas.js';
import type { Api, RouteDeps } from './common.js';

/** The host's pseudonymous viewer id: any printable text (control characters are refused). */
const ViewerId = (description: string) =>
  Type.String({
    minLength: 1,
    maxLength: 128,
    pattern: '^[^\\u0000-\\u001f\\u007f]+$',
    errorMessage: 'must be 1–128 characters without control characters',
    description,
  });

const Viewer = Type.Object(
  {
    id: ViewerId('Pseudonymous, stable viewer id (frequency caps and reach count it).'),
    country: Type.Optional(
      Type.String({ pattern: '^[A-Z]{2}$', errorMessage: 'must be an ISO 3166-1 alpha-2 code' }),
    ),
    region: Type.Optional(Type.String({ minLength: 1, maxLength: 16 })),
    language: Type.Optional(
      Type.String({ pattern: '^[a-z]{2}$', errorMessage: 'must be an ISO 639-1 code' }),
    ),
    age_group: Type.Optional(enumOf(AGE_GROUPS)),
    gender: Type.Optional(enumOf(VIEWER_GENDERS)),
    os: Type.Optional(enumOf(OPERATING_SYSTEMS)),
    interests: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 100 })),
    audience_ids: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { maxItems: 500 })),
  },
  { additionalProperties: false },
);

const DecisionBody = Type.Object(
  {
    viewer: Viewer,
    placement: Type.Optional(
      enumOf(PLACEMENTS, { description: 'IN_FEED (default), or TOPVIEW for the first open of the app.' }),
    ),
    page: Type.Object(
      {
        start_position: Type.Integer({
          minimum: 0,
          maximum: 1_000_000,
          description: 'Session position of the page’s first item (organic and ads counted).',
        }),
        organic_post_ids: Type.Array(HostId, {
          maxItems: 200,
          description: 'The organic posts of this page, in order.',
        }),
      },
      { additionalProperties: false },
    ),
    session: Type.Optional(
      Type.Object(
        {
          ads_shown: Type.Array(
            Type.Object(
              { ad_id: Type.String({ maxLength: 64 }), position: Type.Integer({ minimum: 0 }) },
              { additionalProperties: false },
            ),
            {
              maxItems: 500,
              description: 'Ads already shown in this session, with their session positions.',
            },
          ),
        },
        { additionalProperties: false },
      ),
    ),
    explain: Type.Optional(
      Type.Union([
        Type.Boolean(),
        Type.Object(
          {
            ad_account_id: Type.Optional(Type.String({ maxLength: 64 })),
            ad_group_ids: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 100 })),
          },
          { additionalProperties: false },
        ),
      ]),
    ),
    seed: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 2 ** 31 - 1,
        description: 'Replays the random draws of an earlier decision (its decision_seed).',
      }),
    ),
    dry_run: Type.Optional(
      Type.Boolean({
        description:
          'Decide (and explain) without consequences: no budget is reserved, the viewer’s frequency memory is not written, and no tracking token or click id is issued (`tracking_token` is null), so nothing can be billed. For debugging and admin tools; default false.',
      }),
    ),
  },
  {
    additionalProperties: false,
    examples: [
      {
        viewer: {
          id: 'v-8c1f',
          country: 'FR',
          language: 'fr',
          age_group: 'AGE_25_34',
          gender: 'GENDER_FEMALE',
          os: 'IOS',
          interests: ['fitness.running'],
        },
        placement: 'IN_FEED',
        page: { start_position: 0, organic_post_ids: ['p7', 'p8', 'p9', 'p10', 'p11', 'p12'] },
      },
    ],
  },
);

const ServedAdSchema = Type.Object({
  slot: Type.Object({
    index_in_page: Type.Integer({
      description: 'Insert the ad at this index of the page (organic and ads together).',
    }),
    session_position: Type.Integer(),
  }),
  ad_id: Type.String(),
  ad_group_id: Type.String(),
  campaign_id: Type.String(),
  advertiser: Type.Object({ ad_account_id: Type.String(), name: Type.String() }),
  sponsored_label: Type.String({ examples: ['Sponsored'] }),
  post: Type.Object({
    id: Type.String(),
    caption: Type.String(),
    media_url: Type.String(),
    duration_seconds: Type.Number(),
    hashtags: Type.Array(Type.String()),
    sound_id: Nullable(Type.String()),
  }),
  creator: Type.Object({
    id: Type.String(),
    handle: Type.String(),
    display_name: Type.String(),
    avatar_url: Nullable(Type.String()),
  }),
  call_to_action: Nullable(Type.String()),
  landing_page_url: Type.String({
    description:
      'With kd_click=<click id> appended: conversions report it back (not in a dry run, which issues no click id).',
  }),
  tracking_token: Nullable(
    Type.String({
      description: 'Send it with every event of this ad (POST /v1/events). Null in a dry run.',
    }),
  ),
  billing_event: Type.String(),
});

const ExplainAdSchema = Type.Object({
  ad_id: Type.String(),
  ad_name: Type.String(),
  post_id: Type.String(),
  reason: Type.String({
    examples: ['AUTHORIZATION_REVOKED'],
    description:
      'AD_DISABLED, REVIEW_PENDING, REVIEW_REJECTED, AUTHORIZATION_MISSING, AUTHORIZATION_REVOKED, AUTHORIZATION_EXPIRED or POST_UNAVAILABLE.',
  }),
  detail: Type.String(),
});

const ExplainSchema = Type.Object({
  ad_account_id: Type.String(),
  ad_account_name: Type.String(),
  campaign_id: Type.String(),
  campaign_name: Type.String(),
  ad_group_id: Type.String(),
  adgroup_name: Type.String(),
  ad_id: Nullable(Type.String()),
  ad_name: Nullable(Type.String()),
  post_id: Nullable(Type.String({ description: 'The post the ad promotes (null for ad group lines).' })),
  outcome: enumOf(['SERVED', 'LOST_AUCTION', 'FILTERED'] as const),
  reason: Type.String({ examples: ['PACING_THROTTLED'] }),
  detail: Type.String(),
  score: Nullable(Type.Number()),
  ecpm_micros: Nullable(Type.Number()),
  currency: Type.String({ description: 'The ad account’s currency: bid and price are in it.' }),
  billing_event: Type.String({ examples: ['CPM'] }),
  bid: Type.String({
    description: 'The ad group’s bid (per 1,000 impressions for CPM; per click, view or result otherwise).',
    examples: ['6.00'],
  }),
  charge_micros: Nullable(
    Type.Integer({
      description:
        'SERVED only: the exact charge per billing event in micros (per impression for CPM and oCPM, per click for CPC, per 6-second view for CPV).',
    }),
  ),
  price: Nullable(
    Type.String({
      description:
        'SERVED only: the second price per billing unit (per 1,000 impressions for CPM and oCPM, per click for CPC, per 6-second view for CPV), a decimal string in `currency`.',
      examples: ['0.50'],
    }),
  ),
  ads: Type.Optional(
    Type.Array(ExplainAdSchema, {
      description: 'With reason NO_ELIGIBLE_ADS: each ad of the ad group and why it cannot serve.',
    }),
  ),
});

function presentExplained({ entry: e, description: d }: ExplainedEntry) {
  return {
    ad_account_id: e.adAccountId,
    ad_account_name: d.adAccountName,
    campaign_id: e.campaignId,
    campaign_name: d.campaignName,
    ad_group_id: e.adGroupId,
    adgroup_name: d.adGroupName,
    ad_id: e.adId,
    ad_name: d.adName,
    post_id: d.postId,
    outcome: e.outcome,
    reason: e.reason,
    detail: e.detail,
    score: e.score,
    ecpm_micros: e.ecpmMicros,
    currency: d.currency,
    billing_event: d.billingEvent,
    bid: formatMoney(d.bidMicros, d.currency),
    charge_micros: d.charge?.chargeMicros ?? null,
    price: d.charge ? formatMoney(d.charge.priceMicros, d.currency) : null,
    ...(d.ads && {
      ads: d.ads.map((a) => ({
        ad_id: a.adId,
        ad_name: a.adName,
        post_id: a.postId,
        reason: a.reason,
        detail: a.detail,
      })),
    }),
  };
}

function landingWithClickId(url: string, clickId: string): string {
  const u = new URL(url);
  u.searchParams.set('kd_click', clickId);
  return u.toString();
}

function presentServed(s: ServedAd) {
  const c = s.record.creative;
  return {
    slot: { index_in_page: s.indexInPage, session_position: s.sessionPosition },
    ad_id: s.record.ad.id,
    ad_group_id: s.group.adGroup.id,
    campaign_id: s.group.campaign.id,
    advertiser: { ad_account_id: s.group.account.id, name: s.group.account.name },
    sponsored_label: 'Sponsored',
    post: {
      id: c.postId,
      caption: c.caption,
      media_url: c.mediaUrl,
      duration_seconds: c.durationMs / 1000,
      hashtags: c.hashtags,
      sound_id: c.soundId,
    },
    creator: {
      id: c.creatorId,
      handle: c.creatorHandle,
      display_name: c.creatorDisplayName,
      avatar_url: c.creatorAvatarUrl,
    },
    call_to_action: s.record.ad.callToAction,
    // A dry run's ads carry no token and no click id: nothing about them can be billed.
    landing_page_url:
      s.trackingToken === null
        ? s.record.ad.landingPageUrl
        : landingWithClickId(s.record.ad.landingPageUrl, s.decisionId),
    tracking_token: s.trackingToken,
    billing_event: s.group.adGroup.billingEvent,
  };
}

const OutcomeSchema = Type.Object({
  index: Type.Integer(),
  status: enumOf(['ACCEPTED', 'FLAGGED', 'DUPLICATE', 'REJECTED'] as const, {
    description:
      'ACCEPTED: stored (and billed if it is the billing event); FLAGGED: stored as invalid traffic, never billed; DUPLICATE: already stored; REJECTED: not stored.',
  }),
  event_id: Type.Optional(Type.String()),
  attributed_ad_id: Type.Optional(Nullable(Type.String())),
  code: Type.Optional(Type.String()),
  message: Type.Optional(Type.String()),
});

function presentOutcome(o: EventOutcome, index: number) {
  switch (o.status) {
    case 'ACCEPTED':
      return { index, status: o.status, event_id: o.eventId, attributed_ad_id: o.attributedAdId };
    case 'FLAGGED':
      return {
        index,
        status: o.status,
        event_id: o.eventId,
        code: o.reason,
        message: 'stored as invalid traffic; not billed',
      };
    case 'DUPLICATE':
      return { index, status: o.status };
    case 'REJECTED':
      return { index, status: o.status, code: o.code, message: o.message };
  }
}

function presentOutcomes(outcomes: EventOutcome[]) {
  const data = outcomes.map(presentOutcome);
  const count = (s: string) => outcomes.filter((o) => o.status === s).length;
  return {
    data,
    summary: {
      accepted: count('ACCEPTED'),
      flagged: count('FLAGGED'),
      duplicate: count('DUPLICATE'),
      rejected: count('REJECTED'),
    },
  };
}

const BatchResult = Type.Object({
  data: Type.Array(OutcomeSchema),
  summary: Type.Object({
    accepted: Type.Integer(),
    flagged: Type.Integer(),
    duplicate: Type.Integer(),
    rejected: Type.Integer(),
  }),
});

/** A commit that fails acknowledges nothing: the client retries the whole batch (duplicates are harmless). */
async function durably<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof KindlingError) throw error;
    throw new KindlingError('SERVICE_UNAVAILABLE', {
      detail: 'the events could not be stored; nothing was acknowledged, retry the batch',
      retryAfterSeconds: 1,
    });
  }
}

function timeOf(text: string | undefined, field: string, errors: FieldErrors): number | undefined {
  if (text === undefined) return undefined;
  const parsed = parseTimeInZone(text, 'UTC');
  if (!parsed.ok) errors.add(field, 'INVALID_TIME', parsed.message);
  return parsed.ok ? parsed.ms : undefined;
}

export function deliveryRoutes(app: Api, { ctx, delivery }: RouteDeps): void {
  if (!delivery) return;
  const { runtime, ingestor } = delivery;

  app.post(
    '/v1/feed/decisions',
    {
      config: { access: 'platform' },
      schema: {
        tags: ['delivery'],
        summary: 'Decide the Spark ads of one page of a viewer’s feed',
        description:
          'Returns the ads to insert with their slot, everything needed to render them (post, creator, call to action, landing page, a Sponsored label) and a signed tracking token per ad. An empty list is a normal answer. `explain: true` (or scoped to an ad account or ad groups) reports why each ad group was or was not chosen, with the names of its ad account, campaign, ad group and ad, the post, the bid and, for a served ad, its charge and price; an ad group with no eligible ad lists each ad’s own reason. `dry_run: true` decides and explains without consequences: no budget reserved, no frequency recorded, no tracking token (null) or click id issued — nothing it returns can be billed.',
        body: DecisionBody,
        response: {
          200: Type.Object({
            decision_seed: Type.Integer(),
            dry_run: Type.Boolean({ description: 'True when nothing was reserved, recorded or issued.' }),
            ads: Type.Array(ServedAdSchema),
            explain: Type.Optional(
              Type.Object({ matched_by_targeting: Type.Integer(), ad_groups: Type.Array(ExplainSchema) }),
            ),
          }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const b = request.body;
      const dryRun = b.dry_run === true;
      const { result, explained } = await decideFeed(ctx, runtime, {
        viewer: {
          id: b.viewer.id,
          country: b.viewer.country,
          region: b.viewer.region,
          language: b.viewer.language,
          ageGroup: b.viewer.age_group,
          gender: b.viewer.gender,
          os: b.viewer.os,
          interests: b.viewer.interests,
          audienceIds: b.viewer.audience_ids,
        },
        placement: b.placement ?? 'IN_FEED',
        page: { startPosition: b.page.start_position, organicPostIds: b.page.organic_post_ids },
        adsShown: (b.session?.ads_shown ?? []).map((a) => ({ adId: a.ad_id, position: a.position })),
        explain:
          b.explain === true
            ? {}
            : b.explain === false || b.explain === undefined
              ? undefined
              : { adAccountId: b.explain.ad_account_id, adGroupIds: b.explain.ad_group_ids },
        seed: b.seed,
        dryRun,
      });
      return {
        decision_seed: result.seed,
        dry_run: dryRun,
        ads: result.ads.map(presentServed),
        ...(explained && {
          explain: { matched_by_targeting: result.matched, ad_groups: explained.map(presentExplained) },
        }),
      };
    },
  );

  app.post(
    '/v1/events',
    {
      config: { access: 'platform' },
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags: ['delivery'],
        summary: 'Report what viewers did with ads (up to 500 events)',
        description:
          'Each event carries the ad’s tracking token. Acknowledged only once committed; retries are harmless (deduplicated per token and type). A click or view needs the impression first. Invalid traffic (bot user agents, another viewer’s token, inhuman rates) is stored flagged and never billed. The billing event (impression for CPM/oCPM, click for CPC, 6-second view for CPV) is charged once, at the auction price, never beyond a budget. Paid likes, comments, shares and follows count on the original post and creator.',
        body: Type.Object(
          {
            events: Type.Array(
              Type.Object(
                {
                  client_event_id: Type.String({ minLength: 1, maxLength: 128 }),
                  tracking_token: Type.String({ minLength: 1, maxLength: 4096 }),
                  type: enumOf(AD_EVENT_TYPES),
                  viewer_id: Type.Optional(ViewerId('The viewer, when the host knows it.')),
                  occurred_at: Type.Optional(Timestamp),
                  user_agent: Type.Optional(Type.String({ maxLength: 1024 })),
                },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: 500 },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: BatchResult, ...errorResponses(400, 401, 403, 413) },
      },
    },
    async (request) => {
      const errors = new FieldErrors();
      const inputs = request.body.events.map((e, i) => ({
        clientEventId: e.client_event_id,
        token: e.tracking_token,
        type: e.type,
        viewerId: e.viewer_id,
        occurredAt: timeOf(e.occurred_at, `events[${i}].occurred_at`, errors),
        userAgent: e.user_agent,
      }));
      errors.throwIfAny();
      return presentOutcomes(await durably(() => ingestor.submitAdEvents(inputs)));
    },
  );

  app.post(
    '/v1/platform/post-events',
    {
      config: { access: 'platform' },
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags: ['delivery'],
        summary: 'Report organic engagement so Kindling can credit it to ads (up to 500)',
        description:
          'Likes, comments, shares, follows, views and profile visits seen on organic surfaces. One that follows a view of an ad of the same post by the same viewer within the view window (default 1 day), or a click within the click window (7 days), is credited to that ad as paid — never twice (it shares the ad event’s dedupe key). Others are stored as organic.',
        body: Type.Object(
          {
            events: Type.Array(
              Type.Object(
                {
                  client_event_id: Type.String({ minLength: 1, maxLength: 128 }),
                  viewer_id: ViewerId('The viewer who acted.'),
                  post_id: HostId,
                  type: enumOf(POST_EVENT_TYPES),
                  occurred_at: Type.Optional(Timestamp),
                },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: 500 },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: BatchResult, ...errorResponses(400, 401, 403, 413) },
      },
    },
    async (request) => {
      const errors = new FieldErrors();
      const inputs = request.body.events.map((e, i) => ({
        clientEventId: e.client_event_id,
        viewerId: e.viewer_id,
        postId: e.post_id,
        type: e.type,
        occurredAt: timeOf(e.occurred_at, `events[${i}].occurred_at`, errors),
      }));
      errors.throwIfAny();
      return presentOutcomes(await durably(() => ingestor.submitPostEvents(inputs)));
    },
  );

  app.post(
    '/v1/conversions',
    {
      config: { access: 'advertiser-write' },
      schema: {
        tags: ['delivery'],
        summary: 'Report conversions (up to 500) with the click id from the landing page',
        description:
          'The brand’s server reports a conversion with the `kd_click` parameter Kindling appended to the landing page URL. It is attributed to the clicked ad when it happens within the click window (default 7 days). `conversion_id` deduplicates retries.',
        body: Type.Object(
          {
            conversions: Type.Array(
              Type.Object(
                {
                  conversion_id: Type.String({ minLength: 1, maxLength: 128 }),
                  click_id: Type.String({ minLength: 1, maxLength: 64 }),
                  event_name: Type.Optional(
                    Type.String({ minLength: 1, maxLength: 64, examples: ['purchase'] }),
                  ),
                  value: Type.Optional(Nullable(Money)),
                  occurred_at: Type.Optional(Timestamp),
                },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: 500 },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: BatchResult, ...errorResponses(400, 401, 403, 413) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      if (principal.kind !== 'advertiser') throw new KindlingError('FORBIDDEN');
      const account = await requireAccount(ctx.store.db, principal.adAccountId);
      const errors = new FieldErrors();
      const inputs = request.body.conversions.map((c, i) => {
        let valueMicros: number | null = null;
        if (c.value != null) {
          const parsed = parseMoney(c.value, account.currency);
          if (parsed.ok) valueMicros = parsed.micros;
          else errors.add(`conversions[${i}].value`, parsed.code, parsed.message);
        }
        return {
          adAccountId: account.id,
          conversionId: c.conversion_id,
          clickId: c.click_id,
          eventName: c.event_name ?? 'conversion',
          valueMicros,
          occurredAt: timeOf(c.occurred_at, `conversions[${i}].occurred_at`, errors),
        };
      });
      errors.throwIfAny();
      return presentOutcomes(await durably(() => ingestor.submitConversions(inputs)));
    },
  );
}
