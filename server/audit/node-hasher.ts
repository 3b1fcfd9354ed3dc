import { createHash } from 'node:crypto';
import type { Hasher } from './chain.ts';

/** SHA-256 through node:crypto: synchronous and about seven times faster than Web Crypto per event. */
export const nodeHasher: Hasher = (text) => createHash('sha256').update(text).digest('hex');
