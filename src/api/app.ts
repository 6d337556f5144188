import { randomUUID } from 'node:crypto';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { KindlingError } from '../domain/errors.js';
import { type Authenticator, createAuthenticator } from '../services/access.js';
import type { ServiceContext } from '../services/context.js';
import { registerAuth } from './auth.js';
import { registerIdempotency } from './idempotency.js';
import { registerMetrics } from './metrics.js';
import { sendProblem, toKindlingError } from './problem.js';
import type { DeliveryDeps, DemoUsers } from './routes/common.js';
import { registerRoutes } from './routes/index.js';
import { ProblemSchema } from './schemas.js';
import { validatorCompiler } from './validation.js';

export type App = FastifyInstance;

export type { DemoUsers } from './routes/common.js';

export interface AppOptions {
  ctx: ServiceContext;
  /** The operator's service token (KINDLING_PLATFORM_TOKEN). */
  platformToken: string | null;
  logger?: FastifyServerOptions['logger'] | FastifyBaseLogger | false;
  /** Max JSON body in bytes (bulk routes allow 8×). */
  bodyLimit?: number;
  /** The delivery engine and event pipeline; without them the feed and event routes are absent. */
  delivery?: DeliveryDeps | null;
  /** In demo mode, the tokens of the demo users (served to the web app's one-click login). */
  demo?: DemoUsers | null;
  /** Version string shown in /health and the OpenAPI document. */
  version?: string;
  /** Extra route plugins (delivery, events, reports, web app) registered after the core API. */
  plugins?: ((app: FastifyInstance) => Promise<void> | void)[];
}

/** Builds the HTTP API (tests call `inject()` on it; `kindling serve` calls `listen()`). */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const loggerOption = options.logger ?? false;
  const isLoggerInstance =
    typeof loggerOption === 'object' &&
    loggerOption !== null &&
    'info' in loggerOption &&
    typeof loggerOption.info === 'function';
  const app = Fastify({
    ...(isLoggerInstance
      ? { loggerInstance: loggerOption as FastifyBaseLogger }
      : { logger: loggerOption as FastifyServerOptions['logger'] }),
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(given)
        ? given
        : `req_${randomUUID()}`;
    },
    ajv: undefined,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  app.setValidatorCompiler(validatorCompiler);

  app.setErrorHandler((error, request, reply) => {
    const problem = toKindlingError(error);
    if (problem.code === 'INTERNAL') request.log.error({ err: error }, 'unhandled error');
    else if (problem.status >= 500) request.log.warn({ err: error }, problem.detail);
    return sendProblem(reply, request, problem);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      request,
      new KindlingError('ROUTE_NOT_FOUND', {
        detail: `${request.method} ${request.url.split('?')[0]} is not an endpoint; see /docs`,
      }),
    ),
  );
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('X-Request-Id', String(request.id));
    return payload;
  });

  app.addSchema(ProblemSchema);
  await app.register(fastifySwagger, {
    refResolver: {
      buildLocalReference: (json, _base, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kindling API',
        version: options.version ?? '0.1.0',
        description:
          'Creator-authorized native ads (Spark-style). Platform endpoints sync creators and posts and run delivery; creator endpoints authorize posts; advertiser endpoints redeem codes and build campaigns. Errors are RFC 9457 problem+json; money is decimal strings in the account currency; times are RFC 3339 UTC.',
      },
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'kdp_ platform, kdc_ creator or kda_ advertiser token',
          },
        },
      },
      security: [{ bearer: [] }],
      tags: [
        { name: 'platform', description: 'The host app: sync, tokens, ad accounts, settings, review.' },
        { name: 'creator', description: 'A creator’s posts and authorizations.' },
        { name: 'advertiser', description: 'An ad account: Spark library, campaigns, ad groups, ads.' },
        { name: 'delivery', description: 'Feed ad decisions, events, organic engagement and conversions.' },
        { name: 'meta', description: 'Health and reference data.' },
      ],
    },
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true },
  });
  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  const authenticator: Authenticator = createAuthenticator(options.ctx, options.platformToken);
  registerAuth(app, authenticator);
  registerIdempotency(app, options.ctx.store, () => options.ctx.clock.now());
  registerMetrics(app, options.delivery ?? null);

  await registerRoutes(app.withTypeProvider<TypeBoxTypeProvider>(), {
    ctx: options.ctx,
    demo: options.demo ?? null,
    delivery: options.delivery ?? null,
    version: options.version ?? '0.1.0',
  });
  for (const plugin of options.plugins ?? []) await plugin(app);
  return app;
}
