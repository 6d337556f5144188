import { type Insertable, sql } from 'kysely';
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
import { compiledOnce, runCompiled } from './compiled.js';
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

/** `insert … on conflict (dedupe_key) do nothing` for `size` rows, compiled once per size. */
function insertStatement(db: Executor, size: number, returning: boolean) {
  return (sentinels: readonly unknown[]) => {
    const query = db
      .insertInto('events')
      .values(
        Array.from({ length: size }, (_, r) =>
          Object.fromEntries(EVENT_COLUMNS.map((c, k) => [c, sentinels[r * EVENT_COLUMNS.length + k]])),
        ) as Row[],
      )
      .onConflict((oc) => oc.column('dedupe_key').doNothing());
    return returning ? query.returning('dedupe_key') : query;
  };
}

function pushRow(params: unknown[], row: Row): void {
  for (const column of EVENT_COLUMNS) params.push(row[column] ?? null);
}

/**
 * Inserts the rows and returns the dedupe keys written (a conflicting key was written by someone
 * else first). SQLite: one prepared single-row statement run per row, straight on the connection
 * (`Store.runEach`, inside this transaction), its change count saying whether the row was written:
 * 100-row statements took nearly twice SQLite's CPU per row of single-row ones, and the query
 * builder's cost per statement was more than SQLite's. PostgreSQL: a round trip per statement
 * dominates, so rows go 500 (13,000 parameters), 100, 10, then 1 at a time, with RETURNING.
 */
async function insertRows(ctx: CommitContext, db: Executor, rows: readonly Row[]): Promise<Set<string>> {
  const written = new Set<string>();
  const runEach = ctx.store.runEach;
  if (runEach && rows.length > 0) {
    const lists = rows.map((row) => {
      const params: unknown[] = [];
      pushRow(params, row);
      return params;
    });
    const { sql: text } = compiledOnce(db, 'events:1', insertStatement(db, 1, false), lists[0] as unknown[]);
    const changes = runEach(text, lists);
    rows.forEach((row, i) => {
      if (changes[i] === 1) written.add(row.dedupe_key);
    });
    return written;
  }
  let start = 0;
  for (const size of [500, 100, 10, 1]) {
    for (; rows.length - start >= size; start += size) {
      const params: unknown[] = [];
      for (let r = start; r < start + size; r++) pushRow(params, rows[r] as Row);
      const result = await runCompiled<{ dedupe_key: string }>(
        db,
        `events:${size}:returning`,
        insertStatement(db, size, true),
        params,
      );
      for (const r of result) written.add(r.dedupe_key);
    }
  }
  return written;
}

type Counter = NonNullable<(typeof PAID_COUNTER)[keyof typeof PAID_COUNTER]>;

/**
 * A row to write and what it does once written, as plain fields (no closure per event: tsx wraps
 * each one it creates, and they were a tenth of the committer's time).
 */
interface Planned {
  index: number;
  row: Row;
  outcome: EventOutcome;
  /** Ledger charge to undo if the row is not inserted. */
  charge: { keys: string[]; amount: number } | null;
  /** Local date of the billed amount (`row.billed_micros`) in the ad account's zone; null if unbilled. */
  spendDate: string | null;
  /** Post counter the row moves: engagement on the ad (`paid`) or credited to it (`attributed`). */
  counter: Counter | null;
  credited: boolean;
  /** Learning signal for the engine once committed: the ad (null: none), impression, action. */
  learnAd: string | null;
  learnImpression: boolean;
  learnAction: Action | null;
}

/** The counter changes of a written row. */
function addEffects(p: Planned, d: Deltas): void {
  const row = p.row;
  const billed = row.billed_micros ?? 0;
  if (billed > 0 && p.spendDate)
    d.spend(row.ad_id as string, row.ad_group_id as string, row.campaign_id as string, p.spendDate, billed);
  if (p.counter) {
    if (p.credited) d.attributed(row.post_id as string, row.creator_id as string, p.counter, 1);
    else d.paid(row.post_id as string, row.creator_id as string, p.counter, 1);
  }
}

function planned(
  index: number,
  row: Row,
  outcome: EventOutcome,
  learnAd: string | null,
  learnImpression: boolean,
  learnAction: Action | null,
): Planned {
  return {
    index,
    row,
    outcome,
    charge: null,
    spendDate: null,
    counter: null,
    credited: false,
    learnAd,
    learnImpression,
    learnAction,
  };
}

