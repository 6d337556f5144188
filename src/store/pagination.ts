import { KindlingError } from '../domain/errors.js';

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** Cursors are opaque to clients: base64url JSON of the last id served (ids sort by creation time). */
export function encodeCursor(lastId: string): string {
  return Buffer.from(JSON.stringify({ after: lastId })).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && 'after' in value && typeof value.after === 'string')
      return value.after;
  } catch {
    // fall through to the error below
  }
  throw new KindlingError('INVALID_CURSOR', {
    detail: 'cursor is not one this API returned',
    errors: [{ field: 'cursor', code: 'INVALID_CURSOR', message: 'not a cursor this API returned' }],
  });
}

/** Turns `limit + 1` rows fetched newest-first into a page and the cursor for the next one. */
export function toPage<Row extends { id: string }, T>(
  rows: Row[],
  limit: number,
  map: (row: Row) => T,
): Page<T> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { data: pageRows.map(map), nextCursor: hasMore && last ? encodeCursor(last.id) : null };
}
