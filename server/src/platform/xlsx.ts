import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import archiver from 'archiver';
import type { CellSql, ColumnDef } from './query.ts';
import type { Locale } from './i18n.ts';

// Streamed .xlsx exports. The sheet's SpreadsheetML is written as text straight into a zip stream
// (archiver, deflate level 1), a batch of rows at a time with back-pressure, so memory stays flat
// for a million-row ledger. ExcelJS's streaming writer did the same job at 6.4k rows/s (its per-cell
// object model); this writes ≥ 50k rows/s (issue 4 benchmark, `npm run bench:ledger`). Reading
// uploaded workbooks and building import templates stays with ExcelJS (platform/import.ts).
//
// The workbook: one sheet, a bold frozen header row in the user's language, column widths, text as
// inline strings, numbers as numbers, dates as Excel dates in China time (UTC+8) formatted
// yyyy-mm-dd hh:mm.

export type Cell = string | number | Date | null;
const CHINA_OFFSET_MS = 8 * 3_600_000;
const STYLE_HEADER = 1;
const STYLE_DATE = 2;

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const CONTENT_TYPES = `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`;
const ROOT_RELS = `${HEAD}<Relationships xmlns="${NS_PKG}">
<Relationship Id="rId1" Type="${NS_R}/officeDocument" Target="xl/workbook.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`;
const WORKBOOK_RELS = `${HEAD}<Relationships xmlns="${NS_PKG}">
<Relationship Id="rId1" Type="${NS_R}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="${NS_R}/styles" Target="styles.xml"/></Relationships>`;
const STYLES = `${HEAD}<styleSheet xmlns="${NS}">
<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/></font><font><b/><sz val="11"/><name val="等线"/><family val="2"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/** XML text: escaped, without the control characters XML 1.0 forbids. */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
export function xmlText(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s; // most cells: one scan, no copies
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** A → 1-based column letters. */
export function columnLetters(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

/** Excel's serial date for an instant, as the wall-clock time in China. */
export function excelDate(d: Date): number {
  return (d.getTime() + CHINA_OFFSET_MS) / 86_400_000 + 25569;
}

const WS = /\s/;

/** One cell: `open` is `<c r="A12"` (built once per column and row), empty values are left out. */
function cellXml(open: string, v: Cell, style?: number): string {
  if (v === null || v === undefined || v === '') return '';
  const s = style ? ` s="${style}"` : '';
  if (typeof v === 'number') return Number.isFinite(v) ? open + s + '><v>' + v + '</v></c>' : '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : open + ' s="' + STYLE_DATE + '"><v>' + excelDate(v) + '</v></c>';
  const text = xmlText(v);
  const space = WS.test(text.charAt(0)) || WS.test(text.charAt(text.length - 1)) ? ' xml:space="preserve"' : '';
  return open + s + ' t="inlineStr"><is><t' + space + '>' + text + '</t></is></c>';
}

function plain(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.join('、');
  return JSON.stringify(v);
}

/** Sheet names: at most 31 characters, none of []:*?/\ (Excel refuses the workbook otherwise). */
const sheetName = (s: string) => [...s.replace(/[[\]:*?/\\]/g, '_')].slice(0, 31).join('') || 'Sheet1';

/**
 * One workbook being written into `out`: the fixed parts first, then the sheet's rows as they come
 * (`addRows` waits while the zip stream is behind), then `finish`. Cells arrive already formatted.
 */
export class SheetZip {
  private readonly zip = archiver('zip', { zlib: { level: 1 } });
  private readonly sheet = new PassThrough();
  private readonly failed: Promise<never>;
  private readonly finished: Promise<void>;
  private readonly opens: string[];
  private r = 1;

  constructor(private readonly out: NodeJS.WritableStream, name: string, headers: string[], widths: number[]) {
    this.failed = new Promise<never>((_, reject) => this.zip.on('error', reject));
    this.failed.catch(() => undefined);
    this.zip.pipe(out);
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    this.zip.append(CONTENT_TYPES, { name: '[Content_Types].xml' });
    this.zip.append(ROOT_RELS, { name: '_rels/.rels' });
    this.zip.append(`${HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${xmlText(name)}</dc:title><dc:creator>Yingji 应急</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created></cp:coreProperties>`, { name: 'docProps/core.xml' });
    this.zip.append(`${HEAD}<workbook xmlns="${NS}" xmlns:r="${NS_R}"><sheets><sheet name="${xmlText(sheetName(name))}" sheetId="1" r:id="rId1"/></sheets></workbook>`, { name: 'xl/workbook.xml' });
    this.zip.append(WORKBOOK_RELS, { name: 'xl/_rels/workbook.xml.rels' });
    this.zip.append(STYLES, { name: 'xl/styles.xml' });
    this.zip.append(this.sheet, { name: 'xl/worksheets/sheet1.xml' });
    this.finished = this.zip.finalize();
    const letters = headers.map((_, i) => columnLetters(i + 1));
    this.opens = letters.map((l) => '<c r="' + l);
    const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
    const header = headers.map((h, i) => cellXml(`<c r="${letters[i]}1"`, h, STYLE_HEADER)).join('');
    this.sheet.write(`${HEAD}<worksheet xmlns="${NS}" xmlns:r="${NS_R}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`
      + `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData><row r="1">${header}</row>`);
  }

  /** Appends rows; `cell(row, i)` gives column i of a row. */
  async addRows<R>(rows: readonly R[], width: number, cell: (row: R, i: number) => Cell): Promise<void> {
    const parts: string[] = [];
    for (const row of rows) {
      const r = ++this.r;
      let xml = '<row r="' + r + '">';
      for (let i = 0; i < width; i++) {
        const v = cell(row, i);
        if (v !== null && v !== undefined && v !== '') xml += cellXml(this.opens[i]! + r + '"', v);
      }
      parts.push(xml + '</row>');
    }
    if (!this.sheet.write(parts.join(''))) await Promise.race([once(this.sheet, 'drain'), this.failed]);
  }

  /** Appends rows already rendered as <row> elements (by sheetRowSql), `count` of them. */
  async addXml(rows: readonly string[], count: number): Promise<void> {
    this.r += count;
    if (!this.sheet.write(rows.join(''))) await Promise.race([once(this.sheet, 'drain'), this.failed]);
  }

  /** Resolves once every byte of the workbook has been written to `out` (and `out` ended). */
  async finish(): Promise<void> {
    const flushed = (this.out as { writableFinished?: boolean }).writableFinished ? Promise.resolve() : once(this.out as unknown as NodeJS.EventEmitter, 'finish');
    this.sheet.end('</sheetData></worksheet>');
    await Promise.race([this.finished, this.failed]);
    await Promise.race([flushed, this.failed]);
  }
}

