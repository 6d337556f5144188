import type { Insertable } from 'kysely';
import { billedEventType } from '../delivery/auction.js';
import { budgetLines, type DeliveryEngine } from '../delivery/engine.js';
import type { BudgetLedger, BudgetLine } from '../delivery/ledger.js';
import type { Action } from '../delivery/prediction.js';
import type { IdGenerator } from '../domain/ids.js';
import type { PlatformSettings } from '../domain/settings.js';
import { localDate, MS_PER_DAY, MS_PER_HOUR } from '../domain/time.js';
import type { Executor, Store } from '../store/database.js';
import type { EventTable } from '../store/schema.js';
import { type Attribution, findAttributions, findClicks } from './attribution.js';
import { runCompiled } from './compiled.js';
import { applyDeltas, Deltas } from './deltas.js';
import { MIN_CLICK_DELAY_MS } from './ivt.js';
import { type EventOutcome, type Job, PAID_COUNTER } from './types.js';

/** State the committer keeps between batches (one committer per process). */
export interface CommitContext {
  store: Store;
  ids: IdGenerator;
  engine: DeliveryEngine;
  ledger: BudgetLedger;
  settings: () => PlatformSettings;
  /** Decisions whose impression is committed (bounded; the database answers misses). */
  impressed: Set<string>;
  /** Decisions clicked, with the click time (bounded; the database answers misses). */
  clicked: Map<string, number>;
}

const MEMORY_LIMIT = 1_000_000;
const CHUNK = 400;

type Row = Insertable<EventTable>;

/** Every column of an event row, in a fixed order (the compiled inserts take them in this order). */
const EVENT_COLUMNS = [
  'id',
  'dedupe_key',
  'kind',
  'type',
  'decision_id',
  'ad_id',
  'ad_group_id',
  'campaign_id',
  'ad_account_id',
  'post_id',
  'creator_id',
  'viewer_id',
  'placement',
  'country',
  'age_group',
  'gender',
  'os',
  'occurred_at',
  'received_at',
  'billed_micros',
  'uncharged_micros',
  'paid',
  'attributed',
  'invalid_reason',
  'client_event_id',
  'value_micros',
] as const satisfies readonly (keyof EventTable)[];

/**
 * Inserts rows in chunks of 100, then 10, then 1: a few statement shapes that are compiled and
 * prepared once (a 100-row insert took longer to prepare than to run). Returns the dedupe keys
 * written (a conflicting key was written by someone else first).
 */
async function insertRows(db: Executor, rows: readonly Row[]): Promise<Set<string>> {
  const written = new Set<string>();
  let start = 0;
  for (const size of [100, 10, 1]) {
    for (; rows.length - start >= size; start += size) {
      const params: unknown[] = [];
      for (let r = start; r < start + size; r++) {
        const row = rows[r] as Row;
        for (const column of EVENT_COLUMNS) params.push(row[column] ?? null);
      }
      const result = await runCompiled<{ dedupe_key: string }>(
        db,
        `events:${size}`,
        (sentinels) =>
          db
            .insertInto('events')
            .values(
              Array.from({ length: size }, (_, r) =>
                Object.fromEntries(EVENT_COLUMNS.map((c, k) => [c, sentinels[r * EVENT_COLUMNS.length + k]])),
              ) as Row[],
            )
            .onConflict((oc) => oc.column('dedupe_key').doNothing())
            .returning('dedupe_key'),
        params,
      );
      for (const r of result) written.add(r.dedupe_key);
    }
  }
  return written;
}

interface Planned {
  index: number;
  row: Row;
  outcome: EventOutcome;
  /** Ledger charge to undo if the row is not inserted. */
  charge: { keys: string[]; amount: number } | null;
  /** What the row does to counters once inserted. */
  effects: (deltas: Deltas) => void;
  /** Learning signal for the engine once committed. */
  learn: { adId: string; impression: boolean; action: Action | null } | null;
}

