import { parentPort, workerData } from 'node:worker_threads';
import { openPostgres } from '../db/database.ts';
import { type ChainRange, walkRange } from './chain.ts';
import { nodeHasher } from './node-hasher.ts';

/** One thread of a parallel verify: walks one stretch of the chain over its own connection. */
const { url, range, expect } = workerData as {
  url: string;
  range: ChainRange;
  expect?: { seq: number; hash: string };
};
const database = await openPostgres(url, { max: 1 });
try {
  parentPort?.postMessage(await walkRange(database.db, nodeHasher, range, null, expect));
} finally {
  await database.close();
}
