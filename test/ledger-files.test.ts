import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { csvLine, decodeCsv, parseCsv } from '../server/ledger/csv.ts';
import { columnIndex, columnLetter, readXlsx, SpreadsheetError, xlsxStream } from '../server/ledger/xlsx.ts';

/** The spreadsheet formats on their own: what the exports write and the import reads. */

async function bytesOf(stream: ReadableStream<Uint8Array>) {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function* batchesOf<T>(...batches: T[][]) {
  for (const b of batches) yield b;
}

describe('XLSX', () => {
  it('writes what it reads back: text, numbers, dates, date-times, escapes, several batches and sheets', async () => {
    const file = await bytesOf(
      xlsxStream([
        {
          name: '改进记录台账: [2026]',
          columns: [
            { header: '编号', type: 'text' },
            { header: 'N', type: 'number' },
            { header: '日期', type: 'date' },
            { header: 'At', type: 'datetime' },
          ],
          rows: batchesOf(
            [
              ['a & b <c> "d"', 1.5, '2026-01-31', '2026-01-31 08:05'],
              ['bell\u0007gone', null, '', '=1+1'],
            ],
            [['多行\n文本', 0, '1900-03-01', null]],
          ),
        },
        { name: 'Second', columns: [{ header: 'x', type: 'text' }], rows: batchesOf() },
      ]),
    );
    const sheets = readXlsx(file);
    // Sheet names lose the characters Excel forbids.
    expect(sheets.map((s) => s.name)).toEqual(['改进记录台账   2026 ', 'Second']);
    expect(sheets[0]?.rows).toEqual([
      ['编号', 'N', '日期', 'At'],
      ['a & b <c> "d"', '1.5', '2026-01-31', '2026-01-31 08:05'],
      ['bellgone', null, null, '=1+1'],
      ['多行\n文本', '0', '1900-03-01'],
    ]);
    expect(sheets[1]?.rows).toEqual([['x']]);
  });

  it('stores dates as date serials with a date format, so spreadsheets sort and filter them as dates', async () => {
    const file = await bytesOf(
      xlsxStream([
        { name: 's', columns: [{ header: 'd', type: 'date' }], rows: batchesOf([['2026-03-01']]) },
      ]),
    );
    const { unzipSync } = await import('fflate');
    const sheet = new TextDecoder().decode(unzipSync(file)['xl/worksheets/sheet1.xml']);
    // 2026-03-01 is day 46082 counted from 1899-12-30; style 2 is yyyy-mm-dd.
    expect(sheet).toContain('<c r="A2" s="2"><v>46082</v></c>');
  });

  it('reads a workbook the way Excel writes it: shared strings, rich text, phonetic guides, styles, booleans, gaps', () => {
    const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const file = zipSync({
      'xl/workbook.xml': strToU8(
        `<x:workbook xmlns:x="${ns}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets><x:sheet name="岗位" sheetId="7" r:id="rId3"/></x:sheets></x:workbook>`,
      ),
      'xl/_rels/workbook.xml.rels': strToU8(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="x" Target="/xl/worksheets/data.xml"/></Relationships>',
      ),
      'xl/sharedStrings.xml': strToU8(
        `<sst xmlns="${ns}"><si><t>岗位编码</t></si><si><r><rPr><b/></rPr><t>综合</t></r><r><t xml:space="preserve"> 窗口</t></r><rPh sb="0" eb="2"><t>ふりがな</t></rPh></si><si><t>A&amp;B_x000D_</t></si><si/></sst>`,
      ),
      'xl/styles.xml': strToU8(
        `<styleSheet xmlns="${ns}"><numFmts count="1"><numFmt numFmtId="170" formatCode="[$-804]yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="170"/><xf numFmtId="4"/></cellXfs></styleSheet>`,
      ),
      'xl/worksheets/data.xml': strToU8(
        `<x:worksheet xmlns:x="${ns}"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="s"><x:v>2</x:v></x:c></x:row><x:row r="3"><x:c t="s"><x:v>1</x:v></x:c><x:c s="1"><x:v>46082</x:v></x:c><x:c s="2"><x:v>46082.5</x:v></x:c><x:c s="3"><x:v>1234.5</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c t="str"><x:v>formula result</x:v></x:c><x:c t="s"><x:v>3</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
      ),
    });
    const [sheet] = readXlsx(file);
    expect(sheet?.name).toBe('岗位');
    expect(sheet?.rows).toEqual([
      ['岗位编码', null, 'A&B\r'],
      [],
      ['综合 窗口', '2026-03-01', '2026-03-01 12:00', '1234.5', 'TRUE', 'formula result', null],
    ]);
  });

  it('reads a workbook saved by another spreadsheet program (openpyxl)', () => {
    const sheets = readXlsx(readFileSync(new URL('./fixtures/excel-made.xlsx', import.meta.url)));
    expect(sheets.map((s) => s.name)).toEqual(['岗位', 'Notes']);
    expect(sheets[0]?.rows).toEqual([
      ['岗位编码', '岗位名称', '日期', '数量', '布尔'],
      ['P-001', '综合受理窗口 <A&B>', '2026-03-01', '12', 'TRUE'],
      [null, '  spaced  ', '2026-03-01 08:30', '3.25', 'FALSE'],
      ['粗体与普通', null, null, null, 'line1\nline2'],
    ]);
  });

  it('refuses what is not a workbook, a damaged one, and one that would unpack too large', () => {
    expect(() => readXlsx(strToU8('code,name\n'))).toThrow(SpreadsheetError);
    expect(() => readXlsx(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]))).toThrow(SpreadsheetError);
    const bomb = zipSync({ 'xl/workbook.xml': new Uint8Array(2 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(20_000);
    expect(() => readXlsx(bomb, 1024 * 1024)).toThrow(/more than the allowed size/);
  });

  it('refuses row and column numbers no spreadsheet has, before allocating for them', () => {
    const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const book = (sheet: string) =>
      zipSync({
        'xl/workbook.xml': strToU8(
          `<workbook xmlns="${ns}" xmlns:r="r"><sheets><sheet name="s" r:id="rId1"/></sheets></workbook>`,
        ),
        'xl/_rels/workbook.xml.rels': strToU8(
          '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
        ),
        'xl/worksheets/sheet1.xml': strToU8(
          `<worksheet xmlns="${ns}"><sheetData>${sheet}</sheetData></worksheet>`,
        ),
      });
    expect(() => readXlsx(book('<row r="100000000"/>'))).toThrow(/row number/);
    expect(() => readXlsx(book('<row r="1"><c r="XFE1" t="inlineStr"><is><t>x</t></is></c></row>'))).toThrow(
      /XFD/,
    );
    expect(
      readXlsx(book('<row r="2"><c r="C2" t="inlineStr"><is><t>&#1114112;&#65;</t></is></c></row>'))[0]?.rows,
    ).toEqual([[], [null, null, '\uFFFDA']]);
  });

  it('names columns as spreadsheets do', () => {
    expect([0, 25, 26, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
    expect(['A1', 'Z9', 'AA10', 'ZZ1', 'AAA7'].map(columnIndex)).toEqual([0, 25, 26, 701, 702]);
  });
});

describe('CSV', () => {
  it('quotes what needs quoting, defuses formulas, and parses back exactly', () => {
    const rows = [
      ['code', 'a "quoted" word', 'comma, inside', 'line\r\nbreak', '', '=SUM(A1)', '-1', '@x', '+86 10'],
      ['中文', '、', ' lead and trail ', "'already", "'=kept"],
    ];
    const text = rows.map(csvLine).join('');
    expect(text).toContain('"\'=SUM(A1)"');
    expect(parseCsv(text)).toEqual(rows);
  });

  it('decodes UTF-8 with or without a byte-order mark, and GB 18030 from Excel on Chinese Windows', () => {
    expect(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8('岗位,A')]))).toBe('岗位,A');
    expect(decodeCsv(strToU8('岗位,A'))).toBe('岗位,A');
    // 岗位 in GB 18030 (GBK): b8da ce bb
    expect(decodeCsv(new Uint8Array([0xb8, 0xda, 0xce, 0xbb, 0x2c, 0x41]))).toBe('岗位,A');
  });

  it('keeps empty cells and ignores a missing final line break', () => {
    expect(parseCsv('a,,c\n,,\nx')).toEqual([['a', '', 'c'], ['', '', ''], ['x']]);
  });
});
