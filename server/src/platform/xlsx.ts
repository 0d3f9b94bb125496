import ExcelJS from 'exceljs';
import type { ColumnDef } from './query.ts';
import type { Locale } from './i18n.ts';

/** Builds an .xlsx with headers in the user's language (Chinese by default). */
export async function toXlsx<T>(sheetName: string, columns: ColumnDef[], rows: T[], locale: Locale): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Yingji 应急';
  wb.created = new Date();
  const ws = wb.addWorksheet(sheetName.slice(0, 31));
  ws.columns = columns.map((c) => ({
    header: locale === 'en-US' ? c.en : c.zh,
    key: c.key,
    width: c.width ?? Math.max(10, (locale === 'en-US' ? c.en : c.zh).length * 2 + 4),
  }));
  for (const row of rows) {
    const rec = row as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const c of columns) {
      const v = rec[c.key];
      out[c.key] = c.format ? c.format(v, rec, locale) : plain(v);
    }
    ws.addRow(out);
  }
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Streams an .xlsx into `out` as rows arrive (ExcelJS's streaming writer: each row is written and
 * released at once, so memory stays flat however many rows). `produce` is called with a function
 * that appends rows; the workbook is finished when it resolves.
 */
export async function streamXlsx<T>(out: NodeJS.WritableStream, sheetName: string, columns: ColumnDef[], locale: Locale,
  produce: (add: (rows: T[]) => void) => Promise<unknown>): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out as never, useStyles: true, useSharedStrings: false });
  wb.creator = 'Yingji 应急';
  wb.created = new Date();
  const ws = wb.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: locale === 'en-US' ? c.en : c.zh,
    key: c.key,
    width: c.width ?? Math.max(10, (locale === 'en-US' ? c.en : c.zh).length * 2 + 4),
  }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  await produce((rows) => {
    for (const row of rows) {
      const rec = row as Record<string, unknown>;
      const o: Record<string, unknown> = {};
      for (const c of columns) o[c.key] = c.format ? c.format(rec[c.key], rec, locale) : plain(rec[c.key]);
      ws.addRow(o).commit();
    }
  });
  ws.commit();
  await wb.commit();
}

function plain(v: unknown): string | number | Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.join('、');
  return JSON.stringify(v);
}

/** RFC 5987 Content-Disposition for a Chinese file name. */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
