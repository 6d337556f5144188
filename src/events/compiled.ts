import { type Compilable, CompiledQuery } from 'kysely';
import type { Executor } from '../store/database.js';

/**
 * Kysely builds and compiles a query object on every call, which costs more than SQLite takes to
 * run the pipeline's small counter updates. Each statement shape is compiled once (with sentinel
 * parameters, checked to come out in the expected order) and rerun with new parameters; the
 * store then reuses the prepared statement for the same SQL text.
 */
/** Per dialect adapter (a store and its transactions share one): SQL text differs by dialect. */
const byAdapter = new WeakMap<object, Map<string, CompiledQuery>>();

/** The statement of `key` for this executor's dialect, compiled on first use. */
export function compiledOnce(
  db: Executor,
  key: string,
  build: (sentinels: readonly unknown[]) => Compilable,
  parameters: readonly unknown[],
): CompiledQuery {
  const adapter = db.getExecutor().adapter;
  let compiled = byAdapter.get(adapter);
  if (!compiled) {
    compiled = new Map();
    byAdapter.set(adapter, compiled);
  }
  let query = compiled.get(key);
  if (!query) {
    const sentinels = parameters.map((p, i) =>
      typeof p === 'number' ? 9_000_000_000_000 + i : `\u0000sentinel-${i}`,
    );
    query = build(sentinels).compile();
    const order = query.parameters;
    if (order.length !== sentinels.length || order.some((p, i) => p !== sentinels[i])) {
      throw new Error(`compiled statement ${key} does not take its parameters in the expected order`);
    }
    compiled.set(key, query);
  }
  return query;
}

export async function runCompiled<R = unknown>(
  db: Executor,
  key: string,
  build: (sentinels: readonly unknown[]) => Compilable,
  parameters: readonly unknown[],
): Promise<R[]> {
  const query = compiledOnce(db, key, build, parameters);
  return (await db.executeQuery<R>(CompiledQuery.raw(query.sql, [...parameters]))).rows;
}
