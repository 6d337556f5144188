import { ExternalLink, Globe, Save, Sparkles } from 'lucide-react';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { isApiError, messageOf } from '../../api/client';
import { useMediaKit, usePublishMediaKit, useSaveMediaKit } from '../../api/creator';
import type { FieldError, MediaKit, MediaKitSettings } from '../../api/types';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { Switch } from '../../components/controls';
import { CopyButton } from '../../components/copy-button';
import { ErrorSummary, Field, FieldGroup, focusFirstInvalid } from '../../components/field';
import { PageHeader } from '../../components/page';
import { ErrorState, Skeleton } from '../../components/states';
import { useToast } from '../../components/toast';
import { formatDate, formatRelative } from '../../lib/format';
import { Checks, errorsFor } from '../../lib/validate';
import { MediaKitView } from './media-kit-view';

interface Draft {
  headline: string;
  shown: string[];
}

const HEADLINE_MAX = 200;

const toDraft = (s: MediaKitSettings): Draft => ({
  headline: s.headline ?? '',
  shown: s.brands.filter((b) => b.shown).map((b) => b.ad_account_id),
});

function check(d: Draft): FieldError[] {
  const checks = new Checks();
  if (d.headline.trim().length > HEADLINE_MAX) checks.add('headline', `At most ${HEADLINE_MAX} characters`);
  return checks.errors;
}

