import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { DeliveryRuntime } from '../../delivery/runtime.js';
import type { EventIngestor } from '../../events/ingestor.js';
import type { ServiceContext } from '../../services/context.js';

export type Api = FastifyInstance<
  Server,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface DemoUsers {
  platform: string;
  users: { role: 'creator' | 'brand_admin' | 'brand_analyst' | 'platform'; label: string; token: string }[];
}

/** The running delivery engine and event pipeline (absent in API-only tests). */
export interface DeliveryDeps {
  runtime: DeliveryRuntime;
  ingestor: EventIngestor;
}

export interface RouteDeps {
  ctx: ServiceContext;
  delivery: DeliveryDeps | null;
  demo: DemoUsers | null;
  version: string;
}

/** `?limit=&cursor=` with the convention's default. */
export function pageOf(query: { limit?: number | undefined; cursor?: string | undefined }) {
  return { limit: query.limit ?? 50, cursor: query.cursor };
}

export const AccountParams = Type.Object({
  ad_account_id: Type.String({ maxLength: 64, description: 'acc_… id' }),
});
