import type { Grade } from '../db/types.ts';

/** How much likelier a point of each grade is to be drawn than a grade C one. */
export const SAMPLE_WEIGHTS: Record<Grade, number> = { A: 3, B: 2, C: 1 };

/** 32-bit string hash (xmur3), the seed of one candidate's random number. */
function hash32(text: string): number {
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return (h ^ (h >>> 16)) >>> 0;
}

/** One draw of mulberry32 from a 32-bit state: a number in (0, 1). */
function unit(state: number): number {
  let t = (state + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (((t ^ (t >>> 14)) >>> 0) + 1) / 4294967297;
}

/**
 * A weighted sample without replacement (Efraimidis–Spirakis): each candidate gets the key u^(1/weight)
 * from a random number that depends only on the seed and its id, and the `size` largest keys are drawn.
 * The same seed and candidates always give the same sample, in whatever order the candidates come.
 */
export function drawSample(
  seed: string,
  candidates: { id: number; grade: Grade }[],
  size: number,
  weights: Record<Grade, number> = SAMPLE_WEIGHTS,
): number[] {
  return candidates
    .map((c) => ({ id: c.id, key: unit(hash32(`${seed}:${c.id}`)) ** (1 / weights[c.grade]) }))
    .sort((a, b) => b.key - a.key || a.id - b.id)
    .slice(0, size)
    .map((c) => c.id);
}

/** A fresh seed: 128 random bits as hex (Web Crypto, on Node and Workers alike). */
export function newSeed(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
