import type { MemberRole } from '../domain/enums.js';
import type { AdAccount, Creator, Post } from '../domain/model.js';
import { addMember, createAdAccount, issueCreatorToken } from '../services/access.js';
import type { ServiceContext } from '../services/context.js';
import { syncCreator, syncPost } from '../services/platform-sync.js';
import type { PostFields } from '../store/repos/posts.js';

/**
 * Factories for test and demo data: each call makes unique records through the real services,
 * so every invariant the API enforces holds for seeded data too.
 */
let sequence = 0;
const next = () => ++sequence;

const PLATFORM = { kind: 'platform', id: null } as const;

export async function seedCreator(
  ctx: ServiceContext,
  overrides: Partial<
    Pick<Creator, 'id' | 'handle' | 'displayName' | 'followerCount' | 'region' | 'avatarUrl'>
  > = {},
): Promise<Creator> {
  const n = next();
  const id = overrides.id ?? `creator-${n}-${Math.floor(ctx.random.float() * 1e9)}`;
  const { record } = await syncCreator(ctx, id, {
    handle: overrides.handle ?? `creator${n}_${Math.floor(ctx.random.float() * 1e6)}`,
    displayName: overrides.displayName ?? `Creator ${n}`,
    avatarUrl: overrides.avatarUrl ?? null,
    followerCount: overrides.followerCount ?? 10_000,
    region: overrides.region ?? 'FR',
  });
  return record;
}

export async function seedPost(
  ctx: ServiceContext,
  creatorId: string,
  overrides: Partial<PostFields> & { id?: string } = {},
): Promise<Post> {
  const n = next();
  const { id = `post-${n}-${Math.floor(ctx.random.float() * 1e9)}`, ...fields } = overrides;
  const { record } = await syncPost(ctx, id, {
    creatorId,
    caption: `Post ${n}: watch till the end, link in bio`,
    mediaUrl: `https://cdn.kindling.example/videos/${id}.mp4`,
    durationMs: 30_000,
    soundId: null,
    hashtags: [],
    visibility: 'PUBLIC',
    organic: { views: 10_000, likes: 800, comments: 40, shares: 25, follows: 12 },
    publishedAt: ctx.clock.now() - 86_400_000,
    ...fields,
  });
  return record;
}

export async function seedCreatorToken(ctx: ServiceContext, creatorId: string): Promise<string> {
  return (await issueCreatorToken(ctx, creatorId, 'seed')).token;
}

export interface SeededAccount {
  account: AdAccount;
  adminToken: string;
  analystToken: string;
}

export async function seedAdAccount(
  ctx: ServiceContext,
  overrides: Partial<Pick<AdAccount, 'name' | 'currency' | 'timeZone'>> = {},
): Promise<SeededAccount> {
  const account = await createAdAccount(ctx, PLATFORM, {
    name: overrides.name ?? `Brand ${next()}`,
    currency: overrides.currency ?? 'EUR',
    timeZone: overrides.timeZone ?? 'Europe/Paris',
  });
  const member = async (role: MemberRole, name: string) =>
    (await addMember(ctx, PLATFORM, account.id, { name, email: null, role })).issued.token;
  return {
    account,
    adminToken: await member('ADMIN', 'Admin'),
    analystToken: await member('ANALYST', 'Analyst'),
  };
}
