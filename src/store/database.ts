import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  Kysely,
  type Migration,
  Migrator,
  PostgresDialect,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteStatement,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import type { DialectName } from './dialect-name.js';
import { foundation } from './migrations/001-foundation.js';
import { events } from './migrations/002-events.js';
import { reports } from './migrations/003-reports.js';
import type { Database } from './schema.js';

export type { DialectName } from './dialect-name.js';
export type Db = Kysely<Database>;
/** Anything queries can run on: the database or an open transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;

export interface Store {
  readonly db: Db;
  readonly dialect: DialectName;
  /** The URL it was opened with, password removed, for logs. */
  readonly description: string;
  /**
   * SQLite only: runs one write statement (prepared once, cached) once per parameter list,
   * synchronously, returning each run's change count. Only inside a transaction of this store (the
   * caller holds its one connection): the event pipeline's row inserts, where the query builder's
   * per-statement cost was more than SQLite's.
   */
  readonly runEach?: (sql: string, parameterLists: readonly (readonly unknown[])[]) => number[];
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** SQLite `synchronous` pragma: FULL survives power loss, NORMAL survives process crashes. */
  sqliteSynchronous?: 'FULL' | 'NORMAL';
  /** PostgreSQL pool size. */
  poolSize?: number;
}

/** Opens `sqlite:<path>` (or `sqlite::memory:`) or `postgres://…`; the only place dialects differ at runtime. */
export function openStore(url: string, options: OpenStoreOptions = {}): Store {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length), options);
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return openPostgres(url, options);
  throw new Error(`unsupported database URL "${url}": use sqlite:<path> or postgres://…`);
}

function openSqlite(path: string, options: OpenStoreOptions): Store {
  const file = path === '' ? ':memory:' : path;
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.sqliteSynchronous ?? 'FULL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const cached = withStatementCache(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cached }) });
  return {
    db,
    dialect: 'sqlite',
    description: `sqlite:${file}`,
    runEach(sql, parameterLists) {
      if (!sqlite.inTransaction) throw new Error('runEach runs only inside a transaction');
      const statement = cached.prepare(sql);
      const changes: number[] = [];
      for (const parameters of parameterLists) changes.push(Number(statement.run(parameters).changes));
      return changes;
    },
    close: () => db.destroy(),
  };
}

const CACHED_STATEMENTS = 256;

/**
 * Kysely's SQLite driver prepares every query it runs, and preparing costs more than running for
 * the event pipeline's small writes (a 100-row insert took 11 ms to prepare, 7 ms to run). Writes
 * reuse their prepared statement by SQL text; reads are prepared each time, because a streamed
 * read keeps its statement busy until the stream ends.
 */
function withStatementCache(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SqliteStatement {
      if (!/^\s*(insert|update|delete|begin|commit|rollback|savepoint|release)\b/i.test(sql))
        return sqlite.prepare(sql);
      let statement = cache.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (cache.size >= CACHED_STATEMENTS) cache.delete(cache.keys().next().value as string);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

function parseBigint(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`BIGINT ${text} does not fit a JS number`);
  return value;
}

function openPostgres(url: string, options: OpenStoreOptions): Store {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    types: {
      // BIGINT (int8, OID 20) holds epoch ms, micros and counters: all safe integers.
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === 20 ? parseBigint : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const parsed = new URL(url);
  parsed.password = '';
  return { db, dialect: 'postgres', description: parsed.toString(), close: () => db.destroy() };
}

/** Every migration in order. Listed in code (not read from disk) so dist/ and tests run the same set. */
export function migrations(dialect: DialectName): Record<string, Migration> {
  return {
    '001-foundation': foundation(dialect),
    '002-events': events(),
    '003-reports': reports(dialect),
  };
}

export async function migrateToLatest(store: Store): Promise<string[]> {
  const migrator = new Migrator({
    db: store.db,
    provider: { getMigrations: async () => migrations(store.dialect) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
