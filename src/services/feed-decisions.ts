import type { DecisionRequest, DecisionResult, ExplainEntry } from '../delivery/engine.js';
import { describeExplainEntry, type ExplainDescription } from '../delivery/explain.js';
import type { FrequencyStore, Served, ViewerHistory } from '../delivery/frequency.js';
import type { DeliveryRuntime } from '../delivery/runtime.js';
import type { ServiceContext } from './context.js';

/**
 * A frequency store whose recording can be switched off for the length of a synchronous call: a
 * dry-run decision reads the viewer's history (caps still apply) but leaves no trace in it.
 * `createSystem` wraps the engine's store in one.
 */
export class SwitchableFrequencyStore implements FrequencyStore {
  private recording = true;

  constructor(readonly inner: FrequencyStore) {}

  load(viewerId: string): Promise<ViewerHistory> {
    return this.inner.load(viewerId);
  }

  record(viewerId: string, served: readonly Served[], now: number): void {
    if (this.recording) this.inner.record(viewerId, served, now);
  }

  /** Runs `work` (synchronous) without recording anything served. */
  withoutRecording<T>(work: () => T): T {
    this.recording = false;
    try {
      return work();
    } finally {
      this.recording = true;
    }
  }
}

export interface ExplainedEntry {
  entry: ExplainEntry;
  description: ExplainDescription;
}

export interface FeedDecision {
  result: DecisionResult;
  /** The explain entries with names, prices and per-ad reasons (null without explain). */
  explained: ExplainedEntry[] | null;
  dryRun: boolean;
}

/**
 * Decides one feed page. A dry run decides and explains exactly as a real decision would, then
 * leaves budgets and frequency untouched: the budget holds of the served ads are released before
 * anything else runs, the viewer's frequency memory is not written, and the caller must not hand
 * out tracking tokens. (The engine still counts the request in its traffic curve.)
 * Everything after the viewer's history is loaded runs synchronously, so the explanation reads the
 * same ad groups the decision saw and no other decision sees a dry run's holds.
 */
export async function decideFeed(
  ctx: ServiceContext,
  runtime: DeliveryRuntime,
  request: DecisionRequest,
  options: { dryRun: boolean },
): Promise<FeedDecision> {
  const engine = runtime.engine;
  const frequency = runtime.frequency;
  if (options.dryRun && !(frequency instanceof SwitchableFrequencyStore)) {
    throw new Error('dry runs need the switchable frequency store that createSystem installs');
  }
  const history = await frequency.load(request.viewer.id);
  let result: DecisionResult;
  if (options.dryRun) {
    result = (frequency as SwitchableFrequencyStore).withoutRecording(() =>
      engine.decideWith(request, history),
    );
    for (const served of result.ads) runtime.ledger.release(served.decisionId);
  } else {
    result = engine.decideWith(request, history);
  }
  const now = ctx.clock.now();
  const explained =
    result.explain?.map((entry) => {
      // The decision ran synchronously on these records: every explained ad group is still there.
      const group = engine.group(entry.adGroupId);
      if (!group) throw new Error(`explained ad group ${entry.adGroupId} is not in the engine`);
      return { entry, description: describeExplainEntry(entry, group, result.ads, now) };
    }) ?? null;
  return { result, explained, dryRun: options.dryRun };
}
