import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { write, type ServiceCtx } from './context.ts';
import { AppError, toAppError, validationFailed } from './errors.ts';
import { ctxOf } from './http.ts';
import { message } from './i18n.ts';
import type { Permission } from './permissions.ts';
import { attachmentDisposition } from './xlsx.ts';

/*
 * xlsx import for any ledger, all-or-nothing. A module declares an ImportSpec (columns, how a row
 * becomes its create body, the create function); this file downloads templates, reads uploads,
 * checks every row and either imports all of them in one transaction or none, with a row-by-row
 * error report. Each row runs under its own SAVEPOINT, so a database or service error (duplicate,
 * out of scope, unknown code …) is attributed to that row and checking carries on; any error rolls
 * the whole import back. The create functions audit each row; the import itself is audited too.
 */

/** Rows per upload. All rows are checked and written in one transaction, which holds the audit lock while it writes. */
export const MAX_IMPORT_ROWS = 500;
/** Rows of the template that carry drop-down lists. */
const TEMPLATE_ROWS = 1000;
/** Row errors listed in the JSON problem (the xlsx report always has all of them). */
const MAX_LISTED_ERRORS = 1000;

export type CellType = 'text' | 'integer' | 'number' | 'date' | 'list' | 'enum';
type Pair = readonly [zh: string, en: string];

export interface ImportColumn {
  /** Key of the parsed row handed to toBody; by default also the body field it fills. */
  key: string;
  zh: string;
  en: string;
  required?: boolean;
  /** How the cell is read: text (default), integer, number, date (YYYY-MM-DD), list (、,;-separated), enum. */
  type?: CellType;
  /** enum: API value → [zh, en] label; a cell may hold either label or the value itself. */
  labels?: Record<string, Pair>;
  /** Allowed values listed in the template (可选值) and offered as a drop-down for single-valued columns. */
  options?: (ctx: ServiceCtx) => Promise<string[]> | string[];
  /** The drop-down only suggests: other values may be typed (free text with common choices). */
  openList?: boolean;
  example?: string | number;
  /** Help text shown in the template (header note and 填写说明). */
  note?: Pair;
  /** Body fields this column fills, for blaming schema and service errors on it; default [key]. */
  fields?: string[];
  width?: number;
}

/** A data row after reading its cells by column type: text/date/enum → string, integer/number → number, list → string[]. */
export type ImportRow = Readonly<Record<string, string | number | string[] | undefined>>;

