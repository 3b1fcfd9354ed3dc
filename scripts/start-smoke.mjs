// Runs `npm start` twice on a fresh data folder, as a new user would: the first start seeds the demo
// centre, the second reopens it. Prints how long each took to answer /api/health, and stops both.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dataDir = mkdtempSync(join(tmpdir(), 'rectify-start-'));
const port = 3900 + Math.floor(Math.random() * 90);

async function start(label) {
  const started = performance.now();
  const child = spawn('npm', ['start'], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  try {
    for (;;) {
      if (performance.now() - started > 180_000)
        throw new Error(`${label}: not ready after 180 s\n${output}`);
      if (child.exitCode !== null)
        throw new Error(`${label}: npm start exited with ${child.exitCode}\n${output}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (res.ok) {
          const health = await res.json();
          const page = await fetch(`http://127.0.0.1:${port}/`);
          const html = await page.text();
          if (!html.includes('<rectify-app>')) throw new Error(`${label}: / does not serve the web app`);
          const ms = Math.round(performance.now() - started);
          console.log(`${label}: ready in ${ms} ms (${health.database})`);
          // Figures for `npm run bench` (bench/run/jobs.ts) when it runs this script.
          if (process.env.BENCH_JSON)
            appendFileSync(process.env.BENCH_JSON, `${JSON.stringify({ case: label, ms })}\n`);
          break;
        }
      } catch (err) {
        if (String(err).includes('does not serve')) throw err;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    if (!/admin@centre\.example/.test(output))
      throw new Error(`${label}: the demo accounts were not printed\n${output}`);
  } finally {
    if (child.exitCode === null) {
      process.kill(-child.pid, 'SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }
}

try {
  await start('first start (seeds the demo centre)');
  await start('second start (reopens the data)');
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
