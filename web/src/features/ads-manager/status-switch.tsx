import { type StatusTarget, useSetStatus } from '../../api/advertiser';
import { messageOf } from '../../api/client';
import type { OperationStatus } from '../../api/types';
import { Switch } from '../../components/controls';
import { useToast } from '../../components/toast';
import { useAdAccount } from '../../session/session';

const NOUN: Record<StatusTarget, string> = { campaigns: 'Campaign', 'ad-groups': 'Ad group', ads: 'Ad' };

/** On/off for a campaign, ad group or ad. Analysts (read only) do not get the switch at all. */
export function StatusSwitch({
  target,
  id,
  name,
  status,
}: {
  target: StatusTarget;
  id: string;
  name: string;
  status: OperationStatus;
}) {
  const { account, canWrite } = useAdAccount();
  const mutation = useSetStatus(account.id, target);
  const toast = useToast();
  if (!canWrite) return null;
  const pending = mutation.isPending ? mutation.variables?.status : undefined;
  const checked = pending ? pending === 'ENABLE' : status === 'ENABLE';
  return (
    <Switch
      label={`${checked ? 'Pause' : 'Turn on'} ${name}`}
      checked={checked}
      disabled={mutation.isPending}
      onChange={(on) =>
        mutation.mutate(
          { id, status: on ? 'ENABLE' : 'DISABLE' },
          {
            onSuccess: () => toast(`${NOUN[target]} ${on ? 'turned on' : 'paused'}`),
            onError: (e) => toast(messageOf(e), 'error'),
          },
        )
      }
    />
  );
}