/** What toBody gets besides the row: the import's transaction, the language, and error reporting. */
export interface ImportRowCtx {
  ctx: ServiceCtx;
  en: boolean;
  /** Records an error on a column (by key) and returns undefined, so lookups can `return rc.fail(…)`. */
  fail(key: string, message: string): undefined;
  /** Runs fn once per import and shares the result (lookup tables). */
  once<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

export interface ImportSpec<TBody = unknown> {
  /** URL segment and stable name, e.g. 'teams'. */
  kind: string;
  /** Sheet and file names. */
  name: string;
  nameEn: string;
  /** Audit entity type of the import entry. */
  entityType: string;
  columns: ImportColumn[];
  /** The create body schema (the same TypeBox object the POST route validates with). */
  schema: TSchema;
  /** Builds the create body from a row, resolving names to ids; failures go to rc.fail. */
  toBody(row: ImportRow, rc: ImportRowCtx): Promise<TBody> | TBody;
  create(ctx: ServiceCtx, body: TBody): Promise<unknown>;
  /** Rows that must not repeat: within the file (key) and against the database (exists), blamed on columns[0]. */
  duplicate?: { columns: string[]; key?(body: TBody): string; exists?(ctx: ServiceCtx, body: TBody): Promise<boolean> };
  /** Column blamed when create refuses a row for scope (out_of_scope, not_found, forbidden); default the one filling regionCode. */
  scopeColumn?: string;
}

export interface ImportRowError {
  /** Excel row number (1 = header row). */
  row: number;
  /** Column label in the caller's language; '' for the whole row. */
  column: string;
  /** Column key; absent for the whole row. */
  key?: string;
  message: string;
}

export interface ImportResult {
  imported: number;
  checked: number;
  dryRun: boolean;
}

export const ImportResultSchema = Type.Object({
  imported: Type.Integer({ description: '导入的行数（试导入为 0）' }),
  checked: Type.Integer({ description: '校验通过的行数' }),
  dryRun: Type.Boolean(),
});

export const ImportRowErrorSchema = Type.Object({
  row: Type.Integer({ description: 'Excel 行号（表头为第 1 行）' }),
  column: Type.String({ description: '列名（空为整行）' }),
  key: Type.Optional(Type.String()),
  message: Type.String(),
});

/** 422 problem of an import that failed: nothing was imported; rowErrors lists every problem. */
export const ImportProblemSchema = Type.Object({
  type: Type.String(), title: Type.String(), status: Type.Integer(), detail: Type.String(), code: Type.String(),
  instance: Type.Optional(Type.String()), requestId: Type.Optional(Type.String()),
  rowErrors: Type.Array(ImportRowErrorSchema),
  errorCount: Type.Integer(),
  rowCount: Type.Integer({ description: '文件中的数据行数' }),
});

type Cell = string | number | boolean | Date | null;
interface SheetRow { row: number; cells: Map<string, Cell> }
interface Sheet { ws: ExcelJS.Worksheet; wb: ExcelJS.Workbook; colOf: Map<string, number>; rows: SheetRow[]; headerErrors: ImportRowError[] }

const label = (c: ImportColumn, en: boolean) => (en ? c.en : c.zh);
const ERRORS_HEADER: Pair = ['错误', 'Errors'];
const EXAMPLE_NOTE: Pair = ['示例行：请删除后再导入', 'Example row: delete it before importing'];

// ---- template ---------------------------------------------------------------------------------

/**
 * The import template: the data sheet (header row, required columns marked *, one example row in
 * grey), 填写说明 (every column: required, format, allowed values, example) and 可选值 (the lists
 * behind the drop-downs).
 */
export async function templateXlsx(ctx: ServiceCtx, spec: ImportSpec): Promise<{ filename: string; xlsx: Buffer }> {
  const en = ctx.locale === 'en-US';
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Yingji 应急';
  wb.created = new Date();
  const ws = wb.addWorksheet(sheetName(en ? spec.nameEn : spec.name));
  const help = wb.addWorksheet(en ? 'Instructions' : '填写说明');
  const lists = wb.addWorksheet(en ? 'Allowed values' : '可选值');

  ws.columns = spec.columns.map((c) => ({ header: `${c.required ? '*' : ''}${label(c, en)}`, key: c.key, width: c.width ?? Math.max(12, label(c, en).length * (en ? 1.3 : 2.4) + 4) }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
  spec.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    if (c.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
    if (c.note) cell.note = c.note[en ? 1 : 0];
  });
  const example = ws.addRow(Object.fromEntries(spec.columns.map((c) => [c.key, c.example ?? null])));
  example.font = { italic: true, color: { argb: 'FF808080' } };
  example.getCell(1).note = EXAMPLE_NOTE[en ? 1 : 0];
  ws.views = [{ state: 'frozen', ySplit: 1 }];

  lists.getRow(1).font = { bold: true };
  let listCol = 0;
  const allowed = new Map<string, string[]>();
  for (const [i, c] of spec.columns.entries()) {
    const values = c.labels ? Object.values(c.labels).map((p) => p[en ? 1 : 0]) : c.options ? await c.options(ctx) : [];
    if (!values.length) continue;
    allowed.set(c.key, values);
    listCol++;
    lists.getColumn(listCol).width = Math.max(16, ...values.map((v) => v.length * 2));
    lists.getCell(1, listCol).value = label(c, en);
    values.forEach((v, j) => { lists.getCell(j + 2, listCol).value = v; });
    if (c.type === 'list') continue; // several values per cell: no drop-down
    const ref = `'${lists.name}'!$${colLetter(listCol)}$2:$${colLetter(listCol)}$${values.length + 1}`;
    for (let r = 2; r <= TEMPLATE_ROWS + 1; r++) {
      ws.getCell(r, i + 1).dataValidation = {
        type: 'list', allowBlank: true, formulae: [ref], showErrorMessage: !c.openList, errorStyle: 'stop',
        errorTitle: label(c, en), error: en ? 'Choose a value from the list' : '请从下拉列表中选择',
      };
    }
  }

  help.columns = [
    { header: en ? 'Column' : '列名', key: 'col', width: 18 },
    { header: en ? 'Required' : '必填', key: 'req', width: 8 },
    { header: en ? 'Format and allowed values' : '填写要求与可选值', key: 'note', width: 70 },
    { header: en ? 'Example' : '示例', key: 'ex', width: 24 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of spec.columns) {
    const values = allowed.get(c.key);
    const parts = [typeHint(c, en), c.note?.[en ? 1 : 0], values && values.length <= 20 ? `${en ? 'Allowed: ' : '可选值：'}${values.join(en ? ', ' : '、')}` : values ? (en ? `See the sheet “${lists.name}”` : `见“${lists.name}”表`) : undefined];
    help.addRow({ col: label(c, en), req: c.required ? (en ? 'yes' : '是') : '', note: parts.filter(Boolean).join(en ? '. ' : '；'), ex: c.example ?? '' });
  }
  help.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  help.addRow({});
  for (const line of en ? [
    `Fill in the first sheet from row 2 on; delete the grey example row. Columns marked * are required. At most ${MAX_IMPORT_ROWS} rows per file.`,
    'The import is all-or-nothing: if any row has an error, nothing is imported and every error is listed by row and column.',
  ] : [
    `从第一张表的第 2 行开始填写，并删除灰色示例行。带 * 的列为必填。每个文件最多 ${MAX_IMPORT_ROWS} 行。`,
    '导入要么全部成功，要么一条也不导入：任何一行有错误时不导入任何数据，并按行、列列出全部错误。',
  ]) help.addRow({ col: line });

  const stamp = new Date().toISOString().slice(0, 10);
  return { filename: `${en ? `${spec.nameEn} import template` : `${spec.name}导入模板`}-${stamp}.xlsx`, xlsx: Buffer.from(await wb.xlsx.writeBuffer()) };
}

function typeHint(c: ImportColumn, en: boolean): string | undefined {
  switch (c.type) {
    case 'integer': return en ? 'Whole number' : '整数';
    case 'number': return en ? 'Number' : '数字';
    case 'date': return en ? 'Date, YYYY-MM-DD' : '日期，格式 YYYY-MM-DD';
    case 'list': return en ? 'Several values separated by 、 , or ;' : '可填多个，用顿号、逗号或分号分隔';
    default: return undefined;
  }
}

function colLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
}

// ---- import -----------------------------------------------------------------------------------

/**
 * Imports every row of the uploaded workbook, or none: returns the count, or throws a 422
 * `import_failed` problem whose `rowErrors` list each error by Excel row and column. With dryRun the
 * rows are checked (including the database writes) and rolled back.
 */
export async function runImport(ctx: ServiceCtx, spec: ImportSpec, file: Buffer, opts: { dryRun?: boolean; filename?: string } = {}): Promise<ImportResult> {
  const sheet = await readSheet(ctx, spec, file);
  const { errors, checked } = await execute(ctx, spec, sheet, opts.dryRun ?? false, opts.filename, file);
  if (errors.length) throw importFailed(errors, sheet.rows.length);
  return { imported: opts.dryRun ? 0 : checked, checked, dryRun: opts.dryRun ?? false };
}

/**
 * The error report: the uploaded sheet with an added 错误 column (and the offending cells marked),
 * after a dry run. Nothing is written.
 */
export async function importReport(ctx: ServiceCtx, spec: ImportSpec, file: Buffer, filename = 'import.xlsx'): Promise<{ filename: string; xlsx: Buffer; errorCount: number }> {
  const en = ctx.locale === 'en-US';
  const sheet = await readSheet(ctx, spec, file);
  const { errors } = await execute(ctx, spec, sheet, true, filename, file);
  const { ws, colOf } = sheet;
  let errCol = [...Array(ws.columnCount).keys()].map((i) => i + 1).find((i) => ERRORS_HEADER.some((h) => normalise(h) === normalise(cellText(ws.getCell(1, i).value))));
  errCol ??= Math.max(ws.columnCount, ...colOf.values()) + 1;
  const head = ws.getCell(1, errCol);
  const fileLevel = errors.filter((e) => e.row <= 1).map((e) => e.message);
  head.value = fileLevel.length ? `${ERRORS_HEADER[en ? 1 : 0]}（${fileLevel.join('；')}）` : ERRORS_HEADER[en ? 1 : 0];
  head.font = { bold: true, color: { argb: 'FFC00000' } };
  ws.getColumn(errCol).width = 60;
  const byRow = new Map<number, ImportRowError[]>();
  for (const e of errors.filter((x) => x.row > 1)) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
  for (const r of sheet.rows) {
    const list = byRow.get(r.row) ?? [];
    const cell = ws.getCell(r.row, errCol);
    cell.value = list.length ? list.map((e) => (e.column ? `${e.column}：${e.message}` : e.message)).join('；\n') : null;
    cell.font = { color: { argb: 'FFC00000' } };
    cell.alignment = { wrapText: true, vertical: 'top' };
    for (const e of list) {
      const col = e.key ? colOf.get(e.key) : undefined;
      if (col) ws.getCell(r.row, col).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE699' } };
    }
  }
  const base = filename.replace(/\.xlsx$/i, '');
  return { filename: `${base}-${en ? 'errors' : '错误报告'}.xlsx`, xlsx: Buffer.from(await sheet.wb.xlsx.writeBuffer()), errorCount: errors.length };
}

function importFailed(errors: ImportRowError[], rowCount: number): AppError {
  const rows = new Set(errors.map((e) => e.row)).size;
  return new AppError(422, 'import_failed', { count: errors.length, rows }, [], {
    rowErrors: errors.slice(0, MAX_LISTED_ERRORS), errorCount: errors.length, rowCount,
  });
}

const normalise = (s: string) => s.replace(/[（(][^）)]*[）)]/g, '').replace(/[\s*＊]/g, '').toLowerCase();

async function readSheet(ctx: ServiceCtx, spec: ImportSpec, file: Buffer): Promise<Sheet> {
  const en = ctx.locale === 'en-US';
  const wb = new ExcelJS.Workbook();
  const unreadable = () => validationFailed([{ path: 'file', message: en ? 'The file is not an .xlsx workbook (Excel 2007 or later)' : '无法读取文件：请上传 .xlsx 格式（Excel 2007 及以上）的工作簿' }]);
  if (file.length < 4 || file.readUInt32LE(0) !== 0x04034b50) throw unreadable(); // zip signature PK\3\4
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer); // exceljs types predate Buffer<ArrayBufferLike>
  } catch {
    throw unreadable();
  }
  const ws = wb.worksheets.find((w) => w.name === sheetName(spec.name) || w.name === sheetName(spec.nameEn)) ?? wb.worksheets[0];
  if (!ws) throw unreadable();

  const byHeader = new Map<string, ImportColumn>();
  for (const c of spec.columns) for (const l of [c.zh, c.en]) byHeader.set(normalise(l), c);
  const colOf = new Map<string, number>();
  const headerErrors: ImportRowError[] = [];
  ws.getRow(1).eachCell((cell, col) => {
    const c = byHeader.get(normalise(cellText(cell.value)));
    if (!c) return; // unknown columns (e.g. 错误 of a report) are ignored
    if (colOf.has(c.key)) headerErrors.push({ row: 1, column: label(c, en), key: c.key, message: en ? 'The column appears twice' : '该列重复出现' });
    else colOf.set(c.key, col);
  });
  for (const c of spec.columns) {
    if (c.required && !colOf.has(c.key)) headerErrors.push({ row: 1, column: label(c, en), key: c.key, message: en ? 'Required column missing from the header row' : '表头缺少必填列' });
  }

  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const cells = new Map<string, Cell>();
    for (const [key, col] of colOf) {
      const v = plainCell(row.getCell(col).value);
      if (v !== null && !(typeof v === 'string' && v.trim() === '')) cells.set(key, v);
    }
    if (cells.size) rows.push({ row: n, cells });
  });
  if (!headerErrors.length && rows.length === 0) throw validationFailed([{ path: 'file', message: en ? 'The sheet has no data rows' : '表格中没有数据行' }]);
  if (rows.length > MAX_IMPORT_ROWS) throw validationFailed([{ path: 'file', message: en ? `At most ${MAX_IMPORT_ROWS} rows per file (found ${rows.length})` : `每个文件最多 ${MAX_IMPORT_ROWS} 行（本文件 ${rows.length} 行），请分批导入` }]);
  return { ws, wb, colOf, rows, headerErrors };
}

