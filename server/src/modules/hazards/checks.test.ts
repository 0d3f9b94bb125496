import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeQR } from 'qr/decode.js';
import { auditCount, buildTestApp, type Client, type TestApp } from '../../../test/helpers.ts';
import { seedChecks } from '../../demo/checks.ts';
import { demoId } from '../../demo/ids.ts';

const TIANSHAN = demoId('ent-01');
const LOULAN = demoId('ent-02');
const GAS = demoId('ent-05');
const MINE = demoId('mine-01');
const HAZCHEM_TPL = demoId('check-template-hazchem');
const MINES_TPL = demoId('check-template-mines');

interface Tpl { id: string; name: string; items: { no: number; content: string; basis: string; grade?: string }[]; forHazchem: boolean; industryCodes: string[] }
interface Rec { id: string; kind: string; failCount: number; hazardCount: number; openFailures: number; checkedByName: string; results: { no: number; result: string; hazardId: string | null; hazardCode: string | null; content: string }[] }

/** Answers every item of a template: pass, except the given failures (with a note). */
const answers = (tpl: Tpl, fails: number[] = [], na: number[] = []) =>
  tpl.items.map((i) => ({ no: i.no, result: fails.includes(i.no) ? 'fail' : na.includes(i.no) ? 'na' : 'pass', ...(fails.includes(i.no) ? { note: `第 ${i.no} 项现场发现问题` } : {}) }));

/** Rasterises the SVG's module runs (M{x} {y}h{n}v1h-{n}z, in modules) and decodes it with an independent reader. */
function decodeSvg(svg: string): string {
  const runs = [...svg.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)].map((m) => [Number(m[1]), Number(m[2]), Number(m[3])] as const);
  const size = Math.max(...runs.map(([x, , n]) => x + n), ...runs.map(([, y]) => y + 1)) + 4;
  const px = 6;
  const w = size * px;
  const data = new Uint8Array(w * w * 4).fill(255);
  for (const [x0, y, n] of runs) {
    for (let x = x0; x < x0 + n; x++) {
      for (let dy = 0; dy < px; dy++) for (let dx = 0; dx < px; dx++) data.fill(0, ((y * px + dy) * w + x * px + dx) * 4, ((y * px + dy) * w + x * px + dx) * 4 + 3);
    }
  }
  return decodeQR({ width: w, height: w, data });
}

