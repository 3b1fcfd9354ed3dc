import { z } from '@hono/zod-openapi';
import { IsoDate } from '../common/schema.ts';

const PerGrade = (min: number, max: number) =>
  z.strictObject({
    A: z.number().int().min(min).max(max),
    B: z.number().int().min(min).max(max),
    C: z.number().int().min(min).max(max),
  });

/** The messages a person may turn off unless the centre makes them mandatory (emails/<name>.mjml). */
export const MailTemplates = [
  'form-filed',
  'verification-requested',
  'form-status',
  'reminder',
  'digest',
  'digest-reminder',
  'talk-flag',
] as const;
export const MailTemplateSchema = z.enum(MailTemplates);

const Cron = z
  .string()
  .trim()
  .regex(/^[\d*/,\-A-Za-z?LW#]+( [\d*/,\-A-Za-z?LW#]+){4}$/, 'must be a cron expression of five fields')
  .openapi({ example: '30 8 * * *' });

const Points = z.number().int().min(0).max(100);

/** Points a post's monthly scorecard loses, per cause (each deduction links to its form or check). */
const ScorecardRules = z
  .strictObject({
    overduePerWorkingDay: Points.openapi({ description: 'Per working day a form of the post is overdue' }),
    failedCheck: PerGrade(0, 100).openapi({
      description: 'Per failed spot check of a risk point of the post, by the point’s grade when checked',
    }),
    validComplaint: Points.openapi({ description: 'Per complaint form found in the month, not cancelled' }),
    reopened: Points.openapi({ description: 'Per form reopened after closure in the month' }),
  })
  .openapi({ description: 'Monthly post scorecard deductions (each post starts a month at 100)' });

/** The lowest score of each band; below `pass` is the bottom band (fail). */
const ScoreBands = z
  .strictObject({
    excellent: z.number().int().min(1).max(100),
    good: z.number().int().min(1).max(100),
    pass: z.number().int().min(1).max(100),
  })
  .refine((b) => b.excellent > b.good && b.good > b.pass, {
    message: 'must fall: excellent above good above pass',
  })
  .openapi({
    description: 'Scorecard bands: the lowest score of excellent, good and pass; below pass fails',
  });

export const SettingsValues = z.strictObject({
  deadlineDays: PerGrade(1, 120).openapi({
    description: 'Working days from filing to a form deadline, per grade',
  }),
  checkFrequencyMonths: PerGrade(1, 24).openapi({
    description: 'How often a risk point is spot-checked, per grade',
  }),
  yellowCardRatio: z
    .number()
    .min(0.1)
    .max(1)
    .openapi({ description: 'Share of the time used that raises a yellow card' }),
  recheckAfterDays: z.number().int().min(1).max(365).openapi({
    description: 'Days after a form closes that the effectiveness re-check of its fix falls due',
  }),
  yellowCardDaysLeft: z
    .number()
    .int()
    .min(0)
    .max(30)
    .openapi({ description: 'Working days left that raise a yellow card' }),
  escalateAfterWorkingDays: z.number().int().min(1).max(60).openapi({
    description: 'Working days overdue after which the leader in charge is told (escalation)',
  }),
  digestReminderWorkingDays: z.number().int().min(1).max(30).openapi({
    description: 'Working days after which an unread monthly digest is followed by one reminder',
  }),
  mandatoryMail: z.array(MailTemplateSchema).max(MailTemplates.length).openapi({
    description: 'Messages nobody may turn off; the others each person may choose',
  }),
  reminderCron: Cron.openapi({
    description: 'When the daily reminders go out (centre time zone; only on working days)',
  }),
  digestCron: Cron.openapi({ description: 'When the monthly digest goes out (centre time zone)' }),
  holidays: z.array(IsoDate).max(400).openapi({
    description: 'Public holidays the built-in calendar does not know yet (a year announced after it)',
  }),
  makeUpWorkdays: z.array(IsoDate).max(100).openapi({
    description: 'Make-up working days (调休) on weekends that the built-in calendar does not know yet',
  }),
  scorecardRules: ScorecardRules,
  scoreBands: ScoreBands,
});
export type SettingsValues = z.infer<typeof SettingsValues>;

export const DEFAULT_SETTINGS: SettingsValues = {
  deadlineDays: { A: 5, B: 10, C: 15 },
  checkFrequencyMonths: { A: 1, B: 3, C: 6 },
  yellowCardRatio: 0.8,
  yellowCardDaysLeft: 1,
  recheckAfterDays: 30,
  escalateAfterWorkingDays: 3,
  digestReminderWorkingDays: 5,
  mandatoryMail: [
    'form-filed',
    'verification-requested',
    'reminder',
    'digest',
    'digest-reminder',
    'talk-flag',
  ],
  reminderCron: '30 8 * * *',
  digestCron: '0 8 1 * *',
  holidays: [],
  makeUpWorkdays: [],
  scorecardRules: {
    overduePerWorkingDay: 2,
    failedCheck: { A: 5, B: 3, C: 1 },
    validComplaint: 5,
    reopened: 3,
  },
  scoreBands: { excellent: 90, good: 80, pass: 60 },
};

export const SettingsSchema = SettingsValues.extend({ version: z.number().int() }).openapi('Settings');
export const SettingsPatch = SettingsValues.partial().openapi('SettingsPatch');
