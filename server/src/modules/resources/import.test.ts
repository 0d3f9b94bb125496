import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { auditCount, buildTestApp, type Client, type TestApp } from '../../../test/helpers.ts';
import { demoId } from '../../demo/ids.ts';
import { systemActor } from '../../platform/actor.ts';
import { write } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { runImport, type ImportSpec } from '../../platform/import.ts';
import { Type } from 'typebox';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TEAM_HEADERS = ['队伍名称', '队伍类别', '专长', '编制人数', '所属区域', '所属单位', '负责人', '负责人电话', '值班电话', '驻地地址', '经度', '纬度', '备注'];
const COUNTY_WH = demoId('warehouse-county');
const QUILT = demoId('material-quilt');

type Cell = string | number | null;
interface RowError { row: number; column: string; key?: string; message: string }

/** A workbook with one sheet: header row, then the rows (null = empty cell). */
async function workbook(headers: string[], rows: Cell[][], sheet = 'Sheet1'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function readBook(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

const cellText = (v: ExcelJS.CellValue) => (v === null || v === undefined ? '' : String(v));

function multipart(file: Buffer, name = 'import.xlsx'): { payload: Buffer; type: string } {
  const b = 'ImPoRtBoUnDaRy';
  return {
    payload: Buffer.concat([
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${XLSX}\r\n\r\n`), file, Buffer.from(`\r\n--${b}--\r\n`),
    ]),
    type: `multipart/form-data; boundary=${b}`,
  };
}

async function count(t: TestApp, table: string): Promise<number> {
  const { rows } = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]!.n;
}

describe('xlsx import of resource ledgers', () => {
  let t: TestApp;
  let admin: Client;
  let town: Client;
  const upload = (c: Client, url: string, file: Buffer, headers: Record<string, string> = {}) => {
    const m = multipart(file);
    return t.app.inject({ method: 'POST', url, payload: m.payload, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': m.type, ...headers } });
  };
  const teamRow = (name: string, o: Partial<Record<string, Cell>> = {}): Cell[] => {
    const v: Record<string, Cell> = { 队伍名称: name, 队伍类别: '社会救援力量', 专长: '水域救援、S03', 编制人数: 12, 所属区域: '鄯善镇', 负责人电话: '13800001111', ...o };
    return TEAM_HEADERS.map((h) => v[h] ?? null);
  };

  before(async () => {
    t = await buildTestApp();
    admin = await t.as('admin');
    town = await t.as('town-shanshan');
  });
  after(async () => { await t.close(); });

  it('GET import-template.xlsx gives every ledger a template with Chinese headers, an example row, instructions and drop-downs', async () => {
    const expected: Record<string, [string, string[]]> = {
      teams: ['救援队伍', ['*队伍名称', '*队伍类别', '*专长', '*编制人数', '*所属区域', '所属单位']],
      experts: ['应急专家', ['*姓名', '*专业领域', '职称']],
      equipment: ['大型装备', ['*装备名称', '*类型', '型号', '*数量']],
      warehouses: ['应急物资仓库', ['*仓库名称', '*级别', '*所属区域']],
      materials: ['物资目录', ['*物资分类', '*物资名称', '规格', '*单位']],
      stock: ['物资入库', ['*仓库', '*物资', '规格', '*批次号', '*数量', '生产日期']],
      shelters: ['应急避难场所', ['*场所名称', '*类别', '空间类型', '*所属区域']],
    };
    for (const [kind, [sheet, headers]] of Object.entries(expected)) {
      const res = await admin.get(`/api/v1/${kind}/import-template.xlsx`);
      assert.equal(res.statusCode, 200, `${kind}: ${res.body}`);
      assert.equal(res.headers['content-type'], XLSX);
      assert.match(String(res.headers['content-disposition']), /filename\*=UTF-8''/);
      const wb = await readBook(res.rawPayload);
      assert.deepEqual(wb.worksheets.map((w) => w.name), [sheet, '填写说明', '可选值']);
      const ws = wb.worksheets[0]!;
      const head = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(cellText);
      assert.deepEqual(head.slice(0, headers.length), headers, kind);
      assert.ok(cellText(ws.getCell(2, 1).value), `${kind} has an example row`);
    }
    const wb = await readBook((await admin.get('/api/v1/teams/import-template.xlsx')).rawPayload);
    const ws = wb.getWorksheet('救援队伍')!;
    assert.equal(ws.getCell('B2').value, '社会救援力量');
    assert.equal(ws.getCell('B3').dataValidation?.type, 'list', 'category has a drop-down');
    assert.match(String(ws.getCell('B3').dataValidation?.formulae?.[0]), /可选值/);
    const lists = wb.getWorksheet('可选值')!;
    const listed = (lists.getColumn(1).values as ExcelJS.CellValue[]).map(cellText);
    assert.ok(listed.includes('队伍类别') && listed.includes('综合性救援队伍'));
    const help = (wb.getWorksheet('填写说明')!.getColumn(1).values as ExcelJS.CellValue[]).map(cellText);
    assert.ok(help.includes('所属区域'));

    // The stock template offers the warehouses the user may receive into.
    const stock = await readBook((await town.get('/api/v1/stock/import-template.xlsx')).rawPayload);
    const stores = (stock.getWorksheet('可选值')!.getColumn(1).values as ExcelJS.CellValue[]).map(cellText).filter(Boolean);
    assert.deepEqual(stores, ['仓库', '鄯善镇应急物资储备点']);

    const en = await admin.get('/api/v1/teams/import-template.xlsx', { 'accept-language': 'en-US' });
    const enWs = (await readBook(en.rawPayload)).worksheets[0]!;
    assert.equal(enWs.name, 'Rescue teams');
    assert.equal(cellText(enWs.getCell('A1').value), '*Team name');
  });

  it('the template re-imports once its example row is replaced; left in place, the example row is refused', async () => {
    const tpl = (await admin.get('/api/v1/teams/import-template.xlsx')).rawPayload;
    const before = await count(t, 'team');
    const asIs = await upload(admin, '/api/v1/teams/import', tpl);
    assert.equal(asIs.statusCode, 422);
    assert.deepEqual(asIs.json().rowErrors.map((e: RowError) => [e.row, e.column]), [[2, '']]);
    assert.match(asIs.json().rowErrors[0].message, /示例行/);

    const wb = await readBook(tpl);
    const ws = wb.worksheets[0]!;
    ws.spliceRows(2, 1);
    ws.getRow(2).values = ['模板导入测试队', '志愿者队伍', 'S01', 8, '连木沁镇'];
    const res = await upload(admin, '/api/v1/teams/import', Buffer.from(await wb.xlsx.writeBuffer()));
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { imported: 1, checked: 1, dryRun: false });
    assert.equal(await count(t, 'team'), before + 1);
  });

  it('POST /api/v1/teams/import creates every row, resolving names, and audits each row and the import', async () => {
    const [teams, audits] = [await count(t, 'team'), await auditCount(t.db)];
    const file = await workbook(TEAM_HEADERS, [
      teamRow('导入测试水域救援队', { 经度: 90.2, 纬度: 42.86, 所属单位: '县应急局' }),
      teamRow('导入测试山地救援队', { 所属区域: '650421103000', 专长: '山岳救援', 队伍类别: 'volunteer' }),
      teamRow('导入测试牧业队救援组', { 所属区域: '鄯善镇 / 牧业队', 专长: 'S01 综合救援', 负责人电话: 13912345678 }),
    ]);
    const res = await upload(admin, '/api/v1/teams/import', file);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().imported, 3);
    assert.equal(await count(t, 'team'), teams + 3);
    assert.equal(await auditCount(t.db), audits + 4, 'three creates and the import itself');

    const list = (await admin.get(`/api/v1/teams?q=${encodeURIComponent('导入测试')}&pageSize=50`)).json().items as Record<string, unknown>[];
    const water = list.find((x) => x.name === '导入测试水域救援队')!;
    assert.equal(water.regionCode, '650421100000');
    assert.equal(water.orgName, '鄯善县应急管理局');
    assert.deepEqual(water.specialties, ['S02', 'S03']);
    assert.deepEqual((water.base as { coordinates: number[] }).coordinates, [90.2, 42.86]);
    const hill = list.find((x) => x.name === '导入测试山地救援队')!;
    assert.equal(hill.category, 'volunteer');
    assert.equal(hill.regionName, '连木沁镇');
    const herd = list.find((x) => x.name === '导入测试牧业队救援组')!;
    assert.equal(herd.leaderPhone, '13912345678');
    const { rows: village } = await t.db.query<{ name: string; parent: string }>(
      'SELECT r.name, p.name AS parent FROM region r JOIN region p ON p.code = r.parent_code WHERE r.code = $1', [herd.regionCode]);
    assert.deepEqual(village[0], { name: '牧业队', parent: '鄯善镇' });

    const { rows } = await t.db.query<{ entity_type: string; summary: string; after: { rows: number } }>(
      "SELECT entity_type, summary, after FROM audit_log WHERE action = 'import' ORDER BY seq DESC LIMIT 1");
    assert.equal(rows[0]!.entity_type, 'team');
    assert.equal(rows[0]!.after.rows, 3);
    assert.match(rows[0]!.summary, /救援队伍 3 条/);
  });

  it('returns 422 listing each bad row and column, and imports nothing', async () => {
    const [teams, audits] = [await count(t, 'team'), await auditCount(t.db)];
    const file = await workbook(TEAM_HEADERS, [
      teamRow('错误测试正常队'),
      teamRow('错误测试未知区域队', { 所属区域: '不存在镇' }),
      teamRow('错误测试缺人数队', { 编制人数: null }),
      teamRow('错误测试坏电话队', { 负责人电话: '电话号码' }),
      teamRow('鄯善县综合应急救援大队', { 所属区域: '鄯善县' }),
      teamRow('错误测试正常队'),
      teamRow('错误测试未知专长队', { 专长: '潜水、S02', 队伍类别: '民间队' }),
    ]);
    const res = await upload(admin, '/api/v1/teams/import', file);
    assert.equal(res.statusCode, 422, res.body);
    assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    const body = res.json();
    assert.equal(body.code, 'import_failed');
    assert.equal(body.rowCount, 7);
    assert.equal(body.errorCount, 7);
    assert.deepEqual(body.rowErrors.map((e: RowError) => [e.row, e.column]), [
      [3, '所属区域'], [4, '编制人数'], [5, '负责人电话'], [6, '队伍名称'], [7, '队伍名称'], [8, '队伍类别'], [8, '专长'],
    ]);
    const msg = (row: number, col: string) => body.rowErrors.find((e: RowError) => e.row === row && e.column === col).message as string;
    assert.match(msg(3, '所属区域'), /未找到区域“不存在镇”/);
    assert.match(msg(4, '编制人数'), /必填/);
    assert.match(msg(5, '负责人电话'), /格式不正确/);
    assert.match(msg(6, '队伍名称'), /已存在/);
    assert.match(msg(7, '队伍名称'), /与第 2 行重复/);
    assert.match(msg(8, '专长'), /潜水/);
    assert.match(body.detail, /未导入任何数据/);
    assert.equal(await count(t, 'team'), teams, 'nothing imported');
    assert.equal(await auditCount(t.db), audits, 'nothing audited');

    const en = (await upload(admin, '/api/v1/teams/import', file, { 'accept-language': 'en-US' })).json();
    assert.equal(en.rowErrors[0].column, 'Region');
    assert.match(en.rowErrors[0].message, /No region named/);
    assert.match(en.detail, /Nothing was imported/);
  });

  it('a database refusal on one row (catalogue duplicate) is that row\'s error and later rows are still checked', async () => {
    const materials = await count(t, 'material');
    const headers = ['物资分类', '物资名称', '规格', '单位', '保质期（天）'];
    const file = await workbook(headers, [
      ['1010100', '导入测试帐篷', '6 ㎡', '顶', null],
      ['救灾帐篷', '导入测试帐篷', '6 ㎡', '顶', null],
      ['棉被', '棉被', '2 kg', '床', null],
      ['9999999', '导入测试睡袋', null, '个', 'x'],
      ['1010400 睡袋', '导入测试睡袋', null, '个', 720],
    ]);
    const res = await upload(admin, '/api/v1/materials/import', file);
    assert.equal(res.statusCode, 422, res.body);
    assert.deepEqual(res.json().rowErrors.map((e: RowError) => [e.row, e.column, e.message]), [
      [3, '物资名称', '同名同规格物资已存在'],
      [4, '物资名称', '同名同规格物资已存在'],
      [5, '物资分类', '未知的取值：9999999（请填写“可选值”表中的代码或名称）'],
      [5, '保质期（天）', '“x”不是整数'],
    ]);
    assert.equal(await count(t, 'material'), materials);
    // A township may not extend the county catalogue: every row is out of its scope.
    const own = await upload(town, '/api/v1/materials/import', await workbook(headers, [['1010100', '镇导入帐篷', null, '顶', null]]));
    assert.equal(own.statusCode, 422);
    assert.match(own.json().rowErrors[0].message, /不在您的数据范围内/);
  });

  it('a Postgres error on a row (unique violation) rolls back only that row\'s savepoint: later rows are still written and checked', async () => {
    await t.db.exec('CREATE TABLE import_probe (code text UNIQUE)');
    const spec: ImportSpec<{ code: string }> = {
      kind: 'probe', name: '探针', nameEn: 'Probe', entityType: 'probe', schema: Type.Object({ code: Type.String() }),
      columns: [{ key: 'code', zh: '代码', en: 'Code', required: true }],
      toBody: (row) => ({ code: String(row.code) }),
      create: (ctx, b) => write(ctx, async (tx, audit) => {
        await tx.query('INSERT INTO import_probe (code) VALUES ($1)', [b.code]);
        await audit({ action: 'create', entityType: 'probe', entityId: b.code });
      }),
    };
    const ctx = { db: t.db, actor: systemActor(), locale: 'zh-CN' as const };
    const file = await workbook(['代码'], [['a'], ['a'], ['b'], ['b'], ['c']]);
    const err = await runImport(ctx, spec, file).then(() => null, (e: unknown) => e);
    assert.ok(err instanceof AppError && err.status === 422, String(err));
    assert.deepEqual((err.extensions.rowErrors as RowError[]).map((e) => [e.row, e.column]), [[3, ''], [5, '']]);
    assert.match((err.extensions.rowErrors as RowError[])[0]!.message, /已存在/);
    assert.equal(await count(t, 'import_probe'), 0, 'rolled back');
    assert.deepEqual(await runImport(ctx, spec, await workbook(['代码'], [['a'], ['b']])), { imported: 2, checked: 2, dryRun: false });
    assert.equal(await count(t, 'import_probe'), 2);
  });

  it('a township importing rows of another township gets row errors on the region and nothing is imported', async () => {
    const teams = await count(t, 'team');
    const file = await workbook(TEAM_HEADERS, [
      teamRow('镇导入本镇队'),
      teamRow('镇导入他镇队', { 所属区域: '连木沁镇' }),
      teamRow('镇导入县级队', { 所属区域: '650421000000' }),
    ]);
    const res = await upload(town, '/api/v1/teams/import', file);
    assert.equal(res.statusCode, 422, res.body);
    const errors = res.json().rowErrors as RowError[];
    assert.deepEqual(errors.map((e) => [e.row, e.column]), [[3, '所属区域'], [4, '所属区域']]);
    for (const e of errors) assert.match(e.message, /不在您的数据范围内/);
    assert.equal(await count(t, 'team'), teams);

    const ok = await upload(town, '/api/v1/teams/import', await workbook(TEAM_HEADERS, [teamRow('镇导入本镇队')]));
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(await count(t, 'team'), teams + 1);
  });

  it('POST /api/v1/stock/import receives batches with their movements; the same document cannot be imported twice', async () => {
    const headers = ['仓库', '物资', '规格', '批次号', '数量', '生产日期', '有效期至', '储备方式', '入库单号', '事由'];
    const [batches, moves] = [await count(t, 'stock_batch'), await count(t, 'stock_movement')];
    const qty = async () => Number((await t.db.query<{ q: number }>('SELECT coalesce(sum(quantity), 0) AS q FROM stock_batch WHERE warehouse_id = $1 AND material_id = $2', [COUNTY_WH, QUILT])).rows[0]!.q);
    const quilts = await qty();
    const file = await workbook(headers, [
      ['鄯善县应急物资储备库', '棉被', null, 'IMP-Q-1', 100, '2025-03-01', '2030/3/1', '实物储备', 'RK-IMPORT-0001', '年度采购'],
      ['鄯善县应急物资储备库', '棉被', '2 kg', 'IMP-Q-2', 50.5, null, null, null, 'RK-IMPORT-0001', null],
      ['连木沁镇应急物资储备点', '救灾帐篷', null, 'IMP-T-1', 10, null, null, '协议储备', 'RK-IMPORT-0002', null],
    ]);
    const res = await upload(admin, '/api/v1/stock/import', file);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().imported, 3);
    assert.equal(await count(t, 'stock_batch'), batches + 3);
    assert.equal(await count(t, 'stock_movement'), moves + 3);
    assert.equal(await qty(), quilts + 150.5);
    const { rows } = await t.db.query<{ batch_no: string; production_date: string | null; expiry_date: string | null; reserve_mode: string }>(
      "SELECT batch_no, production_date::text, expiry_date::text, reserve_mode FROM stock_batch WHERE batch_no LIKE 'IMP-%' ORDER BY batch_no");
    assert.deepEqual(rows, [
      { batch_no: 'IMP-Q-1', production_date: '2025-03-01', expiry_date: '2030-03-01', reserve_mode: 'physical' },
      { batch_no: 'IMP-Q-2', production_date: null, expiry_date: null, reserve_mode: 'physical' },
      { batch_no: 'IMP-T-1', production_date: null, expiry_date: null, reserve_mode: 'agreement' },
    ]);
    const doc = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM stock_movement WHERE doc_no = 'RK-IMPORT-0001' AND kind = 'in'");
    assert.equal(doc.rows[0]!.n, 2);
    // Every batch still equals the sum of its movements.
    const { rows: off } = await t.db.query('SELECT b.id FROM stock_batch b WHERE b.quantity <> (SELECT coalesce(sum(delta), 0) FROM stock_movement s WHERE s.batch_id = b.id)');
    assert.deepEqual(off, []);

    const again = await upload(admin, '/api/v1/stock/import', file);
    assert.equal(again.statusCode, 422);
    assert.deepEqual(again.json().rowErrors.map((e: RowError) => [e.row, e.column]), [[2, '入库单号'], [3, '入库单号'], [4, '入库单号']]);
    assert.equal(await qty(), quilts + 150.5, 'nothing received twice');
    const noDoc = await upload(admin, '/api/v1/stock/import', await workbook(headers, [['鄯善县应急物资储备库', '棉被', null, 'IMP-Q-9', 1, null, null, null, null, null]]));
    assert.equal(noDoc.statusCode, 422, 'without a document number a re-import could not be recognised');
    assert.deepEqual(noDoc.json().rowErrors.map((e: RowError) => e.column), ['入库单号']);

    const bad = await upload(town, '/api/v1/stock/import', await workbook(headers, [
      // RK-IMPORT-0001 is booked in the county store: the same number for another warehouse is not a duplicate.
      ['鄯善镇应急物资储备点', '棉被', null, 'T-1', 5, null, null, null, 'RK-IMPORT-0001', null],
      ['鄯善县应急物资储备库', '棉被', null, 'T-2', 5, null, null, null, 'RK-T-2', null],
      ['连木沁镇应急物资储备点', '棉被', null, 'T-3', 5, null, null, null, 'RK-T-3', null],
      ['鄯善镇应急物资储备点', '睡袋', '-20 ℃', 'T-4', 5, '2025-02-30', null, null, 'RK-T-4', null],
    ]));
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(bad.json().rowErrors.map((e: RowError) => [e.row, e.column]), [[3, '仓库'], [4, '仓库'], [5, '物资'], [5, '生产日期']]);
    assert.match(bad.json().rowErrors[0].message, /不在您的数据范围内/, 'the county store is visible to a township but not writable');
    assert.match(bad.json().rowErrors[1].message, /未找到仓库/, 'another township\'s store is not even visible');
  });

  it('experts, equipment, shelters and warehouses import through the same engine', async () => {
    const cases: [string, string, string[], Cell[][]][] = [
      ['experts', 'expert', ['姓名', '专业领域', '职称', '电话', '所属区域', '可用状态'], [['导入专家甲', '暴雨、11D01', '工程师', '13900001111', '鄯善县', '任务中'], ['导入专家乙', '11B03', null, null, '鄯善镇', null]]],
      ['equipment', 'equipment', ['装备名称', '类型', '型号', '数量', '状态', '所属区域', '经度', '纬度'], [['导入挖掘机', '挖掘机', 'PC200', 2, '维修保养', '鄯善县', 90.1, 42.9], ['导入无人机', '测绘无人机', null, 3, null, '鄯善镇', null, null]]],
      ['shelters', 'shelter', ['场所名称', '类别', '所属区域', '容量（人）', '设施', '经度', '纬度'], [['导入避难广场', '紧急避难场所', '鄯善镇', 800, '供水、厕所、Power', 90.2, 42.86], ['导入避难学校', 'fixed', '七克台镇', 300, null, null, null]]],
      ['warehouses', 'warehouse', ['仓库名称', '级别', '所属区域', '所属单位（协议代储企业）', '面积（㎡）'], [['导入储备点', '乡镇储备点', '鄯善镇', null, 120.5], ['导入代储点', '协议代储', '鄯善工业园区', '鄯善县天山化工有限责任公司', null]]],
    ];
    for (const [kind, table, headers, rows] of cases) {
      const n = await count(t, table);
      const res = await upload(admin, `/api/v1/${kind}/import`, await workbook(headers, rows));
      assert.equal(res.statusCode, 200, `${kind}: ${res.body}`);
      assert.equal(await count(t, table), n + rows.length, kind);
    }
    const sh = (await admin.get(`/api/v1/shelters?q=${encodeURIComponent('导入避难广场')}`)).json().items[0];
    assert.deepEqual(sh.facilities, ['water', 'toilet', 'power']);
    assert.equal(sh.status, 'closed');
    const badFacility = await upload(admin, '/api/v1/shelters/import', await workbook(['场所名称', '类别', '所属区域', '容量（人）', '设施'], [['导入坏设施', '紧急避难场所', '鄯善镇', 10, '游泳池']]));
    assert.equal(badFacility.statusCode, 422);
    assert.equal(badFacility.json().rowErrors[0].column, '设施');
    const e = (await admin.get(`/api/v1/experts?q=${encodeURIComponent('导入专家甲')}`)).json().items[0];
    assert.deepEqual(e.fields, ['11B03', '11D01']);
    assert.equal(e.availability, 'busy');
  });

  it('dryRun checks everything and writes nothing', async () => {
    const [teams, audits] = [await count(t, 'team'), await auditCount(t.db)];
    const res = await upload(admin, '/api/v1/teams/import?dryRun=true', await workbook(TEAM_HEADERS, [teamRow('试导入队甲'), teamRow('试导入队乙')]));
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { imported: 0, checked: 2, dryRun: true });
    assert.equal(await count(t, 'team'), teams);
    assert.equal(await auditCount(t.db), audits);
  });

  it('POST import/report.xlsx returns the upload with an 错误 column; fixed and re-uploaded, it imports', async () => {
    const teams = await count(t, 'team');
    const file = await workbook(TEAM_HEADERS, [teamRow('报告测试甲队'), teamRow('报告测试乙队', { 所属区域: '无此镇', 编制人数: '很多' })], '救援队伍');
    const res = await upload(admin, '/api/v1/teams/import/report.xlsx', file);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], XLSX);
    assert.equal(res.headers['x-import-errors'], '2');
    assert.equal(await count(t, 'team'), teams, 'a report never imports');
    const wb = await readBook(res.rawPayload);
    const ws = wb.worksheets[0]!;
    const errCol = TEAM_HEADERS.length + 1;
    assert.equal(cellText(ws.getCell(1, errCol).value), '错误');
    assert.equal(cellText(ws.getCell(2, errCol).value), '');
    const text = cellText(ws.getCell(3, errCol).value);
    assert.match(text, /编制人数：“很多”不是整数/);
    assert.match(text, /所属区域：未找到区域“无此镇”/);

    ws.getCell(3, 4).value = 9;
    ws.getCell(3, 5).value = '鄯善镇';
    const fixed = await upload(admin, '/api/v1/teams/import', Buffer.from(await wb.xlsx.writeBuffer()));
    assert.equal(fixed.statusCode, 200, fixed.body);
    assert.equal(fixed.json().imported, 2);
    assert.equal(await count(t, 'team'), teams + 2);
  });

  it('refuses a file without the required columns, a file that is not xlsx, and users without resources:write', async () => {
    const res = await upload(admin, '/api/v1/teams/import', await workbook(['队伍名称', '所属区域', '所属区域'], [['缺列队', '鄯善镇', '鄯善镇']]));
    assert.equal(res.statusCode, 422);
    assert.deepEqual(res.json().rowErrors.map((e: RowError) => [e.row, e.column]), [[1, '队伍类别'], [1, '专长'], [1, '编制人数'], [1, '所属区域']]);

    const text = await upload(admin, '/api/v1/teams/import', Buffer.from('name,region\nx,y\n'));
    assert.equal(text.statusCode, 400);
    assert.equal(text.json().code, 'validation_failed');
    const empty = await upload(admin, '/api/v1/teams/import', await workbook(TEAM_HEADERS, []));
    assert.equal(empty.statusCode, 400);

    const duty = await t.as('duty');
    assert.equal((await upload(duty, '/api/v1/teams/import', await workbook(TEAM_HEADERS, [teamRow('无权导入队')]))).statusCode, 403);
    assert.equal((await duty.get('/api/v1/teams/import-template.xlsx')).statusCode, 403);
  });
});
