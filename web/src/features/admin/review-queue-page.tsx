import { Check, ExternalLink, FileCheck2, X } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { messageOf } from '../../api/client';
import { useDecideReview, usePlatformCreator, useReviews, useSettings } from '../../api/platform';
import type { ReviewItem, ReviewStatus } from '../../api/types';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { Segmented } from '../../components/controls';
import { Dialog } from '../../components/dialog';
import { Field } from '../../components/field';
import { PageHeader } from '../../components/page';
import { PhonePreview } from '../../components/phone-preview';
import { EmptyState, ErrorState, Skeleton } from '../../components/states';
import { useToast } from '../../components/toast';
import { formatDateTime, formatRelative, hostOf } from '../../lib/format';
import { ctaLabel, REVIEW_STATUS } from '../../lib/labels';

/** https:// · shop.example · /path?query: the domain is what a reviewer checks first. */
function urlParts(url: string): { scheme: string; host: string; rest: string } {
  try {
    const parsed = new URL(url);
    return {
      scheme: `${parsed.protocol}//`,
      host: parsed.host,
      rest: `${parsed.pathname}${parsed.search}${parsed.hash}`,
    };
  } catch {
    return { scheme: '', host: hostOf(url), rest: '' };
  }
}

function ReviewCard({ item, onReject }: { item: ReviewItem; onReject: (item: ReviewItem) => void }) {
  const creator = usePlatformCreator(item.post.creator_id);
  const decide = useDecideReview();
  const toast = useToast();
  const { ad, post } = item;
  const url = ad.landing_page_url;
  const parts = urlParts(url);
  return (
    <article className="card review-card" aria-label={`${item.ad_account_name}: “${post.caption}”`}>
      <div className="review-preview">
        <PhonePreview
          size="small"
          post={post}
          creator={
            creator.data ?? { handle: post.creator_id, display_name: post.creator_id, avatar_url: null }
          }
          callToAction={ad.call_to_action}
        />
      </div>
      <div className="review-details">
        <div className="row">
          <Badge tone={REVIEW_STATUS[ad.review_status].tone} dot>
            {REVIEW_STATUS[ad.review_status].label}
          </Badge>
          <span className="hint">submitted {formatRelative(ad.created_at)}</span>
        </div>
        <div>
          <h2>{ad.ad_name}</h2>
          <p className="muted">
            by <strong>{item.ad_account_name}</strong> · post by @{creator.data?.handle ?? post.creator_id}
          </p>
        </div>
        <dl className="review-list compact">
          <div>
            <dt>Landing page</dt>
            <dd>
              <a href={url} target="_blank" rel="noreferrer noopener" className="landing">
                <span>{parts.scheme}</span>
                <strong>{parts.host}</strong>
                <span>{parts.rest}</span>
                <ExternalLink size={13} aria-hidden />
              </a>
            </dd>
          </div>
          <div>
            <dt>Button</dt>
            <dd>{ad.call_to_action ? ctaLabel(ad.call_to_action) : 'None'}</dd>
          </div>
          <div>
            <dt>Caption</dt>
            <dd>“{post.caption}”</dd>
          </div>
          <div>
            <dt>Submitted</dt>
            <dd>{formatDateTime(ad.created_at)}</dd>
          </div>
          {ad.review_reason && (
            <div>
              <dt>Reason</dt>
              <dd>{ad.review_reason}</dd>
            </div>
          )}
        </dl>
        {ad.review_status === 'PENDING' && (
          <div className="row review-actions">
            <Button
              variant="primary"
              icon={<Check size={16} aria-hidden />}
              loading={decide.isPending}
              onClick={() =>
                decide.mutate(
                  { adId: ad.id, decision: 'approve' },
                  {
                    onSuccess: () => toast(`Approved “${ad.ad_name}”`),
                    onError: (e) => toast(messageOf(e), 'error'),
                  },
                )
              }
            >
              Approve
            </Button>
            <Button
              icon={<X size={16} aria-hidden />}
              disabled={decide.isPending}
              onClick={() => onReject(item)}
            >
              Reject…
            </Button>
          </div>
        )}
      </div>
    </article>
  );
}

