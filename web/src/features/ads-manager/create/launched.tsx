import { Flame, PartyPopper, TriangleAlert } from 'lucide-react';
import { Link } from 'react-router-dom';
import type { AdAccount, AdWarning, AdWithWarnings, SparkPost } from '../../../api/types';
import { Badge, DeliveryBadge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { REVIEW_STATUS } from '../../../lib/labels';

/** TRENDING_* are good news, not warnings. */
const isNote = (w: AdWarning) => w.code.startsWith('TRENDING_');

/** After launch: each ad's delivery status and the warnings POST /ads returned. */
export function Launched({
  account,
  ads,
  sparkByPost,
  onAnother,
}: {
  account: AdAccount;
  ads: AdWithWarnings[];
  sparkByPost: Map<string, SparkPost>;
  onAnother: () => void;
}) {
  const adGroupId = ads[0]?.ad_group_id;
  const warningCount = ads.reduce((n, a) => n + a.warnings.filter((w) => !isNote(w)).length, 0);
  return (
    <div className="stack launched" style={{ gap: 20 }}>
      <section className="card card-body launched-hero">
        <span className="launched-icon" aria-hidden>
          <PartyPopper size={26} />
        </span>
        <div>
          <h1>{ads.length > 1 ? `${ads.length} ads launched` : 'Your ad is launched'}</h1>
          <p className="muted">
            {warningCount > 0
              ? `It is live in Ads Manager. Kindling has ${warningCount === 1 ? 'one suggestion' : `${warningCount} suggestions`} below.`
              : 'It is live in Ads Manager. Delivery starts as soon as the schedule and review allow.'}
          </p>
        </div>
      </section>
      <ul className="stack launched-ads" style={{ gap: 12, padding: 0, margin: 0, listStyle: 'none' }}>
        {ads.map((ad) => {
          const spark = sparkByPost.get(ad.post_id);
          return (
            <li key={ad.id} className="card card-body launched-ad">
              <div className="row" style={{ alignItems: 'flex-start', flexWrap: 'nowrap', gap: 14 }}>
                {spark && <img src={spark.post.media_url} alt="" className="poster" style={{ width: 54 }} />}
                <div className="stack" style={{ gap: 8, flex: 1, minWidth: 0 }}>
                  <div className="row">
                    <strong>{ad.ad_name}</strong>
                    {spark && <span className="hint">@{spark.creator.handle}</span>}
                    <Badge tone={REVIEW_STATUS[ad.review_status].tone}>
                      {REVIEW_STATUS[ad.review_status].label}
                    </Badge>
                  </div>
                  <DeliveryBadge item={ad} timeZone={account.time_zone} />
                  {ad.warnings.some((w) => !isNote(w)) && (
                    <div className="callout amber" data-testid="ad-warnings">
                      <TriangleAlert size={18} aria-hidden />
                      <ul style={{ margin: 0 }}>
                        {ad.warnings
                          .filter((w) => !isNote(w))
                          .map((w) => (
                            <li key={w.code} data-code={w.code}>
                              {w.message}
                            </li>
                          ))}
                      </ul>
                    </div>
                  )}
                  {ad.warnings.some(isNote) && (
                    <div className="callout green" data-testid="ad-notes">
                      <Flame size={18} aria-hidden />
                      <ul style={{ margin: 0 }}>
                        {ad.warnings.filter(isNote).map((w) => (
                          <li key={w.code} data-code={w.code}>
                            {w.message}
                          </li>
                        ))}
                      </ul>
                    </div>
                  )}
                </div>
              </div>
            </li>
          );
        })}
      </ul>
      <div className="row">
        <Link className="btn primary" to={adGroupId ? `/ads/ads?ad_group_id=${adGroupId}` : '/ads/ads'}>
          See it in Ads Manager
        </Link>
        <Button onClick={onAnother}>Create another campaign</Button>
      </div>
    </div>
  );
}
