import { sql } from 'kysely';
import type { Executor } from '../database.js';
import { fromJson, toJson } from '../json.js';

/** Media kits (one per creator), host-synced follower audiences, and the audience Kindling saw. */

export interface MediaKitRecord {
  id: string;
  creatorId: string;
  headline: string | null;
  shownAdAccountIds: string[];
  publishedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export async function getMediaKit(db: Executor, creatorId: string): Promise<MediaKitRecord | undefined> {
  const row = await db
    .selectFrom('media_kits')
    .selectAll()
    .where('creator_id', '=', creatorId)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      creatorId: row.creator_id,
      headline: row.headline,
      shownAdAccountIds: fromJson<string[]>(row.shown_ad_account_ids, []),
      publishedAt: row.published_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }
  );
}

export async function saveMediaKit(db: Executor, kit: MediaKitRecord): Promise<void> {
  const values = {
    headline: kit.headline,
    shown_ad_account_ids: toJson(kit.shownAdAccountIds),
    published_at: kit.publishedAt,
    updated_at: kit.updatedAt,
  };
  await db
    .insertInto('media_kits')
    .values({ creator_id: kit.creatorId, id: kit.id, created_at: kit.createdAt, ...values })
    .onConflict((oc) => oc.column('creator_id').doUpdateSet(values))
    .execute();
}

/** The creator whose handle this is (case-insensitive), if their media kit is published. */
export async function publishedCreatorByHandle(db: Executor, handle: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('creators')
    .innerJoin('media_kits', 'media_kits.creator_id', 'creators.id')
    .select('creators.id as id')
    .where(sql<string>`lower(creators.handle)`, '=', handle.toLowerCase())
    .where('media_kits.published_at', 'is not', null)
    .executeTakeFirst();
  return row?.id;
}

export interface AudienceShares {
  countries: { code: string; share: number }[];
  age_groups: { age: string; share: number }[];
  genders: { gender: string; share: number }[];
}

export async function putHostAudience(
  db: Executor,
  creatorId: string,
  audience: AudienceShares,
  now: number,
): Promise<void> {
  await db
    .insertInto('host_audiences')
    .values({ creator_id: creatorId, data: toJson(audience), synced_at: now })
    .onConflict((oc) => oc.column('creator_id').doUpdateSet({ data: toJson(audience), synced_at: now }))
    .execute();
}

export async function getHostAudience(
  db: Executor,
  creatorId: string,
): Promise<{ audience: AudienceShares; syncedAt: number } | undefined> {
  const row = await db
    .selectFrom('host_audiences')
    .selectAll()
    .where('creator_id', '=', creatorId)
    .executeTakeFirst();
  return (
    row && {
      audience: fromJson<AudienceShares>(row.data, { countries: [], age_groups: [], genders: [] }),
      syncedAt: row.synced_at,
    }
  );
}

/** Impressions of the creator's ads per country, age group and gender (from the rollups). */
export async function seenAudience(
  db: Executor,
  creatorId: string,
): Promise<{ breakdown: string; value: string; impressions: number }[]> {
  return db
    .selectFrom('creator_audience')
    .select(['breakdown', 'value', 'impressions'])
    .where('creator_id', '=', creatorId)
    .execute();
}

/** Brands that redeemed one of the creator's codes: the candidate lines of a media kit. */
export async function brandsOfCreator(
  db: Executor,
  creatorId: string,
): Promise<{ id: string; name: string; since: number }[]> {
  const rows = await db
    .selectFrom('authorizations')
    .innerJoin('ad_accounts', 'ad_accounts.id', 'authorizations.ad_account_id')
    .select(['ad_accounts.id as id', 'ad_accounts.name as name', 'authorizations.bound_at as bound_at'])
    .where('authorizations.creator_id', '=', creatorId)
    .where('authorizations.bound_at', 'is not', null)
    .execute();
  const out = new Map<string, { id: string; name: string; since: number }>();
  for (const r of rows) {
    const since = r.bound_at as number;
    const seen = out.get(r.id);
    if (!seen || since < seen.since) out.set(r.id, { id: r.id, name: r.name, since });
  }
  return [...out.values()].sort((a, b) => a.since - b.since || a.id.localeCompare(b.id));
}
