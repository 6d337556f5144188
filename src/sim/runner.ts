import { SeededRandom } from '../domain/random.js';
import { startOfLocalDate } from '../domain/time.js';
import type { AdEventInput, ConversionInput } from '../events/types.js';
import type { Variant } from './baselines.js';
import { BehaviourModel } from './behaviour.js';
import { mixSeed } from './distributions.js';
import { EligibilityCounter } from './eligibility.js';
import { TimeHeap } from './heap.js';
import { buildPopulation, type Population } from './population.js';
import type { Scenario } from './scenario-schema.js';
import type { CreatedGroup, Recorded, SimTarget } from './target.js';
import { type Session, TrafficModel } from './traffic.js';
import { planWorld, type WorldPlan } from './world.js';

/**
 * One simulated run: plan the world and the traffic from the seed, create the world in the target,
 * then replay every feed page in time order (the target decides), let each viewer react to the ads
 * (behaviour model) and report what they did in batches, as a host app would.
 */
export const BUCKET_MS = 900_000;

/** Everything that depends only on the scenario and the seed: identical across the runs of a simulation. */
export interface Prepared {
  scenario: Scenario;
  seed: number;
  population: Population;
  traffic: TrafficModel;
  sessions: Session[];
  pages: number;
  /** The simulated window: from the first account's local midnight to the last one's. */
  from: number;
  to: number;
  /** When the world is created (before the window). */
  setupAt: number;
  accountZones: string[];
}

export function prepare(scenario: Scenario, seed: number): Prepared {
  const population = buildPopulation(scenario.population, new SeededRandom(mixSeed(seed, 1)));
  const traffic = new TrafficModel(scenario.traffic, population);
  const zones = scenario.ad_accounts.map((a) => a.time_zone);
  const from = Math.min(...zones.map((z) => startOfLocalDate(scenario.start_date, z)));
  const end = Date.parse(`${scenario.start_date}T00:00:00Z`) + scenario.days * 86_400_000;
  const endDate = new Date(end).toISOString().slice(0, 10);
  const to = Math.max(...zones.map((z) => startOfLocalDate(endDate, z)));
  const sessions = traffic.sessions(from, to, new SeededRandom(mixSeed(seed, 2)));
  return {
    scenario,
    seed,
    population,
    traffic,
    sessions,
    pages: sessions.reduce((n, s) => n + s.pages, 0),
    from,
    to,
    setupAt: from - 3_600_000,
    accountZones: zones,
  };
}

export function planFor(prepared: Prepared): WorldPlan {
  return planWorld(prepared.scenario, new SeededRandom(mixSeed(prepared.seed, 3)), prepared.setupAt);
}

export interface RunLog {
  variant: Variant;
  plan: WorldPlan;
  groups: CreatedGroup[];
  /** Per ad group (plan order): ads served and eligible requests per bucket start. */
  served: Map<number, number>[];
  eligible: Map<number, number>[];
  /** Per ad group: average charge per billing event of the ads served (micros). */
  recorded: Recorded;
  requests: number;
  adsServed: number;
  eventsSent: number;
  wallMs: number;
}

interface Page {
  time: number;
  session: Session;
  index: number;
}

interface PendingEvent {
  time: number;
  event: AdEventInput;
}

interface PendingConversion {
  time: number;
  conversion: ConversionInput;
}

