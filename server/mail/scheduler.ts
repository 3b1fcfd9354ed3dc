import { Cron } from 'croner';
import type { Kysely } from 'kysely';
import type { Hasher } from '../audit/chain.ts';
import type { DB } from '../db/types.ts';
import { dateIn } from '../http/context.ts';
import { loadSettings } from '../settings/service.ts';
import { queueDigest } from './digest.ts';
import { mailContext } from './outbox.ts';
import { queueReminders } from './reminders.ts';
import { type Delivery, drainOutbox } from './sender.ts';

export interface MailJobs {
  /** Sends what is due now (the loop calls it every few seconds). */
  drain(): Promise<void>;
  /** Queues today's reminders and last month's digest now (a fresh demo shows its mail at once). */
  runNow(): Promise<void>;
  stop(): void;
}

/** The month before `today`'s: what the digest on the 1st reports. */
export function previousMonth(today: string): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * Runs the mail side of a Node server: drains the outbox every few seconds, and queues the daily reminders
 * and the monthly digest on the cron schedules in settings (in the centre's time zone; a changed schedule
 * is picked up within a minute). Several server processes may all run this: dedupe keys keep each message
 * single and the outbox is drained with SKIP LOCKED.
 */
export async function startMailJobs(
  db: Kysely<DB>,
  options: {
    delivery: Delivery;
    publicUrl: string;
    timeZone: string;
    hasher?: Hasher;
    log: (message: string, err?: unknown) => void;
  },
): Promise<MailJobs> {
  const host = new URL(options.publicUrl).hostname;
  let draining: Promise<void> | null = null;
  const drain = () => {
    draining ??= drainOutbox(db, options.delivery, { host, hasher: options.hasher })
      .then((r) => {
        if (r.sent + r.failed > 0)
          options.log(`Mail: ${r.sent} sent, ${r.retrying} to retry, ${r.failed} failed.`);
      })
      .catch((err) => options.log('Mail: sending failed', err))
      .finally(() => {
        draining = null;
      });
    return draining;
  };
  const job = (name: string, run: (today: string) => Promise<unknown>) => async () => {
    const today = dateIn(new Date(), options.timeZone);
    try {
      options.log(`Mail: ${name} for ${today}: ${JSON.stringify(await run(today))}`);
      await drain();
    } catch (err) {
      options.log(`Mail: ${name} failed`, err);
    }
  };
  const context = () => mailContext(db, options.publicUrl, options.timeZone);
  const reminders = job('daily reminders', async (today) =>
    queueReminders(db, await context(), today, { hasher: options.hasher }),
  );
  const digest = job('monthly digest', async (today) =>
    queueDigest(db, await context(), previousMonth(today), { today, hasher: options.hasher }),
  );

  let crons: Cron[] = [];
  let patterns = '';
  const schedule = async () => {
    try {
      const s = await loadSettings(db);
      const now = `${s.reminderCron}|${s.digestCron}`;
      if (now === patterns) return;
      for (const c of crons) c.stop();
      crons = [
        new Cron(s.reminderCron, { timezone: options.timeZone, protect: true }, reminders),
        new Cron(s.digestCron, { timezone: options.timeZone, protect: true }, digest),
      ];
      patterns = now;
    } catch (err) {
      options.log('Mail: the schedule in settings is not valid', err);
    }
  };
  await schedule();
  const sender = setInterval(drain, 5_000);
  const reload = setInterval(schedule, 60_000);
  sender.unref();
  reload.unref();
  return {
    drain,
    runNow: async () => {
      await reminders();
      await digest();
    },
    stop() {
      clearInterval(sender);
      clearInterval(reload);
      for (const c of crons) c.stop();
      options.delivery.close?.();
    },
  };
}
