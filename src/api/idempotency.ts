import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { KindlingError } from '../domain/errors.js';
import type { Principal } from '../services/access.js';
import type { Store } from '../store/database.js';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  releaseIdempotencyKey,
} from '../store/repos/idempotency.js';

const KEY_PATTERN = /^[A-Za-z0-9._:-]{1,255}$/;

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyClaim: { principal: string; key: string } | null;
  }
}

function principalKey(p: Principal | null): string {
  if (!p) return 'anonymous';
  switch (p.kind) {
    case 'platform':
      return `platform:${p.tokenId ?? 'config'}`;
    case 'creator':
      return `creator:${p.creatorId}`;
    case 'advertiser':
      return `advertiser:${p.adAccountId}:${p.memberId}`;
  }
}

/**
 * `Idempotency-Key` on POSTs that create things: the first request with a key runs; a retry with
 * the same key and body gets the stored response (header Idempotent-Replayed: true); the same key
 * with another body is refused; a retry while the first is still running gets 409.
 */
export function registerIdempotency(app: FastifyInstance, store: Store, now: () => number): void {
  app.decorateRequest('idempotencyClaim', null);
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.routeOptions.config.idempotent) return;
    const key = request.headers['idempotency-key'];
    if (key === undefined) return;
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw new KindlingError('VALIDATION_FAILED', {
        detail: 'Idempotency-Key must be 1–255 characters of letters, digits and . _ : -',
        errors: [{ field: 'Idempotency-Key', code: 'INVALID', message: 'invalid header value' }],
      });
    }
    const principal = principalKey(request.principal);
    const path = request.url.split('?')[0] as string;
    const bodyHash = createHash('sha256')
      .update(JSON.stringify(request.body ?? null))
      .digest('hex');
    const existing = await claimIdempotencyKey(store.db, principal, key, {
      method: request.method,
      path,
      bodyHash,
      createdAt: now(),
    });
    if (!existing) {
      request.idempotencyClaim = { principal, key };
      return;
    }
    if (existing.bodyHash !== bodyHash || existing.path !== path || existing.method !== request.method) {
      throw new KindlingError('IDEMPOTENCY_KEY_REUSED', {
        detail: `Idempotency-Key ${key} was first used for ${existing.method} ${existing.path} with another body`,
      });
    }
    if (existing.statusCode === null || existing.response === null) {
      throw new KindlingError('IDEMPOTENCY_KEY_IN_USE', {
        detail: 'the first request with this key has not finished',
        retryAfterSeconds: 1,
      });
    }
    reply.header('Idempotent-Replayed', 'true');
    const type = existing.statusCode >= 400 ? 'application/problem+json' : 'application/json; charset=utf-8';
    return reply
      .code(existing.statusCode)
      .type(type)
      .serializer((p: unknown) => p as string)
      .send(existing.response);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotencyClaim;
    if (!claim) return payload;
    request.idempotencyClaim = null;
    // Server errors and rate limits are not final: let a retry run the request again.
    if (reply.statusCode >= 500 || reply.statusCode === 429 || typeof payload !== 'string') {
      await releaseIdempotencyKey(store.db, claim.principal, claim.key);
    } else {
      await completeIdempotencyKey(store.db, claim.principal, claim.key, reply.statusCode, payload);
    }
    return payload;
  });
}
