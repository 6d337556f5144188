import { Lightbulb } from 'lucide-react';
import type { AdAccount, ObjectiveType, SparkPost } from '../../../api/types';
import { PhonePreview } from '../../../components/phone-preview';
import { formatMoney, formatWallClock } from '../../../lib/format';
import { GOAL_LABELS, OBJECTIVES } from '../../../lib/labels';
import type { Draft } from './draft';
import type { StepId } from './step-review';

function EmptyPhone() {
  return (
    <figure className="phone" aria-label="Preview">
      <div className="phone-screen phone-empty">
        <p>Pick a post to see it as a Sponsored ad in the feed.</p>
      </div>
    </figure>
  );
}

/** Beside the form: the phone preview once posts are chosen, otherwise a summary and a tip. */
export function CreateAside({
  step,
  draft,
  account,
  posts,
  previewPostId,
  onPreview,
  objective,
}: {
  step: StepId;
  draft: Draft;
  account: AdAccount;
  posts: SparkPost[];
  previewPostId: string | null;
  onPreview: (postId: string) => void;
  objective: ObjectiveType;
}) {
  const current = posts.find((p) => p.post.id === previewPostId) ?? posts[0];
  const showPhone = step === 'ad' || step === 'review';
  const g = draft.adGroup;
  return (
    <aside className="create-aside" aria-label={showPhone ? 'Ad preview' : 'Summary'}>
      {showPhone ? (
        <div className="stack" style={{ gap: 12, alignItems: 'center' }}>
          {current ? (
            <PhonePreview
              post={current.post}
              creator={current.creator}
              callToAction={draft.ad.callToAction || null}
            />
          ) : (
            <EmptyPhone />
          )}
          {posts.length > 1 && (
            <fieldset className="preview-switch">
              <legend className="visually-hidden">Preview another post</legend>
              {posts.map((p) => (
                <button
                  key={p.id}
                  type="button"
                  aria-pressed={p === current}
                  aria-label={`Preview @${p.creator.handle}: ${p.post.caption}`}
                  onClick={() => onPreview(p.post.id)}
                >
                  <img src={p.post.media_url} alt="" />
                </button>
              ))}
            </fieldset>
          )}
          <p className="hint" style={{ textAlign: 'center', maxWidth: 280 }}>
            Likes, comments, shares and follows from the ad count on the creator’s original post.
          </p>
        </div>
      ) : (
        <div className="stack" style={{ gap: 12 }}>
          <section className="card card-body stack summary-card" style={{ gap: 10 }}>
            <h2>Summary</h2>
            <dl className="mini-list">
              <div>
                <dt>Objective</dt>
                <dd>{OBJECTIVES.find((o) => o.value === objective)?.label}</dd>
              </div>
              {!draft.campaign.existingId && draft.campaign.budgetMode !== 'BUDGET_MODE_INFINITE' && (
                <div>
                  <dt>Campaign budget</dt>
                  <dd>
                    {formatMoney(draft.campaign.budget || '0', account.currency)}{' '}
                    {draft.campaign.budgetMode === 'BUDGET_MODE_DAY' ? 'a day' : 'total'}
                  </dd>
                </div>
              )}
              {step === 'adGroup' && (
                <>
                  <div>
                    <dt>Ad group budget</dt>
                    <dd>
                      {formatMoney(g.budget || '0', account.currency)}{' '}
                      {g.budgetMode === 'BUDGET_MODE_DAY' ? 'a day' : 'total'}
                    </dd>
                  </div>
                  {g.scheduleType === 'SCHEDULE_START_END' && (
                    <div>
                      <dt>Runs</dt>
                      <dd>
                        {formatWallClock(g.start)} → {formatWallClock(g.end)}
                      </dd>
                    </div>
                  )}
                  <div>
                    <dt>Optimizing for</dt>
                    <dd>{GOAL_LABELS[g.goal]}</dd>
                  </div>
                </>
              )}
            </dl>
          </section>
          <section className="card card-body tip">
            <Lightbulb size={18} aria-hidden />
            <p>
              {step === 'campaign'
                ? 'Spark ads work best with posts that already perform with the creator’s own audience: the library shows each post’s score.'
                : 'Smooth pacing spreads the budget along the day’s traffic; a frequency cap of 2–3 per few days keeps the ad fresh.'}
            </p>
          </section>
        </div>
      )}
    </aside>
  );
}
