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
  // If-Match compares strongly: a weak tag (W/"v1") never matches; of a list, the first of ours counts.
  const m = header
    .split(',')
    .map((tag) => /^"v(\d{1,9})"$/.exec(tag.trim()))
    .find((match) => match !== null);
  if (!m) throw problem.preconditionFailed();
  return Number(m[1]);
}
