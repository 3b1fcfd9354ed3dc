import { createRoute, z } from '@hono/zod-openapi';
import { type AppContext, today } from '../http/context.ts';
import { problems } from '../http/openapi.ts';
import { CSV_BOM, csvLine } from './csv.ts';
import type { ExportFormat } from './schema.ts';
import { type ColumnType, xlsxStream } from './xlsx.ts';

/**
 * Ledgers (台账) leave the app as XLSX or CSV: one column list per ledger, headers in the reader's
 * language, rows streamed in batches straight from keyset queries.
 */

export type Lang = 'zh-CN' | 'en';
export type Label = { 'zh-CN': string; en: string };

export interface LedgerColumn<R> {
  key: string;
  label: Label;
  type?: ColumnType;
  width?: number;
  value: (row: R, lang: Lang) => unknown;
}

export interface Ledger<R> {
  /** The file and sheet name. */
  name: Label;
  columns: LedgerColumn<R>[];
}

/** Rows fetched per query while streaming. */
export const EXPORT_BATCH = 1000;

const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export function exportRoute<Q extends z.ZodObject>(d: {
  tag: string;
  summary: string;
  query: Q;
  path?: string;
}) {
  return createRoute({
    method: 'get',
    path: d.path ?? '/export',
    tags: [d.tag],
    summary: d.summary,
    description: 'Streams every matching row (no paging); headers and labels in the chosen language.',
    request: { query: d.query },
    responses: {
      200: {
        description: 'The ledger as a file download',
        content: {
          [CONTENT_TYPES.xlsx]: { schema: z.string().openapi({ format: 'binary' }) },
          'text/csv': { schema: z.string() },
        },
      },
      ...problems(400, 401, 403),
    },
  });
}

const minuteFormats = new Map<string, Intl.DateTimeFormat>();

/** A date-time as the centre's clock shows it (`YYYY-MM-DD HH:mm`), for a spreadsheet cell. */
export function localDateTime(at: Date | string | null | undefined, timeZone: string): string | null {
  if (at === null || at === undefined) return null;
  const d = typeof at === 'string' ? new Date(at) : at;
  let format = minuteFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    minuteFormats.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(d).map((part) => [part.type, part.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/**
 * Pages through a keyset query one batch at a time: `fetch` gets the key of the last row of the previous
 * batch (undefined at first).
 */
export async function* batches<R, K>(
  fetch: (after: K | undefined) => Promise<R[]>,
  keyOf: (row: R) => K,
  size = EXPORT_BATCH,
): AsyncGenerator<R[]> {
  let after: K | undefined;
  for (;;) {
    const rows = await fetch(after);
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (rows.length < size || last === undefined) return;
    after = keyOf(last);
  }
}

function fileStamp(c: AppContext): string {
  return today(c);
}

/** One sheet of a download: a ledger and its rows. */
export interface LedgerPart<R> {
  ledger: Ledger<R>;
  rows: AsyncIterable<R[]>;
}

/** The download: an XLSX workbook or a CSV file, streamed, named after the ledger and today's date. */
export function ledgerResponse<R>(
  c: AppContext,
  ledger: Ledger<R>,
  opts: { format: ExportFormat; lang?: Lang; rows: AsyncIterable<R[]> },
): Response {
  return workbookResponse(c, ledger.name, [{ ledger, rows: opts.rows }], opts);
}

/** Several ledgers as the sheets of one workbook (CSV carries the first only). */
export function workbookResponse(
  c: AppContext,
  name: Label,
  // biome-ignore lint/suspicious/noExplicitAny: each sheet has its own row type
  parts: LedgerPart<any>[],
  opts: { format: ExportFormat; lang?: Lang },
): Response {
  const lang: Lang = opts.lang ?? c.get('person')?.locale ?? 'zh-CN';
  const sheets = parts.map(({ ledger, rows }) => ({
    name: ledger.name[lang],
    columns: ledger.columns.map((col) => ({
      header: col.label[lang],
      type: col.type ?? 'text',
      width: col.width,
    })),
    rows: (async function* () {
      for await (const batch of rows) yield batch.map((r) => ledger.columns.map((col) => col.value(r, lang)));
    })(),
  }));
  const first = sheets[0];
  const body =
    opts.format === 'xlsx' || !first
      ? xlsxStream(sheets)
      : csvStream(
          first.columns.map((col) => col.header),
          first.rows,
        );
  const stamp = fileStamp(c);
  const filename = `${name[lang]}-${stamp}.${opts.format}`;
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': CONTENT_TYPES[opts.format],
      // RFC 6266: an ASCII fallback and the real (often Chinese) name.
      'Content-Disposition': `attachment; filename="${name.en.replace(/[^\w.-]+/g, '-')}-${stamp}.${opts.format}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'Cache-Control': 'no-store',
    },
  });
}

export function csvStream(headers: string[], rows: AsyncIterable<unknown[][]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(CSV_BOM + csvLine(headers)));
        return;
      }
      const next = await iterator.next();
      if (next.done) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(next.value.map(csvLine).join('')));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
