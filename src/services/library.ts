import { authorizationStatus } from '../domain/authorization.js';
import { pickAuthorization } from '../domain/delivery-status.js';
import type { AuthorizationStatus, PostVisibility } from '../domain/enums.js';
import { notFound } from '../domain/errors.js';
import type { Authorization, Creator, Post, SparkPost } from '../domain/model.js';
import { type PostPerformance, scorePosts } from '../domain/post-performance.js';
import { currentTrends, type PostTrending, trendingOf } from '../reports/trends.js';
import type { Page, PageRequest } from '../store/pagination.js';
import { adsOfPost } from '../store/repos/ads.js';
import { authorizationsForAccountPosts } from '../store/repos/authorizations.js';
import { getCreatorsByIds } from '../store/repos/creators.js';
import { creatorBaselineInputs, getPost, getPostsByIds, listPostsOfCreator } from '../store/repos/posts.js';
import { getSparkPost, listSparkPosts } from '../store/repos/spark-posts.js';
import { requireAccount } from './accounts.js';
import type { ServiceContext } from './context.js';

export interface CreatorPostView {
  post: Post;
  performance: PostPerformance | undefined;
}

/** A creator's posts, each scored against the creator's own baseline. */
export async function listCreatorPosts(
  ctx: ServiceContext,
  creatorId: string,
  page: PageRequest & { visibility?: PostVisibility | undefined },
): Promise<Page<CreatorPostView>> {
  const result = await listPostsOfCreator(ctx.store.db, creatorId, page);
  const scores = scorePosts(await creatorBaselineInputs(ctx.store.db, creatorId));
  return {
    data: result.data.map((post) => ({ post, performance: scores.get(post.id) })),
    nextCursor: result.nextCursor,
  };
}

export async function getCreatorPost(
  ctx: ServiceContext,
  creatorId: string,
  postId: string,
): Promise<CreatorPostView> {
  const post = await getPost(ctx.store.db, postId);
  if (!post || post.creatorId !== creatorId) throw notFound('Post', postId);
  const scores = scorePosts(await creatorBaselineInputs(ctx.store.db, creatorId));
  return { post, performance: scores.get(post.id) };
}

export interface SparkPostView {
  sparkPost: SparkPost;
  post: Post;
  creator: Creator;
  /** The authorization that currently decides whether the post can serve. */
  authorization: Authorization;
  authorizationStatus: AuthorizationStatus;
  performance: PostPerformance | undefined;
  adCount: number;
  /** The post's sound and hashtags that are trending on the platform now. */
  trending: PostTrending;
}

async function sparkViews(
  ctx: ServiceContext,
  adAccountId: string,
  sparkPosts: SparkPost[],
): Promise<SparkPostView[]> {
  const now = ctx.clock.now();
  const db = ctx.store.db;
  const posts = await getPostsByIds(
    db,
    sparkPosts.map((s) => s.postId),
  );
  const creators = await getCreatorsByIds(
    db,
    sparkPosts.map((s) => s.creatorId),
  );
  const auths = await authorizationsForAccountPosts(
    db,
    adAccountId,
    sparkPosts.map((s) => s.postId),
  );
  const scoresByCreator = new Map<string, Map<string, PostPerformance>>();
  const trends = await currentTrends(db, now);
  const views: SparkPostView[] = [];
  for (const sparkPost of sparkPosts) {
    const authorization = pickAuthorization(auths.get(sparkPost.postId) ?? [], now) as Authorization;
    let scores = scoresByCreator.get(sparkPost.creatorId);
    if (!scores) {
      scores = scorePosts(await creatorBaselineInputs(db, sparkPost.creatorId));
      scoresByCreator.set(sparkPost.creatorId, scores);
    }
    const ads = (await adsOfPost(db, sparkPost.postId)).filter((a) => a.adAccountId === adAccountId);
    views.push({
      sparkPost,
      post: posts.get(sparkPost.postId) as Post,
      creator: creators.get(sparkPost.creatorId) as Creator,
      authorization,
      authorizationStatus: authorizationStatus(authorization, now),
      performance: scores.get(sparkPost.postId),
      adCount: ads.length,
      trending: trendingOf(trends, posts.get(sparkPost.postId) as Post),
    });
  }
  return views;
}

export async function listSparkPostViews(
  ctx: ServiceContext,
  adAccountId: string,
  page: PageRequest,
): Promise<Page<SparkPostView>> {
  await requireAccount(ctx.store.db, adAccountId);
  const result = await listSparkPosts(ctx.store.db, adAccountId, page);
  return { data: await sparkViews(ctx, adAccountId, result.data), nextCursor: result.nextCursor };
}

export async function getSparkPostView(
  ctx: ServiceContext,
  adAccountId: string,
  id: string,
): Promise<SparkPostView> {
  await requireAccount(ctx.store.db, adAccountId);
  const sparkPost = await getSparkPost(ctx.store.db, adAccountId, id);
  if (!sparkPost) throw notFound('Spark post', id);
  return (await sparkViews(ctx, adAccountId, [sparkPost]))[0] as SparkPostView;
}

export async function sparkPostViewForPost(
  ctx: ServiceContext,
  sparkPost: SparkPost,
): Promise<SparkPostView> {
  return (await sparkViews(ctx, sparkPost.adAccountId, [sparkPost]))[0] as SparkPostView;
}
