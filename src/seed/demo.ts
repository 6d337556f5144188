import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { encodeApiToken } from '../domain/api-token.js';
import { SeededRandom } from '../domain/random.js';
import { MS_PER_DAY } from '../domain/time.js';
import { addMember, createAdAccount, issueCreatorToken } from '../services/access.js';
import type { ServiceContext } from '../services/context.js';
import { syncCreator, syncPost } from '../services/platform-sync.js';
import { getCreator } from '../store/repos/creators.js';

/** The demo's users and their tokens, kept in a file beside the demo database (demo only). */
export interface DemoTokens {
  platform: string;
  creators: { id: string; handle: string; display_name: string; token: string }[];
  advertisers: {
    ad_account_id: string;
    ad_account_name: string;
    role: 'ADMIN' | 'ANALYST';
    name: string;
    token: string;
  }[];
}

interface DemoPost {
  id: string;
  caption: string;
  hashtags: readonly string[];
  soundId: string;
  seconds: number;
  ageDays: number;
  /** Typical views of this post relative to the creator's usual (1 = a normal post). */
  reach: number;
  /** Engagement relative to the creator's usual. */
  quality: number;
}

const CREATORS = [
  {
    id: 'ana',
    handle: 'ana.moves',
    displayName: 'Ana Moves',
    followers: 48_200,
    region: 'FR',
    baseViews: 22_000,
    posts: [
      {
        id: 'ana-legday',
        caption: 'Leg day in 60 seconds 🔥 Save this and try it tonight',
        hashtags: ['fitness', 'legday', 'homeworkout'],
        soundId: 'snd-pulse',
        seconds: 58,
        ageDays: 3,
        reach: 2.4,
        quality: 1.3,
      },
      {
        id: 'ana-run5k',
        caption: 'My first sub-25 5K: the 3 drills that got me there',
        hashtags: ['running', 'fitness'],
        soundId: 'snd-run',
        seconds: 45,
        ageDays: 8,
        reach: 1.1,
        quality: 1.1,
      },
      {
        id: 'ana-stretch',
        caption: 'Morning stretch routine, no equipment',
        hashtags: ['yoga', 'stretching'],
        soundId: 'snd-calm',
        seconds: 72,
        ageDays: 12,
        reach: 0.8,
        quality: 0.9,
      },
      {
        id: 'ana-shoes',
        caption: 'Which running shoes I actually use (not sponsored… yet 😅)',
        hashtags: ['running', 'sneakers'],
        soundId: 'snd-pulse',
        seconds: 38,
        ageDays: 20,
        reach: 1.6,
        quality: 1.2,
      },
      {
        id: 'ana-vlog',
        caption: 'Sunday vlog: meal prep + gym',
        hashtags: ['vlog', 'mealprep'],
        soundId: 'snd-lofi',
        seconds: 240,
        ageDays: 27,
        reach: 0.5,
        quality: 0.7,
      },
      {
        id: 'ana-plank',
        caption: 'Plank challenge day 30! Shop my mat: link in bio',
        hashtags: ['fitness', 'challenge'],
        soundId: 'snd-pulse',
        seconds: 30,
        ageDays: 35,
        reach: 1.0,
        quality: 1.0,
      },
    ],
  },
  {
    id: 'leo',
    handle: 'leo.cooks',
    displayName: 'Léo Cooks',
    followers: 131_000,
    region: 'FR',
    baseViews: 64_000,
    posts: [
      {
        id: 'leo-crepes',
        caption: 'Crêpes that never tear: the one trick',
        hashtags: ['cooking', 'crepes', 'frenchfood'],
        soundId: 'snd-bistro',
        seconds: 52,
        ageDays: 2,
        reach: 1.8,
        quality: 1.2,
      },
      {
        id: 'leo-espresso',
        caption: 'Café-quality espresso at home for under €100',
        hashtags: ['coffee', 'espresso'],
        soundId: 'snd-lofi',
        seconds: 64,
        ageDays: 9,
        reach: 1.3,
        quality: 1.4,
      },
      {
        id: 'leo-pasta',
        caption: 'One-pan pasta in 12 minutes',
        hashtags: ['cooking', 'pasta', 'quickrecipes'],
        soundId: 'snd-bistro',
        seconds: 41,
        ageDays: 15,
        reach: 1.0,
        quality: 1.0,
      },
      {
        id: 'leo-knife',
        caption: 'Knife skills 101',
        hashtags: ['cooking', 'knifeskills'],
        soundId: 'snd-calm',
        seconds: 95,
        ageDays: 22,
        reach: 0.6,
        quality: 0.8,
      },
      {
        id: 'leo-bread',
        caption: 'No-knead bread, try it this weekend',
        hashtags: ['baking', 'bread'],
        soundId: 'snd-bistro',
        seconds: 58,
        ageDays: 31,
        reach: 0.9,
        quality: 1.1,
      },
    ],
  },
  {
    id: 'mia',
    handle: 'mia.glow',
    displayName: 'Mia Glow',
    followers: 27_500,
    region: 'ES',
    baseViews: 12_500,
    posts: [
      {
        id: 'mia-spf',
        caption: 'SPF every day, even in winter: here is why',
        hashtags: ['skincare', 'spf'],
        soundId: 'snd-glow',
        seconds: 34,
        ageDays: 4,
        reach: 1.5,
        quality: 1.3,
      },
      {
        id: 'mia-routine',
        caption: 'My 5-minute morning skincare routine',
        hashtags: ['skincare', 'routine'],
        soundId: 'snd-glow',
        seconds: 61,
        ageDays: 11,
        reach: 1.0,
        quality: 1.0,
      },
      {
        id: 'mia-makeup',
        caption: 'Soft glam for beginners',
        hashtags: ['makeup', 'beauty'],
        soundId: 'snd-pop',
        seconds: 88,
        ageDays: 18,
        reach: 0.7,
        quality: 0.9,
      },
      {
        id: 'mia-private',
        caption: 'Draft: new serum review',
        hashtags: ['skincare'],
        soundId: 'snd-glow',
        seconds: 47,
        ageDays: 1,
        reach: 0.1,
        quality: 1.0,
      },
    ],
  },
] as const;

