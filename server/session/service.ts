import type { MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { sha256Hex } from '../common/hash.ts';
import { type AppContext, type AppEnv, audited, now, type Passwords } from '../http/context.ts';
import { l, problem } from '../http/problem.ts';
import {
  deleteSession,
  insertSession,
  personByEmail,
  recentFailures,
  recordAttempt,
  sessionPerson,
} from './queries.ts';
import type { SessionView } from './schema.ts';

export const SESSION_COOKIE = 'rectify_session';
const SESSION_HOURS = 12;
const WINDOW_MINUTES = 15;
/** Failed sign-ins allowed per account and per network address within the window. */
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 30;

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

// Verifying against a real hash when the email is unknown keeps both answers equally slow.
const decoyHashes = new WeakMap<Passwords, Promise<string>>();
function decoyHash(passwords: Passwords): Promise<string> {
  let hash = decoyHashes.get(passwords);
  if (!hash) {
    hash = passwords.hash(randomToken());
    decoyHashes.set(passwords, hash);
  }
  return hash;
}

function isHttps(c: AppContext): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}

export async function signIn(c: AppContext, email: string, password: string): Promise<SessionView> {
  const { db, passwords } = c.get('deps');
  const address = c.get('address');
  const at = now(c);
  const since = new Date(at.getTime() - WINDOW_MINUTES * 60_000);

  const failures = await recentFailures(db, email, address, since);
  if (failures.byAccount >= MAX_FAILURES_PER_ACCOUNT || failures.byAddress >= MAX_FAILURES_PER_ADDRESS) {
    const oldest = failures.oldest ? new Date(failures.oldest).getTime() : at.getTime();
    const retryAfter = Math.max(1, Math.ceil((oldest + WINDOW_MINUTES * 60_000 - at.getTime()) / 1000));
    throw problem.tooManyRequests(retryAfter);
  }

  const person = await personByEmail(db, email);
  const hash = person?.passwordHash ?? (await decoyHash(passwords));
  const valid = (await passwords.verify(hash, password)) && person?.active === true && !!person.passwordHash;

  if (!valid || !person) {
    await audited(c, async (tx, audit) => {
      await recordAttempt(tx, email, address, false);
      await audit({
        action: 'session.sign_in_failed',
        entityType: 'person',
        entityId: person?.id ?? null,
        after: { email },
      });
    });
    // The same answer whether or not the email exists.
    throw problem.unauthenticated(l('The email or password is not correct.', '邮箱或密码不正确。'));
  }

  const token = randomToken();
  const expiresAt = new Date(at.getTime() + SESSION_HOURS * 3600_000);
  await audited(c, async (tx, audit) => {
    await recordAttempt(tx, email, address, true);
    await insertSession(tx, await sha256Hex(token), person.id, expiresAt, at);
    await audit({
      action: 'session.signed_in',
      entityType: 'person',
      entityId: person.id,
      actorId: person.id,
      after: { email },
    });
  });

  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c),
    path: '/',
    maxAge: SESSION_HOURS * 3600,
  });
  const current = await sessionPerson(db, await sha256Hex(token), at);
  if (!current) throw problem.unauthenticated();
  return toSessionView(current);
}

export function toSessionView(p: NonNullable<Awaited<ReturnType<typeof sessionPerson>>>): SessionView {
  return {
    person: {
      id: p.id,
      name: p.name,
      nameEn: p.nameEn,
      email: p.email,
      locale: p.locale,
      roles: p.roles,
      unitId: p.unitId,
    },
    expiresAt: new Date(p.expiresAt).toISOString(),
  };
}

export async function currentSession(c: AppContext): Promise<SessionView> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) throw problem.unauthenticated();
  const p = await sessionPerson(c.get('deps').db, await sha256Hex(token), now(c));
  if (!p) throw problem.unauthenticated();
  return toSessionView(p);
}

export async function signOut(c: AppContext): Promise<void> {
  const token = getCookie(c, SESSION_COOKIE);
  const person = c.get('person');
  if (token && person) {
    const tokenHash = await sha256Hex(token);
    await audited(c, async (tx, audit) => {
      await deleteSession(tx, tokenHash);
      await audit({ action: 'session.signed_out', entityType: 'person', entityId: person.id });
    });
  }
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c) });
}

/** Loads the signed-in person (or null) for every /api request. */
export const loadSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE);
  let person = null;
  if (token) {
    const p = await sessionPerson(c.get('deps').db, await sha256Hex(token), now(c));
    if (p) {
      const { expiresAt: _expiresAt, ...rest } = p;
      person = rest;
    }
  }
  c.set('person', person);
  await next();
};