function remember<K>(set: Set<K>, key: K): void {
  set.add(key);
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

/**
 * Which of `keys` are already in the log: one statement whatever the count (the keys travel as one
 * JSON or array parameter), so its text, and SQLite's prepared plan, is the same for every batch.
 */
async function existingKeys(ctx: CommitContext, db: Executor, keys: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  if (keys.length === 0) return found;
  const rows =
    ctx.store.dialect === 'postgres'
      ? await runCompiled<{ dedupe_key: string }>(
          db,
          'existing-keys',
          ([list]) =>
            db
              .selectFrom('events')
              .select('dedupe_key')
              .where(sql<boolean>`${sql.ref('dedupe_key')} = any(${list})`),
          [keys],
        )
      : await runCompiled<{ dedupe_key: string }>(
          db,
          'existing-keys',
          ([list]) =>
            db
              .selectFrom('events')
              .select('dedupe_key')
              .where(sql<boolean>`${sql.ref('dedupe_key')} in (select value from json_each(${list}))`),
          [JSON.stringify(keys)],
        );
  for (const r of rows) found.add(r.dedupe_key);
  return found;
}

/** What billing needs of an ad group that is no longer in the engine (read once per batch). */
interface StoredBudget {
  group: { id: string; budgetMode: string; budgetMicros: number } | null;
  campaign: { id: string; budgetMode: string; budgetMicros: number | null } | null;
  timeZone: string;
}

/**
 * Budget sources of the ad groups billed in this batch that left the engine (paused, ended,
 * deleted since the decision): their budgets come from the store, read before planning so that
 * planning is synchronous.
 */
async function storedBudgets(ctx: CommitContext, db: Executor, jobs: readonly Job[]) {
  const wanted = new Map<string, { campaignId: string; adAccountId: string }>();
  for (const j of jobs) {
    if (j.kind !== 'ad' || j.flag || billedEventType(j.claims.be) !== j.input.type) continue;
    if (!wanted.has(j.claims.adg) && !ctx.engine.group(j.claims.adg))
      wanted.set(j.claims.adg, { campaignId: j.claims.cmp, adAccountId: j.claims.acc });
  }
  const out = new Map<string, StoredBudget>();
  for (const [adGroupId, { campaignId, adAccountId }] of wanted) {
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
    out.set(adGroupId, {
      group: g ? { id: g.id, budgetMode: g.budget_mode, budgetMicros: g.budget_micros } : null,
      campaign: c ? { id: c.id, budgetMode: c.budget_mode, budgetMicros: c.budget_micros } : null,
      timeZone: a?.time_zone ?? 'UTC',
    });
  }
  return out;
}

/** Budget lines for a charge; from the engine, or the store when the ad group left the engine. */
function linesFor(
  ctx: CommitContext,
  stored: Map<string, StoredBudget>,
  adGroupId: string,
  at: number,
): { lines: BudgetLine[]; date: string } {
  const group = ctx.engine.group(adGroupId);
  if (group) {
    const date = ctx.engine.zoneNow(group.account.timeZone, at).date;
    return { lines: ctx.engine.budgetLines(group, date), date };
  }
  const s = stored.get(adGroupId);
  const date = localDate(at, s?.timeZone ?? 'UTC');
  if (!s?.group || !s.campaign) return { lines: [], date };
  return {
    lines: budgetLines(
      { ...s.group, budgetMode: s.group.budgetMode as 'BUDGET_MODE_DAY' },
      { ...s.campaign, budgetMode: s.campaign.budgetMode as 'BUDGET_MODE_DAY' },
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
  const outcomes: (EventOutcome | null)[] = new Array(jobs.length).fill(null);

  // Attribution lookups for post events and conversions (read before the write transaction).
  const postRequests: { viewerId: string; postId: string; at: number }[] = [];
  const clickIds: string[] = [];
  for (const j of jobs) {
    if (j.kind === 'post')
      postRequests.push({ viewerId: j.input.viewerId, postId: j.input.postId, at: j.occurredAt });
    else if (j.kind === 'conversion') clickIds.push(j.input.clickId);
  }
  const attributions = await findAttributions(db, postRequests, {
    viewMs: settings.attribution.view_window_hours * MS_PER_HOUR,
    clickMs: settings.attribution.click_window_days * MS_PER_DAY,
  });
  const clicks = await findClicks(db, clickIds);
  const postIds = [...new Set(postRequests.map((r) => r.postId))];
  const posts = new Map<string, { creator_id: string }>();
  for (let i = 0; i < postIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('posts')
      .select(['id', 'creator_id'])
      .where('id', 'in', postIds.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) posts.set(r.id, r);
  }

  // Dedupe keys, and in the same lookup the impressions that clicks and views need: an ad
  // impression's dedupe key is `${decision}:impression`, so "is it committed" is "does the key exist".
  const keys = jobs.map((job) => dedupeKey(job, attributions));
  const lookup = new Set(keys);
  // A decision whose impression is in this very batch needs no lookup of it: if that impression is
  // a duplicate, its key (looked up anyway) says it is committed; if new, the lookup is empty.
  const impressionKeys = new Map<string, string>();
  for (const j of jobs)
    if (j.kind === 'ad' && j.input.type === 'impression')
      impressionKeys.set(`${j.claims.d}:impression`, j.claims.d);
  for (const j of jobs) {
    if (j.kind !== 'ad' || j.input.type === 'impression' || ctx.impressed.has(j.claims.d)) continue;
    const key = `${j.claims.d}:impression`;
    if (impressionKeys.has(key)) continue;
    impressionKeys.set(key, j.claims.d);
    lookup.add(key);
  }
  const existing = await existingKeys(ctx, db, [...lookup]);
  for (const key of existing) {
    const decision = impressionKeys.get(key);
    if (decision !== undefined) remember(ctx.impressed, decision);
  }
  const stored = await storedBudgets(ctx, db, jobs);

  const plans: Planned[] = [];
  const batchKeys = new Set<string>();
  const inputs: PlanInputs = {
    attributions,
    clicks,
    batchImpressions: new Map(),
    settings,
    posts,
    stored,
  };
  for (let index = 0; index < jobs.length; index++) {
    const job = jobs[index] as Job;
    const key = keys[index] as string;
    if (existing.has(key) || batchKeys.has(key)) {
      outcomes[index] = { status: 'DUPLICATE' };
      continue;
    }
    const plan = planJob(ctx, job, index, key, now, inputs);
    if ('rejected' in plan) {
      outcomes[index] = plan.rejected;
      continue;
    }
    batchKeys.add(key);
    plans.push(plan);
  }

  // Write: rows first (the unique key has the last word), then counters for the rows written.
  let inserted: Set<string>;
  try {
    inserted = await db.transaction().execute(async (trx) => {
      const written = await insertRows(
        ctx,
        trx,
        plans.map((p) => p.row),
      );
      const deltas = new Deltas();
      for (const p of plans) if (written.has(p.row.dedupe_key)) addEffects(p, deltas);
      await applyDeltas(trx, deltas);
      return written;
    });
  } catch (error) {
    for (const p of plans) if (p.charge) ctx.ledger.refund(p.charge.keys, p.charge.amount);
    throw error;
  }

  for (const p of plans) {
    if (!inserted.has(p.row.dedupe_key)) {
      // Another node wrote the same event first.
      if (p.charge) ctx.ledger.refund(p.charge.keys, p.charge.amount);
      outcomes[p.index] = { status: 'DUPLICATE' };
      continue;
    }
    outcomes[p.index] = p.outcome;
    if (p.row.kind === 'ad' && p.row.decision_id) {
      if (p.row.type === 'impression') remember(ctx.impressed, p.row.decision_id);
    }
    if (p.learnAd) {
      const stats = ctx.engine.ad(p.learnAd)?.record.stats;
      if (stats) {
        if (p.learnImpression) stats.impressions++;
        if (p.learnAction) stats.actions[p.learnAction]++;
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
  stored: Map<string, StoredBudget>;
}

function planJob(
  ctx: CommitContext,
  job: Job,
  index: number,
  key: string,
  now: number,
  inputs: PlanInputs,
): Planned | { rejected: EventOutcome } {
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
    if (flag) return planned(index, row, { status: 'FLAGGED', eventId: id, reason: flag }, null, false, null);
    if (input.type === 'impression')
      inputs.batchImpressions.set(
        claims.d,
        input.occurredAt !== undefined ? job.occurredAt : Number.NEGATIVE_INFINITY,
      );

    const plan = planned(
      index,
      row,
      { status: 'ACCEPTED', eventId: id, attributedAdId: claims.ad },
      claims.ad,
      input.type === 'impression',
      ACTION_OF[input.type] ?? null,
    );
    if (billedEventType(claims.be) === input.type) {
      const target = linesFor(ctx, inputs.stored, claims.adg, claims.iat);
      const result = ctx.ledger.charge(target.lines, claims.pr, claims.d);
      row.billed_micros = result.charged;
      row.uncharged_micros = result.uncharged;
      plan.charge = { keys: target.lines.map((l) => l.key), amount: result.charged };
      plan.spendDate = target.date;
    }
    const counter = PAID_COUNTER[input.type];
    if (counter) {
      row.paid = 1;
      plan.counter = counter;
    }
    return plan;
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
    const plan = planned(
      index,
      row,
      { status: 'ACCEPTED', eventId: id, attributedAdId: a?.adId ?? null },
      a ? a.adId : null,
      false,
      a ? (ACTION_OF[input.type] ?? null) : null,
    );
    if (a) {
      plan.counter = PAID_COUNTER[input.type] ?? null;
      plan.credited = true;
    }
    return plan;
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
  return planned(
    index,
    row,
    { status: 'ACCEPTED', eventId: id, attributedAdId: click.adId },
    click.adId,
    false,
    'conversion',
  );
}
