import type { DeliveryEngine } from '../delivery/engine.js';
import type { BudgetLedger } from '../delivery/ledger.js';
import type { Clock } from '../domain/clock.js';
import type { IdGenerator } from '../domain/ids.js';
import type { PlatformSettings } from '../domain/settings.js';
import type { TrackingTokenSigner } from '../domain/tracking-token.js';
import type { Store } from '../store/database.js';
import { type CommitContext, commitBatch } from './commit.js';
import { type InvalidReason, isBotUserAgent, ViewerRateLimiter } from './ivt.js';
import type { AdEventInput, ConversionInput, EventOutcome, Job, PostEventInput } from './types.js';

/**
 * The event pipeline's front door. Events are checked as they arrive (signature, age, invalid
 * traffic), queued, and committed by a single committer in batches: every request waiting at the
 * moment a commit starts shares its transaction (group commit), and a request is answered only
 * after its events are durable. Dedupe, billing and attribution happen in the committer, one batch
 * at a time, so they are exact on a node; the database's unique dedupe key guards across nodes.
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
}

/** Observers of the pipeline (metrics). */
export interface IngestorObserver {
  onOutcome?: (status: EventOutcome['status']) => void;
  onCommit?: (info: { events: number; ms: number }) => void;
}

interface Pending {
  job: Job;
  resolve: (outcome: EventOutcome) => void;
  reject: (error: unknown) => void;
}

export const TOKEN_MAX_AGE_MS = 26 * 3_600_000;

export class EventIngestor {
  private pending: Pending[] = [];
  private draining: Promise<void> | null = null;
  private readonly rateLimiter = new ViewerRateLimiter();
  private readonly context: CommitContext;
  private readonly maxAge: number;
  private closed = false;
  private readonly observers: IngestorObserver[] = [];

  constructor(private readonly deps: IngestorDeps) {
    this.maxAge = deps.tokenMaxAgeMs ?? TOKEN_MAX_AGE_MS;
    this.context = {
      store: deps.store,
      ids: deps.ids,
      engine: deps.engine,
      ledger: deps.ledger,
      settings: deps.settings,
      impressed: new Set<string>(),
      clicked: new Map<string, number>(),
    };
  }

  observe(observer: IngestorObserver): void {
    this.observers.push(observer);
  }

  /** Awaits every outcome and tells the observers. */
  private async reported(pending: Promise<EventOutcome>[]): Promise<EventOutcome[]> {
    const outcomes = await Promise.all(pending);
    for (const o of this.observers)
      if (o.onOutcome) for (const outcome of outcomes) o.onOutcome(outcome.status);
    return outcomes;
  }

  /** Ad events (with tracking tokens): one outcome per input, in order. */
  submitAdEvents(inputs: readonly AdEventInput[]): Promise<EventOutcome[]> {
    const now = this.deps.clock.now();
    return this.reported(
      inputs.map((input) => {
        const verified = this.deps.signer.verify(input.token, now, this.maxAge);
        if (!verified.ok) {
          return Promise.resolve<EventOutcome>({
            status: 'REJECTED',
            code: `TOKEN_${verified.reason}` as const,
            message: rejectMessage(verified.reason),
          });
        }
        const claims = verified.claims;
        // Hosts' clocks drift: an event happens between its decision and its arrival.
        const occurredAt = Math.min(now, Math.max(claims.iat, input.occurredAt ?? now));
        let flag: InvalidReason | null = null;
        if (input.viewerId !== undefined && input.viewerId !== claims.vw) flag = 'VIEWER_MISMATCH';
        else if (isBotUserAgent(input.userAgent)) flag = 'BOT_USER_AGENT';
        else if (!this.rateLimiter.allow(claims.vw, now)) flag = 'VIEWER_RATE_LIMIT';
        return this.enqueue({ kind: 'ad', input, claims, occurredAt, flag });
      }),
    );
  }

  /** The host's organic engagement events; attributed to an ad when the viewer saw or clicked one first. */
  submitPostEvents(inputs: readonly PostEventInput[]): Promise<EventOutcome[]> {
    const now = this.deps.clock.now();
    return this.reported(
      inputs.map((input) =>
        this.enqueue({ kind: 'post', input, occurredAt: Math.min(now, input.occurredAt ?? now) }),
      ),
    );
  }

  submitConversions(inputs: readonly ConversionInput[]): Promise<EventOutcome[]> {
    const now = this.deps.clock.now();
    return this.reported(
      inputs.map((input) =>
        this.enqueue({ kind: 'conversion', input, occurredAt: Math.min(now, input.occurredAt ?? now) }),
      ),
    );
  }

  private enqueue(job: Job): Promise<EventOutcome> {
    if (this.closed) return Promise.reject(new Error('the event pipeline is shutting down'));
    return new Promise<EventOutcome>((resolve, reject) => {
      this.pending.push({ job, resolve, reject });
      this.drain();
    });
  }

  /** Starts the committer unless it runs; it loops until the queue is empty. */
  private drain(): void {
    if (this.draining) return;
    this.draining = (async () => {
      // Let every request of this tick join the first batch.
      await new Promise((r) => setImmediate(r));
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        const started = performance.now();
        try {
          const outcomes = await commitBatch(
            this.context,
            batch.map((p) => p.job),
            this.deps.clock.now(),
          );
          for (const [i, p] of batch.entries()) p.resolve(outcomes[i] as EventOutcome);
          const info = { events: batch.length, ms: performance.now() - started };
          for (const o of this.observers) o.onCommit?.(info);
        } catch (error) {
          for (const p of batch) p.reject(error);
        }
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
