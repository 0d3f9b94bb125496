import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import { login, openBrowser, shot, startServer, type Server, recordPageErrors } from './helpers.ts';

/**
 * xlsx import in a real browser: on 救援队伍 the template downloads, a file with one bad row is
 * refused with a row-by-row error table (and nothing is imported), the error report downloads, and
 * the corrected file imports; the new teams then appear in the list.
 */
describe('xlsx import UI (headless Chromium)', () => {
  let server: Server;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  const errors: string[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-import-e2e-'));
  const headers = ['队伍名称', '队伍类别', '专长', '编制人数', '所属区域', '负责人电话'];
  const good = ['导入端到端甲队', '志愿者队伍', '水域救援、综合救援', 15, '鄯善镇', '13800002222'];
  const other = ['导入端到端乙队', '社会救援力量', 'S03', 8, '连木沁镇', null];

  async function xlsx(name: string, rows: (string | number | null)[][]): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('救援队伍');
    ws.addRow(headers);
    for (const r of rows) ws.addRow(r);
    const file = path.join(dir, name);
    await wb.xlsx.writeFile(file);
    return file;
  }

  async function readBook(file: string): Promise<ExcelJS.Worksheet> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    return wb.worksheets[0]!;
  }

  const search = async (text: string) => {
    await page.getByTestId('teams-table-search').locator('input').fill(text);
    await page.getByTestId('teams-table-search').locator('input').press('Enter');
  };

  before(async () => {
    server = await startServer();
    browser = await openBrowser();
    page = browser.page;
    recordPageErrors(page, errors);
    await login(page, server.url);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('downloads the template of 救援队伍', async () => {
    await page.getByTestId('nav-teams').click();
    await page.getByTestId('teams-table-row').first().waitFor();
    await page.getByTestId('teams-import').click();
    await page.getByTestId('import-modal').waitFor();
    // A click can land while the modal is still animating in and do nothing: repeat it (at most 3 times).
    let dl: Download | undefined;
    for (let i = 0; i < 3 && !dl; i++) {
      const next = page.waitForEvent('download', { timeout: 10_000 }).catch(() => undefined);
      await page.getByTestId('import-template').click();
      dl = await next;
    }
    assert.ok(dl, 'the template downloads');
    assert.match(dl.suggestedFilename(), /^救援队伍导入模板-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = path.join(dir, 'template.xlsx');
    await dl.saveAs(file);
    const ws = await readBook(file);
    assert.equal(ws.name, '救援队伍');
    assert.equal(String(ws.getCell('A1').value), '*队伍名称');
    assert.equal(String(ws.getCell('E1').value), '*所属区域');
    assert.ok(String(ws.getCell('A2').value), 'example row');
    await shot(page, 'e2e-import-1-modal');
  });

  it('refuses a file with one bad row, listing it by row and column, and imports nothing', async () => {
    const bad = await xlsx('teams-bad.xlsx', [good, ['导入端到端坏队', '社会救援力量', 'S01', 5, '不存在镇', null], other]);
    await page.getByTestId('import-modal').locator('input[type=file]').setInputFiles(bad);
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-errors').waitFor();
    const rows = page.getByTestId('import-error-row');
    assert.equal(await rows.count(), 1);
    const text = await rows.first().innerText();
    assert.match(text, /^3\s+所属区域\s+未找到区域“不存在镇”/);
    assert.match(await page.getByTestId('import-failed').innerText(), /未导入任何数据/);
    await shot(page, 'e2e-import-2-errors');

    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-report').click()]);
    assert.equal(dl.suggestedFilename(), 'teams-bad-错误报告.xlsx');
    const report = path.join(dir, 'report.xlsx');
    await dl.saveAs(report);
    const ws = await readBook(report);
    assert.equal(String(ws.getCell('G1').value), '错误');
    assert.match(String(ws.getCell('G3').value), /所属区域：未找到区域/);

    await page.getByTestId('import-close').click();
    await search('导入端到端');
    await page.locator('[data-testid="teams-table"] .ant-empty').waitFor();
  });

  it('imports the corrected file, and the teams appear in the list', async () => {
    await page.getByTestId('teams-import').click();
    const fixed = await xlsx('teams-fixed.xlsx', [good, ['导入端到端丙队', '社会救援力量', 'S01', 5, '鄯善镇', null], other]);
    await page.getByTestId('import-modal').locator('input[type=file]').setInputFiles(fixed);
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-done').getByText('已导入 3 条记录').waitFor();
    assert.equal(await page.getByTestId('import-errors').count(), 0);
    await shot(page, 'e2e-import-3-done');
    await page.getByTestId('import-close').click();

    await search('导入端到端');
    const row = page.getByTestId('teams-table-row').filter({ hasText: '导入端到端甲队' });
    await row.waitFor();
    assert.match(await row.innerText(), /志愿者队伍/);
    assert.match(await row.innerText(), /水域救援/);
    assert.equal(await page.getByTestId('teams-table-row').count(), 3);
    await shot(page, 'e2e-import-4-list');
    assert.deepEqual(errors, []);
  });
});
