import { z } from '@hono/zod-openapi';
import { IsoDate } from '../common/schema.ts';

/** Dates the calendar answers for: this century (the statutory data begins in 2004). */
export const CalendarDate = IsoDate.refine(
  (d) => d >= '2000-01-01' && d <= '2099-12-31',
  'must be between 2000-01-01 and 2099-12-31',
);

export const WorkingDaysQuery = z.strictObject({
  from: CalendarDate,
  add: z
    .string()
    .regex(/^\d{1,3}$/, 'must be a whole number of working days, 0-365')
    .transform(Number)
    .refine((n) => n <= 365, 'must be at most 365'),
});
export const WorkingDaysSchema = z
  .object({
    date: z.string(),
    officialCalendar: z.boolean().openapi({
      description:
        'false when the count runs past the years whose holidays are known: weekends only were skipped there',
    }),
  })
  .openapi('WorkingDay');