function remember<K>(set: Set<K> | Map<K, number>, key: K, value = 0): void {
  if (set instanceof Set) set.add(key);
  else set.set(key, value);
  if (set.size > MEMORY_LIMIT) {
    const oldest = set.keys().next().value as K;
    set.delete(oldest);
  }
}

const ACTION_OF: Partial<Record<string, Action>> = {
  click: 'click',
  view_6s: 'view_6s',
  follow: 'follow',
  profile_visit: 'profile_visit',
  like: 'engagement',
  comment: 'engagement',
  share: 'engagement',
  conversion: 'conversion',
};

async function existingKeys(db: Executor, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const rows = await db
      .selectFrom('events')
      .select('dedupe_key')
      .where('dedupe_key', 'in', keys.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) found.add(r.dedupe_key);
  }
  return found;
}

async function impressionsOf(db: Executor, decisionIds: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < decisionIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('events')
      .select('decision_id')
      .where('decision_id', 'in', decisionIds.slice(i, i + CHUNK))
      .where('type', '=', 'impression')
      .where('kind', '=', 'ad')
      .execute();
    for (const r of rows) if (r.decision_id) found.add(r.decision_id);
  }
  return found;
}

/** Budget lines for a charge; from the engine, or the store when the ad group left the engine. */
async function linesFor(
  ctx: CommitContext,
  db: Executor,
  adGroupId: string,
  campaignId: string,
  adAccountId: string,
  at: number,
) {
  const group = ctx.engine.group(adGroupId);
  if (group) {
    const date = ctx.engine.zoneNow(group.account.timeZone, at).date;
    return { lines: ctx.engine.budgetLines(group, date), date };
  }
  const g = await db
    .selectFrom('ad_groups')
    .select(['id', 'budget_mode', 'budget_micros'])
    .where('id', '=', adGroupId)
    .executeTakeFirst();
  const c = await db
    .selectFrom('campaigns')
    .select(['id', 'budget_mode', 'budget_micros'])
    .where('id', '=', campaignId)
    .executeTakeFirst();
  const a = await db
    .selectFrom('ad_accounts')
    .select('time_zone')
    .where('id', '=', adAccountId)
    .executeTakeFirst();
  const date = localDate(at, a?.time_zone ?? 'UTC');
  if (!g || !c) return { lines: [] as BudgetLine[], date };
  return {
    lines: budgetLines(
      { id: g.id, budgetMode: g.budget_mode as 'BUDGET_MODE_DAY', budgetMicros: g.budget_micros },
      { id: c.id, budgetMode: c.budget_mode as 'BUDGET_MODE_DAY', budgetMicros: c.budget_micros },
      date,
    ),
    date,
  };
}

/**
 * Commits one batch: decides each job's fate (duplicate, flagged, accepted, rejected), bills,
 * writes every new row and every counter change in one transaction, then updates memory. Returns
 * one outcome per job. If the transaction fails, the ledger is restored and the error propagates
 * (nothing was acknowledged).
 */
