import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { webAssets } from '../../server/web-assets.ts';
import { harness } from './app.ts';
import { pristineDatabase, testDatabase } from './db.ts';

/**
 * The real app on a real HTTP port with the built web assets, as `npm start` serves it: on the demo centre as
 * seeded, or (`working`) on the run's working database, for tests that add catalogue records.
 */
export async function startServer(options: { working?: boolean } = {}) {
  const h = await harness(
    { assets: webAssets(), clientAddress: (c) => getConnInfo(c).remote.address },
    await (options.working ? testDatabase() : pristineDatabase()),
  );
  const server = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    harness: h,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
