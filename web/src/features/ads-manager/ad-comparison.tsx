import { Trophy } from 'lucide-react';
import { useState } from 'react';
import { useComparison } from '../../api/reports';
import type { Comparison } from '../../api/types';
import { Badge } from '../../components/badge';
import { Segmented } from '../../components/controls';
import { ErrorState, Skeleton } from '../../components/states';
import { formatInteger, formatMoney, formatPercent } from '../../lib/format';
import type { Tone } from '../../lib/labels';
import { metricLabel } from '../../lib/metrics';

const STATUS: Record<Comparison['status'], { label: string; tone: Tone }> = {
  WINNER: { label: 'Clear winner', tone: 'green' },
  NO_CLEAR_WINNER: { label: 'No clear winner yet', tone: 'amber' },
  NOT_ENOUGH_DATA: { label: 'Not enough data', tone: 'gray' },
};

/** Which ad, post or creator of an ad group wins on its result, and whether that is reliable yet. */
export function AdComparison({ accountId, adGroupId }: { accountId: string; adGroupId: string }) {
  const [by, setBy] = useState<Comparison['by']>('AD');
  const comparison = useComparison(accountId, adGroupId, by);
  const data = comparison.data;
  return (
    <section className="card comparison-card" aria-labelledby="comparison-title">
      <div className="chart-card-head">
        <span className="icon-tile" aria-hidden>
          <Trophy size={16} />
        </span>
        <h2 id="comparison-title">Which one wins</h2>
        {data && (
          <Badge tone={STATUS[data.status].tone} dot>
            {STATUS[data.status].label}
          </Badge>
        )}
        <span className="spacer" />
        <Segmented
          name="compare-by"
          label="Compare"
          value={by}
          onChange={setBy}
          options={[
            { value: 'AD', label: 'Ads' },
            { value: 'POST', label: 'Posts' },
            { value: 'CREATOR', label: 'Creators' },
          ]}
        />
      </div>
      {comparison.error ? (
        <ErrorState error={comparison.error} onRetry={() => comparison.refetch()} />
      ) : !data ? (
        <Skeleton height={80} radius={10} />
      ) : (
        <>
          <p className="muted">
            Result:{' '}
            <strong>
              {metricLabel(data.result_metric)
                .replace(/^Paid /, '')
                .toLowerCase()}
            </strong>{' '}
            (the ad group’s goal), ranked by{' '}
            {data.basis === 'COST_PER_RESULT' ? 'cost per result' : 'result rate'}.{' '}
            {data.reason.charAt(0).toUpperCase() + data.reason.slice(1).replace(/\.$/, '')}.
          </p>
          <ul className="comparison-list">
            {data.variants.map((v) => (
              <li key={v.id} data-leader={v.id === data.leader_id || undefined}>
                <div className="comparison-name">
                  <strong className="truncate">{v.name ?? v.id}</strong>
                  {v.id === data.leader_id && <Badge tone="accent">Leader</Badge>}
                </div>
                <div className="comparison-numbers hint num">
                  {formatInteger(v.impressions)} impressions · {formatInteger(v.results)} results
                  {v.result_rate !== null && ` (${v.result_rate}%)`}
                  {v.cost_per_result !== null && ` · ${formatMoney(v.cost_per_result, data.currency)} each`}
                </div>
                <div className="bar-list-track" aria-hidden>
                  <span style={{ width: `${Math.max(v.probability_best * 100, 1)}%` }} />
                </div>
                <span className="num comparison-prob">
                  {formatPercent(v.probability_best, 0)}
                  <span className="visually-hidden"> chance to be the best</span>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
