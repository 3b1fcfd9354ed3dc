import { css } from 'lit';
import { ApiError } from '../../api/client.ts';
import { errorMessage } from '../../components/error-message.ts';

/** The look of the pages an email links to: one card in the middle, a large button. */
export const publicPageStyles = css`
  :host { display: block; max-width: 44rem; margin: 0 auto; }
  .card { padding: 1.5rem; }
  .card > h1 { margin-top: 0; }
  h1:focus { outline: none; }
  button.big { font-size: 1.1rem; padding: 0.7rem 1.6rem; min-height: 3rem; }
  .done h1 { color: #0f5323; display: flex; gap: 0.5rem; align-items: center; }
  .tick { display: inline-grid; place-items: center; width: 2rem; height: 2rem; border-radius: 50%; background: var(--c-ok); color: #fff; font-size: 1.1rem; }
  .problem { border: 1px solid var(--c-danger); background: #fde8e7; color: #8a1c12; border-radius: var(--radius); padding: 0.75rem 1rem; margin-top: 1rem; }
  .problem p { margin: 0.2rem 0; }
`;

/**
 * Why a signed link was refused, in the server's words (already in the reader's language): the message on
 * the token itself ("altered, or for something else"), else the problem's detail.
 */
export function linkProblem(err: unknown): string {
  if (err instanceof ApiError && err.status !== 0) {
    const onToken = err.problem.errors?.find((e) => e.path === 'token')?.message;
    if (onToken) return onToken;
    if (err.problem.detail) return err.problem.detail;
  }
  return errorMessage(err);
}