const compiled = new WeakMap<TSchema, ReturnType<typeof Compile>>();
function validator(schema: TSchema): ReturnType<typeof Compile> {
  let v = compiled.get(schema);
  if (!v) compiled.set(schema, (v = Compile(schema)));
  return v;
}

/** Thrown to roll the import transaction back after checking (errors, or a dry run). */
const ROLLBACK = new Error('import rolled back');

/** Checks (and, unless dryRun, keeps) every row in one transaction; returns all row errors. */
async function execute(ctx: ServiceCtx, spec: ImportSpec, sheet: Sheet, dryRun: boolean, filename: string | undefined, file: Buffer): Promise<{ errors: ImportRowError[]; checked: number }> {
  if (sheet.headerErrors.length) return { errors: sorted(spec, sheet.headerErrors), checked: 0 };
  const en = ctx.locale === 'en-US';
  const errors: ImportRowError[] = [];
  const check = validator(spec.schema);
  const colByKey = new Map(spec.columns.map((c) => [c.key, c]));
  const colByField = new Map<string, ImportColumn>();
  for (const c of spec.columns) for (const f of c.fields ?? [c.key]) if (!colByField.has(f)) colByField.set(f, c);
  const scopeCol = colByKey.get(spec.scopeColumn ?? '') ?? colByField.get('regionCode');
  const rowError = (row: number, c: ImportColumn | undefined, msg: string): ImportRowError =>
    (c ? { row, column: label(c, en), key: c.key, message: msg } : { row, column: '', message: msg });
  let checked = 0;

  try {
    await ctx.db.transaction(async (tx) => {
      const txCtx: ServiceCtx = { ...ctx, db: tx };
      const memo = new Map<string, Promise<unknown>>();
      const seen = new Map<string, number>();
      const ready: { row: number; body: unknown }[] = [];

      for (const r of sheet.rows) {
        const rowErrs: ImportRowError[] = [];
        const add = (c: ImportColumn | undefined, msg: string) => {
          if (!c || !rowErrs.some((e) => e.key === c.key)) rowErrs.push(rowError(r.row, c, msg));
        };
        if (isExample(spec, r)) {
          errors.push(rowError(r.row, undefined, EXAMPLE_NOTE[en ? 1 : 0]));
          continue;
        }
        const parsed = parseRow(spec, r, en, add);
        const rc: ImportRowCtx = {
          ctx: txCtx, en,
          fail: (key, msg) => { add(colByKey.get(key), msg); return undefined; },
          once: <T>(key: string, fn: () => Promise<T>) => {
            if (!memo.has(key)) memo.set(key, fn());
            return memo.get(key) as Promise<T>;
          },
        };
        const body = withoutUndefined(await spec.toBody(parsed, rc));
        if (!check.Check(body)) {
          for (const e of check.Errors(body) as SchemaIssue[]) {
            for (const { field, msg } of schemaMessages(e, colByField, en)) add(colByField.get(field), msg);
          }
        }
        if (!rowErrs.length && spec.duplicate) {
          const dupCol = colByKey.get(spec.duplicate.columns[0] ?? '');
          const what = spec.duplicate.columns.map((k) => colByKey.get(k)).filter((c) => c).map((c) => label(c!, en)).join(en ? ' + ' : '、');
          const key = spec.duplicate.key?.(body);
          const first = key === undefined ? undefined : seen.get(key);
          if (first !== undefined) add(dupCol, en ? `Same ${what} as row ${first}` : `与第 ${first} 行重复（${what}相同）`);
          else {
            if (key !== undefined) seen.set(key, r.row);
            if (await spec.duplicate.exists?.(txCtx, body)) add(dupCol, en ? `A record with the same ${what} already exists` : `已存在${what}相同的记录`);
          }
        }
        if (rowErrs.length) errors.push(...rowErrs);
        else ready.push({ row: r.row, body });
      }

      // Rows that passed are written even when others failed, so one upload reports every problem.
      for (const { row, body } of ready) {
        await tx.query('SAVEPOINT yingji_import_row');
        try {
          await spec.create(txCtx, body);
          await tx.query('RELEASE SAVEPOINT yingji_import_row');
          checked++;
        } catch (err) {
          await tx.query('ROLLBACK TO SAVEPOINT yingji_import_row');
          const app = toAppError(err);
          if (!app) throw err;
          errors.push(...serviceErrors(app, colByField, scopeCol, en).map((x) => rowError(row, x.col, x.msg)));
        }
      }

      if (errors.length || dryRun) throw ROLLBACK;
      await write(txCtx, (_tx, audit) => audit({
        action: 'import', entityType: spec.entityType, entityId: null,
        regionCode: ctx.actor.regionCode || null, orgId: ctx.actor.orgId,
        summary: `批量导入${spec.name} ${checked} 条${filename ? `（${filename}）` : ''}`,
        after: { kind: spec.kind, rows: checked, file: filename ?? null, sha256: createHash('sha256').update(file).digest('hex') },
      }));
    });
  } catch (err) {
    if (err !== ROLLBACK) throw err;
  }
  return { errors: sorted(spec, errors), checked: errors.length ? 0 : checked };
}

