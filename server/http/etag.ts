import type { AppContext } from './context.ts';
import { problem } from './problem.ts';

export function etag(version: number): string {
  return `"v${version}"`;
}

/**
 * The version the caller read, from `If-Match`: missing → 428. The write then updates only that version
 * (`where version = expected`), so a concurrent change makes it a 412 instead of a lost update.
 */
export function expectedVersion(c: AppContext): number {
  const header = c.req.header('If-Match');
  if (!header) throw problem.preconditionRequired();
  const m = /^(?:W\/)?"v(\d{1,9})"$/.exec(header.trim());
  if (!m) throw problem.preconditionFailed();
  return Number(m[1]);
}

/** Compares a record's version with If-Match before a change that is not a single conditional update. */
export function requireVersion(c: AppContext, currentVersion: number): void {
  if (expectedVersion(c) !== currentVersion) throw problem.preconditionFailed();
}