/**
 * Streams an .xlsx into `out` as rows arrive. `produce` is called with a function that appends rows
 * (await it: it waits while the client is slower than the database); the workbook is finished when
 * `produce` resolves, and `out` is ended. (A worker thread for the XML and zip was tried: passing
 * formatted rows to it cost more than writing them here — 60k vs 100k rows/s for the writer alone.)
 */
export async function streamXlsx<T>(out: NodeJS.WritableStream, name: string, columns: ColumnDef[], locale: Locale,
  produce: (add: (rows: T[]) => Promise<void>) => Promise<unknown>): Promise<void> {
  const headers = columns.map((c) => (locale === 'en-US' ? c.en : c.zh));
  const widths = columns.map((c, i) => c.width ?? Math.max(10, headers[i]!.length * 2 + 4));
  const cell = (row: T, i: number): Cell => {
    const rec = row as Record<string, unknown>;
    const c = columns[i]!;
    return plain(c.format ? c.format(rec[c.key], rec, locale) : rec[c.key]);
  };
  const sink = new SheetZip(out, name, headers, widths);
  await produce(async (rows) => { if (rows.length) await sink.addRows(rows, columns.length, cell); });
  await sink.finish();
}

// ---- Rendering in the database (the fast path for large exports) ----

/** Every column can be rendered by SQL. */
export const hasCellSql = (columns: readonly ColumnDef[]) => columns.length > 0 && columns.every((c) => c.sql);

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;
/** SQL that escapes text for XML and drops the control characters XML 1.0 forbids, as xmlText does. */
const sqlXmlText = (x: string) =>
  `replace(replace(replace(replace(regexp_replace(${x}, '[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f\\uFFFE\\uFFFF]', '', 'g'), '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;')`;

function cellSql(c: CellSql, letter: string, rn: string, locale: Locale): string {
  const expr = typeof c.expr === 'function' ? c.expr(locale) : c.expr;
  const open = `'<c r="${letter}' || ${rn} || '"`;
  switch (c.kind ?? 'text') {
    case 'number':
      return `CASE WHEN (${expr}) IS NULL OR (${expr})::float8 IN ('NaN', 'Infinity', '-Infinity') THEN '' ELSE ${open}><v>' || (${expr})::float8::text || '</v></c>' END`;
    case 'date':
      return `CASE WHEN (${expr}) IS NULL THEN '' ELSE ${open} s="${STYLE_DATE}"><v>' || ((EXTRACT(EPOCH FROM (${expr})) + ${CHINA_OFFSET_MS / 1000}) / 86400 + 25569)::text || '</v></c>' END`;
    default: {
      const v = c.labels
        ? `(CASE (${expr})::text ${Object.entries(c.labels).map(([k, l]) => `WHEN ${sqlString(k)} THEN ${sqlString(l[locale === 'en-US' ? 1 : 0])}`).join(' ')} ELSE (${expr})::text END)`
        : `(${expr})::text`;
      return `CASE WHEN ${v} IS NULL OR ${v} = '' THEN '' ELSE ${open} t="inlineStr"><is><t xml:space="preserve">' || ${sqlXmlText(v)} || '</t></is></c>' END`;
    }
  }
}

/**
 * A SELECT list item rendering each row as its <row> element (numbered from 2 in the export's order),
 * aliased `x`. The database does the formatting, on its own core; Node only zips.
 */
export function sheetRowSql(columns: readonly ColumnDef[], locale: Locale, order: string): string {
  const rn = `(row_number() OVER (ORDER BY ${order}) + 1)`;
  const cells = columns.map((c, i) => cellSql(c.sql!, columnLetters(i + 1), rn, locale));
  return `'<row r="' || ${rn} || '">' || ${cells.join(' || ')} || '</row>' AS x`;
}

/** Streams an .xlsx whose rows come already rendered (see sheetRowSql). */
export async function streamXlsxRendered(out: NodeJS.WritableStream, name: string, columns: ColumnDef[], locale: Locale,
  produce: (add: (rows: { x: string }[]) => Promise<void>) => Promise<unknown>): Promise<void> {
  const headers = columns.map((c) => (locale === 'en-US' ? c.en : c.zh));
  const sink = new SheetZip(out, name, headers, columns.map((c, i) => c.width ?? Math.max(10, headers[i]!.length * 2 + 4)));
  await produce(async (rows) => { if (rows.length) await sink.addXml(rows.map((r) => r.x), rows.length); });
  await sink.finish();
}

/** RFC 5987 Content-Disposition for a Chinese file name. */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
