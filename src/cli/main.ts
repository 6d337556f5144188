#!/usr/bin/env node
import { dirname, join } from 'node:path';
import { Command, Option } from 'commander';
import { ConfigError, loadConfig } from '../config.js';
import { encodeApiToken } from '../domain/api-token.js';
import { createServiceContext, cryptoRandom } from '../runtime.js';
import { seedDemo } from '../seed/demo.js';
import { startServer, VERSION } from '../server.js';
import {
  issueCreatorToken,
  issuePlatformToken,
  listIssuedTokens,
  revokeIssuedToken,
} from '../services/access.js';
import { migrateToLatest, openStore } from '../store/database.js';
import { simulateCommand } from './simulate-command.js';

const program = new Command();
program.name('kindling').description('Creator-authorized native ads: API server and tools').version(VERSION);

const dbOption = () =>
  new Option('--db <url>', 'database URL: sqlite:<path> or postgres://… (env KINDLING_DB_URL)');

function fail(error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}

program
  .command('serve')
  .description('serve the API (and the web app when built) over HTTP')
  .addOption(new Option('--port <port>', 'port to listen on (env PORT, default 8080)'))
  .addOption(new Option('--host <host>', 'interface to bind (env HOST, default 127.0.0.1)'))
  .addOption(dbOption())
  .option('--demo', 'seed demo data (creators, posts, brands) and print their tokens')
  .action(async (flags: { port?: string; host?: string; db?: string; demo?: boolean }) => {
    try {
      const config = loadConfig({ flags, requirePlatformToken: true });
      const server = await startServer(config);
      const base = `http://${config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host}:${(server.app.server.address() as { port: number }).port}`;
      const lines = [
        '',
        `  Kindling ${VERSION} on ${server.store.description}`,
        `  App:       ${base}/`,
        `  API docs:  ${base}/docs`,
      ];
      if (server.demo) {
        lines.push(
          '',
          '  Demo tokens (Authorization: Bearer <token>):',
          `    platform            ${server.demo.platform}`,
        );
        for (const c of server.demo.creators) lines.push(`    creator @${c.handle.padEnd(10)} ${c.token}`);
        for (const a of server.demo.advertisers)
          lines.push(`    ${`${a.ad_account_name} ${a.role}`.padEnd(19)} ${a.token}   (${a.ad_account_id})`);
        lines.push('', '  Walk-through: docs/walkthrough.md');
      }
      process.stdout.write(`${lines.join('\n')}\n\n`);
      const shutdown = async () => {
        await server.close();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    } catch (error) {
      fail(error);
    }
  });

program
  .command('migrate')
  .description('apply pending database migrations')
  .addOption(dbOption())
  .action(async (flags: { db?: string }) => {
    try {
      const config = loadConfig({ flags });
      const store = openStore(config.dbUrl);
      const applied = await migrateToLatest(store);
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'already up to date\n');
      await store.close();
    } catch (error) {
      fail(error);
    }
  });

program
  .command('seed')
  .description('load data')
  .requiredOption('--demo', 'the demo data set')
  .addOption(dbOption())
  .action(async (flags: { db?: string }) => {
    try {
      const config = loadConfig({ flags });
      const store = openStore(config.dbUrl);
      await migrateToLatest(store);
      const file = config.dbUrl.startsWith('sqlite:')
        ? join(dirname(config.dbUrl.slice(7)), 'demo-tokens.json')
        : join('data', 'demo-tokens.json');
      const tokens = await seedDemo(createServiceContext(store), file, config.platformToken);
      process.stdout.write(`${JSON.stringify(tokens, null, 2)}\n`);
      await store.close();
    } catch (error) {
      fail(error);
    }
  });

const tokens = program.command('tokens').description('API tokens');
tokens
  .command('generate')
  .description('print a new random platform token to put in KINDLING_PLATFORM_TOKEN (nothing is stored)')
  .action(() => {
    process.stdout.write(`${encodeApiToken('platform', cryptoRandom.bytes(32))}\n`);
  });
tokens
  .command('create')
  .description('issue a stored token (shown once)')
  .addOption(
    new Option('--kind <kind>', 'platform or creator').choices(['platform', 'creator']).makeOptionMandatory(),
  )
  .option('--creator <id>', 'the creator, for --kind creator')
  .option('--label <label>', 'a note to recognise it by')
  .addOption(dbOption())
  .action(async (flags: { kind: 'platform' | 'creator'; creator?: string; label?: string; db?: string }) => {
    try {
      const store = openStore(loadConfig({ flags }).dbUrl);
      await migrateToLatest(store);
      const ctx = createServiceContext(store);
      if (flags.kind === 'creator' && !flags.creator)
        throw new ConfigError(['--creator <id> is required with --kind creator']);
      const issued =
        flags.kind === 'platform'
          ? await issuePlatformToken(ctx, flags.label ?? null)
          : await issueCreatorToken(ctx, flags.creator as string, flags.label ?? null);
      process.stdout.write(`${issued.token}\n`);
      await store.close();
    } catch (error) {
      fail(error);
    }
  });
tokens
  .command('list')
  .description('list issued tokens (never their secrets)')
  .addOption(dbOption())
  .action(async (flags: { db?: string }) => {
    try {
      const store = openStore(loadConfig({ flags }).dbUrl);
      await migrateToLatest(store);
      for (const t of await listIssuedTokens(createServiceContext(store), { includeRevoked: true })) {
        process.stdout.write(
          `${t.id}  ${t.kind.padEnd(10)} ${(t.creatorId ?? t.adAccountId ?? '-').padEnd(30)} ${t.role ?? ''} ${t.revokedAt ? 'revoked' : 'active'}\n`,
        );
      }
      await store.close();
    } catch (error) {
      fail(error);
    }
  });
tokens
  .command('revoke <token_id>')
  .description('revoke a token')
  .addOption(dbOption())
  .action(async (tokenId: string, flags: { db?: string }) => {
    try {
      const store = openStore(loadConfig({ flags }).dbUrl);
      await revokeIssuedToken(createServiceContext(store), tokenId);
      process.stdout.write(`revoked ${tokenId}\n`);
      await store.close();
    } catch (error) {
      fail(error);
    }
  });

program
  .command('simulate <scenario>')
  .description(
    'replay a scenario (scenarios/<name>.yaml or a file) through the engine and event pipeline, with baselines; writes charts and JSON',
  )
  .option('--seed <n>', 'random seed (default: the scenario’s)')
  .option('--out <dir>', 'output directory (default results/sim/<scenario>)')
  .option(
    '--variants <list>',
    'runs to compare: configured, fast, smooth, throttling, random (default all)',
    'configured,fast,smooth,throttling,random',
  )
  .option('--db <url>', 'in-process store: sqlite::memory: (default) or sqlite:<file>')
  .option('--http <url>', 'drive a running server over HTTP instead (e.g. http://127.0.0.1:8080)')
  .option('--token <token>', 'the server’s platform token (with --http)')
  .option('--speed <x>', 'with --http: simulated seconds per real second (default: as fast as it answers)')
  .action(async (scenario: string, flags: Record<string, string | undefined>) => {
    try {
      await simulateCommand(scenario, flags);
    } catch (error) {
      fail(error);
    }
  });

await program.parseAsync(process.argv);
