import { argon2idAsync } from '@noble/hashes/argon2.js';
import type { Passwords } from './http/context.ts';

/**
 * argon2id in plain JavaScript, for runtimes without native modules (Cloudflare Workers). It reads and writes
 * the same PHC strings as the native hasher Node uses (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`), so a
 * password set on one runtime signs in on the other. It costs about half a second of CPU per hash, against
 * about 70 ms natively: fine for signing in, which is rate-limited anyway.
 */
const PARAMS = { m: 19456, t: 2, p: 1 };
const SALT_BYTES = 16;
const HASH_BYTES = 32;

function b64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/=+$/, '');
}

function unb64(text: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));
  } catch {
    return null;
  }
}

/** Compares in time that does not depend on where the bytes first differ. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

export const portablePasswords: Passwords = {
  async hash(password) {
    const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
    const hash = await argon2idAsync(password, salt, { ...PARAMS, dkLen: HASH_BYTES });
    return `$argon2id$v=19$m=${PARAMS.m},t=${PARAMS.t},p=${PARAMS.p}$${b64(salt)}$${b64(hash)}`;
  },
  async verify(stored, password) {
    const m = PHC.exec(stored);
    if (!m) return false;
    const [, mem, time, par, saltText, hashText] = m;
    const salt = unb64(saltText as string);
    const expected = unb64(hashText as string);
    // Parameters far above ours would let a planted hash burn the CPU; none of ours are.
    if (!salt || !expected || Number(mem) > 262_144 || Number(time) > 10 || Number(par) > 8) return false;
    const actual = await argon2idAsync(password, salt, {
      m: Number(mem),
      t: Number(time),
      p: Number(par),
      dkLen: expected.length,
    });
    return sameBytes(actual, expected);
  },
};
