import type { FastifyInstance } from 'fastify';

/** One HTTP route as Fastify registered it: `GET /v1/ad-accounts/:ad_account_id`. */
export interface RouteKey {
  method: string;
  url: string;
}

export const routeName = (r: RouteKey): string => `${r.method} ${r.url}`;

/** Routes that are not part of the access matrix: docs, the OpenAPI document, the health probe. */
export function isIgnoredRoute(url: string): boolean {
  return url === '/health' || url === '/openapi.json' || url.startsWith('/docs');
}

/**
 * Every route of the app, read from Fastify's router (`printRoutes`, which also lists routes hidden
 * from the OpenAPI document). The tree prints one node a line, indented by 4 characters a level,
 * each node's text appended to its parent's: `├── /:ad_account_id (GET, HEAD)`.
 * HEAD routes that Fastify adds for GET routes are left out (they share the GET route's hooks).
 */
export function routesFromRouter(app: FastifyInstance): RouteKey[] {
  const tree = app.printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const routes: RouteKey[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:[│ ] {3}|[├└]── )*)(.*)$/u.exec(line);
    if (!match) continue;
    const prefix = match[1] ?? '';
    const text = (match[2] ?? '').trimEnd();
    if (!text) continue;
    const depth = [...prefix].length / 4;
    const node = /^(.*?)(?: \(([A-Z, ]+)\))?$/.exec(text);
    const segment = node?.[1] ?? text;
    const url = (depth > 1 ? (stack[depth - 2] ?? '') : '') + segment;
    stack[depth - 1] = url;
    stack.length = depth;
    for (const method of (node?.[2] ?? '').split(',').map((m) => m.trim())) {
      if (method && method !== 'HEAD') routes.push({ method, url });
    }
  }
  return routes;
}

/** Every operation of the OpenAPI document, with Fastify's `:param` spelling. */
export function routesFromOpenApi(doc: { paths?: Record<string, Record<string, unknown>> }): RouteKey[] {
  const methods = new Set(['get', 'put', 'post', 'patch', 'delete', 'options']);
  return Object.entries(doc.paths ?? {}).flatMap(([path, operations]) =>
    Object.keys(operations)
      .filter((m) => methods.has(m))
      .map((m) => ({ method: m.toUpperCase(), url: path.replace(/\{([^}]+)\}/g, ':$1') })),
  );
}

/** The union of both sources, without ignored routes, sorted and deduplicated. */
export function allRoutes(
  app: FastifyInstance,
  openApi: Parameters<typeof routesFromOpenApi>[0],
): RouteKey[] {
  const byName = new Map<string, RouteKey>();
  for (const r of [...routesFromRouter(app), ...routesFromOpenApi(openApi)]) {
    if (!isIgnoredRoute(r.url)) byName.set(routeName(r), r);
  }
  return [...byName.values()].sort((a, b) => routeName(a).localeCompare(routeName(b)));
}
