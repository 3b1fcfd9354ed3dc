import type { SelectQueryBuilder } from 'kysely';

/**
 * One page of a filtered query in key order (keyset: the rows past `after`, limit + 1 of them, so the caller
 * knows whether another page exists), and the filtered total, in one call. `base` carries the filters and
 * the selection; `key` is the unique ordering column. Newest-first lists pass `'desc'`.
 */
export async function keysetPage<O>(
  // biome-ignore lint/suspicious/noExplicitAny: the builder's table set varies per caller
  base: SelectQueryBuilder<any, any, O>,
  key: `${string}.${string}`,
  after: number | undefined,
  limit: number,
  direction: 'asc' | 'desc' = 'asc',
  /**
   * The same filters over the main table alone, to count on: the rows' joins only add names, and PostgreSQL
   * does not drop an inner join from a count (on 3,318 grade-A points, 7.5 ms with the joins, under 1 ms
   * without). Without it the page's own query is counted.
   */
  // biome-ignore lint/suspicious/noExplicitAny: the builder's table set varies per caller
  counted?: SelectQueryBuilder<any, any, any>,
) {
  // biome-ignore lint/suspicious/noExplicitAny: the column reference is checked by the caller's table alias
  const col = key as any;
  const [rows, count] = await Promise.all([
    (after === undefined ? base : base.where(col, direction === 'asc' ? '>' : '<', after))
      .orderBy(col, direction)
      .limit(limit + 1)
      .execute(),
    (counted ?? base.clearSelect().clearOrderBy())
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow() as Promise<{ n: number }>,
  ]);
  return { rows: rows as O[], total: count.n };
}

/** The rows past `after` in key order, `limit` of them and no count: a batch of a streamed export. */
export function keysetRows<O>(
  // biome-ignore lint/suspicious/noExplicitAny: the builder's table set varies per caller
  base: SelectQueryBuilder<any, any, O>,
  key: `${string}.${string}`,
  after: number | undefined,
  limit: number,
  direction: 'asc' | 'desc' = 'asc',
): Promise<O[]> {
  // biome-ignore lint/suspicious/noExplicitAny: the column reference is checked by the caller's table alias
  const col = key as any;
  return (after === undefined ? base : base.where(col, direction === 'asc' ? '>' : '<', after))
    .orderBy(col, direction)
    .limit(limit)
    .execute() as Promise<O[]>;
}
