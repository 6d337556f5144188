import { useEffect, useState } from 'react';
import { isApiError, messageOf } from '../../api/client';
import { useExtendAuthorization } from '../../api/creator';
import type { Authorization, AuthorizationDuration } from '../../api/types';
import { Button } from '../../components/button';
import { Segmented } from '../../components/controls';
import { Dialog } from '../../components/dialog';
import { ErrorText } from '../../components/field';
import { useToast } from '../../components/toast';
import { formatDate } from '../../lib/format';
import { DEFAULT_DURATION, DURATIONS, durationLabel } from './authorize-dialog';

/** The API adds the days to the later of now and the current end. */
function newEnd(authorization: Authorization, days: number): string {
  const from = Math.max(Date.now(), new Date(authorization.auth_end_time).getTime());
  return new Date(from + days * 86_400_000).toISOString();
}

export function ExtendDialog({
  authorization,
  onClose,
}: {
  authorization: Authorization | null;
  onClose: () => void;
}) {
  const [duration, setDuration] = useState<AuthorizationDuration>(DEFAULT_DURATION);
  const extend = useExtendAuthorization();
  const toast = useToast();
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset for each authorization
  useEffect(() => {
    setDuration(DEFAULT_DURATION);
    extend.reset();
  }, [authorization?.id]);
  const error = extend.error;
  return (
    <Dialog
      open={authorization !== null}
      onClose={onClose}
      busy={extend.isPending}
      title="Extend the authorization"
      description={
        authorization?.ad_account
          ? `${authorization.ad_account.name} keeps using the post; paused ads resume if it had ended.`
          : 'The code stays valid for longer.'
      }
      footer={
        <>
          <Button onClick={onClose} disabled={extend.isPending}>
            Cancel
          </Button>
          <Button
            variant="primary"
            loading={extend.isPending}
            onClick={() =>
              authorization &&
              extend.mutate(
                { id: authorization.id, durationDays: duration },
                {
                  onSuccess: (updated) => {
                    toast(`Extended until ${formatDate(updated.auth_end_time)}`);
                    onClose();
                  },
                },
              )
            }
          >
            Extend by {durationLabel(duration)}
          </Button>
        </>
      }
    >
      {authorization && (
        <>
          <div className="field">
            <span className="label">Add</span>
            <Segmented
              name="extend"
              label="Extend by"
              block
              value={duration}
              onChange={setDuration}
              options={DURATIONS.map((d) => ({ value: d, label: durationLabel(d) }))}
            />
            <ErrorText errors={isApiError(error) ? error.errorsFor('duration_days') : []} />
          </div>
          <p>
            Now ends <strong>{formatDate(authorization.auth_end_time)}</strong>. After extending:{' '}
            <strong>{formatDate(newEnd(authorization, duration))}</strong>.
          </p>
          {error && !(isApiError(error) && error.errors.length > 0) && (
            <div className="callout red" role="alert">
              {messageOf(error)}
            </div>
          )}
        </>
      )}
    </Dialog>
  );
}
