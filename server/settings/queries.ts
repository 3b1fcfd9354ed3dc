import type { Kysely, Transaction } from 'kysely';
import { jsonb } from '../db/database.ts';
import type { DB } from '../db/types.ts';

export const CENTRE_SETTINGS = 'centre';

export function settingsRow(db: Kysely<DB>) {
  return db
    .selectFrom('settings')
    .select(['value', 'version'])
    .where('key', '=', CENTRE_SETTINGS)
    .executeTakeFirst();
}

/** Writes the settings if they are still at `version` (0 = never saved); false when they changed meanwhile. */
export async function saveSettings(tx: Transaction<DB>, value: unknown, version: number): Promise<boolean> {
  if (version === 0) {
    const row = await tx
      .insertInto('settings')
      .values({ key: CENTRE_SETTINGS, value: jsonb(value), version: 1, updatedAt: new Date() })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('key')
      .executeTakeFirst();
    return row !== undefined;
  }
  const row = await tx
    .updateTable('settings')
    .set({ value: jsonb(value), version: version + 1, updatedAt: new Date() })
    .where('key', '=', CENTRE_SETTINGS)
    .where('version', '=', version)
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}
