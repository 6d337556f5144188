import type { DeliveryEngine } from '../delivery/engine.js';
import type { BudgetLedger } from '../delivery/ledger.js';
import type { Clock } from '../domain/clock.js';
import type { IdGenerator } from '../domain/ids.js';
import type { PlatformSettings } from '../domain/settings.js';
import {
  checkTokenAge,
  type TrackingClaims,
  type TrackingTokenSigner,
  type VerifiedToken,
} from '../domain/tracking-token.js';
import type { Store } from '../store/database.js';
import { type CommitContext, commitBatch } from './commit.js';
import { type InvalidReason, isBotUserAgent, ViewerRateLimiter } from './ivt.js';
import type { AdEventInput, ConversionInput, EventOutcome, Job, PostEventInput } from './types.js';

/**
 * The event pipeline's front door. Events are checked as they arrive (signature, age, invalid
 * traffic), queued, and committed by a single committer in batches: the requests waiting when a
 * commit starts share its transaction (group commit, up to `maxBatchEvents` events), and a request
 * is answered only after its events are durable. Dedupe, billing and attribution happen in the
 * committer, one batch at a time, so they are exact on a node; the database's unique dedupe key
 * guards across nodes. See docs/decisions/0004-group-commit.md.
 */
export interface IngestorDeps {
  store: Store;
  clock: Clock;
  ids: IdGenerator;
  engine: DeliveryEngine;
  ledger: BudgetLedger;
  signer: TrackingTokenSigner;
  settings: () => PlatformSettings;
  /** Oldest tracking token accepted (default 26 hours: a day of view window plus margin). */
  tokenMaxAgeMs?: number;
  /** Group commit tuning (defaults: GROUP_COMMIT_DEFAULTS). */
  groupCommit?: Partial<GroupCommitOptions>;
}

export interface GroupCommitOptions {
  /**
   * Most events one transaction takes (whole requests: a larger request goes alone). Bigger
   * transactions share one fsync among more events, but at 2,000 the fsync is already a small part
   * of an event's cost, and every request of a batch waits for all of it.
   */
  maxBatchEvents: number;
  /**
   * How long the committer waits for more requests before starting a transaction that is not full
   * (ms). 0: only the requests that arrived in the same event-loop turn join, so a lone request
   * pays no wait; under load the batch fills while the previous one commits anyway.
   */
  maxWaitMs: number;
}

export const GROUP_COMMIT_DEFAULTS: GroupCommitOptions = { maxBatchEvents: 2000, maxWaitMs: 0 };

/** Observers of the pipeline (metrics). */
export interface IngestorObserver {
  onOutcome?: (status: EventOutcome['status']) => void;
  onCommit?: (info: { events: number; ms: number }) => void;
}

/** One request's jobs, queued as a unit: one promise per request, not per event. */
interface Pending {
  jobs: Job[];
  resolve: (outcomes: EventOutcome[]) => void;
  reject: (error: unknown) => void;
}

export const TOKEN_MAX_AGE_MS = 26 * 3_600_000;
/**
 * Tokens whose signature was checked, kept by their exact text: a decision's impression and the
 * events that follow it carry the same token, and the HMAC and JSON decoding were a sixth of the
 * pipeline's time. The same text always verifies the same way; age is checked again on every use.
 */
const VERIFIED_TOKENS = 32_768;

export class EventIngestor {
  private pending: Pending[] = [];
  private pendingEvents = 0;
  private draining: Promise<void> | null = null;
  /** Wakes a committer waiting `maxWaitMs` once the queue is full. */
  private wake: (() => void) | null = null;
  private readonly rateLimiter = new ViewerRateLimiter();
  private readonly context: CommitContext;
  private readonly maxAge: number;
  private options: GroupCommitOptions;
  private readonly verified = new Map<string, TrackingClaims>();
  private closed = false;
  private readonly observers: IngestorObserver[] = [];

  constructor(private readonly deps: IngestorDeps) {
    this.maxAge = deps.tokenMaxAgeMs ?? TOKEN_MAX_AGE_MS;
    this.options = checked({ ...GROUP_COMMIT_DEFAULTS, ...deps.groupCommit });
    this.context = {
      store: deps.store,
      ids: deps.ids,
      engine: deps.engine,
      ledger: deps.ledger,
      settings: deps.settings,
      impressed: new Set<string>(),
    };
  }

  /** Changes the group commit settings (from the next batch on). */
  tune(options: Partial<GroupCommitOptions>): void {
    this.options = checked({ ...this.options, ...options });
  }

  observe(observer: IngestorObserver): void {
    this.observers.push(observer);
  }

  /**
   * Queues the jobs (one request) and returns one outcome per input, in order: `early` holds the
   * inputs already answered (rejected before the queue), `jobs` the others, in input order.
   */
  private async submit(early: (EventOutcome | null)[], jobs: Job[]): Promise<EventOutcome[]> {
    let outcomes = early as EventOutcome[];
    if (jobs.length > 0) {
      const committed = await this.enqueue(jobs);
      if (jobs.length === early.length) outcomes = committed;
      else {
        let k = 0;
        outcomes = early.map((o) => o ?? (committed[k++] as EventOutcome));
      }
    }
    for (const o of this.observers)
      if (o.onOutcome) for (const outcome of outcomes) o.onOutcome(outcome.status);
    return outcomes;
  }

  /** Checks a token's signature once per token text (cached), its age on every use. */
  private verify(token: string, now: number): VerifiedToken {
    const claims = this.verified.get(token);
    if (claims === undefined) {
      const result = this.deps.signer.verify(token, now, this.maxAge);
      if (result.ok) {
        this.verified.set(token, result.claims);
        if (this.verified.size > VERIFIED_TOKENS)
          this.verified.delete(this.verified.keys().next().value as string);
      }
      return result;
    }
    return checkTokenAge(claims, now, this.maxAge);
  }

