import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ChainRange, RangeResult, RangeWalker } from './chain.ts';

/** tsx's ESM API (its `import` export; require.resolve would give the CommonJS one). */
function tsxApi(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const entry = (require(manifest) as { exports: Record<string, { import: { default: string } }> }).exports[
    './esm/api'
  ]?.import.default;
  if (!entry) throw new Error('tsx has no ./esm/api export');
  return pathToFileURL(join(dirname(manifest), entry)).href;
}

/**
 * Verifies stretches of the chain on worker threads, each with its own PostgreSQL connection: reading rows
 * and hashing them are both CPU-bound in Node, so a million events take about half the time on two cores.
 * Run from source (tsx, vitest) the worker is TypeScript and loads through tsx's loader; built, it is
 * dist/server/verify-worker.js beside the server bundle.
 */
export function parallelWalker(
  url: string,
  // Each thread holds a connection: a few are plenty (the walk is CPU-bound on a handful of cores).
  threads = Math.min(availableParallelism(), 4),
  minStretch?: number,
): RangeWalker {
  const fromSource = import.meta.url.endsWith('.ts');
  const built = new URL('./verify-worker.js', import.meta.url);
  // From source, a tiny module registers tsx's loader in the worker and then loads the TypeScript worker.
  const script = fromSource
    ? new URL(
        `data:text/javascript,${encodeURIComponent(
          `const { register } = await import(${JSON.stringify(tsxApi())});
           register();
           await import(${JSON.stringify(new URL('./verify-worker.ts', import.meta.url).href)});`,
        )}`,
      )
    : built;
  const walkOne = (range: ChainRange, expect?: { seq: number; hash: string }) =>
    new Promise<RangeResult>((resolve, reject) => {
      const worker = new Worker(script, {
        workerData: { url, range, expect },
      });
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => {
        if (code !== 0) reject(new Error(`audit verify worker exited with code ${code}`));
      });
    });
  return {
    parallelism: Math.max(1, threads),
    minStretch,
    walk: (ranges, expect) => Promise.all(ranges.map((r) => walkOne(r, expect))),
  };
}
