import type { DecisionRequest, DecisionResult, ExplainEntry } from '../delivery/engine.js';
import { describeExplainEntry, type ExplainDescription } from '../delivery/explain.js';
import type { DeliveryRuntime } from '../delivery/runtime.js';
import type { ServiceContext } from './context.js';

export interface ExplainedEntry {
  entry: ExplainEntry;
  description: ExplainDescription;
}

export interface FeedDecision {
  result: DecisionResult;
  /** The explain entries with names, prices and per-ad reasons (null without explain). */
  explained: ExplainedEntry[] | null;
}

/**
 * Decides one feed page. A dry run decides and explains exactly as a real decision would, then
 * leaves budgets, frequency and the traffic curve untouched and signs no tracking token (see
 * `DecisionRequest.dryRun`). The engine decides synchronously once the viewer's
 * history is loaded, so the explanation reads the same ad groups the decision saw.
 */
export async function decideFeed(
  ctx: ServiceContext,
  runtime: DeliveryRuntime,
  request: DecisionRequest,
): Promise<FeedDecision> {
  const engine = runtime.engine;
  const result = await engine.decide(request);
  const now = ctx.clock.now();
  const explained =
    result.explain?.map((entry) => {
      // The decision ran synchronously on these records: every explained ad group is still there.
      const group = engine.group(entry.adGroupId);
      if (!group) throw new Error(`explained ad group ${entry.adGroupId} is not in the engine`);
      return { entry, description: describeExplainEntry(entry, group, result.ads, now) };
    }) ?? null;
  return { result, explained };
}
