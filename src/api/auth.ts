import type { FastifyInstance, FastifyRequest } from 'fastify';
import { KindlingError } from '../domain/errors.js';
import type { Authenticator, Principal } from '../services/access.js';

/**
 * Who may call a route. Every route declares one in `config.access`:
 * - `public`: no token (health, docs, media kits);
 * - `platform`: the operator's service token;
 * - `creator`: a creator token (acts on its own creator only);
 * - `advertiser-read` / `advertiser-write`: a member token of the ad account in the path
 *   (`:ad_account_id`); write needs the ADMIN role.
 * - `any`: any valid token (e.g. /v1/me).
 */
export type Access = 'public' | 'platform' | 'creator' | 'advertiser-read' | 'advertiser-write' | 'any';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** POST routes that create things honour Idempotency-Key. */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

function bearerOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? (match[1] as string) : null;
}

const KIND_NAMES: Record<Principal['kind'], string> = {
  platform: 'a platform token',
  creator: 'a creator token',
  advertiser: 'an advertiser token',
};

/** Checks the principal against the route's access rule; throws 401/403/404 problems. */
export function authorize(access: Access, principal: Principal | null, params: Record<string, string>): void {
  if (access === 'public') return;
  if (!principal)
    throw new KindlingError('UNAUTHENTICATED', { detail: 'send Authorization: Bearer <token>' });
  if (access === 'any') return;
  const needed = access.startsWith('advertiser') ? 'advertiser' : access;
  if (principal.kind !== needed) {
    throw new KindlingError('FORBIDDEN', {
      detail: `this endpoint needs ${KIND_NAMES[needed as Principal['kind']]}, not ${KIND_NAMES[principal.kind]}`,
    });
  }
  if (principal.kind === 'advertiser') {
    // Another tenant's account looks exactly like one that does not exist.
    const accountId = params.ad_account_id;
    if (accountId !== undefined && accountId !== principal.adAccountId) {
      throw new KindlingError('NOT_FOUND', { detail: `Ad account ${accountId} was not found` });
    }
    if (access === 'advertiser-write' && principal.role !== 'ADMIN') {
      throw new KindlingError('FORBIDDEN', {
        detail: 'ANALYST members can read but not change this ad account',
      });
    }
  }
}

export function registerAuth(app: FastifyInstance, authenticator: Authenticator): void {
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route) => {
    if (!route.config?.access && route.url.startsWith('/v1')) {
      throw new Error(`route ${route.method} ${route.url} declares no access rule`);
    }
  });
  // onRequest: the caller is known (401/403/404) before the body is even read.
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access ?? 'public';
    const bearer = bearerOf(request);
    if (bearer) {
      request.principal = await authenticator.authenticate(bearer);
      if (!request.principal && access !== 'public') {
        throw new KindlingError('UNAUTHENTICATED', { detail: 'the bearer token is unknown or revoked' });
      }
    }
    authorize(access, request.principal, (request.params ?? {}) as Record<string, string>);
  });
}

/** The principal of a route whose access rule guarantees one. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new KindlingError('UNAUTHENTICATED');
  return request.principal;
}

export function creatorIdOf(request: FastifyRequest): string {
  const p = principalOf(request);
  if (p.kind !== 'creator') throw new KindlingError('FORBIDDEN');
  return p.creatorId;
}
