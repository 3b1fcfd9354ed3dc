import { ApiError } from '../api/client.ts';
import { common } from '../i18n/common.ts';
import { t } from '../i18n/i18n.ts';

/** A sentence for the reader from any failure; field errors are listed by the forms themselves. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return t(common.networkError);
    if (err.status === 401) return t(common.sessionExpired);
    if (err.status === 403) return t(common.forbidden);
    if (err.status === 404) return t(common.notFound);
    if (err.status === 412) return t(common.staleRecord);
    const fields = err.problem.errors?.map((e) => `${e.path}: ${e.message}`).join('; ');
    return fields
      ? `${err.problem.detail ?? err.problem.title} (${fields})`
      : (err.problem.detail ?? err.problem.title);
  }
  return t(common.errorTitle);
}
