import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { auditCount, buildTestApp, type Client, type TestApp } from '../../../test/helpers.ts';
import { demoId } from '../../demo/ids.ts';
import { runEscalation } from './escalation.ts';
import { GRADE_LABELS } from './hazards.ts';
import { HAZARD_STATUS_LABELS } from './rules.ts';

const TIANSHAN = demoId('ent-01'); // 鄯善工业园区
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

describe('hazards: the closed loop 待整改 → 整改中 → 待验收 → 已销号', () => {
  let t: TestApp;
  let admin: Client;
  let ent: Client;
  let park: Client;
  before(async () => {
    t = await buildTestApp();
    admin = await t.as('admin');
    ent = await t.as('ent-tianshan');
    park = await t.as('park-industrial');
  });
  after(async () => { await t.close(); });

  const report = async (c: Client, over: Record<string, unknown> = {}) => {
    const r = await c.post('/api/v1/hazards', { enterpriseId: TIANSHAN, title: '储罐区防火堤破损', description: '2 号罐防火堤东侧裂缝约 1 m', category: 'equipment', grade: 'general', source: 'self_check', ...over });
    assert.equal(r.statusCode, 201, r.body);
    return r.json() as { id: string; code: string; status: string };
  };
  const act = (c: Client, id: string, body: object) => c.post(`/api/v1/hazards/${id}/actions`, body);

  it('an enterprise reports from a self-check; the park assigns, rejects once, then verifies; every step is on the timeline and audited', async () => {
    const n = await auditCount(t.db);
    const h = await report(ent);
    assert.match(h.code, /^YH\d{8}\d{5}$/);
    assert.equal(h.status, 'pending');
    const noPlan = await act(park, h.id, { type: 'assign' });
    assert.equal(noPlan.statusCode, 422);
    assert.equal(noPlan.json().rule, 'plan_incomplete');
    const assigned = await act(park, h.id, { type: 'assign', plan: { responsibleUnit: '设备部', responsiblePerson: '吕振华', deadline: inDays(7) } });
    assert.equal(assigned.statusCode, 200, assigned.body);
    assert.equal(assigned.json().status, 'rectifying');
    assert.equal((await act(park, h.id, { type: 'submit' })).statusCode, 403, 'only the responsible unit submits');
    assert.equal((await act(ent, h.id, { type: 'submit', note: '已修补并做闭水试验' })).json().status, 'verifying');
    assert.equal((await act(ent, h.id, { type: 'verify_pass' })).statusCode, 403, 'nobody verifies their own rectification');
    const noReason = await act(park, h.id, { type: 'verify_reject', reason: ' ' });
    assert.equal(noReason.statusCode, 400);
    assert.equal((await act(park, h.id, { type: 'verify_reject', reason: '裂缝未做防渗处理', deadline: inDays(3) })).json().status, 'rectifying');
    assert.equal((await act(ent, h.id, { type: 'submit' })).json().status, 'verifying');
    const closed = await act(park, h.id, { type: 'verify_pass', note: '现场复核合格' });
    assert.equal(closed.json().status, 'closed');
    assert.ok(closed.json().closedAt);
    assert.equal((await act(park, h.id, { type: 'verify_pass' })).statusCode, 409, 'closed is final');
    const tl = (await admin.get(`/api/v1/hazards/${h.id}/timeline`)).json() as { action: string; toStatus: string; note: string | null }[];
    assert.deepEqual(tl.map((e) => e.action), ['report', 'assign', 'submit', 'verify_reject', 'submit', 'verify_pass']);
    assert.equal(tl[3]!.note, '裂缝未做防渗处理');
    assert.equal(await auditCount(t.db), n + 6, 'one audit entry per accepted step, none for the refusals');
  });

  it('a 重大隐患 cannot leave 待整改 without the five items (五到位); refusals name the missing ones and change nothing', async () => {
    const h = await report(park, { grade: 'major', source: 'inspection', title: '液氯汽化器安全阀失效' });
    const partial = await act(park, h.id, { type: 'assign', plan: { responsibleUnit: '天山化工', responsiblePerson: '吕振华', deadline: inDays(30), measures: '更换安全阀' } });
    assert.equal(partial.statusCode, 422);
    assert.deepEqual(partial.json().missing, ['funds', 'contingency']);
    assert.deepEqual(partial.json().errors.map((e: { path: string }) => e.path), ['plan/funds', 'plan/contingency']);
    assert.equal((await admin.get(`/api/v1/hazards/${h.id}`)).json().status, 'pending');
    const full = await act(park, h.id, { type: 'assign', plan: { responsibleUnit: '天山化工', responsiblePerson: '吕振华', deadline: inDays(30), measures: '更换安全阀并校验', fundsYuan: 48000, contingencyPlan: '停用汽化器，启用备用线；专项应急预案 TS-YA-07' } });
    assert.equal(full.statusCode, 200, full.body);
    assert.equal(full.json().plan.fundsYuan, 48000);
  });

  it('挂牌督办: county level only; then only the supervising unit verifies; the public list shows it without personal data until closed', async () => {
    const h = await report(park, { grade: 'major', source: 'inspection', title: '氯气泄漏报警器失灵' });
    const plan = { responsibleUnit: '天山化工', responsiblePerson: '吕振华', deadline: inDays(20), measures: '更换报警器', fundsYuan: 9000, contingencyPlan: '人工巡检每 2 小时' };
    assert.equal((await park.post(`/api/v1/hazards/${h.id}/supervise`, { supervisingOrgId: demoId('bureau'), deadline: inDays(30).slice(0, 10) })).statusCode, 403);
    const staff = await t.as('staff');
    const sup = await staff.post(`/api/v1/hazards/${h.id}/supervise`, { supervisingOrgId: demoId('bureau'), deadline: inDays(30).slice(0, 10) });
    assert.equal(sup.statusCode, 200, sup.body);
    assert.equal(sup.json().supervisingOrgName, '鄯善县应急管理局');
    const pub = await t.app.inject({ url: '/public/hazards/supervised' });
    assert.equal(pub.statusCode, 200);
    const row = pub.json().find((x: { code: string }) => x.code === h.code);
    assert.ok(row);
    assert.ok(!JSON.stringify(row).includes('吕振华'), 'no personal data');
    await act(park, h.id, { type: 'assign', plan });
    await act(ent, h.id, { type: 'submit' });
    const byPark = await act(park, h.id, { type: 'verify_pass' });
    assert.equal(byPark.statusCode, 403);
    assert.equal(byPark.json().rule, 'not_supervising_unit');
    assert.equal((await act(staff, h.id, { type: 'verify_pass' })).json().status, 'closed');
    const after = (await t.app.inject({ url: '/public/hazards/supervised' })).json();
    assert.ok(!after.some((x: { code: string }) => x.code === h.code), 'closed hazards leave the public list');
    const general = await report(ent);
    assert.equal((await staff.post(`/api/v1/hazards/${general.id}/supervise`, { supervisingOrgId: demoId('bureau'), deadline: inDays(9).slice(0, 10) })).statusCode, 409);
  });

  it('scope: the enterprise sees its own hazards, a township its area, a regulator its industries; others get 404 and write nothing', async () => {
    const h = await report(ent);
    const loulan = await t.as('ent-loulan');
    assert.equal((await loulan.get(`/api/v1/hazards/${h.id}`)).statusCode, 404);
    assert.ok((await loulan.get('/api/v1/hazards')).json().items.every((x: { enterpriseId: string }) => x.enterpriseId === demoId('ent-02')));
    const town = await t.as('town-lianmuqin');
    assert.equal((await town.get(`/api/v1/hazards/${h.id}`)).statusCode, 404);
    const n = await auditCount(t.db);
    assert.equal((await act(town, h.id, { type: 'assign', plan: { responsibleUnit: 'x', responsiblePerson: 'y', deadline: inDays(3) } })).statusCode, 404);
    assert.equal((await loulan.post('/api/v1/hazards', { enterpriseId: TIANSHAN, title: '越权', description: '越权登记', category: 'other', grade: 'general', source: 'other' })).statusCode, 404);
    assert.equal(await auditCount(t.db), n);
    assert.equal((await (await t.as('reg-transport')).get(`/api/v1/hazards/${h.id}`)).statusCode, 404, 'a chemical plant is not transport');
    assert.equal((await (await t.as('reg-industry')).get(`/api/v1/hazards/${h.id}`)).statusCode, 200);
    const overdue = (await admin.get('/api/v1/hazards?overdue=true')).json();
    assert.ok(overdue.items.every((x: { overdue: boolean }) => x.overdue));
    assert.equal((await admin.get('/api/v1/hazards/export.xlsx')).statusCode, 200);
  });
  it('a year of demo hazards in every state, some overdue, two under 挂牌督办; statistics add up to the ledger', async () => {
    const all = (await admin.get('/api/v1/hazards/count')).json().total;
    assert.ok(all >= 320);
    for (const status of ['pending', 'rectifying', 'verifying', 'closed']) assert.ok((await admin.get(`/api/v1/hazards/count?status=${status}`)).json().total > 0, status);
    assert.ok((await admin.get('/api/v1/hazards/count?overdue=true')).json().total > 0);
    assert.ok((await admin.get('/api/v1/hazards/count?supervised=true&grade=major')).json().total >= 2);
    for (const by of ['industry', 'region', 'grade', 'status', 'source', 'month']) {
      const rows = (await admin.get(`/api/v1/hazards/stats?by=${by}`)).json() as { found: number; closed: number; open: number; closureRate: number }[];
      assert.equal(rows.reduce((n, r) => n + r.found, 0), all, `${by}: every hazard counted once`);
      for (const r of rows) assert.equal(r.closed + r.open, r.found);
    }
    const byStatus = (await admin.get('/api/v1/hazards/stats?by=status')).json() as { key: string; found: number }[];
    assert.equal(byStatus.find((r) => r.key === 'closed')!.found, (await admin.get('/api/v1/hazards/count?status=closed')).json().total);
    // The region filter takes a region and everything below it (a township with its villages).
    const { rows: [deep] } = await t.db.query<{ code: string; region: string; parent: string }>(
      `SELECT h.code, r.code AS region, r.parent_code AS parent FROM hazard h JOIN region r ON r.code = h.region_code
        WHERE r.parent_code IN (SELECT code FROM region WHERE parent_code IS NOT NULL) LIMIT 1`);
    if (deep) {
      const inParent = (await admin.get(`/api/v1/hazards?regionCode=${deep.parent}&q=${deep.code}`)).json();
      assert.equal(inParent.total, 1, `${deep.code} (region ${deep.region}) is found under ${deep.parent}`);
      const n = (code: string) => admin.get(`/api/v1/hazards/count?regionCode=${code}`).then((r) => r.json().total as number);
      assert.ok((await n(deep.parent)) >= (await n(deep.region)));
    } else {
      const town = (await admin.get('/api/v1/hazards?pageSize=1')).json().items[0];
      const { rows: [r] } = await t.db.query<{ parent: string }>('SELECT parent_code AS parent FROM region WHERE code = $1', [town.regionCode]);
      assert.equal((await admin.get(`/api/v1/hazards?regionCode=${r!.parent}&q=${town.code}`)).json().total, 1, 'found under the region above');
    }
    const months = (await admin.get('/api/v1/hazards/stats?by=month')).json() as { key: string }[];
    assert.ok(months.length >= 12 && months.every((m) => /^\d{4}-\d{2}$/.test(m.key)));
    const ent = await t.as('ent-tianshan');
    const mine = (await ent.get('/api/v1/hazards/stats?by=status')).json() as { found: number }[];
    assert.equal(mine.reduce((n, r) => n + r.found, 0), (await ent.get('/api/v1/hazards/count')).json().total, 'statistics are scoped');
    assert.equal((await admin.get('/api/v1/hazards/stats?by=colour')).statusCode, 400);
    // The streamed export holds exactly the scoped, filtered rows, with Chinese headers.
    const res = await ent.get('/api/v1/hazards/export.xlsx?status=closed');
    assert.equal(res.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.getRow(1).getCell(1).value, '隐患编号');
    assert.equal(ws.actualRowCount - 1, (await ent.get('/api/v1/hazards/count?status=closed')).json().total);
    // Each column carries the ledger's value (the export reads a narrower SELECT than the list).
    const first = (await ent.get('/api/v1/hazards?status=closed&pageSize=1')).json().items[0];
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    const cell = (h: string) => ws.getRow(2).getCell(headers.indexOf(h) + 1).value;
    assert.equal(cell('隐患编号'), first.code);
    assert.equal(cell('企业/单位'), first.enterpriseName);
    assert.equal(cell('所属区域'), first.regionName);
    assert.equal(cell('隐患名称'), first.title);
    assert.equal(cell('状态'), '已销号');
    assert.ok(Math.abs((cell('发现时间') as Date).getTime() - (new Date(first.foundAt).getTime() + 8 * 3_600_000)) < 1000, 'found at, as China wall-clock time');
  });

  it('overdue escalation: unit at the deadline, township/department after 3 days, bureau after 7; each step once, catching up after a pause', async () => {
    const h = await report(ent);
    await act(park, h.id, { type: 'assign', plan: { responsibleUnit: '设备部', responsiblePerson: '吕振华', deadline: inDays(1) } });
    const { rows: d } = await t.db.query<{ deadline: Date }>('SELECT deadline FROM hazard WHERE id = $1', [h.id]);
    const deadline = new Date(d[0]!.deadline).getTime();
    const at = (days: number) => new Date(deadline + days * 86_400_000 + 60_000);
    const level = async () => (await admin.get(`/api/v1/hazards/${h.id}`)).json().escalationLevel as number;
    const inbox = async (user: string) => (await (await t.as(user)).get('/api/v1/notifications')).json().items.filter((n: { title: string }) => n.title.includes(h.code)).length;
    await runEscalation(t.db, new Date(deadline - 60_000));
    assert.equal(await level(), 0, 'not yet overdue');
    await runEscalation(t.db, at(0));
    assert.equal(await level(), 1);
    assert.equal(await inbox('ent-tianshan'), 1, 'the responsible unit');
    assert.equal(await inbox('park-industrial'), 0);
    await runEscalation(t.db, at(0.5));
    assert.equal(await inbox('ent-tianshan'), 1, 'never twice');
    await runEscalation(t.db, at(8)); // a pause: both later steps are due at once
    assert.equal(await level(), 3);
    assert.equal(await inbox('park-industrial'), 1, 'the township');
    assert.ok(await inbox('reg-industry') >= 1, 'the regulator of the industry');
    assert.equal(await inbox('staff'), 1, 'the bureau');
    assert.equal(await inbox('town-lianmuqin'), 0, 'not another township');
    // Rejected with a new deadline: the escalation starts over.
    await act(ent, h.id, { type: 'submit' });
    await act(park, h.id, { type: 'verify_reject', reason: '未整改到位', deadline: inDays(5) });
    assert.equal(await level(), 0);
    const { rows } = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'hazard_escalate'", [h.id]);
    assert.equal(rows[0]!.n, 2, 'one audit entry per run that escalated');
  });

  it('the export rendered by the database shows exactly the ledger: every row and column, in Chinese and in English', async () => {
    const labels = {
      grade: GRADE_LABELS,
      status: Object.fromEntries(Object.entries(HAZARD_STATUS_LABELS).map(([k, v]) => [k, [v.zh, v.en]])),
    } as Record<string, Record<string, [string, string]>>;
    await report(ent, { title: '防火堤 <破损> & "裂缝" \'东侧\'', description: '文本含 XML 特殊字符' }); // escaped by the database
    for (const [locale, li] of [['zh-CN', 0], ['en-US', 1]] as const) {
      const items: Record<string, unknown>[] = [];
      for (let page = 1; ; page++) {
        const r = (await admin.get(`/api/v1/hazards?sort=-foundAt&page=${page}&pageSize=100`, { 'accept-language': locale })).json();
        items.push(...r.items);
        if (items.length >= r.total) break;
      }
      const res = await admin.get('/api/v1/hazards/export.xlsx?sort=-foundAt', { 'accept-language': locale });
      assert.equal(res.statusCode, 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      assert.equal(ws.actualRowCount - 1, items.length, locale);
      const headers = (ws.getRow(1).values as unknown[]).slice(1) as string[];
      const col = (name: string) => headers.indexOf(name) + 1;
      const H = li === 0 ? { code: '隐患编号', ent: '企业/单位', title: '隐患名称', grade: '等级', status: '状态', found: '发现时间', deadline: '整改期限', overdue: '超期' }
        : { code: 'No.', ent: 'Enterprise', title: 'Hazard', grade: 'Grade', status: 'Status', found: 'Found at', deadline: 'Deadline', overdue: 'Overdue' };
      const china = (iso: string | null) => (iso ? Math.round((new Date(iso).getTime() + 8 * 3_600_000) / 1000) : null);
      const cellTime = (v: unknown) => (v instanceof Date ? Math.round(v.getTime() / 1000) : null);
      items.forEach((h, i) => {
        const row = ws.getRow(i + 2);
        const at = `${locale} row ${i + 2} (${String(h.code)})`;
        assert.equal(row.getCell(col(H.code)).value, h.code, at);
        assert.equal(row.getCell(col(H.ent)).value ?? null, h.enterpriseName ?? null, at);
        assert.equal(row.getCell(col(H.title)).value, h.title, at);
        assert.equal(row.getCell(col(H.grade)).value, labels.grade![String(h.grade)]![li], at);
        assert.equal(row.getCell(col(H.status)).value, labels.status![String(h.status)]![li], at);
        assert.equal(cellTime(row.getCell(col(H.found)).value), china(h.foundAt as string), at);
        assert.equal(cellTime(row.getCell(col(H.deadline)).value), china(h.deadline as string | null), at);
        assert.equal(row.getCell(col(H.overdue)).value ?? null, h.overdue ? (li === 0 ? '是' : 'yes') : null, at);
      });
    }
  });
});
