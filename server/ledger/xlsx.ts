import { unzipSync, Zip, ZipDeflate } from 'fflate';

/**
 * Office Open XML spreadsheets (.xlsx), written as a stream and read back, with no runtime-specific code so
 * both Node and Workers use it. Writing keeps memory flat: a sheet's rows are deflated into the zip batch by
 * batch as the reader pulls, with strings inline (no shared-string table to hold). Reading covers what
 * Excel, WPS and LibreOffice save: shared and inline strings, rich text, numbers, booleans and dates.
 */

export type ColumnType = 'text' | 'number' | 'date' | 'datetime';

export interface SheetColumn {
  header: string;
  type: ColumnType;
  /** Width in characters. */
  width?: number;
}

export interface SheetSource {
  name: string;
  columns: SheetColumn[];
  /**
   * Batches of rows, cells in column order. A text cell is a string, a number a number, a date
   * `YYYY-MM-DD` and a date-time `YYYY-MM-DD HH:mm[:ss]` (already in the centre's time zone); null or
   * undefined leaves the cell empty.
   */
  rows: AsyncIterable<unknown[][]>;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
/** Excel's longest cell text. */
const MAX_CELL_CHARS = 32767;

/** Styles: 0 plain, 1 bold header, 2 date, 3 date-time. */
const STYLES = `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

export function xmlEscape(text: string): string {
  return (
    text
      // Characters XML 1.0 cannot carry at all.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
      .replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g, '')
      .replace(/[&<>"]/g, (ch) =>
        ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&quot;',
      )
  );
}

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\ */
function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet';
}

export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const EPOCH_1900 = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** Excel's serial day number of a `YYYY-MM-DD[ HH:mm[:ss]]` local date or date-time. */
export function excelSerial(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  return (ms - EPOCH_1900) / DAY_MS;
}

function cellXml(ref: string, type: ColumnType, value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (type === 'number' && typeof value === 'number' && Number.isFinite(value))
    return `<c r="${ref}"><v>${value}</v></c>`;
  if ((type === 'date' || type === 'datetime') && typeof value === 'string') {
    const serial = excelSerial(value);
    if (serial !== null) return `<c r="${ref}" s="${type === 'date' ? 2 : 3}"><v>${serial}</v></c>`;
  }
  const text =
    typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlEscape(text.slice(0, MAX_CELL_CHARS))}</t></is></c>`;
}

/** The first columns' letters, worked out once rather than per cell. */
const LETTERS = Array.from({ length: 64 }, (_, i) => columnLetter(i));

function rowXml(rowNo: number, columns: SheetColumn[], cells: unknown[], style = ''): string {
  let xml = `<row r="${rowNo}">`;
  for (const [i, col] of columns.entries()) {
    const ref = `${LETTERS[i] ?? columnLetter(i)}${rowNo}`;
    xml += style
      ? `<c r="${ref}" t="inlineStr"${style}><is><t>${xmlEscape(String(cells[i] ?? ''))}</t></is></c>`
      : cellXml(ref, col.type, cells[i]);
  }
  return `${xml}</row>`;
}

function sheetHead(columns: SheetColumn[]): string {
  const cols = columns
    .map(
      (c, i) =>
        `<col min="${i + 1}" max="${i + 1}" width="${c.width ?? (c.type === 'text' ? 18 : 12)}" customWidth="1"/>`,
    )
    .join('');
  return `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>${cols}</cols><sheetData>${rowXml(
    1,
    columns,
    columns.map((c) => c.header),
    ' s="1"',
  )}`;
}

function packageFiles(names: string[]): Record<string, string> {
  const sheets = names.map((_, i) => i + 1);
  return {
    '[Content_Types].xml': `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${sheets.map((n) => `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`,
    '_rels/.rels': `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}"><Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheets>${names.map((name, i) => `<sheet name="${xmlEscape(sheetName(name))}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">${sheets.map((n) => `<Relationship Id="rId${n}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${n}.xml"/>`).join('')}<Relationship Id="rId${names.length + 1}" Type="${NS_REL}/styles" Target="styles.xml"/></Relationships>`,
    'xl/styles.xml': STYLES,
  };
}

/**
 * A workbook as a byte stream. Each pull deflates one batch of rows, so a 100,000-row ledger never sits in
 * memory whole, and a client that stops reading stops the queries.
 */
