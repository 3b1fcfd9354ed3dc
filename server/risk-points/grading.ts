import type { Grade } from '../db/types.ts';

/**
 * The grade the inputs suggest (likelihood, impact and discretion, 1-3 each): a sum of 8 or more is A
 * (high), 6 or 7 is B, 5 or less is C. The supervisor confirming a grade may depart from it, with a reason.
 */
export function suggestedGrade(likelihood: number, impact: number, discretion: number): Grade {
  const sum = likelihood + impact + discretion;
  return sum >= 8 ? 'A' : sum >= 6 ? 'B' : 'C';
}