/** By row, then in column order (whole-row errors first). */
function sorted(spec: ImportSpec, errors: ImportRowError[]): ImportRowError[] {
  const order = new Map(spec.columns.map((c, i) => [c.key, i]));
  return errors.sort((a, b) => a.row - b.row || (order.get(a.key ?? '') ?? -1) - (order.get(b.key ?? '') ?? -1));
}

function withoutUndefined<T>(body: T): T {
  if (!body || typeof body !== 'object') return body;
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as T;
}

/** The template's example row left in place (every cell as in the template). */
function isExample(spec: ImportSpec, r: SheetRow): boolean {
  return spec.columns.some((c) => c.example !== undefined)
    && spec.columns.every((c) => cellText(r.cells.get(c.key) ?? null) === (c.example === undefined ? '' : String(c.example)));
}

// ---- cells ------------------------------------------------------------------------------------

function plainCell(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v !== 'object') return v;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return plainCell((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('hyperlink' in v) return String(v.text);
  if ('error' in v) return String(v.error);
  return null;
}

function cellText(v: Cell | ExcelJS.CellValue): string {
  const p = plainCell(v as ExcelJS.CellValue);
  if (p === null) return '';
  if (p instanceof Date) return isoDay(p);
  return String(p).trim();
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function parseRow(spec: ImportSpec, r: SheetRow, en: boolean, add: (c: ImportColumn, msg: string) => void): ImportRow {
  const out: Record<string, string | number | string[] | undefined> = {};
  for (const c of spec.columns) {
    const raw = r.cells.get(c.key);
    if (raw === undefined || raw === null) {
      if (c.required) add(c, en ? 'Required' : '必填项不能为空');
      continue;
    }
    const v = parseCell(c, raw, en);
    if (typeof v === 'object' && v !== null && 'error' in v) add(c, v.error);
    else out[c.key] = v;
  }
  return out;
}

function parseCell(c: ImportColumn, raw: Exclude<Cell, null>, en: boolean): string | number | string[] | { error: string } {
  const text = cellText(raw);
  switch (c.type ?? 'text') {
    case 'integer': {
      const n = typeof raw === 'number' ? raw : /^[-+]?\d[\d,]*$/.test(text) ? Number(text.replace(/,/g, '')) : NaN;
      return Number.isInteger(n) ? n : { error: en ? `“${text}” is not a whole number` : `“${text}”不是整数` };
    }
    case 'number': {
      const n = typeof raw === 'number' ? raw : /^[-+]?\d[\d,]*(\.\d+)?$/.test(text) ? Number(text.replace(/,/g, '')) : NaN;
      return Number.isFinite(n) ? n : { error: en ? `“${text}” is not a number` : `“${text}”不是数字` };
    }
    case 'date': {
      if (raw instanceof Date) return isoDay(raw);
      // A number in a date column is an Excel serial day (1900 system).
      if (typeof raw === 'number' && raw > 0 && raw < 2958466) return isoDay(new Date(Date.UTC(1899, 11, 30) + Math.round(raw) * 86_400_000));
      const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
      const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
      if (d && d.getUTCMonth() === Number(m![2]) - 1 && d.getUTCDate() === Number(m![3])) return isoDay(d);
      return { error: en ? `“${text}” is not a date (YYYY-MM-DD)` : `“${text}”不是有效日期（格式 YYYY-MM-DD）` };
    }
    case 'list':
      return text.split(/[,，、;；\n]+/).map((s) => s.trim()).filter(Boolean);
    case 'enum': {
      const want = text.toLowerCase();
      const hit = Object.entries(c.labels ?? {}).find(([value, [zh, enl]]) => [value, zh, enl].some((x) => x.toLowerCase() === want));
      if (hit) return hit[0];
      const allowed = Object.values(c.labels ?? {}).map((p) => p[en ? 1 : 0]);
      return { error: en ? `“${text}” is not allowed; choose one of ${allowed.join(', ')}` : `“${text}”不是可选值，可选：${allowed.join('、')}` };
    }
    default:
      return text;
  }
}

// ---- error messages ---------------------------------------------------------------------------

interface SchemaIssue { keyword: string; instancePath: string; params: Record<string, unknown>; message?: string }

/** A TypeBox schema issue as (body field, message in the user's language). */
function schemaMessages(e: SchemaIssue, colByField: Map<string, ImportColumn>, en: boolean): { field: string; msg: string }[] {
  const field = e.instancePath.split('/')[1] ?? '';
  const p = e.params;
  if (e.keyword === 'required') {
    return ((p.requiredProperties as string[] | undefined) ?? []).map((f) => ({ field: f, msg: en ? 'Required' : '必填项不能为空' }));
  }
  const c = colByField.get(field);
  const name = c ? (en ? c.en : c.zh) : field;
  const lim = String(p.limit ?? '');
  const msg = (() => {
    switch (e.keyword) {
      case 'minLength': return en ? `at least ${lim} characters` : `至少 ${lim} 个字符`;
      case 'maxLength': return en ? `at most ${lim} characters` : `最多 ${lim} 个字符`;
      case 'minimum': case 'exclusiveMinimum': return en ? `must be ${String(p.comparison ?? '≥')} ${lim}` : `应${p.comparison === '>' ? '大于' : '不小于'} ${lim}`;
      case 'maximum': case 'exclusiveMaximum': return en ? `must be ${String(p.comparison ?? '≤')} ${lim}` : `应${p.comparison === '<' ? '小于' : '不大于'} ${lim}`;
      case 'minItems': return en ? `needs at least ${lim} value(s)` : `至少填写 ${lim} 项`;
      case 'maxItems': return en ? `allows at most ${lim} values` : `最多 ${lim} 项`;
      case 'uniqueItems': return en ? 'contains a value twice' : '有重复的值';
      case 'pattern': case 'format': return en ? 'has the wrong format' : '格式不正确';
      case 'enum': case 'const': return en ? 'is not an allowed value' : '不是可选值';
      case 'multipleOf': return en ? `must be a multiple of ${String(p.multipleOf ?? '')}` : `精度超出（应为 ${String(p.multipleOf ?? '')} 的倍数）`;
      case 'additionalProperties': case 'boolean': return en ? 'unexpected field' : '不支持的字段';
      default: return en ? 'is invalid' : '无效';
    }
  })();
  return [{ field, msg: c ? msg : `${name}${en ? ' ' : ''}${msg}` }];
}

/** A refusal by the create function, blamed on the column of its field (or the scope column). */
function serviceErrors(err: AppError, colByField: Map<string, ImportColumn>, scopeCol: ImportColumn | undefined, en: boolean): { col?: ImportColumn; msg: string }[] {
  const locale = en ? 'en-US' : 'zh-CN';
  if (err.errors.length) {
    return err.errors.map((e) => ({
      col: colByField.get(e.path.split('.')[0] ?? ''),
      msg: err.code === 'duplicate' ? message('duplicate', locale, err.params) : e.path ? e.message : `${message(err.code, locale, err.params)}（${e.message}）`,
    }));
  }
  const scoped = ['out_of_scope', 'not_found', 'forbidden'].includes(err.code);
  return [{ col: scoped ? scopeCol : undefined, msg: message(err.code, locale, err.params) }];
}

// ---- routes -----------------------------------------------------------------------------------

export interface ImportRoutesOptions {
  /** URL prefix, e.g. '/api/v1/teams'. */
  prefix: string;
  tag: string;
  spec: ImportSpec;
  permission: Permission;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ImportQuerySchema = Type.Object({
  dryRun: Type.Optional(Type.Boolean({ default: false, description: '只校验（含数据库约束与数据范围），不导入' })),
}, { additionalProperties: false });

/**
 * GET {prefix}/import-template.xlsx, POST {prefix}/import (multipart field `file`; 200 or 422 with
 * rowErrors, nothing imported) and POST {prefix}/import/report.xlsx (the uploaded sheet with a 错误
 * column; never imports).
 */
export function registerImportRoutes(app: FastifyInstance, o: ImportRoutesOptions): void {
  const { spec } = o;
  const upload = async (req: Parameters<typeof ctxOf>[0]) => {
    const ctx = ctxOf(req);
    const part = await req.file({ limits: { fileSize: app.config.attachmentMaxBytes, files: 1 } });
    if (!part) throw validationFailed([{ path: 'file', message: ctx.locale === 'en-US' ? 'file is required' : '请选择要导入的 .xlsx 文件' }]);
    return { ctx, file: await part.toBuffer(), filename: part.filename };
  };
  app.get(`${o.prefix}/import-template.xlsx`, {
    config: { permission: o.permission },
    schema: { tags: [o.tag], summary: `下载${spec.name}导入模板（xlsx：表头、示例行、填写说明、可选值）`, produces: [XLSX] },
  }, async (req, reply) => {
    const t = await templateXlsx(ctxOf(req), spec);
    return reply.header('content-type', XLSX).header('content-disposition', attachmentDisposition(t.filename)).send(t.xlsx);
  });
  app.post(`${o.prefix}/import`, {
    config: { permission: o.permission, multipart: { file: `${spec.name}导入文件（.xlsx，按模板填写）` } },
    schema: {
      tags: [o.tag], consumes: ['multipart/form-data'], querystring: ImportQuerySchema,
      summary: `导入${spec.name}（multipart，字段 file 为 .xlsx；全部成功或全部不导入）`,
      response: { 200: ImportResultSchema, 422: ImportProblemSchema },
    },
  }, async (req) => {
    const { ctx, file, filename } = await upload(req);
    return runImport(ctx, spec, file, { dryRun: (req.query as { dryRun?: boolean }).dryRun, filename });
  });
  app.post(`${o.prefix}/import/report.xlsx`, {
    config: { permission: o.permission, multipart: { file: '与导入时相同的 .xlsx 文件' } },
    schema: {
      tags: [o.tag], consumes: ['multipart/form-data'], produces: [XLSX],
      summary: `${spec.name}导入错误报告（上传同一文件，返回加“错误”列的工作簿；不导入）`,
    },
  }, async (req, reply) => {
    const { ctx, file, filename } = await upload(req);
    const r = await importReport(ctx, spec, file, filename);
    return reply.header('content-type', XLSX).header('x-import-errors', String(r.errorCount))
      .header('content-disposition', attachmentDisposition(r.filename)).send(r.xlsx);
  });
}