export async function commitBatch(ctx: CommitContext, jobs: Job[], now: number): Promise<EventOutcome[]> {
  const db = ctx.store.db;
  const settings = ctx.settings();
  const outcomes: (EventOutcome | null)[] = jobs.map(() => null);

  // Attribution lookups for post events and conversions (read before the write transaction).
  const attributions = await findAttributions(
    db,
    jobs.flatMap((j) =>
      j.kind === 'post' ? [{ viewerId: j.input.viewerId, postId: j.input.postId, at: j.occurredAt }] : [],
    ),
    {
      viewMs: settings.attribution.view_window_hours * MS_PER_HOUR,
      clickMs: settings.attribution.click_window_days * MS_PER_DAY,
    },
  );
  const clicks = await findClicks(
    db,
    jobs.flatMap((j) => (j.kind === 'conversion' ? [j.input.clickId] : [])),
  );
  const postIds = [...new Set(jobs.flatMap((j) => (j.kind === 'post' ? [j.input.postId] : [])))];
  const posts = new Map<string, { creator_id: string }>();
  for (let i = 0; i < postIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('posts')
      .select(['id', 'creator_id'])
      .where('id', 'in', postIds.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) posts.set(r.id, r);
  }

  // Dedupe keys.
  const keys = jobs.map((job) => dedupeKey(job, attributions));
  const existing = await existingKeys(db, keys);
  // A decision whose impression arrives new in this very batch needs no lookup: its impression is
  // not in the database yet, so the lookup could only come back empty for it.
  const newImpressions = new Set<string>();
  jobs.forEach((j, i) => {
    if (j.kind === 'ad' && j.input.type === 'impression' && !existing.has(keys[i] as string))
      newImpressions.add(j.claims.d);
  });
  const needImpression = jobs.flatMap((j) =>
    j.kind === 'ad' &&
    j.input.type !== 'impression' &&
    !ctx.impressed.has(j.claims.d) &&
    !newImpressions.has(j.claims.d)
      ? [j.claims.d]
      : [],
  );
  const impressedInDb = needImpression.length
    ? await impressionsOf(db, [...new Set(needImpression)])
    : new Set<string>();
  for (const d of impressedInDb) remember(ctx.impressed, d);

  const planned: Planned[] = [];
  const batchKeys = new Set<string>();
  const batchImpressions = new Map<string, number>();
  for (const [index, job] of jobs.entries()) {
    const key = keys[index] as string;
    if (existing.has(key) || batchKeys.has(key)) {
      outcomes[index] = { status: 'DUPLICATE' };
      continue;
    }
    const plan = await planJob(ctx, db, job, key, now, {
      attributions,
      clicks,
      batchImpressions,
      settings,
      posts,
    });
    if ('rejected' in plan) {
      outcomes[index] = plan.rejected;
      continue;
    }
    batchKeys.add(key);
    planned.push({ ...plan, index });
  }

  // Write: rows first (the unique key has the last word), then counters for the rows written.
  let inserted: Set<string>;
  try {
    inserted = await db.transaction().execute(async (trx) => {
      const written = await insertRows(
        trx,
        planned.map((p) => p.row),
      );
      const deltas = new Deltas();
      for (const p of planned) if (written.has(p.row.dedupe_key)) p.effects(deltas);
      await applyDeltas(trx, deltas);
      return written;
    });
  } catch (error) {
    for (const p of planned) if (p.charge) ctx.ledger.refund(p.charge.keys, p.charge.amount);
    throw error;
  }

  for (const p of planned) {
    if (!inserted.has(p.row.dedupe_key)) {
      // Another node wrote the same event first.
      if (p.charge) ctx.ledger.refund(p.charge.keys, p.charge.amount);
      outcomes[p.index] = { status: 'DUPLICATE' };
      continue;
    }
    outcomes[p.index] = p.outcome;
    if (p.row.kind === 'ad' && p.row.decision_id) {
      if (p.row.type === 'impression') remember(ctx.impressed, p.row.decision_id);
      if (p.row.type === 'click') remember(ctx.clicked, p.row.decision_id, p.row.occurred_at);
    }
    if (p.learn) {
      const stats = ctx.engine.ad(p.learn.adId)?.record.stats;
      if (stats) {
        if (p.learn.impression) stats.impressions++;
        if (p.learn.action) stats.actions[p.learn.action]++;
      }
    }
  }
  return outcomes as EventOutcome[];
}

/**
 * One event, one row: an ad event by decision and type; an organic event credited to an ad shares
 * that ad event's key (so the same like is never counted twice); other organic events by the
 * host's event id; conversions by the brand's conversion id.
 */
