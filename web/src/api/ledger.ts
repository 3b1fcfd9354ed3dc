import {
  CATALOGUE_KINDS,
  type CatalogueKind,
  EXPORT_FORMATS,
  type ExportFormat,
  type ImportIssueView,
  type ImportReport,
} from '../../../server/ledger/schema.ts';
import { locale } from '../i18n/i18n.ts';
import {
  ApiError,
  type FieldError,
  type ProblemDetails,
  queryString,
  UNAUTHENTICATED_EVENT,
} from './client.ts';

export type { CatalogueKind, ExportFormat, ImportIssueView, ImportReport };
export { CATALOGUE_KINDS, EXPORT_FORMATS };

export type ImportMode = ImportReport['mode'];

/** Where an upload stands: its bytes on their way, or all sent and the server at work on them. */
export type UploadProgress = { phase: 'uploading'; loaded: number; total: number } | { phase: 'processing' };

/** A 422 commit's field error: the problem's path (`岗位!D3`) with the cell it points at. */
export type ImportFieldError = FieldError & Partial<Omit<ImportIssueView, 'kind' | 'message'>>;

/** The largest file the server takes (server/ledger/service.ts MAX_IMPORT_BYTES). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

type Filters = Record<string, string | undefined>;

/** A problem+json body, or a bare one when the answer is not JSON (a proxy's 413 page). */
function problemOf(xhr: XMLHttpRequest): ProblemDetails {
  try {
    return JSON.parse(xhr.responseText) as ProblemDetails;
  } catch {
    return { type: 'http', title: xhr.statusText, status: xhr.status };
  }
}

/**
 * Spreadsheets in and out (台账): ledger exports and templates are plain download links (the browser streams the
 * file, however long); the catalogue import is an upload whose progress is reported as it goes.
 */
export const ledgerApi = {
  /** A list's ledger (`/forms`, `/risk-points`, `/inspections`, `/audit`) with the list's current filters. */
  exportUrl: (list: string, format: string, filters: Filters) =>
    `/api${list}/export${queryString({ ...filters, format, lang: locale() })}`,

  templateUrl: (kind: CatalogueKind, format: ExportFormat) =>
    `/api/catalogue/template${queryString({ kind, format, lang: locale() })}`,

  /** One kind, or (without one) the whole catalogue as the sheets of one workbook. */
  catalogueUrl: (kind: CatalogueKind | undefined, format: ExportFormat) =>
    `/api/catalogue/export${queryString({ kind, format: kind ? format : 'xlsx', lang: locale() })}`,

  /**
   * Checks (dry run) or writes (commit) a catalogue file. XMLHttpRequest rather than fetch: only it reports
   * an upload's progress. Failures become `ApiError` as everywhere else; a 401 tells the shell to sign in.
   */
  importCatalogue: (
    file: File,
    query: { mode: ImportMode; kind?: CatalogueKind },
    onProgress: (progress: UploadProgress) => void,
  ) =>
    new Promise<ImportReport>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `/api/catalogue/import${queryString(query)}`);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.setRequestHeader('Accept-Language', locale());
      xhr.upload.onprogress = (e) =>
        onProgress({ phase: 'uploading', loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
      xhr.upload.onload = () => onProgress({ phase: 'processing' });
      xhr.onerror = () => reject(new ApiError(0, { type: 'network', title: 'Network error', status: 0 }));
      xhr.onload = () => {
        if (xhr.status === 401) window.dispatchEvent(new CustomEvent(UNAUTHENTICATED_EVENT));
        if (xhr.status === 200) {
          try {
            resolve(JSON.parse(xhr.responseText) as ImportReport);
            return;
          } catch {
            // not JSON: reported below as the failure it is
          }
        }
        reject(new ApiError(xhr.status, problemOf(xhr)));
      };
      const form = new FormData();
      form.set('file', file, file.name);
      onProgress({ phase: 'uploading', loaded: 0, total: file.size });
      xhr.send(form);
    }),
};

/** A refused commit's problems (422) as the rows a dry run reports them in. */
export function issuesOf(err: ApiError): ImportIssueView[] {
  return ((err.problem.errors ?? []) as ImportFieldError[]).map((e) => ({
    sheet: e.sheet ?? e.path,
    kind: null,
    row: e.row ?? 0,
    column: e.column ?? null,
    field: e.field ?? null,
    value: e.value ?? null,
    message: e.message,
  }));
}
