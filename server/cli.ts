import { loadConfig } from './config.ts';
import { openDatabase } from './db/open.ts';
import { ensureDemo } from './seed/ensure.ts';

/** `npm run migrate` and `npm run seed`. */
async function main(command: string | undefined) {
  const config = loadConfig(process.env);
  const database = await openDatabase(config);
  try {
    if (command === 'migrate') {
      console.log(`Migrations are up to date (${database.kind}).`);
    } else if (command === 'seed') {
      const seeded = await ensureDemo(database.db, config.TZ);
      console.log(
        seeded
          ? `Seeded the demo centre in ${seeded.ms} ms: ${JSON.stringify(seeded.counts)}`
          : 'The database already has data; the demo centre was not seeded.',
      );
    } else {
      console.error('usage: tsx server/cli.ts migrate|seed');
      process.exitCode = 2;
    }
  } finally {
    await database.close();
  }
}

main(process.argv[2]).catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
