import { verifyChain } from './audit/chain.ts';
import { nodeHasher } from './audit/node-hasher.ts';
import { dateIn } from './http/context.ts';
import { queueDigest } from './mail/digest.ts';
import { mailContext } from './mail/outbox.ts';
import { previousMonth } from './mail/scheduler.ts';
import { parallelWalker } from './audit/parallel-verify.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/open.ts';
import { ensureDemo } from './seed/ensure.ts';

/** `npm run migrate`, `npm run seed` and `npm run audit:verify`. */
function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(command: string | undefined) {
  const config = loadConfig(process.env);
  const database = await openDatabase(config);
  try {
    if (command === 'migrate') {
      console.log(`Migrations are up to date (${database.kind}).`);
    } else if (command === 'audit:verify') {
      const [seq, hash] = [flag('--seq'), flag('--hash')];
      const started = performance.now();
      const result = await verifyChain(
        database.db,
        nodeHasher,
        seq && hash ? { seq: Number(seq), hash } : undefined,
        config.DATABASE_URL ? parallelWalker(config.DATABASE_URL) : undefined,
      );
      console.log(JSON.stringify(result));
      console.error(`Verified in ${Math.round(performance.now() - started)} ms.`);
      if (!result.ok) process.exitCode = 1;
    } else if (command === 'digest') {
      const month = flag('--month') ?? previousMonth(dateIn(new Date(), config.TZ));
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new Error('--month must be YYYY-MM');
      if (month >= dateIn(new Date(), config.TZ).slice(0, 7))
        throw new Error('--month must be a month that has ended');
      const ctx = await mailContext(database.db, config.PUBLIC_URL ?? '', config.TZ);
      const started = performance.now();
      const result = await queueDigest(database.db, ctx, month, {
        today: dateIn(new Date(), config.TZ),
        hasher: nodeHasher,
        onBatch: (i) => process.stderr.write(`queued batch ${i + 1}\r`),
      });
      console.log(JSON.stringify(result));
      console.error(`Queued in ${Math.round(performance.now() - started)} ms; the server sends them.`);
    } else if (command === 'seed') {
      const seeded = await ensureDemo(database.db, config.TZ);
      console.log(
        seeded
          ? `Seeded the demo centre in ${seeded.ms} ms: ${JSON.stringify(seeded.counts)}`
          : 'The database already has data; the demo centre was not seeded.',
      );
    } else {
      console.error(
        'usage: tsx server/cli.ts migrate | seed | audit:verify [--seq N --hash H] | digest [--month YYYY-MM]',
      );
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