describe('checks: checklists per industry, check records, a failed item → hazard in one step, the QR code', () => {
  let t: TestApp;
  let admin: Client;
  let ent: Client;
  let hazchem: Tpl;
  before(async () => {
    t = await buildTestApp();
    // The lead calls seedChecks from seedDemo; it is idempotent, so calling it here is harmless either way.
    await t.db.transaction((tx) => seedChecks(tx));
    admin = await t.as('admin');
    ent = await t.as('ent-tianshan');
    hazchem = (await admin.get(`/api/v1/check-templates/${HAZCHEM_TPL}`)).json();
  });
  after(async () => { await t.close(); });

  it('the demo: four checklists with legal basis, 13 records by every kind of checker, 6 public reports', async () => {
    const list = (await ent.get('/api/v1/check-templates')).json();
    assert.equal(list.total, 4, 'checklists are reference data every risks:read account reads');
    assert.equal(hazchem.items.length, 20);
    assert.ok(hazchem.items.every((i) => i.grade === 'major' && i.basis.includes('安监总管三〔2017〕121号')), '121号: every item is a 重大隐患 criterion with its basis');
    const kinds = Object.fromEntries(await Promise.all(['self_check', 'inspection', 'grid', 'expert'].map(async (k) => [k, (await admin.get(`/api/v1/checks/count?kind=${k}`)).json().total])));
    assert.deepEqual(kinds, { self_check: 3, inspection: 5, grid: 3, expert: 2 });
    const failing = (await admin.get('/api/v1/checks?failed=true&pageSize=50')).json();
    assert.ok(failing.items.every((c: Rec) => c.failCount > 0 && c.openFailures === c.failCount));
    assert.equal((await admin.get('/api/v1/reports/count')).json().total, 6);
    assert.equal((await admin.get('/api/v1/reports/count?status=triaged')).json().total, 2);
  });

  it('checklists apply by industry (numeric codes by prefix), by the hazchem flag, and not otherwise', async () => {
    const names = async (id: string) => ((await admin.get(`/api/v1/enterprises/${id}/check-templates`)).json() as Tpl[]).map((x) => x.name);
    assert.deepEqual(await names(TIANSHAN), ['危险化学品企业重大生产安全事故隐患排查表']);
    assert.deepEqual(await names(MINE), ['非煤矿山（金属非金属矿山、尾矿库）安全检查表'], 'a mine is no hazchem enterprise');
    assert.deepEqual((await names(GAS)).sort(), ['加油加气站安全检查表', '危险化学品企业重大生产安全事故隐患排查表'].sort(), 'gas company 45 ↔ 4511, and hazchem');
    assert.equal((await (await t.as('ent-loulan')).get(`/api/v1/enterprises/${TIANSHAN}/check-templates`)).statusCode, 404, 'only for an enterprise the caller sees');
  });

  it('checklists are kept by the bureau, by a department only within its industries; refusals are audited nowhere', async () => {
    const staff = await t.as('staff');
    const body = { name: '危化品装卸专项检查表', industryCodes: ['26'], items: [{ no: 1, content: '装卸作业有专人监护', basis: '《危险化学品安全管理条例》', category: 'operation' }, { no: 2, content: '槽车静电接地', basis: 'GB 50156' }] };
    const regTransport = await t.as('reg-transport');
    const park = await t.as('park-industrial');
    const regIndustry = await t.as('reg-industry');
    const n = await auditCount(t.db); // after the sign-ins, which are audited too
    const dupNo = await staff.post('/api/v1/check-templates', { ...body, items: [body.items[0], { ...body.items[1], no: 1 }] });
    assert.equal(dupNo.statusCode, 400);
    assert.equal(dupNo.json().errors[0].path, 'items/1/no');
    assert.equal((await regTransport.post('/api/v1/check-templates', body)).statusCode, 403, 'chemicals are not transport');
    assert.equal((await park.post('/api/v1/check-templates', body)).statusCode, 403, 'townships use checklists, they do not keep them');
    assert.equal((await ent.post('/api/v1/check-templates', body)).statusCode, 403);
    assert.equal((await regTransport.patch(`/api/v1/check-templates/${HAZCHEM_TPL}`, { name: '改名' })).statusCode, 403, 'the hazchem-wide checklist is the bureau\'s');
    assert.equal(await auditCount(t.db), n);
    const made = await regIndustry.post('/api/v1/check-templates', body);
    assert.equal(made.statusCode, 201, made.body);
    assert.equal(made.json().itemCount, 2);
    assert.equal((await regIndustry.patch(`/api/v1/check-templates/${made.json().id}`, { industryCodes: ['08'] })).statusCode, 403, 'nor move it out of its industries');
    const renamed = await staff.patch(`/api/v1/check-templates/${made.json().id}`, { name: '危化品装卸作业专项检查表' });
    assert.equal(renamed.json().name, '危化品装卸作业专项检查表');
    assert.equal((await staff.delete(`/api/v1/check-templates/${made.json().id}`)).statusCode, 204);
    const used = await staff.delete(`/api/v1/check-templates/${HAZCHEM_TPL}`);
    assert.equal(used.statusCode, 409, 'a checklist with records stays');
    assert.match(used.json().detail, /检查记录/);
    assert.equal(await auditCount(t.db), n + 3);
  });

  it('an enterprise self-checks; a failed item becomes a hazard (source 企业自查) in one step, linked both ways; a second conversion is refused', async () => {
    const n = await auditCount(t.db);
    const r = await ent.post('/api/v1/checks', { enterpriseId: TIANSHAN, templateId: HAZCHEM_TPL, results: answers(hazchem, [12, 17], [6, 7]), summary: '月度自查' });
    assert.equal(r.statusCode, 201, r.body);
    const rec = r.json() as Rec;
    assert.equal(rec.kind, 'self_check');
    assert.equal(rec.checkedByName, '吕安全');
    assert.deepEqual([rec.failCount, rec.hazardCount, rec.openFailures], [2, 0, 2]);
    assert.equal(rec.results.find((x) => x.no === 12)!.content, hazchem.items.find((i) => i.no === 12)!.content, 'the items are copied with their answers');

    const conv = await ent.post(`/api/v1/checks/${rec.id}/items/12/hazard`, {});
    assert.equal(conv.statusCode, 201, conv.body);
    const h = conv.json();
    assert.equal(h.source, 'self_check');
    assert.equal(h.grade, 'major', 'a 121号 item is a 重大隐患 criterion');
    assert.equal(h.category, 'equipment');
    assert.equal(h.status, 'pending');
    assert.equal(h.enterpriseId, TIANSHAN);
    assert.match(h.description, /第 12 项.*依据：.*121号/);
    const ledger = (await admin.get(`/api/v1/hazards?enterpriseId=${TIANSHAN}&source=self_check&pageSize=200`)).json();
    assert.ok(ledger.items.some((x: { id: string }) => x.id === h.id), 'the hazard is in the ledger');
    const linked = (await ent.get(`/api/v1/checks/${rec.id}`)).json() as Rec;
    const item = linked.results.find((x) => x.no === 12)!;
    assert.deepEqual([item.hazardId, item.hazardCode], [h.id, h.code]);
    assert.deepEqual([linked.hazardCount, linked.openFailures], [1, 1]);

    const again = await ent.post(`/api/v1/checks/${rec.id}/items/12/hazard`, {});
    assert.equal(again.statusCode, 409);
    assert.match(again.json().detail, new RegExp(`已转为隐患 ${h.code}`));
    assert.equal((await ent.post(`/api/v1/checks/${rec.id}/items/1/hazard`, {})).statusCode, 409, 'a passed item is no hazard');
    assert.equal((await ent.post(`/api/v1/checks/${rec.id}/items/6/hazard`, {})).statusCode, 409, 'nor a not-applicable one');
    assert.equal((await ent.post(`/api/v1/checks/${rec.id}/items/99/hazard`, {})).statusCode, 404);
    const own = await ent.post(`/api/v1/checks/${rec.id}/items/17/hazard`, { title: '操作规程缺少开停车指标', grade: 'general', category: 'management' });
    assert.equal(own.json().title, '操作规程缺少开停车指标');
    assert.equal(own.json().grade, 'general');
    assert.equal(await auditCount(t.db), n + 1 + 2 * 2, 'the record, then per conversion the hazard and the link');
    const tl = (await ent.get(`/api/v1/hazards/${h.id}/timeline`)).json();
    assert.deepEqual(tl.map((e: { action: string }) => e.action), ['report']);
  });

  it('the kind follows the checker: township → 网格员巡查, inspector → 监督检查 (hazards from it are 监督检查), the bureau may record 专家检查', async () => {
    const park = await t.as('park-industrial');
    const grid = await park.post('/api/v1/checks', { enterpriseId: TIANSHAN, templateId: HAZCHEM_TPL, results: answers(hazchem) });
    assert.equal(grid.json().kind, 'grid');
    assert.equal(grid.json().checkerOrgName, '鄯善工业园区管理委员会');
    const notExpert = await park.post('/api/v1/checks', { enterpriseId: TIANSHAN, templateId: HAZCHEM_TPL, kind: 'expert', results: answers(hazchem) });
    assert.equal(notExpert.statusCode, 400);
    assert.equal(notExpert.json().errors[0].path, 'kind');
    const insp = await (await t.as('inspector')).post('/api/v1/checks', { enterpriseId: TIANSHAN, templateId: HAZCHEM_TPL, results: answers(hazchem, [3]) });
    assert.equal(insp.json().kind, 'inspection');
    const h = await (await t.as('inspector')).post(`/api/v1/checks/${insp.json().id}/items/3/hazard`, {});
    assert.equal(h.json().source, 'inspection');
    const expert = await (await t.as('staff')).post('/api/v1/checks', { enterpriseId: MINE, templateId: MINES_TPL, kind: 'expert', participants: '专家：刘建军', results: answers((await admin.get(`/api/v1/check-templates/${MINES_TPL}`)).json()) });
    assert.equal(expert.statusCode, 201, expert.body);
    assert.equal(expert.json().kind, 'expert');
  });

  it('refuses incomplete or wrong answers, an inapplicable checklist and a future time — and writes nothing', async () => {
    const n = await auditCount(t.db);
    const missing = await ent.post('/api/v1/checks', { enterpriseId: TIANSHAN, templateId: HAZCHEM_TPL, results: answers(hazchem).slice(0, 18) });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.json().detail, /以下检查项未填写：第 19、20 项/);
    const noNote = await ent.post('/api/v1/checks', { enterpriseId: TIANSHAN, templateId: HAZCHEM_TPL, results: answers(hazchem).map((a) => (a.no === 4 ? { no: 4, result: 'fail' } : a)) });
    assert.equal(noNote.statusCode, 400);
    assert.deepEqual(noNote.json().errors.map((e: { path: string }) => e.path), ['results/3/note']);
    const twice = await ent.post('/api/v1/checks', { enterpriseId: TIANSHAN, templateId: HAZCHEM_TPL, results: [...answers(hazchem), { no: 1, result: 'pass' }] });
    assert.equal(twice.json().errors[0].path, 'results/20/no');
    const mines = (await admin.get(`/api/v1/check-templates/${MINES_TPL}`)).json();
    const wrong = await ent.post('/api/v1/checks', { enterpriseId: TIANSHAN, templateId: MINES_TPL, results: answers(mines) });
    assert.equal(wrong.statusCode, 400);
    assert.equal(wrong.json().errors[0].path, 'templateId');
    const future = await ent.post('/api/v1/checks', { enterpriseId: TIANSHAN, templateId: HAZCHEM_TPL, checkedAt: new Date(Date.now() + 86_400_000).toISOString(), results: answers(hazchem) });
    assert.equal(future.statusCode, 400);
    assert.equal(await auditCount(t.db), n);
  });

  it('scope: another enterprise or township cannot record, see or convert; a regulator sees its industries only', async () => {
    const r = (await ent.post('/api/v1/checks', { enterpriseId: TIANSHAN, templateId: HAZCHEM_TPL, results: answers(hazchem, [9]) })).json() as Rec;
    const loulan = await t.as('ent-loulan');
    const town = await t.as('town-lianmuqin');
    const n = await auditCount(t.db);
    for (const c of [loulan, town]) {
      assert.equal((await c.post('/api/v1/checks', { enterpriseId: TIANSHAN, templateId: HAZCHEM_TPL, results: answers(hazchem) })).statusCode, 404);
      assert.equal((await c.get(`/api/v1/checks/${r.id}`)).statusCode, 404);
      assert.equal((await c.post(`/api/v1/checks/${r.id}/items/9/hazard`, {})).statusCode, 404);
      const list = (await c.get('/api/v1/checks?pageSize=200')).json();
      assert.ok(!list.items.some((x: Rec) => x.id === r.id));
      assert.equal((await c.get(`/api/v1/checks/count?enterpriseId=${TIANSHAN}`)).json().total, 0);
    }
    assert.equal(await auditCount(t.db), n);
    const own = (await loulan.get('/api/v1/checks?pageSize=200')).json();
    assert.ok(own.total > 0 && own.items.every((x: { enterpriseId: string }) => x.enterpriseId === LOULAN));
    assert.equal((await (await t.as('reg-transport')).get(`/api/v1/checks/${r.id}`)).statusCode, 404, 'a chemical plant is not transport');
    assert.equal((await (await t.as('reg-industry')).get(`/api/v1/checks/${r.id}`)).statusCode, 200);
    const x = await admin.get('/api/v1/checks/export.xlsx');
    assert.equal(x.statusCode, 200);
    assert.match(String(x.headers['content-type']), /spreadsheetml/);
  });

  it('a QR code per enterprise encodes its page with a check started; only for an enterprise the caller sees', async () => {
    const res = await ent.get(`/api/v1/enterprises/${TIANSHAN}/qr.svg`, { host: 'yingji.example.cn' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^image\/svg\+xml/);
    assert.match(String(res.headers['content-security-policy']), /default-src 'none'/);
    assert.match(res.body, /<title>鄯善县天山化工有限责任公司<\/title>/);
    assert.equal(decodeSvg(res.body), `http://yingji.example.cn/risks/enterprises?open=${TIANSHAN}&check=1`);
    assert.equal((await (await t.as('ent-loulan')).get(`/api/v1/enterprises/${TIANSHAN}/qr.svg`)).statusCode, 404);
  });
});
