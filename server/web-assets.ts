import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './http/context.ts';

/** The built web app; `npm start` and the tests run from the project folder. */
export const WEB_ROOT = resolve('dist/web');

/** Built web assets from disk (Node), and index.html for every other page path so the app's router takes it. */
export function webAssets(root = WEB_ROOT): MiddlewareHandler<AppEnv> {
  const files = serveStatic<AppEnv>({ root });
  const index = resolve(root, 'index.html');
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    // Cloudflare's headers file for Workers assets: configuration, not a page.
    let missing = c.req.path === '/_headers';
    const found = missing
      ? undefined
      : await files(c, async () => {
          missing = true;
        });
    if (!missing) {
      if (c.req.path.startsWith('/assets/')) c.header('Cache-Control', 'public, max-age=31536000, immutable');
      return found ?? c.res;
    }
    // A file the build does not have (an old chunk after a redeploy) is a 404, not the app's page: the app
    // then offers to reload.
    if (c.req.path.startsWith('/assets/')) return c.text('Not found', 404);
    if (!existsSync(index)) return c.text('The web app is not built: run `npm run build`.', 503);
    c.header('Cache-Control', 'no-cache');
    return c.html(await readFile(index, 'utf8'));
  };
}
