import { z } from '@hono/zod-openapi';
import { IsoDate } from '../common/schema.ts';

export const WorkingDaysQuery = z.strictObject({
  from: IsoDate,
  add: z.coerce.number().int().min(0).max(365),
});
export const WorkingDaysSchema = z.object({ date: z.string() }).openapi('WorkingDay');
