import type { SelectQueryBuilder } from 'kysely';

/**
 * One page of a filtered query in id order (keyset: `id > after`, limit + 1 rows), and the filtered
 * total, in one call. `base` carries the filters and the selection; `id` is the ordering column.
 */
export async function keysetPage<O extends { id: number }>(
  // biome-ignore lint/suspicious/noExplicitAny: the builder's table set varies per caller
  base: SelectQueryBuilder<any, any, O>,
  id: `${string}.id`,
  after: number | undefined,
  limit: number,
) {
  // biome-ignore lint/suspicious/noExplicitAny: the column reference is checked by the caller's table alias
  const col = id as any;
  const [rows, count] = await Promise.all([
    (after === undefined ? base : base.where(col, '>', after))
      .orderBy(col)
      .limit(limit + 1)
      .execute(),
    base
      .clearSelect()
      .clearOrderBy()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow() as Promise<{ n: number }>,
  ]);
  return { rows: rows as O[], total: count.n };
}