/** Organic counters of a post from its creator's base views and the post's reach and quality. */
function organicStats(random: SeededRandom, baseViews: number, post: DemoPost) {
  const jitter = () => 0.85 + random.float() * 0.3;
  const views = Math.round(baseViews * post.reach * jitter());
  const rate = (base: number) => Math.round(views * base * post.quality * jitter());
  return { views, likes: rate(0.078), comments: rate(0.0045), shares: rate(0.0032), follows: rate(0.0021) };
}

/**
 * Seeds the demo: three creators with posts, the brand Acme Shoes (EUR, Europe/Paris) with an
 * ADMIN and an ANALYST, and a second brand. Idempotent: with its tokens file present and the data
 * in the database, it changes nothing and returns the stored tokens.
 */
export async function seedDemo(
  ctx: ServiceContext,
  tokensFile: string,
  platformToken: string | null,
): Promise<DemoTokens> {
  if (existsSync(tokensFile) && (await getCreator(ctx.store.db, 'ana'))) {
    const stored = JSON.parse(readFileSync(tokensFile, 'utf8')) as DemoTokens;
    if (platformToken && stored.platform !== platformToken) {
      stored.platform = platformToken;
      writeFileSync(tokensFile, JSON.stringify(stored, null, 2), { mode: 0o600 });
    }
    return stored;
  }
  const random = new SeededRandom(2026);
  const now = ctx.clock.now();
  const tokens: DemoTokens = {
    platform: platformToken ?? encodeApiToken('platform', ctx.random.bytes(32)),
    creators: [],
    advertisers: [],
  };
  for (const c of CREATORS) {
    await syncCreator(ctx, c.id, {
      handle: c.handle,
      displayName: c.displayName,
      avatarUrl: `/demo/avatars/${c.id}.svg`,
      followerCount: c.followers,
      region: c.region,
    });
    for (const p of c.posts) {
      await syncPost(ctx, p.id, {
        creatorId: c.id,
        caption: p.caption,
        mediaUrl: `/demo/media/${p.id}.svg`,
        durationMs: p.seconds * 1000,
        soundId: p.soundId,
        hashtags: [...p.hashtags],
        visibility: p.id === 'mia-private' ? 'PRIVATE' : 'PUBLIC',
        organic: organicStats(random, c.baseViews, p),
        publishedAt: now - p.ageDays * MS_PER_DAY,
      });
    }
    const issued = await issueCreatorToken(ctx, c.id, 'demo');
    tokens.creators.push({ id: c.id, handle: c.handle, display_name: c.displayName, token: issued.token });
  }
  const platform = { kind: 'platform', id: null } as const;
  const brands = [
    {
      name: 'Acme Shoes',
      currency: 'EUR',
      timeZone: 'Europe/Paris',
      members: [
        ['Maya (media buyer)', 'ADMIN'],
        ['Sam (analyst)', 'ANALYST'],
      ],
    },
    { name: 'Brew & Co', currency: 'USD', timeZone: 'America/New_York', members: [['Jordan', 'ADMIN']] },
  ] as const;
  for (const brand of brands) {
    const account = await createAdAccount(ctx, platform, {
      name: brand.name,
      currency: brand.currency,
      timeZone: brand.timeZone,
    });
    for (const [name, role] of brand.members) {
      const { issued } = await addMember(ctx, platform, account.id, { name, email: null, role });
      tokens.advertisers.push({
        ad_account_id: account.id,
        ad_account_name: account.name,
        role,
        name,
        token: issued.token,
      });
    }
  }
  mkdirSync(dirname(tokensFile), { recursive: true });
  writeFileSync(tokensFile, JSON.stringify(tokens, null, 2), { mode: 0o600 });
  return tokens;
}