export function xlsxStream(sheets: SheetSource[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let out: Uint8Array[] = [];
  let finished = false;
  let failure: Error | null = null;
  const zip = new Zip((err, chunk, final) => {
    if (err) failure = err;
    else out.push(chunk);
    if (final) finished = true;
  });
  const whole = (name: string, text: string) => {
    const file = new ZipDeflate(name, { level: 6 });
    zip.add(file);
    file.push(encoder.encode(text), true);
  };
  let index = -1;
  let current: {
    file: ZipDeflate;
    rows: AsyncIterator<unknown[][]>;
    rowNo: number;
    columns: SheetColumn[];
  } | null = null;

  async function step() {
    if (index === -1) {
      for (const [name, text] of Object.entries(packageFiles(sheets.map((s) => s.name)))) whole(name, text);
      index = 0;
      return;
    }
    if (!current) {
      const sheet = sheets[index];
      if (!sheet) {
        zip.end();
        return;
      }
      const file = new ZipDeflate(`xl/worksheets/sheet${index + 1}.xml`, { level: 6 });
      zip.add(file);
      file.push(encoder.encode(sheetHead(sheet.columns)));
      current = { file, rows: sheet.rows[Symbol.asyncIterator](), rowNo: 1, columns: sheet.columns };
      return;
    }
    const next = await current.rows.next();
    if (next.done) {
      const last = columnLetter(current.columns.length - 1);
      current.file.push(
        encoder.encode(`</sheetData><autoFilter ref="A1:${last}${current.rowNo}"/></worksheet>`),
        true,
      );
      current = null;
      index++;
      return;
    }
    let xml = '';
    for (const cells of next.value) xml += rowXml(++current.rowNo, current.columns, cells);
    current.file.push(encoder.encode(xml));
  }

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      while (out.length === 0 && !finished) {
        await step();
        if (failure) throw failure;
      }
      for (const chunk of out) controller.enqueue(chunk);
      out = [];
      if (finished) controller.close();
    },
    async cancel() {
      await current?.rows.return?.();
    },
  });
}

// ── Reading ──────────────────────────────────────────────────────────────────

export interface ReadSheet {
  name: string;
  /** Cells as text, as a person would type them: dates `YYYY-MM-DD`, empty cells null. */
  rows: (string | null)[][];
}

export class SpreadsheetError extends Error {}

/** Built-in number formats that show a date or time. */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

function xmlUnescape(text: string): string {
  return text
    .replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
      if (e === 'lt') return '<';
      if (e === 'gt') return '>';
      if (e === 'amp') return '&';
      if (e === 'quot') return '"';
      if (e === 'apos') return "'";
      const code = e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
    })
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)(?:\\w+:)?${name}="([^"]*)"`).exec(attrs);
  return m ? xmlUnescape(m[1] as string) : undefined;
}

/** The text of a string item: every run's <t>, leaving out phonetic guides. */
function itemText(xml: string): string {
  const plain = xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '');
  let text = '';
  for (const m of plain.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g))
    text += xmlUnescape(m[1] as string);
  return text;
}

function isDateFormat(code: string): boolean {
  // Quoted text and [colour]/[locale] parts do not count; then any of y m d h s makes it a date.
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare);
}

function serialToText(serial: number, date1904: boolean): string {
  const ms = Math.round((serial + (date1904 ? 1462 : 0)) * DAY_MS) + EPOCH_1900;
  const iso = new Date(ms).toISOString();
  const time = iso.slice(11, 19);
  return time === '00:00:00'
    ? iso.slice(0, 10)
    : `${iso.slice(0, 10)} ${time.endsWith(':00') ? time.slice(0, 5) : time}`;
}

export function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref.toUpperCase()) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
  }
  return n - 1;
}

/**
 * Reads every sheet of a workbook. `maxBytes` bounds what the archive may unpack to, so a zip bomb is
 * refused before it is inflated.
 */
