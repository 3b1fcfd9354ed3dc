import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

/** What one case measured at one number of connections. */
export interface CaseResult {
  case: string;
  connections: number;
  requests: number;
  p50: number;
  p99: number;
  rps: number;
  errors: number;
  /** Answers other than 2xx, by status (and 0 for connection errors and timeouts). */
  failures?: Record<string, number>;
  peakRssMb: number | null;
  sqlP50?: number;
  sqlP99?: number;
  ratio?: number;
}

/** The product, started as `npm start` starts it, on the bench database. */
export interface Server {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startServer(databaseUrl: string, port: number, env: Record<string, string> = {}) {
  // BENCH_SERVER names another build of the server (an earlier commit's, for before/after figures).
  const entry = process.env.BENCH_SERVER ?? 'dist/server/node.js';
  const child = spawn(process.execPath, ['--enable-source-maps', entry], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      SEED_DEMO: 'false',
      MAIL_SCHEDULE: 'false',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'error',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // A crash of the runner must not leave the server behind.
  process.once('exit', () => child.kill('SIGKILL'));
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}\n${output}`);
    if (performance.now() - started > 60_000) throw new Error(`the server is not up after 60 s\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  } satisfies Server;
}

/** Samples a process's resident memory (Linux /proc) while `work` runs; the peak in MB, or null elsewhere. */
export async function peakRss<T>(pid: number | undefined, work: () => Promise<T>) {
  const read = () => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : null;
    } catch {
      return null;
    }
  };
  let peak = read();
  const timer = setInterval(() => {
    const now = read();
    if (now !== null) peak = Math.max(peak ?? 0, now);
  }, 25);
  try {
    const result = await work();
    return { result, peakMb: peak === null ? null : Math.round(peak) };
  } finally {
    clearInterval(timer);
  }
}

export interface LoadRequest {
  method?: 'GET' | 'POST';
  /** The path, or a function giving each request its own (next form, next transition). */
  path: string | (() => { path: string; body?: string; headers?: Record<string, string> });
  body?: string;
}

/**
 * Waits until the server and its database are idle again (health answers in under 50 ms and `busy` says no
 * query is running, three times running; at most 3 min), so the queries of requests a slow case left behind
 * (the province dashboard) do not count against the next case.
 */
async function settle(server: Server, busy: () => Promise<boolean>) {
  const until = performance.now() + 180_000;
  for (let quiet = 0; quiet < 3 && performance.now() < until; ) {
    const started = performance.now();
    await fetch(`${server.url}/api/health`).then((r) => r.arrayBuffer());
    quiet = performance.now() - started < 50 && !(await busy()) ? quiet + 1 : 0;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Drives the server with autocannon at `connections` for `seconds` (or `amount` requests), counting every
 * non-2xx answer as an error.
 */
export async function load(
  server: Server,
  name: string,
  request: LoadRequest,
  options: {
    connections: number;
    seconds: number;
    amount?: number;
    cookie: string;
    /** Whether the database is still running queries (of an earlier case). */
    busy: () => Promise<boolean>;
  },
): Promise<CaseResult> {
  const headers: Record<string, string> = { cookie: options.cookie, 'content-type': 'application/json' };
  const { path } = request;
  await settle(server, options.busy);
  const { result, peakMb } = await peakRss(server.child.pid, () =>
    autocannon({
      url: server.url,
      connections: options.connections,
      duration: options.seconds,
      amount: options.amount,
      headers,
      requests: [
        {
          method: request.method ?? 'GET',
          path: typeof path === 'string' ? path : '/',
          body: request.body,
          ...(typeof path === 'string'
            ? {}
            : {
                setupRequest: (req: autocannon.Request) => {
                  const next = path();
                  return {
                    ...req,
                    path: next.path,
                    body: next.body ?? req.body,
                    headers: { ...req.headers, ...next.headers },
                  };
                },
              }),
        },
      ],
    }),
  );
  const failures: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {}))
    if (!code.startsWith('2')) failures[code] = (stat as { count: number }).count;
  if (result.errors + result.timeouts > 0) failures['0'] = result.errors + result.timeouts;
  return {
    case: name,
    ...(Object.keys(failures).length > 0 ? { failures } : {}),
    connections: options.connections,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: Math.round(result.requests.total / Math.max(result.duration, 0.001)),
    errors: result.non2xx + result.errors + result.timeouts,
    peakRssMb: peakMb,
  };
}
