import { decodeCsv, parseCsv } from '../../../../server/ledger/csv.ts';
import { columnIndex, readXlsx } from '../../../../server/ledger/xlsx.ts';

/** The column headings of an uploaded file, by sheet: a CSV file's one sheet is named `''`. */
export type Headings = Map<string, readonly (string | null)[]>;

/**
 * The headings a file's own first rows give its columns, so a problem is shown under the words the reader
 * typed ("所在单位编码") rather than the server's field key. Read with the server's own readers; a file they
 * cannot read has no headings (the server has said what is wrong with it).
 */
export async function headingsOf(file: File): Promise<Headings> {
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const isXlsx = bytes[0] === 0x50 && bytes[1] === 0x4b;
    const sheets = isXlsx ? readXlsx(bytes) : [{ name: '', rows: parseCsv(decodeCsv(bytes)) }];
    return new Map(sheets.map((s) => [s.name, s.rows[0] ?? []]));
  } catch {
    return new Map();
  }
}

/** The heading above a problem's column (a CSV file's sheet is named after its kind in the report). */
export function headingAt(headings: Headings, sheet: string, column: string | null): string | null {
  if (!column) return null;
  const row = headings.get(sheet) ?? (headings.size === 1 ? headings.get('') : undefined);
  return row?.[columnIndex(column)]?.trim() || null;
}
