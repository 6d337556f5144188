import { CircleCheck, Lock } from 'lucide-react';
import { useEffect, useState } from 'react';
import { isApiError, messageOf } from '../../api/client';
import { useAuthorizePost } from '../../api/creator';
import type { AuthorizationDuration, Post } from '../../api/types';
import { PerformanceBadge } from '../../components/badge';
import { Button } from '../../components/button';
import { Segmented } from '../../components/controls';
import { CopyButton } from '../../components/copy-button';
import { Dialog } from '../../components/dialog';
import { ErrorText, Field } from '../../components/field';
import { Poster } from '../../components/media';
import { formatDate } from '../../lib/format';

export const DURATIONS: AuthorizationDuration[] = [7, 30, 60, 365];
export const DEFAULT_DURATION: AuthorizationDuration = 30;

export function durationLabel(days: number): string {
  return days === 365 ? '1 year' : `${days} days`;
}

function endDate(days: number): string {
  return formatDate(new Date(Date.now() + days * 86_400_000).toISOString());
}

/** Authorize one post: pick how long (30 days unless changed), get the code once, copy it. */
export function AuthorizeDialog({ post, onClose }: { post: Post | null; onClose: () => void }) {
  const [duration, setDuration] = useState<AuthorizationDuration>(DEFAULT_DURATION);
  const [note, setNote] = useState('');
  const [attempt, setAttempt] = useState(() => crypto.randomUUID());
  const authorize = useAuthorizePost();

  // Each opening starts fresh: a new attempt id and the default duration.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when another post opens the dialog
  useEffect(() => {
    if (!post) return;
    setDuration(DEFAULT_DURATION);
    setNote('');
    setAttempt(crypto.randomUUID());
    authorize.reset();
  }, [post?.id]);

  const created = authorize.data;
  const error = authorize.error;
  const fieldErrors = (field: string) => (isApiError(error) ? error.errorsFor(field) : []);
  const generalError = error && !(isApiError(error) && error.errors.length > 0);

  return (
    <Dialog
      open={post !== null}
      onClose={onClose}
      busy={authorize.isPending}
      title={created ? 'Your code is ready' : 'Authorize for Spark ads'}
      description={
        created
          ? 'Send it to the brand. It is shown only once: Kindling keeps only a fingerprint of it.'
          : 'A brand can promote this post under your name. Likes, comments and follows stay on your post.'
      }
      footer={
        created ? (
          <Button variant="primary" onClick={onClose}>
            Done
          </Button>
        ) : (
          <>
            <Button onClick={onClose} disabled={authorize.isPending}>
              Cancel
            </Button>
            <Button
              variant="primary"
              loading={authorize.isPending}
              onClick={() =>
                post &&
                authorize.mutate({
                  postId: post.id,
                  durationDays: duration,
                  note: note.trim() || null,
                  attempt,
                })
              }
            >
              Get code
            </Button>
          </>
        )
      }
    >
      {post && (
        <div className="post-summary">
          <Poster src={post.media_url} width={46} />
          <div style={{ minWidth: 0 }}>
            <p className="clamp-2">{post.caption}</p>
            <PerformanceBadge performance={post.performance} />
          </div>
        </div>
      )}
      {created ? (
        <>
          <div className="code-box">
            <code>{created.auth_code}</code>
            <CopyButton text={created.auth_code} label="Copy code" />
          </div>
          <div className="callout green">
            <CircleCheck size={18} aria-hidden />
            <span>
              Valid until <strong>{formatDate(created.auth_end_time)}</strong> (
              {durationLabel(created.duration_days)}). You can extend or revoke it at any time from
              Authorizations.
            </span>
          </div>
        </>
      ) : (
        <>
          <div className="field">
            <span className="label" id="duration-label">
              How long may the brand use it?
            </span>
            <Segmented
              name="duration"
              label="Authorization length"
              block
              value={duration}
              onChange={setDuration}
              options={DURATIONS.map((d) => ({
                value: d,
                label: durationLabel(d),
                sublabel: `until ${endDate(d)}`,
              }))}
            />
            <ErrorText errors={fieldErrors('duration_days')} />
          </div>
          <Field
            label="Note for yourself"
            optional
            hint="Which brand the code is for."
            errors={fieldErrors('note')}
          >
            {(control) => (
              <input
                {...control}
                className="input"
                maxLength={200}
                placeholder="For Acme Shoes"
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
            )}
          </Field>
          <p className="hint row" style={{ gap: 6 }}>
            <Lock size={13} aria-hidden /> While the post is authorized its caption is locked.
          </p>
          {generalError && (
            <div className="callout red" role="alert">
              <span>{messageOf(error)}</span>
            </div>
          )}
        </>
      )}
    </Dialog>
  );
}
