// Builds what `npm start` runs: the web app (Vite, into dist/web) and the Node server (esbuild, into
// dist/server; dependencies stay in node_modules). With --if-stale each part is built only when one of its
// sources is newer than its last build, so a second `npm start` goes straight to serving.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildEmails, emailsStale } from './build-emails.mjs';

const root = resolve(import.meta.dirname, '..');
const ifStale = process.argv.includes('--if-stale');
// Vite, esbuild and MJML are imported only for a part that is stale, so a second `npm start` pays nothing
// for them.

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function stale(output, sources) {
  if (!existsSync(output)) return true;
  const present = sources.map((p) => join(root, p)).filter(existsSync);
  return Math.max(...present.map(newest)) > statSync(output).mtimeMs;
}

const lock = ['package-lock.json'];
// Dependencies stay in node_modules, except data the bundle must carry inside it (a JSON import with
// attributes, which esbuild would otherwise leave as a bare import without them).
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const bundled = new Set(['chinese-days']);
const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter(
  (name) => !bundled.has(name),
);
const targets = [
  {
    name: 'email templates',
    output: join(root, 'emails/compiled.json'),
    isStale: emailsStale,
    build: buildEmails,
  },
  {
    name: 'web app',
    output: join(root, 'dist/web/index.html'),
    sources: ['web', 'server', 'vite.config.ts', ...lock],
    build: async () => (await import('vite')).build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' }),
  },
  {
    name: 'server',
    output: join(root, 'dist/server/node.js'),
    sources: ['server', 'migrations', 'emails', ...lock],
    build: async () =>
      (await import('esbuild')).build({
        // Flat in dist/server: the worker is found beside the bundle that starts it.
        entryPoints: [
          { in: join(root, 'server/node.ts'), out: 'node' },
          { in: join(root, 'server/cli.ts'), out: 'cli' },
          { in: join(root, 'server/audit/verify-worker.ts'), out: 'verify-worker' },
        ],
        outdir: join(root, 'dist/server'),
        bundle: true,
        platform: 'node',
        format: 'esm',
        external,
        target: 'node20',
        sourcemap: true,
        logLevel: 'warning',
      }),
  },
];

for (const target of targets) {
  if (ifStale && !(target.isStale ? target.isStale() : stale(target.output, target.sources))) continue;
  const started = performance.now();
  await target.build();
  console.log(`Built the ${target.name} in ${Math.round(performance.now() - started)} ms.`);
}
