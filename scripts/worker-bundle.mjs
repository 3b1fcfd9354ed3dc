// Builds the Cloudflare Workers bundle exactly as `wrangler deploy` would (--dry-run: nothing is uploaded)
// and prints its size against the Workers limits (compressed: 3 MB on the Free plan, 10 MB on Paid).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
};
const outdir = 'dist/worker';
execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { stdio: 'inherit' });
execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', outdir], { stdio: 'inherit', env });
const bundle = readFileSync(`${outdir}/worker.js`);
const gzip = gzipSync(bundle, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
const FREE = 3 * 1024 * 1024;
const PAID = 10 * 1024 * 1024;
console.log(`\nWorker bundle: ${kb(bundle.length)}, ${kb(gzip)} compressed.`);
console.log(`Limits (compressed): Free ${kb(FREE)}, Paid ${kb(PAID)} — ${gzip <= FREE ? 'within both' : gzip <= PAID ? 'within Paid only' : 'OVER the limits'}.`);
if (gzip > PAID) process.exit(1);
