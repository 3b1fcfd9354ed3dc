import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { type AppContext, audited, requireRole } from '../http/context.ts';
import { l, problem } from '../http/problem.ts';
import { Cron } from 'croner';
import { saveSettings, settingsRow } from './queries.ts';
import { DEFAULT_SETTINGS, type SettingsValues } from './schema.ts';

/** The centre's settings: the saved values over the defaults, so a new setting has a value at once. */
export async function loadSettings(db: Kysely<DB>): Promise<SettingsValues & { version: number }> {
  const row = await settingsRow(db);
  return {
    ...DEFAULT_SETTINGS,
    ...((row?.value as Partial<SettingsValues>) ?? {}),
    version: row?.version ?? 0,
  };
}

type Settings = Awaited<ReturnType<typeof loadSettings>>;
const perRequest = new WeakMap<AppContext, Promise<Settings>>();

/** The settings as one request sees them: read once, however many steps of the request need them. */
export function settingsOf(c: AppContext): Promise<Settings> {
  let settings = perRequest.get(c);
  if (!settings) {
    settings = loadSettings(c.get('deps').db);
    perRequest.set(c, settings);
  }
  return settings;
}

export async function patchSettings(c: AppContext, version: number, patch: Partial<SettingsValues>) {
  requireRole(c, 'admin');
  const { db } = c.get('deps');
  const { version: current, ...before } = await loadSettings(db);
  if (current !== version) throw problem.preconditionFailed();
  const after = { ...before, ...patch };
  const badCron = (['reminderCron', 'digestCron'] as const).filter(
    (k) => patch[k] !== undefined && !validCron(after[k]),
  );
  if (badCron.length > 0) {
    throw problem.validation(
      badCron.map((path) => ({
        path,
        message: l(
          'not a schedule that can run (check each field’s range)',
          '不是可执行的定时表达式（请检查各字段取值范围）',
        ),
        in: 'body' as const,
      })),
    );
  }
  await audited(c, async (tx, audit) => {
    if (!(await saveSettings(tx, after, version))) throw problem.preconditionFailed();
    await audit({ action: 'settings.updated', entityType: 'settings', entityId: 'centre', before, after });
  });
  return loadSettings(db);
}

/** Whether a cron expression is one the scheduler can run (field ranges, not just its shape). */
export function validCron(pattern: string): boolean {
  try {
    new Cron(pattern, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}
