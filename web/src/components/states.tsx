import { CircleAlert, Inbox } from 'lucide-react';
import type { CSSProperties, ReactNode } from 'react';
import { messageOf } from '../api/client';
import { Button } from './button';

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return (
    <div role="status" className="row" style={{ justifyContent: 'center', padding: 32 }}>
      <div className="spinner" aria-hidden />
      <span className="visually-hidden">{label}</span>
    </div>
  );
}

export function Skeleton({
  width = '100%',
  height = 14,
  radius,
}: {
  width?: number | string;
  height?: number | string;
  radius?: number;
}) {
  return <span className="skeleton" style={{ width, height, borderRadius: radius }} aria-hidden />;
}

export function EmptyState({
  icon = <Inbox size={22} />,
  title,
  children,
  actions,
}: {
  icon?: ReactNode;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="state">
      <div className="state-icon" aria-hidden>
        {icon}
      </div>
      <h2>{title}</h2>
      {children && <p>{children}</p>}
      {actions && <div className="actions">{actions}</div>}
    </div>
  );
}

export function ErrorState({
  error,
  onRetry,
  title = 'This could not be loaded',
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  return (
    <div className="state error" role="alert">
      <div className="state-icon" aria-hidden>
        <CircleAlert size={22} />
      </div>
      <h2>{title}</h2>
      <p>{messageOf(error)}</p>
      {onRetry && (
        <div className="actions">
          <Button onClick={onRetry}>Try again</Button>
        </div>
      )}
    </div>
  );
}

/** Cards of grey bars while a list loads. */
export function CardsSkeleton({ count = 6, posterHeight = 220 }: { count?: number; posterHeight?: number }) {
  return (
    <div className="post-grid" aria-busy="true">
      <span className="visually-hidden" role="status">
        Loading
      </span>
      {Array.from({ length: count }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
        <div className="card post-card" key={i}>
          <Skeleton height={posterHeight} radius={10} />
          <div className="stack" style={{ '--gap': '8px', padding: '12px 2px 4px' } as CSSProperties}>
            <Skeleton width="80%" />
            <Skeleton width="50%" />
          </div>
        </div>
      ))}
    </div>
  );
}
