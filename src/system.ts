import type { EngineDeps } from './delivery/engine.js';
import type { TrafficCurve } from './delivery/pacing.js';
import { DeliveryRuntime } from './delivery/runtime.js';
import type { Clock } from './domain/clock.js';
import { createIdGenerator } from './domain/ids.js';
import type { RandomSource } from './domain/random.js';
import { TrackingTokenSigner } from './domain/tracking-token.js';
import { EventIngestor } from './events/ingestor.js';
import { ChangeBus, type ServiceContext } from './services/context.js';
import type { Store } from './store/database.js';

/**
 * The composition root: services, the delivery engine kept in step with every committed change,
 * and the event pipeline, wired together on one store. Used by the server, the tests and the
 * simulator alike.
 */
export interface System {
  ctx: ServiceContext;
  delivery: DeliveryRuntime;
  ingestor: EventIngestor;
  close(): Promise<void>;
}

export interface SystemOptions {
  store: Store;
  clock: Clock;
  random: RandomSource;
  trackingSecret: string;
  /** Follow other nodes' changes through the change log (PostgreSQL, several processes). */
  pollChangeLog?: boolean;
  trafficCurve?: TrafficCurve;
  /** Simulator baselines only: a different pacing controller or winner selection. */
  engine?: Pick<EngineDeps, 'pacingPolicy' | 'selection'>;
  onError?: (error: unknown) => void;
}

export async function createSystem(options: SystemOptions): Promise<System> {
  const ids = createIdGenerator(options.clock, options.random);
  const ctx: ServiceContext = {
    store: options.store,
    clock: options.clock,
    random: options.random,
    ids,
    changes: new ChangeBus(),
  };
  const signer = new TrackingTokenSigner(options.trackingSecret);
  const delivery = await DeliveryRuntime.start({
    store: options.store,
    clock: options.clock,
    random: options.random,
    ids,
    signer,
    ...(options.pollChangeLog !== undefined && { pollChangeLog: options.pollChangeLog }),
    ...(options.trafficCurve && { trafficCurve: options.trafficCurve }),
    ...(options.engine && { engine: options.engine }),
    ...(options.onError && { onError: options.onError }),
  });
  const unsubscribe = ctx.changes.subscribe((changes) => {
    void delivery.refresh(changes);
  });
  const ingestor = new EventIngestor({
    store: options.store,
    clock: options.clock,
    ids,
    engine: delivery.engine,
    ledger: delivery.ledger,
    signer,
    settings: () => delivery.engine.settings,
  });
  return {
    ctx,
    delivery,
    ingestor,
    async close() {
      unsubscribe();
      delivery.stop();
      await ingestor.close();
      await delivery.settled();
    },
  };
}
