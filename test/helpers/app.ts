import { type App, createApp } from '../../server/app.ts';
import { nodeHasher } from '../../server/audit/node-hasher.ts';
import type { Database } from '../../server/db/database.ts';
import type { AppDeps } from '../../server/http/context.ts';
import { argon2Passwords } from '../../server/passwords.ts';
import { DEMO_PASSWORD } from '../../server/seed/demo.ts';
import { testDatabase } from './db.ts';

export const PUBLIC_URL = 'http://localhost:3000';

export interface Harness {
  app: App;
  database: Database;
  /** A request through the real app (routing, middleware, database); JSON bodies are encoded. */
  call(method: string, path: string, options?: CallOptions): Promise<Response>;
  /** Signs in and returns the session cookie. */
  signIn(email: string, password?: string): Promise<string>;
}

export interface CallOptions {
  cookie?: string;
  body?: unknown;
  rawBody?: BodyInit;
  headers?: Record<string, string>;
}

export async function harness(overrides: Partial<AppDeps> = {}, database?: Database): Promise<Harness> {
  database ??= await testDatabase();
  const app = createApp({
    db: database.db,
    dbKind: database.kind,
    publicUrl: PUBLIC_URL,
    timeZone: 'Asia/Shanghai',
    passwords: argon2Passwords,
    hasher: nodeHasher,
    clientAddress: (c) => c.req.header('x-test-address') ?? '127.0.0.1',
    logError: (err) => console.error('unexpected error in test request', err),
    ...overrides,
  });
  const call = (method: string, path: string, options: CallOptions = {}) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.cookie) headers.Cookie = options.cookie;
    let body: BodyInit | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['Content-Type'] ??= 'application/json';
    }
    return Promise.resolve(app.request(path, { method, headers, body }));
  };
  const signIn = async (email: string, password = DEMO_PASSWORD) => {
    const res = await call('POST', '/api/session', {
      body: { email, password },
      headers: { 'x-test-address': `signin-${email}` },
    });
    if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status} ${await res.text()}`);
    const cookie = res.headers.get('set-cookie')?.split(';')[0];
    if (!cookie) throw new Error('no session cookie');
    return cookie;
  };
  return { app, database: database as Database, call, signIn };
}

export const DEMO = {
  admin: 'admin@centre.example',
  supervisor: 'supervisor@centre.example',
  leader: 'leader@centre.example',
  holder: 'holder@centre.example',
} as const;

/** Asserts an RFC 9457 problem and returns it. */
export async function expectProblem(res: Response, status: number) {
  const text = await res.text();
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text}`);
  const type = res.headers.get('content-type') ?? '';
  if (!type.startsWith('application/problem+json'))
    throw new Error(`expected problem+json, got ${type}: ${text}`);
  const problem = JSON.parse(text) as {
    type: string;
    title: string;
    status: number;
    detail?: string;
    errors?: { path: string; message: string }[];
  };
  if (problem.status !== status || !problem.type || !problem.title)
    throw new Error(`malformed problem: ${text}`);
  if (/at \w+ \(|select |insert |update .* set /i.test(text))
    throw new Error(`problem leaks internals: ${text}`);
  return problem;
}

let unique = 0;
/** A code nobody else in this run uses. */
export function uniqueCode(prefix: string): string {
  unique++;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${unique}`;
}
