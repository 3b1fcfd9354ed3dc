import { describe, expect, it } from 'vitest';
import { argon2Passwords } from '../server/passwords.ts';
import { portablePasswords } from '../server/portable-passwords.ts';

/** Passwords set on Node (native argon2id) sign in on Workers (argon2id in JavaScript), and back. */
describe('argon2id on both runtimes', () => {
  it('verifies the other runtime’s hashes, and refuses a wrong password', async () => {
    const native = await argon2Passwords.hash('correct horse battery');
    const portable = await portablePasswords.hash('correct horse battery');
    expect(portable).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await portablePasswords.verify(native, 'correct horse battery')).toBe(true);
    expect(await argon2Passwords.verify(portable, 'correct horse battery')).toBe(true);
    expect(await portablePasswords.verify(native, 'correct horse batterY')).toBe(false);
    expect(await portablePasswords.verify(portable, 'wrong')).toBe(false);
  });

  it('refuses what is not an argon2id hash it may compute', async () => {
    for (const stored of [
      '',
      'plain',
      '$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA',
      '$argon2id$v=19$m=4194304,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNo',
    ])
      expect(await portablePasswords.verify(stored, 'x')).toBe(false);
  });
});
