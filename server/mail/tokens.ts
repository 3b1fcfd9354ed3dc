import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { mailSecret } from './queries.ts';

/**
 * Signed, single-purpose links for emails: "I have read this" on a digest, the preferences page. A token
 * names its purpose and person (and month), and is signed with HMAC-SHA-256 under a secret that never
 * leaves the database; it works without signing in and for nothing else.
 */
export type LinkPurpose = 'digest-read' | 'preferences';
export interface LinkClaims {
  purpose: LinkPurpose;
  personId: number;
  month?: string;
}

const keys = new WeakMap<object, Promise<CryptoKey>>();
const encoder = new TextEncoder();

const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
const fromB64url = (text: string) =>
  Uint8Array.from(atob(text.replaceAll('-', '+').replaceAll('_', '/')), (ch) => ch.charCodeAt(0));

/** The signing key, loaded once per database handle. */
export function signingKey(db: Kysely<DB>): Promise<CryptoKey> {
  let k = keys.get(db);
  if (!k) {
    k = mailSecret(db).then((secret) =>
      crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
        'sign',
        'verify',
      ]),
    );
    keys.set(db, k);
  }
  return k;
}

export async function signLink(db: Kysely<DB>, claims: LinkClaims): Promise<string> {
  const body = b64url(
    encoder.encode(JSON.stringify([claims.purpose, claims.personId, claims.month ?? null])),
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await signingKey(db), encoder.encode(body)));
  return `${body}.${b64url(mac)}`;
}

/** The claims of a genuine token for `purpose`, or null (altered, forged, or for something else). */
export async function readLink(
  db: Kysely<DB>,
  token: string,
  purpose: LinkPurpose,
): Promise<LinkClaims | null> {
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined) return null;
  try {
    const ok = await crypto.subtle.verify(
      'HMAC',
      await signingKey(db),
      fromB64url(mac),
      encoder.encode(body),
    );
    if (!ok) return null;
    const [p, personId, month] = JSON.parse(new TextDecoder().decode(fromB64url(body)));
    if (p !== purpose || !Number.isInteger(personId)) return null;
    return { purpose: p, personId, ...(month ? { month } : {}) };
  } catch {
    return null;
  }
}
