import { describe, expect, it } from 'vitest';
import { computeTrends, dateMinus, type TrendPost, viewsGained } from './trends.js';

const TODAY = '2026-11-25';
const post = (
  over: Partial<Omit<TrendPost, 'snapshots'>> & { snapshots: [string, number][] },
): TrendPost => ({
  postId: 'p',
  creatorId: 'c',
  publishedOn: '2026-10-01',
  soundId: null,
  hashtags: [],
  ...over,
  snapshots: over.snapshots.map(([date, views]) => ({ date, views })),
});

describe('viewsGained', () => {
  it('measures growth between snapshots', () => {
    const p = post({
      snapshots: [
        ['2026-11-10', 1000],
        ['2026-11-18', 5000],
        ['2026-11-25', 20_000],
      ],
    });
    expect(viewsGained(p, '2026-11-18', TODAY)).toBe(15_000);
    expect(viewsGained(p, '2026-11-11', '2026-11-18')).toBe(4000);
  });

  it('counts all views of a post published in the window, none of an old post seen only once', () => {
    expect(
      viewsGained(
        post({ publishedOn: '2026-11-20', snapshots: [['2026-11-25', 9000]] }),
        '2026-11-18',
        TODAY,
      ),
    ).toBe(9000);
    expect(viewsGained(post({ snapshots: [['2026-11-25', 1_000_000]] }), '2026-11-18', TODAY)).toBe(0);
  });

  it('computes dates across month ends', () => {
    expect(dateMinus('2026-12-03', 7)).toBe('2026-11-26');
  });
});

describe('computeTrends', () => {
  const rising = (id: string, creator: string, tags: string[], sound: string | null) =>
    post({
      postId: id,
      creatorId: creator,
      hashtags: tags,
      soundId: sound,
      snapshots: [
        ['2026-11-04', 100],
        ['2026-11-18', 2000],
        ['2026-11-25', 12_000],
      ],
    });
  const steady = (id: string, creator: string, tags: string[]) =>
    post({
      postId: id,
      creatorId: creator,
      hashtags: tags,
      snapshots: [
        ['2026-11-04', 0],
        ['2026-11-18', 50_000],
        ['2026-11-25', 100_000],
      ],
    });

  it('flags a sound and a hashtag rising across creators, not a steady or single-creator one', () => {
    const trends = computeTrends(
      [
        rising('a', 'ana', ['legday', 'fitness'], 'snd_1'),
        rising('b', 'bob', ['legday'], 'snd_1'),
        steady('c', 'cy', ['fitness']),
        steady('d', 'di', ['fitness']),
        rising('e', 'eve', ['solo'], null),
        rising('f', 'eve', ['solo'], null),
      ],
      TODAY,
    );
    const by = Object.fromEntries(trends.map((t) => [`${t.kind}:${t.key}`, t]));
    expect(by['SOUND:snd_1']).toMatchObject({
      trending: true,
      recentViews: 20_000,
      priorViews: 3800,
      creators: 2,
    });
    expect(by['HASHTAG:legday']?.trending).toBe(true);
    expect(by['HASHTAG:fitness']?.trending).toBe(false);
    expect(by['HASHTAG:solo']).toMatchObject({ trending: false, creators: 1 });
    expect(trends[0]?.trending).toBe(true);
  });

  it('adds no views from a post whose history does not reach back over both windows', () => {
    const late = (id: string, creator: string) =>
      post({
        postId: id,
        creatorId: creator,
        hashtags: ['late'],
        snapshots: [
          ['2026-11-15', 100_000],
          ['2026-11-25', 200_000],
        ],
      });
    const [t] = computeTrends([late('a', 'ana'), late('b', 'bob')], TODAY);
    expect(t).toMatchObject({ key: 'late', recentViews: 0, trending: false });
  });

  it('honours thresholds', () => {
    const posts = [rising('a', 'ana', ['x'], null), rising('b', 'bob', ['x'], null)];
    expect(computeTrends(posts, TODAY, { minRecentViews: 50_000 })[0]?.trending).toBe(false);
    expect(computeTrends(posts, TODAY, { minGrowth: 10 })[0]?.trending).toBe(false);
  });
});
