import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { columnLetters, excelDate, streamXlsx } from './xlsx.ts';
import type { ColumnDef } from './query.ts';

async function build(columns: ColumnDef[], batches: Record<string, unknown>[][], locale: 'zh-CN' | 'en-US' = 'zh-CN', name = '隐患台账') {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((r) => out.once('end', r));
  await streamXlsx(out, name, columns, locale, async (add) => { for (const b of batches) await add(b); });
  await ended;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return wb;
}

describe('streamed xlsx writer', () => {
  it('column letters and Excel dates in China time', () => {
    assert.deepEqual([1, 26, 27, 52, 53, 702, 703].map(columnLetters), ['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
    // 2026-01-01 00:00 in China is 2025-12-31T16:00Z; Excel's serial for 2026-01-01 is 46023.
    assert.equal(excelDate(new Date('2025-12-31T16:00:00Z')), 46023);
  });

  it('a workbook Excel readers open: headers in the user language, bold and frozen; text, numbers, dates, booleans, lists', async () => {
    const columns: ColumnDef[] = [
      { key: 'code', zh: '编号', en: 'Code', width: 20 },
      { key: 'title', zh: '标题', en: 'Title' },
      { key: 'n', zh: '数量', en: 'Quantity' },
      { key: 'at', zh: '发现时间', en: 'Found at', format: (v) => (v ? new Date(String(v)) : null) },
      { key: 'ok', zh: '是否', en: 'Flag' },
      { key: 'tags', zh: '标签', en: 'Tags' },
      { key: 'grade', zh: '等级', en: 'Grade', format: (v, _r, l) => (v === 'major' ? (l === 'en-US' ? 'Major' : '重大隐患') : null) },
    ];
    const rows = [
      { code: 'YH2026000001', title: '防火堤 <破损> & "裂缝"', n: 3.5, at: '2026-03-01T02:30:00Z', ok: true, tags: ['a', 'b'], grade: 'major' },
      { code: 'YH2026000002', title: ' 前后空格 \u0001控制字符', n: null, at: null, ok: false, tags: [], grade: 'general' },
    ];
    const wb = await build(columns, [rows.slice(0, 1), [], rows.slice(1)]);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.name, '隐患台账');
    assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1), ['编号', '标题', '数量', '发现时间', '是否', '标签', '等级']);
    assert.equal(ws.getRow(1).getCell(1).font?.bold, true);
    assert.equal(ws.views[0]?.state, 'frozen');
    assert.equal(ws.getColumn(1).width, 20);
    assert.equal(ws.actualRowCount, 3);
    const r2 = ws.getRow(2);
    assert.equal(r2.getCell(2).value, '防火堤 <破损> & "裂缝"');
    assert.equal(r2.getCell(3).value, 3.5);
    // ExcelJS reads the serial as a UTC date: the wall-clock time in China (10:30).
    assert.equal((r2.getCell(4).value as Date).toISOString(), '2026-03-01T10:30:00.000Z');
    assert.equal(r2.getCell(4).numFmt, 'yyyy-mm-dd hh:mm');
    assert.equal(r2.getCell(5).value, '是');
    assert.equal(r2.getCell(6).value, 'a、b');
    assert.equal(r2.getCell(7).value, '重大隐患');
    const r3 = ws.getRow(3);
    assert.equal(r3.getCell(2).value, ' 前后空格 控制字符');
    assert.equal(r3.getCell(3).value, null);
    assert.equal(r3.getCell(5).value, '否');
    const en = (await build(columns, [rows], 'en-US', 'a/b:c*d?[e]-a-very-long-sheet-name-beyond-31')).worksheets[0]!;
    assert.equal(en.getRow(1).getCell(1).value, 'Code');
    assert.equal(en.getRow(2).getCell(7).value, 'Major');
    assert.equal(en.name, 'a_b_c_d__e_-a-very-long-sheet-n');
  });

  it('many rows in many batches come out complete and in order', async () => {
    const columns: ColumnDef[] = [{ key: 'i', zh: '序号', en: 'No' }, { key: 's', zh: '文本', en: 'Text' }];
    const batches = Array.from({ length: 20 }, (_, b) => Array.from({ length: 1000 }, (_, k) => ({ i: b * 1000 + k, s: `第${b * 1000 + k}行` })));
    const ws = (await build(columns, batches)).worksheets[0]!;
    assert.equal(ws.actualRowCount, 20_001);
    assert.equal(ws.getRow(20_001).getCell(1).value, 19_999);
    assert.equal(ws.getRow(12_346).getCell(2).value, '第12344行');
  });
});
