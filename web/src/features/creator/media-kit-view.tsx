import { Eye, Heart } from 'lucide-react';
import type { AudienceShares, MediaKit } from '../../api/types';
import { Avatar } from '../../components/media';
import { formatCount, formatDate, formatInteger, formatPercent } from '../../lib/format';
import { AGE_GROUPS } from '../../lib/labels';
import { countryName } from '../../lib/regions';

const GENDERS: Record<string, string> = {
  GENDER_FEMALE: 'Women',
  GENDER_MALE: 'Men',
  GENDER_OTHER: 'Other',
  GENDER_UNKNOWN: 'Unknown',
};

function Shares({ title, rows }: { title: string; rows: { label: string; share: number }[] }) {
  if (rows.length === 0) return null;
  return (
    <div className="kit-shares">
      <h4>{title}</h4>
      <ul>
        {[...rows]
          .sort((a, b) => b.share - a.share)
          .slice(0, 5)
          .map((r) => (
            <li key={r.label}>
              <span>{r.label}</span>
              <span className="kit-share-track" aria-hidden>
                <span style={{ width: `${r.share * 100}%` }} />
              </span>
              <span className="num">{formatPercent(r.share, 0)}</span>
            </li>
          ))}
      </ul>
    </div>
  );
}

function Audience({ shares }: { shares: AudienceShares }) {
  return (
    <div className="kit-audience">
      <Shares
        title="Countries"
        rows={shares.countries.map((c) => ({ label: countryName(c.code), share: c.share }))}
      />
      <Shares
        title="Ages"
        rows={shares.age_groups.map((a) => ({
          label: AGE_GROUPS.find((g) => g.value === a.age)?.label ?? a.age,
          share: a.share,
        }))}
      />
      <Shares
        title="Genders"
        rows={shares.genders.map((g) => ({ label: GENDERS[g.gender] ?? g.gender, share: g.share }))}
      />
    </div>
  );
}

/** A media kit as brands see it at /m/{handle}: reach, engagement, audience, top posts, brands. */
export function MediaKitView({ kit }: { kit: MediaKit }) {
  const audience = kit.audience.followers ?? kit.audience.viewers;
  return (
    <article className="kit" aria-label={`Media kit of @${kit.handle}`}>
      <header className="kit-head">
        <Avatar creator={kit} size="large" />
        <div style={{ minWidth: 0 }}>
          <h3>{kit.display_name}</h3>
          <div className="muted">
            @{kit.handle}
            {kit.region ? ` · ${countryName(kit.region)}` : ''}
          </div>
        </div>
      </header>
      {kit.headline ? (
        <p className="kit-headline">{kit.headline}</p>
      ) : (
        <p className="kit-headline empty">No headline yet.</p>
      )}
      <dl className="kit-stats">
        <div>
          <dt>Followers</dt>
          <dd>{formatCount(kit.followers)}</dd>
        </div>
        <div>
          <dt>Average views</dt>
          <dd>{formatCount(kit.average_views)}</dd>
        </div>
        <div>
          <dt>Engagement rate</dt>
          <dd>{kit.engagement_rate === null ? '—' : `${kit.engagement_rate}%`}</dd>
        </div>
      </dl>
      <section className="kit-section">
        <h4>Spark ads</h4>
        <dl className="kit-stats small">
          <div>
            <dt>Extra reach</dt>
            <dd>{formatCount(kit.spark_ads.extra_reach)}</dd>
          </div>
          <div>
            <dt>Followers from ads</dt>
            <dd>{formatCount(kit.spark_ads.followers_from_ads)}</dd>
          </div>
          <div>
            <dt>Paid impressions</dt>
            <dd>{formatCount(kit.spark_ads.paid_impressions)}</dd>
          </div>
        </dl>
        {kit.spark_ads.brands.length > 0 && (
          <p className="kit-brands">
            Worked with{' '}
            {kit.spark_ads.brands.map((b, i) => (
              <span key={b.name}>
                {i > 0 && ', '}
                <strong>{b.name}</strong> <span className="hint">since {formatDate(b.since)}</span>
              </span>
            ))}
          </p>
        )}
      </section>
      {audience && (
        <section className="kit-section">
          <h4>{kit.audience.followers ? 'Followers' : 'Viewers of Spark ads'}</h4>
          <Audience shares={audience} />
        </section>
      )}
      {kit.top_posts.length > 0 && (
        <section className="kit-section">
          <h4>Top posts</h4>
          <ul className="kit-posts">
            {kit.top_posts.slice(0, 6).map((p) => (
              <li key={p.id}>
                <img src={p.media_url} alt="" loading="lazy" />
                <span className="kit-post-stats">
                  <span>
                    <Eye size={11} aria-hidden /> {formatCount(p.views)}
                  </span>
                  <span>
                    <Heart size={11} aria-hidden /> {formatCount(p.likes)}
                  </span>
                </span>
                <span className="visually-hidden">
                  {p.caption}: {formatInteger(p.views)} views, {formatInteger(p.likes)} likes
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <footer className="hint kit-foot">
        {formatInteger(kit.posts_counted)} recent posts counted · updated live
      </footer>
    </article>
  );
}
