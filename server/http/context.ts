import type { Context, MiddlewareHandler } from 'hono';
import type { Kysely, Transaction } from 'kysely';
import type { Hasher, RangeWalker } from '../audit/chain.ts';
import { type Audit, auditedWrite, type WriteMeta } from '../audit/write.ts';
import type { DatabaseKind } from '../db/database.ts';
import type { DB, Locale, Role } from '../db/types.ts';
import type { EvidenceStore } from '../evidence/store.ts';
import type { DeliveryVia } from '../mail/schema.ts';
import { l, problem } from './problem.ts';

export interface Passwords {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/** Everything the app needs from its runtime; app.ts imports nothing Node-only. */
export interface AppDeps {
  db: Kysely<DB>;
  dbKind: DatabaseKind;
  publicUrl: string;
  timeZone: string;
  passwords: Passwords;
  /** The client's network address (socket address on Node, CF-Connecting-IP on Workers). */
  clientAddress?: (c: Context) => string | undefined;
  /** Serves the built web app (static files and the SPA fallback). */
  assets?: MiddlewareHandler;
  now?: () => Date;
  logError?: (err: unknown, c: Context) => void;
  /** SHA-256 for the audit chain; Web Crypto when not given. */
  hasher?: Hasher;
  /** Where mail goes: an SMTP server, an HTTP mail API, or the built-in viewer (the outbox) when neither is set. */
  mailDelivery?: DeliveryVia;
  /** Where evidence files' bytes go: the database (the default) or an object store (R2 on Workers). */
  evidenceStore?: EvidenceStore;
  /** Verifies stretches of the chain in parallel (worker threads on Node with PostgreSQL). */
  auditWalker?: RangeWalker;
}

export interface SessionPerson {
  id: number;
  name: string;
  nameEn: string;
  email: string;
  locale: Locale;
  roles: Role[];
  unitId: number;
  unitPath: string;
}

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    requestId: string;
    address: string;
    person: SessionPerson | null;
  };
};

export type AppContext = Context<AppEnv>;

/** The signed-in person, or 401. */
export function me(c: AppContext): SessionPerson {
  const person = c.get('person');
  if (!person) throw problem.unauthenticated();
  return person;
}

const ROLE_ZH: Record<Role, string> = {
  holder: '岗位责任人',
  supervisor: '督查人员',
  leader: '领导',
  admin: '管理员',
};

export function hasRole(person: SessionPerson, ...roles: Role[]): boolean {
  return roles.some((r) => person.roles.includes(r));
}

/** The signed-in person if they hold one of `roles`, else 403. */
export function requireRole(c: AppContext, ...roles: Role[]): SessionPerson {
  const person = me(c);
  if (!hasRole(person, ...roles)) {
    throw problem.forbidden(
      l(
        `This needs the role ${roles.join(' or ')}.`,
        `此操作需要以下角色之一：${roles.map((r) => ROLE_ZH[r]).join('、')}。`,
      ),
    );
  }
  return person;
}

export function writeMeta(c: AppContext): WriteMeta {
  return {
    actorId: c.get('person')?.id ?? null,
    requestId: c.get('requestId'),
    address: c.get('address'),
    hasher: c.get('deps').hasher,
  };
}

/** One transaction for the request's change, with its audit events; see audit/write.ts. */
export function audited<T>(
  c: AppContext,
  work: (tx: Transaction<DB>, audit: Audit) => Promise<T>,
): Promise<T> {
  return auditedWrite(c.get('deps').db, writeMeta(c), work);
}

export function now(c: AppContext): Date {
  return c.get('deps').now?.() ?? new Date();
}

/** Today's date (YYYY-MM-DD) in the centre's time zone. */
export function today(c: AppContext): string {
  return dateIn(now(c), c.get('deps').timeZone);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The date (YYYY-MM-DD) of a moment in a time zone. Formatters are built once per zone: building one costs far more than using it. */
export function dateIn(at: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format.format(at);
}