export function readXlsx(bytes: Uint8Array, maxBytes = 64 * 1024 * 1024): ReadSheet[] {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new SpreadsheetError('not an .xlsx file');
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (
          !/^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|sharedStrings\.xml|styles\.xml|worksheets\/[^/]+\.xml)$/.test(
            f.name,
          )
        )
          return false;
        total += f.originalSize;
        if (total > maxBytes) throw new SpreadsheetError('the file unpacks to more than the allowed size');
        return true;
      },
    });
  } catch (e) {
    if (e instanceof SpreadsheetError) throw e;
    throw new SpreadsheetError('the .xlsx file is damaged');
  }
  const decoder = new TextDecoder();
  const text = (name: string) => {
    const f = files[name];
    return f ? decoder.decode(f) : undefined;
  };
  const workbook = text('xl/workbook.xml');
  if (!workbook) throw new SpreadsheetError('the .xlsx file has no workbook');
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*date1904="(1|true)"/.test(workbook);
  const targets = new Map<string, string>();
  for (const m of (text('xl/_rels/workbook.xml.rels') ?? '').matchAll(
    /<(?:\w+:)?Relationship\b([^>]*)\/?>/g,
  )) {
    const id = attr(m[1] as string, 'Id');
    const target = attr(m[1] as string, 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const shared = [
    ...(text('xl/sharedStrings.xml') ?? '').matchAll(
      /<(?:\w+:)?si>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\/>/g,
    ),
  ].map((m) => itemText(m[1] ?? ''));
  const dateStyles = dateStyleIndexes(text('xl/styles.xml') ?? '');

  const sheets: ReadSheet[] = [];
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b([^>]*)\/?>/g)) {
    const attrs = m[1] as string;
    const target = targets.get(attr(attrs, 'id') ?? '');
    const xml = target ? text(target) : undefined;
    if (xml === undefined) continue;
    sheets.push({ name: attr(attrs, 'name') ?? '', rows: sheetRows(xml, shared, dateStyles, date1904) });
  }
  return sheets;
}

function dateStyleIndexes(styles: string): Set<number> {
  const custom = new Map<number, string>();
  for (const m of styles.matchAll(/<(?:\w+:)?numFmt\b([^>]*)\/?>/g)) {
    const id = Number(attr(m[1] as string, 'numFmtId'));
    custom.set(id, attr(m[1] as string, 'formatCode') ?? '');
  }
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(styles)?.[1] ?? '';
  const dates = new Set<number>();
  for (const [i, m] of [...xfs.matchAll(/<(?:\w+:)?xf\b([^>]*?)\/?>/g)].entries()) {
    const id = Number(attr(m[1] as string, 'numFmtId') ?? 0);
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : DATE_FORMAT_IDS.has(id)) dates.add(i);
  }
  return dates;
}

/** Excel's own bounds, and what one import takes. */
const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_383;
const MAX_ROW_GAP = 10_000;
const MAX_CELLS = 5_000_000;

function sheetRows(
  xml: string,
  shared: string[],
  dateStyles: Set<number>,
  date1904: boolean,
): (string | null)[][] {
  const rows: (string | null)[][] = [];
  let cellCount = 0;
  for (const rm of xml.matchAll(/<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g)) {
    const r = Number(attr(rm[1] as string, 'r') ?? rows.length + 1);
    const cells: (string | null)[] = [];
    let col = 0;
    for (const cm of (rm[2] ?? '').matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
      const attrs = cm[1] as string;
      const body = cm[2] ?? '';
      const ref = attr(attrs, 'r');
      if (ref) col = columnIndex(ref);
      if (col > MAX_COLUMN) throw new SpreadsheetError('a cell lies beyond column XFD');
      const type = attr(attrs, 't') ?? 'n';
      const raw = /<(?:\w+:)?v>([\s\S]*?)<\/(?:\w+:)?v>/.exec(body)?.[1];
      let value: string | null = null;
      if (type === 'inlineStr') value = itemText(body);
      else if (raw !== undefined) {
        const v = xmlUnescape(raw);
        if (type === 's') value = shared[Number(v)] ?? '';
        else if (type === 'b') value = v === '1' ? 'TRUE' : 'FALSE';
        else if (type === 'n' && dateStyles.has(Number(attr(attrs, 's') ?? 0)) && v !== '')
          value = serialToText(Number(v), date1904);
        else value = v;
      }
      cellCount += Math.max(1, col + 1 - cells.length);
      if (cellCount > MAX_CELLS) throw new SpreadsheetError('the sheet has more cells than an import takes');
      while (cells.length < col) cells.push(null);
      cells[col] = value === '' ? null : value;
      col++;
    }
    // Row numbers come from the file: an absurd one must not make us allocate the gap.
    if (!(r >= 1 && r <= MAX_ROW) || r - rows.length > MAX_ROW_GAP)
      throw new SpreadsheetError('a row number is out of range');
    while (rows.length < r - 1) rows.push([]);
    rows[r - 1] = cells;
  }
  return rows;
}