function RejectDialog({ item, onClose }: { item: ReviewItem | null; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const decide = useDecideReview();
  const toast = useToast();
  function submit() {
    if (!item) return;
    if (!reason.trim()) return setError('Tell the advertiser why, so they can fix it');
    decide.mutate(
      { adId: item.ad.id, decision: 'reject', reason: reason.trim() },
      {
        onSuccess: () => {
          toast(`Rejected “${item.ad.ad_name}”`);
          setReason('');
          setError(null);
          onClose();
        },
        onError: (e) => setError(messageOf(e)),
      },
    );
  }
  return (
    <Dialog
      open={item !== null}
      onClose={onClose}
      busy={decide.isPending}
      title="Reject this ad"
      description={
        item ? `${item.ad_account_name} sees the reason in Ads Manager and is notified.` : undefined
      }
      footer={
        <>
          <Button onClick={onClose} disabled={decide.isPending}>
            Cancel
          </Button>
          <Button variant="danger" loading={decide.isPending} onClick={submit}>
            Reject ad
          </Button>
        </>
      }
    >
      <Field label="Reason" errors={error ? [{ field: 'reason', code: 'REQUIRED', message: error }] : []}>
        {(control) => (
          <textarea
            {...control}
            className="textarea"
            maxLength={1000}
            placeholder="The landing page does not match the product shown in the post."
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setError(null);
            }}
          />
        )}
      </Field>
    </Dialog>
  );
}

export function ReviewQueuePage() {
  const [status, setStatus] = useState<ReviewStatus>('PENDING');
  const reviews = useReviews(status);
  const settings = useSettings();
  const [rejecting, setRejecting] = useState<ReviewItem | null>(null);
  return (
    <>
      <PageHeader
        title="Ad review"
        description="Ads no automatic rule decided. Approve to let them serve; reject with a reason the advertiser sees."
      />
      <div className="toolbar">
        <Segmented
          name="review-status"
          label="Show"
          value={status}
          onChange={setStatus}
          options={[
            { value: 'PENDING', label: 'Pending' },
            { value: 'APPROVED', label: 'Approved' },
            { value: 'REJECTED', label: 'Rejected' },
          ]}
        />
        {settings.data && (
          <span className="hint">
            Auto-approve is <strong>{settings.data.auto_approve_ads ? 'on' : 'off'}</strong> ·{' '}
            <Link to="/admin/settings">change</Link>
          </span>
        )}
      </div>
      {reviews.error ? (
        <ErrorState error={reviews.error} onRetry={() => reviews.refetch()} />
      ) : reviews.isLoading ? (
        <div className="stack">
          <Skeleton height={260} radius={14} />
        </div>
      ) : reviews.items.length === 0 ? (
        <div className="card">
          <EmptyState
            icon={<FileCheck2 size={22} />}
            title={status === 'PENDING' ? 'Nothing to review' : 'No decisions yet'}
          >
            {status === 'PENDING'
              ? settings.data?.auto_approve_ads
                ? 'Auto-approve is on: ads with an https landing page on an allowed domain are approved as they come in.'
                : 'New ads will wait here for your decision.'
              : 'Decided ads appear here.'}
          </EmptyState>
        </div>
      ) : (
        <div className="stack">
          {reviews.items.map((item) => (
            <ReviewCard key={item.ad.id} item={item} onReject={setRejecting} />
          ))}
          {reviews.hasNextPage && (
            <Button onClick={() => reviews.fetchNextPage()} loading={reviews.isFetchingNextPage}>
              Load more
            </Button>
          )}
        </div>
      )}
      <RejectDialog item={rejecting} onClose={() => setRejecting(null)} />
    </>
  );
}