export async function runVariant(
  prepared: Prepared,
  target: SimTarget,
  variant: Variant,
  onProgress?: (pagesDone: number) => void,
): Promise<RunLog> {
  const started = performance.now();
  const { scenario, seed } = prepared;
  const plan = planFor(prepared);
  target.setTime(prepared.setupAt);
  const groups = await target.create(plan, variant);
  const indexOfGroup = new Map(groups.map((g, i) => [g.adGroupId, i]));
  const accountOfGroup = new Map(groups.map((g) => [g.adGroupId, g.accountId]));
  const behaviour = new BehaviourModel(scenario.behaviour);
  const eligibility = new EligibilityCounter(plan.groups, prepared.accountZones);
  const served = groups.map(() => new Map<number, number>());
  const reportEvery = (scenario.traffic.report_every_seconds ?? 10) * 1000;
  const gap = scenario.traffic.seconds_between_pages * 1000;
  const organic = scenario.traffic.organic_per_page;

  const pages = new TimeHeap<Page>();
  for (const session of prepared.sessions) pages.push({ time: session.start, session, index: 0 });
  const events = new TimeHeap<PendingEvent>();
  const conversions = new TimeHeap<PendingConversion>();
  const positions = new Map<number, { next: number; ads: { adId: string; position: number }[] }>();
  let nextReport = prepared.from + reportEvery;
  let requests = 0;
  let adsServed = 0;
  let eventsSent = 0;

  const report = async (until: number) => {
    while (nextReport <= until) {
      const batch: AdEventInput[] = [];
      while ((events.peek()?.time ?? Number.POSITIVE_INFINITY) <= nextReport)
        batch.push((events.pop() as PendingEvent).event);
      const sales: ConversionInput[] = [];
      while ((conversions.peek()?.time ?? Number.POSITIVE_INFINITY) <= nextReport)
        sales.push((conversions.pop() as PendingConversion).conversion);
      if (batch.length > 0 || sales.length > 0) {
        target.setTime(nextReport);
        for (let i = 0; i < batch.length; i += 500) await target.sendAdEvents(batch.slice(i, i + 500));
        await target.sendConversions(sales);
        eventsSent += batch.length + sales.length;
      }
      nextReport += reportEvery;
    }
  };

  while (pages.size > 0) {
    const page = pages.pop() as Page;
    if (page.time >= prepared.to) continue;
    await report(page.time);
    target.setTime(page.time);
    const { session } = page;
    const state = positions.get(session.id) ?? { next: 0, ads: [] };
    const organicIds = Array.from({ length: organic }, (_, i) => `organic-${session.id}-${page.index}-${i}`);
    const bucket = Math.floor(page.time / BUCKET_MS) * BUCKET_MS;
    eligibility.count(session.viewer, bucket);
    const ads = await target.decide(
      session.viewer,
      { startPosition: state.next, organicPostIds: organicIds },
      state.ads,
    );
    requests++;
    ads.forEach((ad, slot) => {
      const g = indexOfGroup.get(ad.adGroupId);
      if (g === undefined) return;
      const counts = served[g] as Map<number, number>;
      counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
      adsServed++;
      state.ads.push({ adId: ad.adId, position: state.next + organic + slot });
      const post = groups[g]?.ads.get(ad.adId);
      if (!post) return;
      // Common random numbers: the same viewer, page and slot draw the same uniforms in every run.
      const random = new SeededRandom(mixSeed(seed, 4, session.id, page.index, slot));
      const outcome = behaviour.outcome(
        { viewer: session.viewer, topic: post.topic, quality: post.quality, durationMs: post.durationMs },
        random,
      );
      for (const e of outcome.events) {
        const time = page.time + e.offsetMs;
        events.push({
          time,
          event: {
            clientEventId: `${ad.decisionId}:${e.type}`,
            token: ad.token,
            type: e.type,
            viewerId: session.viewer.id,
            occurredAt: time,
          },
        });
      }
      if (outcome.conversionAfterMs !== null) {
        conversions.push({
          time: page.time + outcome.conversionAfterMs,
          conversion: {
            adAccountId: accountOfGroup.get(ad.adGroupId) as string,
            conversionId: `sale-${ad.decisionId}`,
            clickId: ad.decisionId,
            eventName: 'purchase',
            valueMicros: null,
            occurredAt: page.time + outcome.conversionAfterMs,
          },
        });
      }
    });
    state.next += organic + ads.length;
    positions.set(session.id, state);
    if (page.index + 1 < session.pages) {
      const jitter = 0.7 + 0.6 * new SeededRandom(mixSeed(seed, 5, session.id, page.index)).float();
      pages.push({ time: page.time + Math.round(gap * jitter), session, index: page.index + 1 });
    } else positions.delete(session.id);
    if (requests % 2000 === 0) onProgress?.(requests);
  }
  // Let the last events arrive (an hour after the window) before reading what was recorded.
  await report(prepared.to + 3_600_000);
  onProgress?.(requests);
  const recorded = await target.recorded();
  return {
    variant,
    plan,
    groups,
    served,
    eligible: eligibility.counts,
    recorded,
    requests,
    adsServed,
    eventsSent,
    wallMs: performance.now() - started,
  };
}
