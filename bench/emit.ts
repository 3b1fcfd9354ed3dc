import { appendFileSync } from 'node:fs';

/**
 * Hands a bench script's figures to `npm run bench` (bench/run/jobs.ts), which runs it as a child and names
 * a file in BENCH_JSON; run alone, the script only prints its table.
 */
export function emit(figures: Record<string, unknown>) {
  const file = process.env.BENCH_JSON;
  if (file) appendFileSync(file, `${JSON.stringify(figures)}\n`);
}
