import { z } from '@hono/zod-openapi';

/** Schemas shared by every domain; pure zod, importable by the web client. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50).openapi({ description: 'Page size, 1-500.' }),
  cursor: z.string().max(200).optional().openapi({ description: 'nextCursor from the previous page.' }),
});

/** A list endpoint's query: its filters plus paging; unknown parameters are refused. */
export function listQuery<S extends z.ZodRawShape>(filters: S) {
  return PageQuery.extend(filters).strict();
}

/** The list shape every collection answers with. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), nextCursor: z.string().nullable() });
}

export const Id = z.coerce.number().int().positive().max(2147483647);
/** A person, unit or other record by id and name in both languages. */
export const NamedRef = z.object({ id: z.number().int(), name: z.string(), nameEn: z.string() });
export const IsoDate = z.iso.date({ error: 'must be a date YYYY-MM-DD' });
export const Stages = ['accept', 'review', 'decide', 'complete', 'deliver', 'post_supervision'] as const;
export const StageSchema = z.enum(Stages).openapi({
  description:
    'accept 受理, review 审查, decide 决定, complete 办结, deliver 送达, post_supervision 事后监管',
});
export const Grades = ['A', 'B', 'C'] as const;
export const GradeSchema = z.enum(Grades);
export const Text = (max: number) => z.string().trim().min(1, 'required').max(max);
