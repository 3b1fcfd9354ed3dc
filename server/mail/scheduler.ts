import { Cron } from 'croner';
import type { Kysely } from 'kysely';
import type { Hasher } from '../audit/chain.ts';
import type { DB } from '../db/types.ts';
import { dateIn } from '../http/context.ts';
import { closeDueMonth } from '../scorecards/service.ts';
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
  /** Stops the schedules and waits for the message being sent. */
  stop(): Promise<void>;
}

/** The month before `today`'s: what the digest on the 1st reports. */
export function previousMonth(today: string): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * The two scheduled jobs, run by each runtime's own clock (croner on Node, cron triggers on Workers): a day's
 * reminders, and on the 1st the month before's digest. Both queue only what is missing, so running one twice
 * sends nothing twice.
 */
export function scheduledJobs(db: Kysely<DB>, o: { publicUrl: string; timeZone: string; hasher?: Hasher }) {
  const context = () => mailContext(db, o.publicUrl, o.timeZone);
  return {
    reminders: async (today: string) => queueReminders(db, await context(), today, { hasher: o.hasher }),
    digest: async (today: string) =>
      queueDigest(db, await context(), previousMonth(today), { today, hasher: o.hasher }),
    /** Freezes last month's scorecards on the first working day (a no-op on other days, or once done). */
    scorecards: (today: string) => closeDueMonth(db, { ...o, today }),
  };
}

/** When the daily scorecard job runs (centre time): early, so the day's mail sees the closed month. */
const SCORECARD_CRON = '0 1 * * *';

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
  const stopping = new AbortController();
  const drain = () => {
    if (stopping.signal.aborted) return Promise.resolve();
    draining ??= drainOutbox(db, options.delivery, { host, hasher: options.hasher, signal: stopping.signal })
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
  const jobs = scheduledJobs(db, options);
  const reminders = job('daily reminders', jobs.reminders);
  const digest = job('monthly digest', jobs.digest);
  const scorecards = job('scorecard month close', jobs.scorecards);
  const closing = new Cron(SCORECARD_CRON, { timezone: options.timeZone, protect: true }, scorecards);

  let crons: Cron[] = [];
  let patterns = '';
  const schedule = async () => {
    try {
      const s = await loadSettings(db);
      const now = `${s.reminderCron}|${s.digestCron}`;
      if (now === patterns) return;
      // Both new schedules are built before the old ones stop: a bad one leaves the old ones running.
      const built: Cron[] = [];
      try {
        built.push(new Cron(s.reminderCron, { timezone: options.timeZone, protect: true }, reminders));
        built.push(new Cron(s.digestCron, { timezone: options.timeZone, protect: true }, digest));
      } catch (err) {
        for (const c of built) c.stop();
        throw err;
      }
      for (const c of crons) c.stop();
      crons = built;
      patterns = now;
    } catch (err) {
      options.log('Mail: the schedule in settings is not valid', err);
    }
  };
  await schedule();
  // Runs a schedule missed while the process was down (or stopped mid-run): today's reminders once their
  // time today has passed, last month's digest once this month's has. Both queue only what is missing.
  // Last month's scorecards are closed first when due, so a digest sent now reads the frozen month.
  const catchUp = async () => {
    await scorecards();
    const s = await loadSettings(db);
    const now = new Date();
    const today = dateIn(now, options.timeZone);
    const lastRun = (pattern: string, within: number) => {
      const cron = new Cron(pattern, { timezone: options.timeZone, paused: true });
      let last: Date | null = null;
      for (let t = cron.nextRun(new Date(now.getTime() - within)); t && t <= now; t = cron.nextRun(t))
        last = t;
      cron.stop();
      return last;
    };
    const reminder = lastRun(s.reminderCron, 26 * 3_600_000);
    if (reminder && dateIn(reminder, options.timeZone) === today) await reminders();
    if (lastRun(s.digestCron, 32 * 86_400_000)) await digest();
  };
  void catchUp().catch((err) => options.log('Mail: catching up failed', err));
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
    async stop() {
      stopping.abort();
      clearInterval(sender);
      clearInterval(reload);
      for (const c of crons) c.stop();
      closing.stop();
      await draining;
      options.delivery.close?.();
    },
  };
}
