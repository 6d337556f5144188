import { existsSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Paths the API owns: an unknown one there is an API 404 (problem+json), never the web app. */
const API_PREFIXES = ['/v1', '/docs', '/openapi.json', '/health', '/metrics'];

/** Vite names built assets after their content hash, so they can be cached for ever. */
const HASHED_ASSET_PREFIX = '/assets/';

export interface WebAppOptions {
  /** The directory holding the built app (index.html, assets/ …). */
  root: string;
}

/**
 * Where `npm run build` puts the web app: dist/web at the package root. Compiled, this file is
 * dist/src/api/web.js; run from source (tsx, vitest) it is src/api/web.ts.
 */
export function findWebRoot(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const isCompiled = here.endsWith(join('dist', 'src', 'api'));
  const dir = resolve(here, isCompiled ? '../../web' : '../../dist/web');
  return existsSync(join(dir, 'index.html')) ? dir : null;
}

function isApiPath(path: string): boolean {
  return API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/** The file under `root` that `urlPath` names, or null (missing, a directory, or outside root). */
function fileUnder(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = resolve(root, `.${decoded}`);
  if (full !== root && !full.startsWith(root + sep)) return null;
  try {
    return statSync(full).isFile() ? full.slice(root.length + 1) : null;
  } catch {
    return null;
  }
}

/**
 * Serves the single-page app at `/`: files of the build as they are, and index.html for any other
 * path that is not the API's (client-side routes such as /ads/campaigns), so deep links work.
 */
export function webApp(options: WebAppOptions): (app: FastifyInstance) => Promise<void> {
  const root = resolve(options.root);
  return async (app) => {
    await app.register(async (scope) => {
      await scope.register(fastifyStatic, { root, serve: false });
      scope.get('/*', { config: { access: 'public' }, schema: { hide: true } }, (request, reply) => {
        const path = request.url.split('?')[0] ?? '/';
        if (isApiPath(path)) return reply.callNotFound();
        const file = path === '/' ? null : fileUnder(root, path);
        if (file) {
          reply.header(
            'cache-control',
            path.startsWith(HASHED_ASSET_PREFIX) ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
          return reply.sendFile(file, { cacheControl: false });
        }
        // A missing file (an old asset, a typo) is a 404, not the app: a script tag must not get HTML.
        if (extname(path) !== '' && !path.endsWith('.html')) return reply.callNotFound();
        reply.header('cache-control', 'no-cache');
        return reply.type('text/html; charset=utf-8').sendFile('index.html', { cacheControl: false });
      });
    });
  };
}
