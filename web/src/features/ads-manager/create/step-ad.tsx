import { Check, Link2, MousePointerClick, Sparkles } from 'lucide-react';
import type { FieldError, SparkPost } from '../../../api/types';
import { ExpiryBadge, PerformanceBadge, TrendingBadge } from '../../../components/badge';
import { ErrorText, Field } from '../../../components/field';
import { Skeleton } from '../../../components/states';
import { formatCount } from '../../../lib/format';
import { CALL_TO_ACTIONS, ctaLabel } from '../../../lib/labels';
import { errorsFor } from '../../../lib/validate';
import { RedeemPanel } from '../redeem-panel';
import type { Draft } from './draft';

export const isPromotable = (s: SparkPost) =>
  s.authorization.status === 'BOUND' && s.post.visibility === 'PUBLIC';

export function StepAd({
  draft,
  update,
  errors,
  library,
  libraryLoading,
  timeZone,
  onPreview,
}: {
  draft: Draft;
  update: (fn: (d: Draft) => Draft) => void;
  errors: FieldError[];
  library: SparkPost[];
  libraryLoading: boolean;
  timeZone: string;
  onPreview: (postId: string) => void;
}) {
  const set = (patch: Partial<Draft['ad']>) => update((d) => ({ ...d, ad: { ...d.ad, ...patch } }));
  const selected = draft.ad.postIds;
  const usable = library.filter(isPromotable);
  const toggle = (postId: string) => {
    if (draft.created.ads[postId]) return;
    const next = selected.includes(postId) ? selected.filter((id) => id !== postId) : [...selected, postId];
    set({ postIds: next });
    if (!selected.includes(postId)) onPreview(postId);
  };

  return (
    <div className="stack" style={{ gap: 20 }}>
      <section className="card card-body stack">
        <div>
          <div className="section-title">
            <span className="icon-tile" aria-hidden>
              <Sparkles size={16} />
            </span>
            <h2>Posts to promote</h2>
          </div>
          <p className="muted">
            Each post becomes one ad. Several posts in one ad group compete fairly, so you learn which creator
            and post work best.
          </p>
        </div>
        <RedeemPanel
          onRedeemed={(postIds) => {
            update((d) => ({ ...d, ad: { ...d.ad, postIds: [...new Set([...d.ad.postIds, ...postIds])] } }));
            const first = postIds[0];
            if (first) onPreview(first);
          }}
        />
        <fieldset className="field" aria-invalid={errorsFor(errors, 'post_id').length > 0 || undefined}>
          <legend>From your Spark library</legend>
          {libraryLoading ? (
            <div className="picker">
              <Skeleton height={92} radius={12} />
              <Skeleton height={92} radius={12} />
            </div>
          ) : usable.length === 0 ? (
            <p className="hint">No post is ready yet: paste a creator’s code above to add one.</p>
          ) : (
            <div className="picker">
              {usable.map((s) => {
                const isSelected = selected.includes(s.post.id);
                const done = Boolean(draft.created.ads[s.post.id]);
                return (
                  <label key={s.id} className={`pick${isSelected ? ' selected' : ''}`}>
                    <input
                      type="checkbox"
                      checked={isSelected}
                      disabled={done}
                      onChange={() => toggle(s.post.id)}
                      aria-label={`Promote @${s.creator.handle}: ${s.post.caption}`}
                    />
                    <img src={s.post.media_url} alt="" className="poster" />
                    <span className="pick-text">
                      <strong className="truncate">@{s.creator.handle}</strong>
                      <span className="clamp-2">{s.post.caption}</span>
                      <span className="row" style={{ gap: 4 }}>
                        <PerformanceBadge performance={s.post.performance} />
                        <ExpiryBadge authorization={s.authorization} timeZone={timeZone} />
                        <TrendingBadge trending={s.trending} />
                      </span>
                      <span className="hint">{formatCount(s.post.organic.views)} organic views</span>
                    </span>
                    <span className="pick-check" aria-hidden>
                      <Check size={14} strokeWidth={3} />
                    </span>
                    {done && <span className="badge green pick-done">Ad created</span>}
                  </label>
                );
              })}
            </div>
          )}
          <ErrorText errors={errorsFor(errors, 'post_id')} />
        </fieldset>
      </section>

      <section className="card card-body stack">
        <div className="section-title">
          <span className="icon-tile" aria-hidden>
            <MousePointerClick size={16} />
          </span>
          <h2>Call to action</h2>
        </div>
        <div className="grid-2">
          <Field label="Button" hint="Shown under the caption." errors={errorsFor(errors, 'call_to_action')}>
            {(control) => (
              <select
                {...control}
                className="select"
                value={draft.ad.callToAction}
                onChange={(e) => set({ callToAction: e.target.value as Draft['ad']['callToAction'] })}
              >
                <option value="">No button</option>
                {CALL_TO_ACTIONS.map((cta) => (
                  <option key={cta} value={cta}>
                    {ctaLabel(cta)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label={
              <>
                <Link2 size={13} aria-hidden style={{ display: 'inline', verticalAlign: -2 }} /> Landing page
              </>
            }
            hint="An https address; the platform reviews it."
            errors={errorsFor(errors, 'landing_page_url')}
          >
            {(control) => (
              <input
                {...control}
                className="input"
                type="url"
                inputMode="url"
                placeholder="https://shop.example/product"
                value={draft.ad.landingPage}
                onChange={(e) => set({ landingPage: e.target.value })}
              />
            )}
          </Field>
        </div>
      </section>
    </div>
  );
}