/** Creator Studio: the media kit's headline and brands, a live preview, publish and unpublish. */
export function MediaKitPage() {
  const kit = useMediaKit();
  const save = useSaveMediaKit();
  const publish = usePublishMediaKit();
  const toast = useToast();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  const settings = kit.data?.settings;

  useEffect(() => {
    if (settings && draft === null) setDraft(toDraft(settings));
  }, [settings, draft]);

  const dirty = Boolean(settings && draft && JSON.stringify(toDraft(settings)) !== JSON.stringify(draft));

  // The preview shows the draft: its headline and the brands ticked so far.
  const preview = useMemo<MediaKit | null>(() => {
    if (!kit.data || !draft || !settings) return null;
    return {
      ...kit.data.preview,
      headline: draft.headline.trim() || null,
      spark_ads: {
        ...kit.data.preview.spark_ads,
        brands: settings.brands
          .filter((b) => draft.shown.includes(b.ad_account_id))
          .map((b) => ({ name: b.name, since: b.since })),
      },
    };
  }, [kit.data, draft, settings]);

  function saveDraft(then?: () => void) {
    if (!draft) return;
    const found = check(draft);
    setErrors(found);
    if (found.length) return focusFirstInvalid(formRef.current);
    save.mutate(
      { headline: draft.headline.trim() || null, shown_ad_account_ids: draft.shown },
      {
        onSuccess: (saved) => {
          setDraft(toDraft(saved));
          setErrors([]);
          if (then) then();
          else toast('Media kit saved');
        },
        onError: (e) => {
          if (isApiError(e) && e.errors.length) {
            setErrors(e.errors);
            focusFirstInvalid(formRef.current);
          } else toast(messageOf(e), 'error');
        },
      },
    );
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    saveDraft();
  }

  function togglePublished() {
    if (!settings) return;
    const run = () =>
      publish.mutate(!settings.published, {
        onSuccess: (s) =>
          toast(s.published ? 'Published: brands can open your media kit' : 'Your media kit is offline'),
        onError: (e) => toast(messageOf(e), 'error'),
      });
    // Publishing publishes what is on screen: save first.
    if (dirty && !settings.published) saveDraft(run);
    else run();
  }

  const publicUrl = settings ? `${window.location.origin}${settings.public_url}` : '';
  const known = new Set(['headline', 'shown_ad_account_ids']);
  const orphans = errors.filter((e) => !known.has(e.field.replace(/\[\d+\]$/, '')));

  return (
    <>
      <PageHeader
        title="Media kit"
        description="A live page for brands: your reach, engagement, audience, best posts and the brands you choose to show. It updates itself."
        actions={
          settings && (
            <Button
              variant={settings.published ? 'secondary' : 'primary'}
              icon={<Globe size={16} aria-hidden />}
              onClick={togglePublished}
              loading={publish.isPending}
            >
              {settings.published ? 'Unpublish' : 'Publish'}
            </Button>
          )
        }
      />
      {kit.error ? (
        <ErrorState error={kit.error} onRetry={() => kit.refetch()} />
      ) : !settings || !draft || !preview ? (
        <div className="kit-layout">
          <Skeleton height={320} radius={14} />
          <Skeleton height={520} radius={14} />
        </div>
      ) : (
        <div className="kit-layout">
          <div className="stack">
            <section className="card card-body kit-status" aria-labelledby="kit-status-title">
              <div className="row">
                <h2 id="kit-status-title">Public page</h2>
                {settings.published ? (
                  <Badge tone="green" dot>
                    Published
                  </Badge>
                ) : (
                  <Badge tone="gray" dot>
                    Not published
                  </Badge>
                )}
              </div>
              <p className="muted">
                {settings.published && settings.published_at
                  ? `Live since ${formatDate(settings.published_at)}. Anyone with the link can see it.`
                  : 'Only you can see it. Publish to share the link with brands.'}
              </p>
              <div className="code-box kit-url">
                <code>{publicUrl}</code>
                {settings.published && (
                  <>
                    <CopyButton text={publicUrl} label="Copy link" variant="secondary" />
                    <a className="btn" href={settings.public_url} target="_blank" rel="noreferrer noopener">
                      <ExternalLink size={16} aria-hidden /> Open
                    </a>
                  </>
                )}
              </div>
            </section>
            <form
              ref={formRef}
              className="card card-body stack kit-form"
              onSubmit={onSubmit}
              noValidate
              aria-labelledby="kit-edit-title"
            >
              <h2 id="kit-edit-title">Edit</h2>
              <ErrorSummary title="The media kit was not saved" errors={orphans} />
              <Field
                label="Headline"
                optional
                hint={`${draft.headline.length} / ${HEADLINE_MAX} · what you make and for whom, in one line`}
                errors={errorsFor(errors, 'headline')}
              >
                {(control) => (
                  <textarea
                    {...control}
                    className="textarea"
                    rows={2}
                    placeholder="Fitness & street dance, Paris"
                    value={draft.headline}
                    onChange={(e) => setDraft({ ...draft, headline: e.target.value })}
                  />
                )}
              </Field>
              <FieldGroup
                legend="Brands to show"
                hint="Only brands that redeemed one of your codes; each one only if you switch it on."
                errors={errorsFor(errors, 'shown_ad_account_ids')}
              >
                {settings.brands.length === 0 ? (
                  <p className="muted kit-no-brands">
                    <Sparkles size={14} aria-hidden /> No brand has redeemed one of your codes yet.
                  </p>
                ) : (
                  <ul className="kit-brand-list">
                    {settings.brands.map((b) => (
                      <li key={b.ad_account_id}>
                        <Switch
                          showLabel
                          label={`Show ${b.name}`}
                          checked={draft.shown.includes(b.ad_account_id)}
                          onChange={(on) =>
                            setDraft({
                              ...draft,
                              shown: on
                                ? [...draft.shown, b.ad_account_id]
                                : draft.shown.filter((id) => id !== b.ad_account_id),
                            })
                          }
                        />
                        <span className="hint">since {formatDate(b.since)}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </FieldGroup>
              <div className="row kit-actions">
                <span className="hint" aria-live="polite">
                  {dirty
                    ? 'Unsaved changes'
                    : `Saved · preview computed ${formatRelative(kit.data?.preview.generated_at ?? '')}`}
                </span>
                <span className="spacer" />
                {dirty && (
                  <Button
                    variant="ghost"
                    onClick={() => setDraft(toDraft(settings))}
                    disabled={save.isPending}
                  >
                    Discard
                  </Button>
                )}
                <Button
                  type="submit"
                  variant="primary"
                  icon={<Save size={16} aria-hidden />}
                  disabled={!dirty}
                  loading={save.isPending}
                >
                  Save
                </Button>
              </div>
            </form>
          </div>
          <section className="kit-preview" aria-labelledby="kit-preview-title">
            <h2 id="kit-preview-title" className="kit-preview-title">
              Preview{' '}
              <span className="hint">as brands see it{dirty ? ', with your unsaved changes' : ''}</span>
            </h2>
            <MediaKitView kit={preview} />
          </section>
        </div>
      )}
    </>
  );
}
