import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One job's figures, as its script emitted them (bench/emit.ts), and whether it succeeded. */
export interface JobResult {
  job: string;
  ok: boolean;
  ms: number;
  figures: Record<string, unknown>[];
}

/** Runs `command` as a child with its output shown, collecting what it emits. */
async function job(name: string, command: string[], env: Record<string, string> = {}): Promise<JobResult> {
  const dir = mkdtempSync(join(tmpdir(), 'rectify-bench-'));
  const file = join(dir, 'figures.jsonl');
  console.log(`\n## ${name}\n`);
  const started = performance.now();
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(command[0] as string, command.slice(1), {
      env: { ...process.env, ...env, BENCH_JSON: file },
      stdio: 'inherit',
    });
    child.once('exit', resolve);
  });
  let figures: Record<string, unknown>[] = [];
  try {
    figures = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
  } catch {
    // nothing emitted: the job failed before its figures
  }
  rmSync(dir, { recursive: true, force: true });
  return {
    job: name,
    ok: code === 0 && figures.length > 0,
    ms: Math.round(performance.now() - started),
    figures,
  };
}

const tsx = (script: string, ...args: string[]) => [
  process.execPath,
  '--expose-gc',
  '--import',
  'tsx',
  script,
  ...args,
];

/**
 * The jobs beside the HTTP cases, each in a process of its own so its peak memory is its own: the digest
 * (its own database of N recipients), audit verify over the bench database's chain, the forms ledger as
 * XLSX (its own database of N forms), `npm start` cold and warm, and the web app's first-load JavaScript.
 */
export async function runJobs({ url, smoke }: { url: string; smoke: boolean }) {
  return [
    await job('monthly digest', tsx('bench/digest.ts', '--recipients', smoke ? '2000' : '100000')),
    await job('audit verify', tsx('bench/audit-verify.ts', '--reuse', '--keep', '--parallel-only'), {
      BENCH_DATABASE_URL: url,
    }),
    await job('XLSX export', tsx('bench/export.ts', '--rows', smoke ? '2000' : '100000', '--format', 'xlsx')),
    await job('npm start, cold and warm', [process.execPath, 'scripts/start-smoke.mjs']),
    await job('web first-load JS', [process.execPath, 'scripts/web-size.mjs']),
  ];
}
