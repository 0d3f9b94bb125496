import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditCount, buildTestApp, type Client, type TestApp } from '../../../test/helpers.ts';
import { demoId } from '../../demo/ids.ts';
import { creditCodeCheckChar } from '../orgs/rules.ts';

const PARK = '650421450000';
const TIANSHAN = demoId('ent-01');
const LOULAN = demoId('ent-02');
const MINE = demoId('mine-01');

/** A unified social credit code with a valid check character. */
const creditCode = (n: number) => {
  const body = `91650421MA${String(n).padStart(7, '0')}`;
  return body + creditCodeCheckChar(body)!;
};

describe('dual prevention part 1: registry, major hazard sources, risk points', () => {
  let t: TestApp;
  let admin: Client;
  before(async () => {
    t = await buildTestApp();
    admin = await t.as('admin');
  });
  after(async () => { await t.close(); });

  it('the demo registry: 13 hazchem enterprises, 52 major hazard sources, graded risk points in all four colours', async () => {
    const hazchem = (await admin.get('/api/v1/enterprises?hazchem=true&pageSize=100')).json();
    assert.equal(hazchem.total, 13);
    const sources = (await admin.get('/api/v1/major-hazards?pageSize=100')).json();
    assert.equal(sources.total, 52);
    const levels = new Set((await admin.get('/api/v1/risk-points?pageSize=200')).json().items.map((p: { level: string }) => p.level));
    assert.deepEqual([...levels].sort(), ['general', 'large', 'low', 'major']);
    const e = (await admin.get(`/api/v1/enterprises/${TIANSHAN}`)).json();
    assert.ok(e.riskPointCount > 0 && e.majorHazardCount > 0);
    const { rows } = await t.db.query<{ rank: number }>(
      "SELECT min(CASE level WHEN 'major' THEN 1 WHEN 'large' THEN 2 WHEN 'general' THEN 3 ELSE 4 END)::int AS rank FROM risk_point WHERE org_id = $1", [TIANSHAN]);
    assert.equal(e.riskLevel, ['major', 'large', 'general', 'low'][rows[0]!.rank - 1], 'the enterprise level is its highest point');
    assert.equal((await admin.get('/api/v1/enterprises/export.xlsx')).statusCode, 200);
  });

  it('registers an enterprise (org + profile in one transaction, audited); a bad credit code changes nothing', async () => {
    const body = { name: '鄯善县测试化工有限公司', creditCode: creditCode(1), regionCode: PARK, industryCodes: ['C', '26'], scale: 'small', hazchem: true, regulatorOrgIds: [demoId('dept-industry')] };
    const n = await auditCount(t.db);
    const bad = await admin.post('/api/v1/enterprises', { ...body, creditCode: `${creditCode(1).slice(0, 17)}${creditCode(1).endsWith('0') ? '1' : '0'}` });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].path, 'creditCode');
    const notRegulator = await admin.post('/api/v1/enterprises', { ...body, regulatorOrgIds: [TIANSHAN] });
    assert.equal(notRegulator.statusCode, 400);
    assert.equal(await auditCount(t.db), n);
    const { rows: orgs } = await t.db.query('SELECT 1 FROM org WHERE name = $1', [body.name]);
    assert.equal(orgs.length, 0, 'the failed profile rolled the organisation back too');
    const ok = await admin.post('/api/v1/enterprises', body);
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().hazchem, true);
    assert.deepEqual(ok.json().regulatorNames, ['鄯善县工业和信息化局']);
    assert.equal(ok.json().riskLevel, null);
    assert.equal(await auditCount(t.db), n + 2, 'organisation and profile');
    const patch = await admin.patch(`/api/v1/enterprises/${ok.json().id}`, { employees: 42, contactName: '测试人' });
    assert.equal(patch.statusCode, 200, patch.body);
    assert.equal(patch.json().employees, 42);
    assert.equal(patch.json().contactName, '测试人');
  });

  it('scope: an enterprise sees and edits only itself; a regulator sees only its industries; a township only its area', async () => {
    const ent = await t.as('ent-tianshan');
    const mine = (await ent.get('/api/v1/enterprises')).json();
    assert.deepEqual(mine.items.map((e: { id: string }) => e.id), [TIANSHAN]);
    assert.equal((await ent.get(`/api/v1/enterprises/${LOULAN}`)).statusCode, 404);
    assert.ok((await ent.get('/api/v1/risk-points?pageSize=100')).json().items.every((p: { enterpriseId: string }) => p.enterpriseId === TIANSHAN));
    assert.equal((await ent.patch(`/api/v1/enterprises/${TIANSHAN}`, { employees: 321 })).statusCode, 200);
    assert.equal((await ent.post('/api/v1/enterprises', { name: '越权企业', creditCode: creditCode(2), regionCode: PARK, industryCodes: ['C'] })).statusCode, 403);
    const reg = await t.as('reg-industry'); // 工信局: manufacturing (C) only
    const seen = (await reg.get('/api/v1/enterprises?pageSize=100')).json().items as { industryCodes: string[] }[];
    assert.ok(seen.length >= 10 && seen.every((e) => e.industryCodes.some((c) => ['C', '25', '26', '30', '31', '32'].includes(c))));
    assert.equal((await reg.get(`/api/v1/enterprises/${MINE}`)).statusCode, 404);
    assert.equal((await reg.patch(`/api/v1/enterprises/${TIANSHAN}`, { employees: 1 })).statusCode, 403, 'regulators read only');
    const town = await t.as('town-lianmuqin');
    const tl = (await town.get('/api/v1/enterprises?pageSize=100')).json().items as { regionCode: string }[];
    assert.ok(tl.length >= 1 && tl.every((e) => e.regionCode.startsWith('650421103')));
    const n = await auditCount(t.db);
    assert.equal((await town.patch(`/api/v1/enterprises/${TIANSHAN}`, { employees: 1 })).statusCode, 404);
    assert.equal(await auditCount(t.db), n);
  });

  it('major hazard source: R and grade computed per GB 18218 and recomputed on change', async () => {
    // 液氯 20 t: Q = 5 t, β = 4; 60 people exposed → α = 1.5 (50–99). R = 1.5 × 4 × 20/5 = 24 → 三级.
    const res = await admin.post('/api/v1/major-hazards', {
      enterpriseId: TIANSHAN, name: '测试液氯储罐', unitType: 'storage', exposedPeople: 60,
      chemicals: [{ name: '液氯', cas: '7782-50-5', category: 'J3', quantityT: 20 }],
    });
    assert.equal(res.statusCode, 201, res.body);
    const m = res.json();
    assert.equal(m.s, 4);
    assert.equal(m.alpha, 1.5);
    assert.equal(m.r, 24);
    assert.equal(m.grade, 3);
    assert.equal(m.chemicals[0].criticalQuantityT, 5);
    assert.equal(m.chemicals[0].beta, 4);
    // 100 people → α = 2; add 液氨 30 t (Q 10, β 2): R = 2 × (4×4 + 2×3) = 44 → still 三级; 液氯 40 t → 2 × (32 + 6) = 76 → 二级.
    const up = await admin.patch(`/api/v1/major-hazards/${m.id}`, { exposedPeople: 100, chemicals: [{ name: '液氯', category: 'J3', quantityT: 40 }, { name: '液氨', category: 'J3', quantityT: 30 }] });
    assert.equal(up.statusCode, 200, up.body);
    assert.equal(up.json().r, 76);
    assert.equal(up.json().grade, 2);
    const below = await admin.patch(`/api/v1/major-hazards/${m.id}`, { chemicals: [{ name: '液氯', category: 'J3', quantityT: 1 }] });
    assert.equal(below.json().isMajorHazard, false);
    assert.equal(below.json().grade, null);
    const dupChem = await admin.patch(`/api/v1/major-hazards/${m.id}`, { chemicals: [{ name: '液氯', category: 'J3', quantityT: 1 }, { name: '液氯', category: 'J3', quantityT: 2 }] });
    assert.equal(dupChem.statusCode, 400);
    const ent = await t.as('ent-loulan');
    assert.equal((await ent.post('/api/v1/major-hazards', { enterpriseId: TIANSHAN, name: '越权', unitType: 'storage', exposedPeople: 0, chemicals: [{ name: '苯', category: 'W5.3', quantityT: 1 }] })).statusCode, 404);
    const ref = (await admin.get('/api/v1/major-hazards/reference')).json();
    assert.ok(ref.chemicals.some((c: { name: string; criticalQuantityT: number }) => c.name === '氯' && c.criticalQuantityT === 5));
  });

  it('risk point: LEC/LS graded by the server, bad scores are field errors, the enterprise level follows', async () => {
    // An enterprise whose highest point is not yet 重大.
    const calm = [...(await admin.get('/api/v1/enterprises?riskLevel=general')).json().items, ...(await admin.get('/api/v1/enterprises?riskLevel=low')).json().items][0];
    assert.ok(calm, 'the demo has enterprises below 重大');
    const target = calm.id as string;
    const base = { enterpriseId: target, name: '测试边坡', hazardFactors: ['边坡失稳'], accidentTypes: ['10'], controlMeasures: '边坡位移监测，雨后巡查。', responsibleLevel: 'workshop', responsiblePerson: '测试员' };
    const bad = await admin.post('/api/v1/risk-points', { ...base, assessment: { method: 'LEC', L: 4, E: 6, C: 15 } });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].path, 'assessment/L');
    const before = (await admin.get(`/api/v1/enterprises/${target}`)).json().riskLevel;
    assert.notEqual(before, 'major');
    const ok = await admin.post('/api/v1/risk-points', { ...base, assessment: { method: 'LEC', L: 6, E: 6, C: 15 } });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().score, 540);
    assert.equal(ok.json().level, 'major');
    assert.equal(ok.json().colour, 'red');
    assert.equal((await admin.get(`/api/v1/enterprises/${target}`)).json().riskLevel, 'major');
    const ls = await admin.patch(`/api/v1/risk-points/${ok.json().id}`, { assessment: { method: 'LS', L: 2, S: 2 } });
    assert.equal(ls.json().level, 'low');
    assert.equal(ls.json().E, null);
    assert.equal((await admin.get(`/api/v1/enterprises/${target}`)).json().riskLevel, before);
    const dup = await admin.post('/api/v1/risk-points', { ...base, assessment: { method: 'LS', L: 1, S: 1 } });
    assert.equal(dup.statusCode, 409);
  });

  it('the pickers\' reference data is labelled in the caller\'s language; the stored values do not change', async () => {
    const zhRisk = (await admin.get('/api/v1/risk-points/reference')).json();
    const enRisk = (await admin.get('/api/v1/risk-points/reference', { 'accept-language': 'en-US,en;q=0.9' })).json();
    const values = (r: { lec: Record<string, { value: number }[]>; ls: Record<string, { value: number }[]>; accidentTypes: { code: string }[]; levels: { level: string; colour: string }[] }) => ({
      lec: Object.fromEntries(Object.entries(r.lec).map(([k, o]) => [k, o.map((x) => x.value)])),
      ls: Object.fromEntries(Object.entries(r.ls).map(([k, o]) => [k, o.map((x) => x.value)])),
      accidentTypes: r.accidentTypes.map((a) => a.code),
      levels: r.levels.map((l) => `${l.level}/${l.colour}`),
    });
    assert.deepEqual(values(enRisk), values(zhRisk), 'the same values, codes and levels in both languages');
    assert.equal(zhRisk.accidentTypes.length, 20);
    assert.equal(zhRisk.accidentTypes.find((a: { code: string }) => a.code === '09').name, '高处坠落');
    assert.equal(enRisk.accidentTypes.find((a: { code: string }) => a.code === '09').name, 'Fall from height');
    assert.equal(enRisk.accidentTypes.find((a: { code: string }) => a.code === '19').name, 'Poisoning and asphyxiation');
    assert.equal(zhRisk.lec.L.find((o: { value: number }) => o.value === 6).label, '相当可能');
    assert.equal(enRisk.lec.L.find((o: { value: number }) => o.value === 6).label, 'Quite possible');
    assert.equal(enRisk.ls.S[4].label, 'Catastrophic');
    assert.equal(zhRisk.levels[0].label, '重大风险');
    assert.equal(enRisk.levels[0].label, 'Major risk');
    const hasHan = /\p{Script=Han}/u;
    const enLabels = [
      ...Object.values(enRisk.lec as Record<string, { label: string }[]>).flat().map((o) => o.label),
      ...Object.values(enRisk.ls as Record<string, { label: string }[]>).flat().map((o) => o.label),
      ...enRisk.accidentTypes.map((a: { name: string }) => a.name), ...enRisk.levels.map((l: { label: string }) => l.label),
    ];
    assert.deepEqual(enLabels.filter((l) => !l || hasHan.test(l)), [], 'every English risk label is English');
    assert.ok(Object.values(zhRisk.lec as Record<string, { label: string }[]>).flat().every((o) => hasHan.test(o.label)), 'zh-CN stays the default');

    const zhSrc = (await admin.get('/api/v1/major-hazards/reference')).json();
    const enSrc = (await admin.get('/api/v1/major-hazards/reference', { 'accept-language': 'en-US' })).json();
    const srcValues = (r: { categories: { code: string; criticalQuantityT: number; beta: number }[]; chemicals: { name: string; aliases: string[]; cas: string[]; category: string; criticalQuantityT: number }[] }) => ({
      categories: r.categories.map((c) => [c.code, c.criticalQuantityT, c.beta]),
      chemicals: r.chemicals.map((c) => [c.name, c.aliases, c.cas, c.category, c.criticalQuantityT]),
    });
    assert.deepEqual(srcValues(enSrc), srcValues(zhSrc), 'the same codes, Table 1 names and quantities in both languages');
    assert.equal(zhSrc.categories.find((c: { code: string }) => c.code === 'W2').label, '易燃气体 类别1、2');
    assert.equal(enSrc.categories.find((c: { code: string }) => c.code === 'W2').label, 'Flammable gases Categories 1 and 2');
    const chlorine = (r: { chemicals: { name: string; label: string }[] }) => r.chemicals.find((c) => c.name === '氯')!;
    assert.equal(chlorine(zhSrc).label, '氯');
    assert.equal(chlorine(enSrc).label, 'Chlorine');
    const enSrcLabels = [...enSrc.categories.map((c: { label: string }) => c.label), ...enSrc.chemicals.map((c: { label: string }) => c.label)];
    assert.deepEqual(enSrcLabels.filter((l) => !l || hasHan.test(l)), [], 'every English GB 18218 label is English');
  });

  it('four-colour summary by township and by industry adds up to the scoped registry', async () => {
    const byRegion = (await admin.get('/api/v1/risks/summary?by=region')).json() as { key: string; enterprises: number; major: number; large: number; general: number; low: number; unassessed: number }[];
    const total = (await admin.get('/api/v1/enterprises?pageSize=1')).json().total;
    assert.equal(byRegion.reduce((s, r) => s + r.enterprises, 0), total);
    for (const r of byRegion) assert.equal(r.major + r.large + r.general + r.low + r.unassessed, r.enterprises);
    const park = byRegion.find((r) => r.key === PARK)!;
    assert.ok(park.enterprises >= 5);
    const byIndustry = (await admin.get('/api/v1/risks/summary?by=industry')).json() as { key: string; enterprises: number }[];
    assert.ok(byIndustry.some((r) => r.key === 'C' && r.enterprises >= 10));
    const town = await t.as('town-lianmuqin');
    const tr = (await town.get('/api/v1/risks/summary')).json() as { key: string }[];
    assert.deepEqual(tr.map((r) => r.key), ['650421103000']);
  });
});
