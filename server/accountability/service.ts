import type { z } from '@hono/zod-openapi';
import { unitPath } from '../catalog/queries.ts';
import { type AppContext, me, today } from '../http/context.ts';
import { afterId, toPage } from '../http/pagination.ts';
import { l, problem } from '../http/problem.ts';
import { keysetPage } from '../db/list.ts';
import { type AccountabilityRow, accountabilityQuery, outcomeCounts } from './queries.ts';
import type { AccountabilityFilter, AccountabilityQuery, AccountabilityRecordView } from './schema.ts';
import { AccountabilityOutcomes } from '../forms/schema.ts';

const ref = (id: number, name: string, nameEn: string) => ({ id, name, nameEn });

/** The register's rows for the caller and filter; an unknown unit is a 400 naming it. */
export async function registerQuery(c: AppContext, f: AccountabilityFilter) {
  const { db, timeZone } = c.get('deps');
  if (f.unitId !== undefined && (await unitPath(db, f.unitId)) === undefined) {
    throw problem.validation([{ path: 'unitId', message: l('no such unit', '单位不存在'), in: 'query' }]);
  }
  return accountabilityQuery(db, me(c), f, today(c), timeZone);
}

export function toRecordView(r: AccountabilityRow): AccountabilityRecordView {
  return {
    id: r.id,
    form: { id: r.formId, number: r.formNumber, problem: r.problem, status: r.status },
    person: r.personId === null ? null : ref(r.personId, r.personName ?? '', r.personNameEn ?? ''),
    post: { ...ref(r.postId, r.postName, r.postNameEn), code: r.postCode },
    unit: ref(r.unitId, r.unitName, r.unitNameEn),
    outcome: r.outcome,
    situation: r.situation,
    basis: r.basis,
    notes: r.notes,
    decidedBy: r.decidedBy === null ? null : ref(r.decidedBy, r.decidedByName ?? '', r.decidedByNameEn ?? ''),
    decidedAt: new Date(r.decidedAt).toISOString(),
  };
}

/** A page of the register, newest first, with the count per outcome of everything that matches. */
export async function listAccountability(c: AppContext, q: z.infer<typeof AccountabilityQuery>) {
  const { limit, cursor, ...filter } = q;
  const base = await registerQuery(c, filter);
  const [{ rows, total }, counts] = await Promise.all([
    keysetPage(base, 'a.id', afterId(cursor), limit, 'desc'),
    outcomeCounts(base),
  ]);
  const byOutcome = Object.fromEntries(AccountabilityOutcomes.map((o) => [o, 0])) as Record<
    (typeof AccountabilityOutcomes)[number],
    number
  >;
  for (const row of counts) byOutcome[row.outcome] = Number(row.n);
  return {
    ...toPage(rows.map(toRecordView), limit, total, (r) => [r.id]),
    byOutcome,
  };
}
