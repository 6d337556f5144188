import { DEFAULT_SETTINGS, type PlatformSettings } from '../../domain/settings.js';
import type { Executor } from '../database.js';

/** Settings are stored one row per top-level key, so an operator's change touches only that key. */
export async function getSettings(db: Executor): Promise<PlatformSettings> {
  const rows = await db.selectFrom('platform_settings').select(['key', 'value']).execute();
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  return { ...DEFAULT_SETTINGS, ...stored } as PlatformSettings;
}

export async function putSettings(
  db: Executor,
  values: Partial<PlatformSettings>,
  now: number,
): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    await db
      .insertInto('platform_settings')
      .values({ key, value: JSON.stringify(value), updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: now }))
      .execute();
  }
}

export async function listInterestIds(db: Executor): Promise<Set<string>> {
  const rows = await db.selectFrom('interest_categories').select('id').execute();
  return new Set(rows.map((r) => r.id));
}

export async function listInterests(
  db: Executor,
): Promise<{ id: string; name: string; parentId: string | null }[]> {
  const rows = await db.selectFrom('interest_categories').selectAll().orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, parentId: r.parent_id }));
}
