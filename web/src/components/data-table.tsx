import type { ReactNode } from 'react';
import { Button } from './button';
import { ErrorState, Skeleton } from './states';

export interface Column<T> {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  /** The cell that names the row; on phones it heads the row's card. */
  primary?: boolean;
  align?: 'end';
  /** Hidden header text (for a column of toggles). */
  hideHeader?: boolean;
  width?: number | string;
}

interface DataTableProps<T> {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  isLoading: boolean;
  error?: unknown;
  onRetry?: () => void;
  empty: ReactNode;
  hasMore?: boolean;
  onMore?: () => void;
  loadingMore?: boolean;
}

/** A table on desktop that becomes a stack of labelled cards on phones, with its loading, error and empty states. */
export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  isLoading,
  error,
  onRetry,
  empty,
  hasMore,
  onMore,
  loadingMore,
}: DataTableProps<T>) {
  if (error) return <ErrorState error={error} onRetry={onRetry} />;
  if (!isLoading && rows.length === 0) return <div className="card">{empty}</div>;
  return (
    <div className="table-wrap">
      <table className="table" aria-busy={isLoading || undefined}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c.key}
                scope="col"
                className={c.align === 'end' ? 'align-end' : undefined}
                style={c.width ? { width: c.width } : undefined}
              >
                {c.hideHeader ? <span className="visually-hidden">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {isLoading
            ? Array.from({ length: 4 }, (_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity
                <tr key={i}>
                  {columns.map((c) => (
                    <td key={c.key} data-label={c.header} className={c.primary ? 'primary-cell' : undefined}>
                      <Skeleton width={c.primary ? '70%' : '60px'} />
                    </td>
                  ))}
                </tr>
              ))
            : rows.map((row) => (
                <tr key={rowKey(row)}>
                  {columns.map((c) => (
                    <td
                      key={c.key}
                      data-label={c.header}
                      className={
                        [c.primary && 'primary-cell', c.align === 'end' && 'align-end']
                          .filter(Boolean)
                          .join(' ') || undefined
                      }
                    >
                      {c.render(row)}
                    </td>
                  ))}
                </tr>
              ))}
        </tbody>
      </table>
      {hasMore && (
        <div className="table-footer">
          <Button size="small" onClick={onMore} loading={loadingMore}>
            Load more
          </Button>
        </div>
      )}
    </div>
  );
}
