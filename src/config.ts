import { isAbsolute } from 'node:path';

/** Every setting, read once at start-up from flags and the environment; all problems reported together. */
export interface Config {
  dbUrl: string;
  port: number;
  host: string;
  platformToken: string | null;
  /** HMAC key of tracking tokens; every node of a deployment needs the same one. */
  trackingSecret: string | null;
  demo: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  logPretty: boolean;
  sqliteSynchronous: 'FULL' | 'NORMAL';
  /** Where the built web app lives (served at /); null = API only. */
  webRoot: string | null;
}

export interface ConfigInput {
  /** CLI flags (already parsed); they win over the environment. */
  flags?: Partial<Record<'db' | 'port' | 'host' | 'demo' | 'logLevel', string | boolean | undefined>>;
  env?: NodeJS.ProcessEnv;
  /** `serve` needs a platform token unless in demo mode (where one is generated). */
  requirePlatformToken?: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const DEFAULT_DB_URL = 'sqlite:./data/kindling.db';

export function loadConfig({
  flags = {},
  env = process.env,
  requirePlatformToken = false,
}: ConfigInput = {}): Config {
  const problems: string[] = [];
  const pick = (flag: keyof NonNullable<ConfigInput['flags']>, ...vars: string[]): string | undefined => {
    const value = flags[flag];
    if (typeof value === 'string') return value;
    for (const name of vars) if (env[name] !== undefined && env[name] !== '') return env[name];
    return undefined;
  };

  const demo = flags.demo === true || env.KINDLING_DEMO === '1' || env.KINDLING_DEMO === 'true';

  const dbUrl = pick('db', 'KINDLING_DB_URL') ?? DEFAULT_DB_URL;
  if (!/^sqlite:/.test(dbUrl) && !/^postgres(ql)?:\/\//.test(dbUrl)) {
    problems.push(
      `KINDLING_DB_URL / --db: "${dbUrl}" must start with sqlite: (e.g. ${DEFAULT_DB_URL}) or postgres://`,
    );
  } else if (
    dbUrl.startsWith('sqlite:') &&
    dbUrl !== 'sqlite::memory:' &&
    dbUrl.length === 'sqlite:'.length
  ) {
    problems.push('KINDLING_DB_URL / --db: sqlite: needs a file path, e.g. sqlite:./data/kindling.db');
  }

  const portText = pick('port', 'PORT') ?? '8080';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`PORT / --port: "${portText}" is not a port number (0–65535)`);

  const host = pick('host', 'HOST') ?? '127.0.0.1';
  if (host.length === 0) problems.push('HOST / --host: must not be empty');

  let platformToken = env.KINDLING_PLATFORM_TOKEN ?? null;
  if (platformToken !== null && platformToken !== '') {
    if (!platformToken.startsWith('kdp_') || platformToken.length < 36) {
      problems.push(
        'KINDLING_PLATFORM_TOKEN: must start with kdp_ and have at least 32 characters after it (e.g. `kindling tokens generate`)',
      );
    }
  } else {
    platformToken = null;
    if (requirePlatformToken && !demo) {
      problems.push(
        'KINDLING_PLATFORM_TOKEN: required to serve (run `kindling tokens generate` to make one), or start with --demo',
      );
    }
  }

  let trackingSecret = env.KINDLING_TRACKING_SECRET ?? null;
  if (trackingSecret === '') trackingSecret = null;
  if (trackingSecret !== null && trackingSecret.length < 32) {
    problems.push('KINDLING_TRACKING_SECRET: needs at least 32 characters (e.g. `openssl rand -base64 48`)');
  } else if (trackingSecret === null && requirePlatformToken && !demo) {
    problems.push(
      'KINDLING_TRACKING_SECRET: required to serve (signs tracking tokens; the same value on every node), or start with --demo',
    );
  }

  const logLevel = (pick('logLevel', 'KINDLING_LOG_LEVEL', 'LOG_LEVEL') ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel))
    problems.push(`KINDLING_LOG_LEVEL: "${logLevel}" is not one of ${LOG_LEVELS.join(', ')}`);

  const sync = (env.KINDLING_SQLITE_SYNCHRONOUS ?? 'FULL').toUpperCase();
  if (sync !== 'FULL' && sync !== 'NORMAL')
    problems.push(`KINDLING_SQLITE_SYNCHRONOUS: "${sync}" must be FULL or NORMAL`);

  const webRoot = env.KINDLING_WEB_ROOT ?? null;
  if (webRoot !== null && !isAbsolute(webRoot))
    problems.push(`KINDLING_WEB_ROOT: "${webRoot}" must be an absolute path`);

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    dbUrl,
    port,
    host,
    platformToken,
    trackingSecret,
    demo,
    logLevel,
    logPretty:
      env.KINDLING_LOG_PRETTY === '1' ||
      (env.KINDLING_LOG_PRETTY === undefined && Boolean(process.stdout.isTTY)),
    sqliteSynchronous: sync as Config['sqliteSynchronous'],
    webRoot,
  };
}
