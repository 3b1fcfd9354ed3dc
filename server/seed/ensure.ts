import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { dateIn } from '../http/context.ts';
import { argon2Passwords } from '../passwords.ts';
import { DEMO_PASSWORD, isEmpty, seedDemo } from './demo.ts';
import { seedDemoForms } from './forms.ts';
import { seedDemoInspections } from './inspections.ts';
import { seedDemoCases } from './lessons.ts';

/**
 * Seeds the demo centre, a year of its forms and the history of its supervisors' checks into an empty
 * database; does nothing when there is data.
 */
export async function ensureDemo(db: Kysely<DB>, timeZone: string, today = dateIn(new Date(), timeZone)) {
  if (!(await isEmpty(db))) return null;
  const started = performance.now();
  const catalogue = await seedDemo(db, { passwordHash: await argon2Passwords.hash(DEMO_PASSWORD), today });
  const forms = await seedDemoForms(db, { today });
  const inspections = await seedDemoInspections(db, { today });
  const cases = await seedDemoCases(db, { now: new Date() });
  return {
    counts: { ...catalogue, forms: forms.forms, formsByStatus: forms.byStatus, inspections, cases },
    ms: Math.round(performance.now() - started),
  };
}
