import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';
import { type DialectName, migrateToLatest, openStore, type Store } from '../../src/store/database.js';

/**
 * One suite, every database: `describeEachDialect` runs a block against SQLite (in memory) and
 * PostgreSQL (a fresh database on the machine's server, dropped afterwards). PostgreSQL is
 * skipped with a printed reason when unreachable. KINDLING_TEST_DIALECTS=sqlite,postgres filters.
 */
export const PG_ADMIN_URL = process.env.KINDLING_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  store: Store;
  dialect: DialectName;
  close(): Promise<void>;
}

let pgAvailability: Promise<string | null> | undefined;

/** null when PostgreSQL answers, else the reason it does not. */
export function postgresUnavailableReason(): Promise<string | null> {
  pgAvailability ??= (async () => {
    const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('select 1');
      return null;
    } catch (error) {
      return `PostgreSQL at ${PG_ADMIN_URL} is unreachable (${error instanceof Error ? error.message : String(error)})`;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return pgAvailability;
}

/** A fresh, migrated database of the dialect. */
export async function openTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const store = openStore('sqlite::memory:');
    await migrateToLatest(store);
    return { store, dialect, close: () => store.close() };
  }
  const database = await createPostgresDatabase();
  const store = openStore(database.url, { poolSize: 5 });
  await migrateToLatest(store);
  return {
    store,
    dialect,
    async close() {
      await store.close();
      await database.drop();
    },
  };
}

/** A fresh, empty PostgreSQL database on the test server: its URL, and how to drop it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `kindling_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = new pg.Client({ connectionString: PG_ADMIN_URL });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

const wanted = (process.env.KINDLING_TEST_DIALECTS ?? 'sqlite,postgres').split(',').map((d) => d.trim());
const pgReason = wanted.includes('postgres')
  ? await postgresUnavailableReason()
  : 'not in KINDLING_TEST_DIALECTS';
if (pgReason && wanted.includes('postgres')) {
  console.warn(`[kindling tests] skipping PostgreSQL: ${pgReason}`);
}

export const DIALECTS: { dialect: DialectName; skip: string | null }[] = [
  { dialect: 'sqlite', skip: wanted.includes('sqlite') ? null : 'not in KINDLING_TEST_DIALECTS' },
  { dialect: 'postgres', skip: pgReason },
];

/** Runs `body` once per dialect, in a describe named after it; skipped dialects name their reason. */
export function describeEachDialect(title: string, body: (dialect: DialectName) => void): void {
  for (const { dialect, skip } of DIALECTS) {
    if (skip) describe.skip(`${title} [${dialect}: skipped, ${skip}]`, () => body(dialect));
    else describe(`${title} [${dialect}]`, () => body(dialect));
  }
}
