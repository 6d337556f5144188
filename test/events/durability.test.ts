import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/database.js';
import { PLATFORM_TOKEN, TRACKING_SECRET } from '../support/app.js';
import { httpCaller } from '../support/http-client.js';

/**
 * Kill the process mid-load: every acknowledged event is there afterwards, none is billed twice.
 * A real server runs in a child process on a SQLite file; clients post batches concurrently; the
 * server is killed with SIGKILL while batches are in flight; then the database is checked, the
 * server restarted and every batch retried.
 */
const dir = mkdtempSync(join(tmpdir(), 'kindling-durability-'));
const dbUrl = `sqlite:${join(dir, 'kindling.db')}`;
let child: ChildProcess | null = null;

function startChild(): Promise<{ process: ChildProcess; baseUrl: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'test/support/child-server.ts'], {
      env: {
        ...process.env,
        KINDLING_DB_URL: dbUrl,
        KINDLING_PLATFORM_TOKEN: PLATFORM_TOKEN,
        KINDLING_TRACKING_SECRET: TRACKING_SECRET,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /READY (\d+)/.exec(out);
      if (match) resolve({ process: proc, baseUrl: `http://127.0.0.1:${match[1]}` });
    });
    proc.on('exit', (code) => reject(new Error(`server exited early (${code})`)));
  });
}

function exited(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => proc.once('exit', () => resolve()));
}

afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('event durability under SIGKILL', () => {
  it('keeps every acknowledged event and bills none twice, then accepts the retries exactly once', async () => {
    const first = await startChild();
    child = first.process;
    const call = httpCaller(first.baseUrl);
    const P = PLATFORM_TOKEN;
    // biome-ignore lint/suspicious/noExplicitAny: response bodies are read field by field
    const must = async (p: Promise<{ status: number; json: any }>) => {
      const r = await p;
      if (r.status >= 300) throw new Error(JSON.stringify(r.json));
      return r.json;
    };
    await must(
      call(P, 'PUT', '/v1/platform/creators/c1', { handle: 'durable', display_name: 'D', follower_count: 5 }),
    );
    await must(
      call(P, 'PUT', '/v1/platform/posts/p1', {
        creator_id: 'c1',
        caption: 'x',
        media_url: 'https://cdn.example/p1.mp4',
        duration_seconds: 10,
        visibility: 'PUBLIC',
        organic: { views: 1000, likes: 80, comments: 4, shares: 2, follows: 1 },
        published_at: '2026-11-01T00:00:00Z',
      }),
    );
    const creatorToken = (await must(call(P, 'POST', '/v1/platform/creators/c1/tokens', {}))).token;
    const code = (await must(call(creatorToken, 'POST', '/v1/creator/posts/p1/authorizations', {})))
      .auth_code;
    const account = await must(
      call(P, 'POST', '/v1/platform/ad-accounts', { name: 'A', currency: 'USD', time_zone: 'UTC' }),
    );
    const admin = (
      await must(
        call(P, 'POST', `/v1/platform/ad-accounts/${account.id}/members`, { name: 'a', role: 'ADMIN' }),
      )
    ).token.token;
    await must(call(admin, 'POST', `/v1/ad-accounts/${account.id}/spark-posts`, { auth_code: code }));
    const campaign = await must(
      call(admin, 'POST', `/v1/ad-accounts/${account.id}/campaigns`, {
        campaign_name: 'c',
        objective_type: 'REACH',
        budget_mode: 'BUDGET_MODE_INFINITE',
      }),
    );
    const group = await must(
      call(admin, 'POST', `/v1/ad-accounts/${account.id}/ad-groups`, {
        campaign_id: campaign.id,
        adgroup_name: 'g',
        placements: ['IN_FEED'],
        schedule_type: 'SCHEDULE_FROM_NOW',
        budget_mode: 'BUDGET_MODE_DAY',
        budget: '100000',
        pacing: 'PACING_MODE_FAST',
        billing_event: 'CPM',
        bid_price: '10',
      }),
    );
    await must(
      call(admin, 'POST', `/v1/ad-accounts/${account.id}/ads`, {
        ad_group_id: group.id,
        post_id: 'p1',
        landing_page_url: 'https://a.example/',
      }),
    );
    // Let the engine pick up the new ad.
    await new Promise((r) => setTimeout(r, 300));

    // 1,500 decisions → tokens; each gets an impression, a video_play and a like.
    const tokens: string[] = [];
    for (let i = 0; i < 1500; i++) {
      const d = await must(
        call(P, 'POST', '/v1/feed/decisions', {
          viewer: { id: `v${i}` },
          page: { start_position: 5, organic_post_ids: ['o1'] },
        }),
      );
      if (d.ads.length === 1) tokens.push(d.ads[0].tracking_token);
    }
    expect(tokens.length).toBe(1500);
    const batches: { client_event_id: string; tracking_token: string; type: string }[][] = [];
    for (let b = 0; b < tokens.length; b += 50) {
      const batch = tokens.slice(b, b + 50).flatMap((token, j) =>
        ['impression', 'video_play', 'like'].map((type) => ({
          client_event_id: `${b + j}-${type}`,
          tracking_token: token,
          type,
        })),
      );
      batches.push(batch);
    }

    // Send every batch concurrently (8 at a time); kill the server once a third are acknowledged.
    const acknowledged = new Set<string>();
    let next = 0;
    let acked = 0;
    let killed = false;
    const worker = async () => {
      while (next < batches.length) {
        const batch = batches[next++] as (typeof batches)[number];
        try {
          const r = await call(P, 'POST', '/v1/events', { events: batch });
          if (r.status === 200) {
            for (const [i, d] of (r.json.data as { status: string }[]).entries()) {
              if (d.status === 'ACCEPTED' || d.status === 'DUPLICATE')
                acknowledged.add((batch[i] as { client_event_id: string }).client_event_id);
            }
            acked++;
            if (!killed && acked >= batches.length / 3) {
              killed = true;
              first.process.kill('SIGKILL');
            }
          }
        } catch {
          // connection refused / reset after the kill: not acknowledged
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect(killed).toBe(true);
    await exited(first.process);
    expect(acknowledged.size).toBeGreaterThan(0);
    expect(acknowledged.size).toBeLessThan(batches.length * 150);

    const check = async () => {
      const store = openStore(dbUrl);
      try {
        const rows = await store.db
          .selectFrom('events')
          .select(['client_event_id', 'type', 'billed_micros', 'decision_id'])
          .where('kind', '=', 'ad')
          .execute();
        const spend = await store.db
          .selectFrom('ad_groups')
          .select('spend_micros')
          .where('id', '=', group.id)
          .executeTakeFirstOrThrow();
        const post = await store.db
          .selectFrom('posts')
          .select('paid_likes')
          .where('id', '=', 'p1')
          .executeTakeFirstOrThrow();
        return { rows, spend: spend.spend_micros, paidLikes: post.paid_likes };
      } finally {
        await store.close();
      }
    };
    const afterKill = await check();
    const stored = new Set(afterKill.rows.map((r) => r.client_event_id));
    const lost = [...acknowledged].filter((id) => !stored.has(id));
    expect(lost).toEqual([]);
    const billedImpressions = afterKill.rows.filter((r) => r.billed_micros > 0);
    expect(billedImpressions.every((r) => r.type === 'impression')).toBe(true);
    expect(new Set(billedImpressions.map((r) => r.decision_id)).size).toBe(billedImpressions.length);
    expect(afterKill.spend).toBe(billedImpressions.reduce((s, r) => s + r.billed_micros, 0));
    expect(afterKill.paidLikes).toBe(afterKill.rows.filter((r) => r.type === 'like').length);

    // Restart on the same file and retry every batch: each event ends up stored exactly once.
    const second = await startChild();
    child = second.process;
    const call2 = httpCaller(second.baseUrl);
    for (const batch of batches) {
      const r = await call2(P, 'POST', '/v1/events', { events: batch });
      expect(r.status).toBe(200);
      expect(r.json.summary.rejected).toBe(0);
    }
    second.process.kill('SIGKILL');
    child = null;
    await exited(second.process);
    const final = await check();
    expect(final.rows.length).toBe(batches.length * 150);
    const billed = final.rows.filter((r) => r.billed_micros > 0);
    expect(billed.length).toBe(1500);
    expect(final.spend).toBe(billed.reduce((s, r) => s + r.billed_micros, 0));
    expect(final.paidLikes).toBe(1500);
  }, 180_000);
});
