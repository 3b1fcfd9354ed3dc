import { recreateDatabase } from './helpers/pg.ts';

/** With TEST_DATABASE_URL, the run gets a fresh database of that name on the server (dropped and created). */
export default async function setup() {
  if (process.env.TEST_DATABASE_URL) await recreateDatabase(process.env.TEST_DATABASE_URL);
}