  /** Ad events (with tracking tokens): one outcome per input, in order. */
  submitAdEvents(inputs: readonly AdEventInput[]): Promise<EventOutcome[]> {
    const now = this.deps.clock.now();
    const early: (EventOutcome | null)[] = [];
    const jobs: Job[] = [];
    for (const input of inputs) {
      const verified = this.verify(input.token, now);
      if (!verified.ok) {
        early.push({
          status: 'REJECTED',
          code: `TOKEN_${verified.reason}` as const,
          message: rejectMessage(verified.reason),
        });
        continue;
      }
      const claims = verified.claims;
      // Hosts' clocks drift: an event happens between its decision and its arrival.
      const occurredAt = Math.min(now, Math.max(claims.iat, input.occurredAt ?? now));
      let flag: InvalidReason | null = null;
      if (input.viewerId !== undefined && input.viewerId !== claims.vw) flag = 'VIEWER_MISMATCH';
      else if (isBotUserAgent(input.userAgent)) flag = 'BOT_USER_AGENT';
      else if (!this.rateLimiter.allow(claims.vw, now)) flag = 'VIEWER_RATE_LIMIT';
      early.push(null);
      jobs.push({ kind: 'ad', input, claims, occurredAt, flag });
    }
    return this.submit(early, jobs);
  }

  /** The host's organic engagement events; attributed to an ad when the viewer saw or clicked one first. */
  submitPostEvents(inputs: readonly PostEventInput[]): Promise<EventOutcome[]> {
    const now = this.deps.clock.now();
    return this.submit(
      inputs.map(() => null),
      inputs.map((input) => ({ kind: 'post', input, occurredAt: Math.min(now, input.occurredAt ?? now) })),
    );
  }

  submitConversions(inputs: readonly ConversionInput[]): Promise<EventOutcome[]> {
    const now = this.deps.clock.now();
    return this.submit(
      inputs.map(() => null),
      inputs.map((input) => ({
        kind: 'conversion',
        input,
        occurredAt: Math.min(now, input.occurredAt ?? now),
      })),
    );
  }

  private enqueue(jobs: Job[]): Promise<EventOutcome[]> {
    if (this.closed) return Promise.reject(new Error('the event pipeline is shutting down'));
    return new Promise<EventOutcome[]>((resolve, reject) => {
      this.pending.push({ jobs, resolve, reject });
      this.pendingEvents += jobs.length;
      if (this.wake && this.pendingEvents >= this.options.maxBatchEvents) this.wake();
      this.drain();
    });
  }

  /** Waits for the batch to gather: this event-loop turn's requests, then up to `maxWaitMs`. */
  private async gather(): Promise<void> {
    await new Promise((r) => setImmediate(r));
    const { maxWaitMs, maxBatchEvents } = this.options;
    if (maxWaitMs <= 0 || this.pendingEvents >= maxBatchEvents) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, maxWaitMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
    this.wake = null;
  }

  /** Takes whole requests from the queue, up to `maxBatchEvents` events (at least one request). */
  private take(): Pending[] {
    const limit = this.options.maxBatchEvents;
    if (this.pendingEvents <= limit) {
      const all = this.pending;
      this.pending = [];
      this.pendingEvents = 0;
      return all;
    }
    let n = 0;
    let events = 0;
    while (n < this.pending.length) {
      const size = (this.pending[n] as Pending).jobs.length;
      if (n > 0 && events + size > limit) break;
      events += size;
      n++;
    }
    this.pendingEvents -= events;
    return this.pending.splice(0, n);
  }

  /** Starts the committer unless it runs; it loops until the queue is empty. */
  private drain(): void {
    if (this.draining) return;
    this.draining = (async () => {
      await this.gather();
      while (this.pending.length > 0) {
        const batch = this.take();
        const started = performance.now();
        const jobs: Job[] = [];
        for (const p of batch) for (const job of p.jobs) jobs.push(job);
        try {
          const outcomes = await commitBatch(this.context, jobs, this.deps.clock.now());
          let k = 0;
          for (const p of batch) {
            p.resolve(outcomes.slice(k, k + p.jobs.length));
            k += p.jobs.length;
          }
          const info = { events: jobs.length, ms: performance.now() - started };
          for (const o of this.observers) o.onCommit?.(info);
        } catch (error) {
          for (const p of batch) p.reject(error);
        }
        // Under a wait, the next batch gathers too (the queue may hold only a few requests).
        if (this.pending.length > 0 && this.options.maxWaitMs > 0) await this.gather();
      }
    })().finally(() => {
      this.draining = null;
      if (this.pending.length > 0) this.drain();
    });
  }

  /** Resolves when everything submitted so far is committed (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }
}

function checked(options: GroupCommitOptions): GroupCommitOptions {
  if (!Number.isInteger(options.maxBatchEvents) || options.maxBatchEvents < 1)
    throw new Error(`group commit: maxBatchEvents must be a positive integer, not ${options.maxBatchEvents}`);
  if (!Number.isFinite(options.maxWaitMs) || options.maxWaitMs < 0)
    throw new Error(`group commit: maxWaitMs must be 0 or more, not ${options.maxWaitMs}`);
  return options;
}

function rejectMessage(reason: string): string {
  switch (reason) {
    case 'EXPIRED':
      return 'the tracking token is too old';
    case 'BAD_SIGNATURE':
      return 'the tracking token was not issued by this Kindling (bad signature)';
    case 'FROM_THE_FUTURE':
      return 'the tracking token was issued in the future';
    default:
      return 'the tracking token is malformed';
  }
}
