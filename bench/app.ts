import type { Kysely } from 'kysely';
import { createApp } from '../server/app.ts';
import { nodeHasher } from '../server/audit/node-hasher.ts';
import type { DB } from '../server/db/types.ts';
import { argon2Passwords } from '../server/passwords.ts';
import { DEMO_PASSWORD } from '../server/seed/demo.ts';

/**
 * The app in this process on a bench database, as the Node server builds it (real sessions, permissions and
 * audited writes), and a sign-in for the demo accounts: what the bench scripts call requests through.
 */
export function benchApp(db: Kysely<DB>, timeZone = 'Asia/Shanghai') {
  const app = createApp({
    db,
    dbKind: 'postgres',
    publicUrl: 'http://localhost:3000',
    timeZone,
    passwords: argon2Passwords,
    hasher: nodeHasher,
  });
  return {
    app,
    /** The session cookie of a demo account (the admin unless named); a failed sign-in throws. */
    async signIn(email = 'admin@centre.example') {
      const res = await app.request('/api/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password: DEMO_PASSWORD }),
      });
      if (res.status !== 200) throw new Error(`${email} cannot sign in (${res.status}): ${await res.text()}`);
      return res.headers.get('set-cookie')?.split(';')[0] ?? '';
    },
  };
}
