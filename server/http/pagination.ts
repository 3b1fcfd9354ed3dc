import { l, problem } from './problem.ts';

export interface Page<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

/** Cursor = base64url of the last row's sort key; opaque to clients. */
export function encodeCursor(key: (string | number)[]): string {
  return btoa(JSON.stringify(key)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export function decodeCursor(cursor: string, shape: ('string' | 'number')[]): (string | number)[] {
  try {
    const key = JSON.parse(atob(cursor.replaceAll('-', '+').replaceAll('_', '/')));
    if (Array.isArray(key) && key.length === shape.length && key.every((v, i) => typeof v === shape[i]))
      return key;
  } catch {
    // fall through to the problem below
  }
  throw problem.validation([
    { path: 'cursor', message: l('not a cursor from this list', '分页游标无效'), in: 'query' },
  ]);
}

/** Rows were fetched with limit + 1 to learn whether another page exists. */
export function toPage<T>(
  rows: T[],
  limit: number,
  total: number,
  keyOf: (row: T) => (string | number)[],
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, total, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}

/** An id-ordered cursor, the common case. */
export function afterId(cursor: string | undefined): number | undefined {
  return cursor === undefined ? undefined : (decodeCursor(cursor, ['number'])[0] as number);
}
