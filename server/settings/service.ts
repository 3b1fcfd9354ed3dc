import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { type AppContext, audited, requireRole } from '../http/context.ts';
import { problem } from '../http/problem.ts';
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

export async function patchSettings(c: AppContext, version: number, patch: Partial<SettingsValues>) {
  requireRole(c, 'admin');
  const { db } = c.get('deps');
  const { version: current, ...before } = await loadSettings(db);
  if (current !== version) throw problem.preconditionFailed();
  const after = { ...before, ...patch };
  await audited(c, async (tx, audit) => {
    if (!(await saveSettings(tx, after, version))) throw problem.preconditionFailed();
    await audit({ action: 'settings.updated', entityType: 'settings', entityId: 'centre', before, after });
  });
  return loadSettings(db);
}