function dedupeKey(job: Job, attributions: Map<string, Attribution>): string {
  if (job.kind === 'ad') return `${job.claims.d}:${job.input.type}`;
  if (job.kind === 'post') {
    const a = attributions.get(`${job.input.viewerId}|${job.input.postId}|${job.occurredAt}`);
    return a ? `${a.decisionId}:${job.input.type}` : `post:${job.input.clientEventId}`;
  }
  return `conv:${job.input.adAccountId}:${job.input.conversionId}`;
}

interface PlanInputs {
  attributions: Map<string, Attribution>;
  clicks: Map<string, Attribution>;
  batchImpressions: Map<string, number>;
  settings: PlatformSettings;
  posts: Map<string, { creator_id: string }>;
}

async function planJob(
  ctx: CommitContext,
  db: Executor,
  job: Job,
  key: string,
  now: number,
  inputs: PlanInputs,
): Promise<Omit<Planned, 'index'> | { rejected: EventOutcome }> {
  const id = ctx.ids.next('event');
  // Rows are written as complete literals in one field order (one hidden class for all of them):
  // spreading a base object into a literal of twenty more fields took V8's slow path and was the
  // pipeline's costliest line.

  if (job.kind === 'ad') {
    const { claims, input } = job;
    let flag = job.flag;
    if (!flag && input.type !== 'impression') {
      const impressionAt = inputs.batchImpressions.get(claims.d);
      if (impressionAt === undefined && !ctx.impressed.has(claims.d)) flag = 'NO_PRIOR_IMPRESSION';
      // Only when the host stamped both events: without times, a batch shares one arrival time.
      else if (
        input.type === 'click' &&
        impressionAt !== undefined &&
        input.occurredAt !== undefined &&
        job.occurredAt - impressionAt < MIN_CLICK_DELAY_MS
      ) {
        flag = 'CLICK_TOO_FAST';
      }
    }
    const row: Row = {
      id,
      dedupe_key: key,
      kind: 'ad',
      type: input.type,
      decision_id: claims.d,
      ad_id: claims.ad,
      ad_group_id: claims.adg,
      campaign_id: claims.cmp,
      ad_account_id: claims.acc,
      post_id: claims.post,
      creator_id: claims.crt,
      viewer_id: claims.vw,
      placement: claims.pl,
      country: claims.cc ?? null,
      age_group: claims.age ?? null,
      gender: claims.gen ?? null,
      os: claims.os ?? null,
      occurred_at: job.occurredAt,
      received_at: now,
      billed_micros: 0,
      uncharged_micros: 0,
      paid: 0,
      attributed: 0,
      invalid_reason: flag,
      client_event_id: input.clientEventId,
      value_micros: null,
    };
    if (flag)
      return {
        row,
        outcome: { status: 'FLAGGED', eventId: id, reason: flag },
        charge: null,
        effects: () => undefined,
        learn: null,
      };
    if (input.type === 'impression')
      inputs.batchImpressions.set(
        claims.d,
        input.occurredAt !== undefined ? job.occurredAt : Number.NEGATIVE_INFINITY,
      );

    let charge: Planned['charge'] = null;
    let date: string | null = null;
    if (billedEventType(claims.be) === input.type) {
      const target = await linesFor(ctx, db, claims.adg, claims.cmp, claims.acc, claims.iat);
      date = target.date;
      const result = ctx.ledger.charge(target.lines, claims.pr, claims.d);
      row.billed_micros = result.charged;
      row.uncharged_micros = result.uncharged;
      charge = { keys: target.lines.map((l) => l.key), amount: result.charged };
    }
    const counter = PAID_COUNTER[input.type];
    if (counter) row.paid = 1;
    const billed = row.billed_micros as number;
    const billedDate = date;
    return {
      row,
      outcome: { status: 'ACCEPTED', eventId: id, billedMicros: billed, attributedAdId: claims.ad },
      charge,
      effects: (d) => {
        if (billed > 0 && billedDate) d.spend(claims.ad, claims.adg, claims.cmp, billedDate, billed);
        if (counter) d.paid(claims.post, claims.crt, counter, 1);
      },
      learn: {
        adId: claims.ad,
        impression: input.type === 'impression',
        action: ACTION_OF[input.type] ?? null,
      },
    };
  }

  if (job.kind === 'post') {
    const { input } = job;
    const post = inputs.posts.get(input.postId);
    if (!post)
      return {
        rejected: {
          status: 'REJECTED',
          code: 'UNKNOWN_POST',
          message: `post ${input.postId} is unknown: sync it first`,
        },
      };
    const a = inputs.attributions.get(`${input.viewerId}|${input.postId}|${job.occurredAt}`);
    const row: Row = {
      id,
      dedupe_key: key,
      kind: 'post',
      type: input.type,
      decision_id: a?.decisionId ?? null,
      ad_id: a?.adId ?? null,
      ad_group_id: a?.adGroupId ?? null,
      campaign_id: a?.campaignId ?? null,
      ad_account_id: a?.adAccountId ?? null,
      post_id: input.postId,
      creator_id: post.creator_id,
      viewer_id: input.viewerId,
      placement: a?.placement ?? null,
      country: a?.country ?? null,
      age_group: a?.ageGroup ?? null,
      gender: a?.gender ?? null,
      os: a?.os ?? null,
      occurred_at: job.occurredAt,
      received_at: now,
      billed_micros: 0,
      uncharged_micros: 0,
      paid: a ? 1 : 0,
      attributed: a ? 1 : 0,
      invalid_reason: null,
      client_event_id: input.clientEventId,
      value_micros: null,
    };
    const counter = PAID_COUNTER[input.type];
    return {
      row,
      outcome: { status: 'ACCEPTED', eventId: id, billedMicros: 0, attributedAdId: a?.adId ?? null },
      charge: null,
      effects: (d) => {
        if (a && counter) d.attributed(input.postId, post.creator_id, counter, 1);
      },
      learn: a ? { adId: a.adId, impression: false, action: ACTION_OF[input.type] ?? null } : null,
    };
  }

  const { input } = job;
  const click = inputs.clicks.get(input.clickId);
  // Another account's click is answered exactly like a click that does not exist.
  if (!click || click.adAccountId !== input.adAccountId) {
    return {
      rejected: {
        status: 'REJECTED',
        code: 'UNKNOWN_CLICK',
        message: 'no click of this ad account has this click id',
      },
    };
  }
  const windowMs = inputs.settings.attribution.click_window_days * MS_PER_DAY;
  if (job.occurredAt < click.at || job.occurredAt - click.at > windowMs) {
    return {
      rejected: {
        status: 'REJECTED',
        code: 'OUTSIDE_CLICK_WINDOW',
        message: `the conversion is not within ${inputs.settings.attribution.click_window_days} days after the click`,
      },
    };
  }
  const row: Row = {
    id,
    dedupe_key: key,
    kind: 'conversion',
    type: 'conversion',
    decision_id: input.clickId,
    ad_id: click.adId,
    ad_group_id: click.adGroupId,
    campaign_id: click.campaignId,
    ad_account_id: click.adAccountId,
    post_id: click.postId,
    creator_id: click.creatorId,
    viewer_id: click.viewerId,
    placement: click.placement,
    country: click.country,
    age_group: click.ageGroup,
    gender: click.gender,
    os: click.os,
    occurred_at: job.occurredAt,
    received_at: now,
    billed_micros: 0,
    uncharged_micros: 0,
    paid: 0,
    attributed: 1,
    invalid_reason: null,
    client_event_id: input.conversionId,
    value_micros: input.valueMicros,
  };
  return {
    row,
    outcome: { status: 'ACCEPTED', eventId: id, billedMicros: 0, attributedAdId: click.adId },
    charge: null,
    effects: () => undefined,
    learn: { adId: click.adId, impression: false, action: 'conversion' },
  };
}
