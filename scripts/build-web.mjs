// Builds the web app with Vite. With --if-stale it builds only when a source is newer than the last
// build, so `npm start` stays fast on the second run.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '..');
const stamp = join(root, 'dist/web/index.html');

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const sources = ['web', 'server', 'vite.config.ts', 'package-lock.json']
  .map((p) => join(root, p))
  .filter(existsSync);
const stale = !existsSync(stamp) || Math.max(...sources.map(newest)) > statSync(stamp).mtimeMs;

if (process.argv.includes('--if-stale') && !stale) process.exit(0);
const started = performance.now();
await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
console.log(`Built the web app in ${Math.round(performance.now() - started)} ms.`);
