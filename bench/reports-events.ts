import BetterSqlite3 from 'better-sqlite3';
import type { Insertable } from 'kysely';
import pg from 'pg';
import { ManualClock } from '../src/domain/clock.js';
import { createIdGenerator } from '../src/domain/ids.js';
import { SeededRandom } from '../src/domain/random.js';
import type { EventTable } from '../src/store/schema.js';
import { ACCOUNT, type World } from './reports-world.js';

/** Event-log rows as the pipeline writes them, for the aggregator throughput run. */
type EventInsert = Insertable<EventTable>;

const TYPES: [string, number][] = [
  ['impression', 0.3],
  ['video_play', 0.21],
  ['view_2s', 0.15],
  ['view_6s', 0.09],
  ['view_p25', 0.1],
  ['view_p50', 0.06],
  ['view_p75', 0.04],
  ['view_p100', 0.025],
  ['click', 0.01],
  ['like', 0.01],
  ['follow', 0.005],
];

export function aggregatorInput(w: World, count: number): EventInsert[] {
  const random = new SeededRandom(7);
  const clock = new ManualClock(Date.UTC(2026, 10, 25, 8));
  const ids = createIdGenerator(clock, random);
  const out: EventInsert[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 50 === 0) clock.advance(1);
    const ad = w.ads[Math.floor(random.float() * w.ads.length)] as World['ads'][number];
    let r = random.float();
    let type = 'impression';
    for (const [t, p] of TYPES) {
      if (r < p) {
        type = t;
        break;
      }
      r -= p;
    }
    const id = ids.next('event');
    out.push({
      id,
      dedupe_key: id,
      kind: 'ad',
      type,
      decision_id: null,
      ad_id: ad.id,
      ad_group_id: ad.adGroupId,
      campaign_id: ad.campaignId,
      ad_account_id: ACCOUNT,
      post_id: ad.postId,
      creator_id: ad.creatorId,
      viewer_id: `u${Math.floor(random.float() * 300_000)}`,
      placement: 'IN_FEED',
      country: ['FR', 'DE', 'ES', 'IT'][i % 4] as string,
      age_group: ['AGE_18_24', 'AGE_25_34', 'AGE_35_44'][i % 3] as string,
      gender: ['GENDER_FEMALE', 'GENDER_MALE'][i % 2] as string,
      os: ['IOS', 'ANDROID'][i % 2] as string,
      occurred_at: clock.now() - 1000,
      received_at: clock.now(),
      billed_micros: type === 'impression' ? 5000 : 0,
      uncharged_micros: 0,
      paid: type === 'like' || type === 'follow' || type === 'video_play' ? 1 : 0,
      attributed: 0,
      invalid_reason: null,
      client_event_id: null,
      value_micros: null,
    });
  }
  return out;
}

export function writeEventsSqlite(file: string, events: EventInsert[]): void {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  const columns = Object.keys(events[0] as object);
  const stmt = db.prepare(
    `insert into events (${columns.join(',')}) values (${columns.map(() => '?').join(',')})`,
  );
  db.transaction(() => {
    for (const e of events) stmt.run(columns.map((c) => (e as Record<string, unknown>)[c]));
  })();
  db.close();
}

export async function writeEventsPostgres(url: string, events: EventInsert[]): Promise<void> {
  const client = new pg.Client(url);
  await client.connect();
  const columns = Object.keys(events[0] as object);
  const per = Math.floor(60_000 / columns.length);
  for (let i = 0; i < events.length; i += per) {
    const chunk = events.slice(i, i + per);
    const values = chunk
      .map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(',')})`)
      .join(',');
    await client.query(
      `insert into events (${columns.join(',')}) values ${values}`,
      chunk.flatMap((e) => columns.map((c) => (e as Record<string, unknown>)[c])),
    );
  }
  await client.end();
}
