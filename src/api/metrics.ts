import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { DeliveryDeps } from './routes/common.js';

/**
 * Prometheus metrics at GET /metrics (platform token): process defaults, HTTP latency per route,
 * decisions, events by outcome, commit batches and the engine's size.
 */
export function registerMetrics(app: FastifyInstance, delivery: DeliveryDeps | null): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'kindling_' });

  const http = new Histogram({
    name: 'kindling_http_request_duration_seconds',
    help: 'HTTP request duration by route and status class',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    http.observe(
      { method: request.method, route, status: `${Math.floor(reply.statusCode / 100)}xx` },
      reply.elapsedTime / 1000,
    );
  });

  if (delivery) {
    const events = new Counter({
      name: 'kindling_events_total',
      help: 'Events by outcome (ACCEPTED, FLAGGED, DUPLICATE, REJECTED)',
      labelNames: ['status'],
      registers: [registry],
    });
    const batch = new Histogram({
      name: 'kindling_event_commit_batch_size',
      help: 'Events per group commit',
      buckets: [1, 10, 50, 100, 250, 500, 1000, 2500, 5000, 10000],
      registers: [registry],
    });
    const commit = new Histogram({
      name: 'kindling_event_commit_seconds',
      help: 'Duration of one group commit',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    });
    delivery.ingestor.observe({
      onOutcome: (status) => events.inc({ status }),
      onCommit: ({ events: n, ms }) => {
        batch.observe(n);
        commit.observe(ms / 1000);
      },
    });
    new Gauge({
      name: 'kindling_engine_ad_groups',
      help: 'Ad groups in the delivery engine (indexed = can deliver)',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        const size = delivery.runtime.engine.size;
        this.set({ state: 'loaded' }, size.adGroups);
        this.set({ state: 'indexed' }, size.indexed);
      },
    });
  }

  app.get('/metrics', { config: { access: 'platform' }, schema: { hide: true } }, async (_request, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
  return registry;
}
