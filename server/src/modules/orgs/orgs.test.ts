import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditCount, buildTestApp, type Client, type TestApp } from '../../../test/helpers.ts';
import { creditCodeCheckChar, isValidCreditCode } from './rules.ts';

describe('unified social credit code (GB 32100)', () => {
  it('accepts codes with the right check character and rejects others', () => {
    // Published examples of the standard's algorithm.
    assert.equal(isValidCreditCode('91350100M000100Y43'), true);
    assert.equal(isValidCreditCode('91350100M000100Y44'), false);
    assert.equal(isValidCreditCode('91350100M000100Y4'), false);
    assert.equal(isValidCreditCode('91350100I000100Y43'), false, 'I is not in the charset');
    const body = '91650421MA7ABCDE1';
    assert.equal(isValidCreditCode(body + creditCodeCheckChar(body)), true);
  });
});

describe('organisations', () => {
  let t: TestApp;
  let admin: Client;
  before(async () => {
    t = await buildTestApp();
    admin = await t.as('admin');
  });
  after(async () => { await t.close(); });

  it('lists the demo bureau, departments, offices, enterprises and teams', async () => {
    const r = (await admin.get('/api/v1/orgs?pageSize=200')).json();
    assert.ok(r.total >= 45);
    const types = new Set(r.items.map((o: { type: string }) => o.type));
    for (const ty of ['bureau', 'department', 'township_office', 'park', 'enterprise', 'rescue_team']) assert.ok(types.has(ty), ty);
    const ents = r.items.filter((o: { type: string }) => o.type === 'enterprise');
    for (const e of ents) assert.ok(isValidCreditCode(e.creditCode), `${e.name} ${e.creditCode}`);
  });

  it('POST /api/v1/orgs validates the credit code, stores the location and audits', async () => {
    const n = await auditCount(t.db);
    const bad = await admin.post('/api/v1/orgs', { name: '测试化工有限公司', type: 'enterprise', regionCode: '650421450000', creditCode: '91650421MA7ABCDE10' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].path, 'creditCode');
    assert.equal(await auditCount(t.db), n);
    const body = '91650421MA7TE4T01';
    const ok = await admin.post('/api/v1/orgs', {
      name: '测试化工有限公司', type: 'enterprise', regionCode: '650421450000', creditCode: body + creditCodeCheckChar(body),
      industryCodes: ['C', '26'], location: { type: 'Point', coordinates: [90.13, 42.95] }, contactPhone: '0995-8300000',
    });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.deepEqual(ok.json().location.coordinates, [90.13, 42.95]);
    assert.equal(await auditCount(t.db), n + 1);
    const dup = await admin.post('/api/v1/orgs', { name: '重复代码公司', type: 'enterprise', regionCode: '650421450000', creditCode: body + creditCodeCheckChar(body) });
    assert.equal(dup.statusCode, 409);
    const upd = await admin.patch(`/api/v1/orgs/${ok.json().id}`, { contactName: '张三', parentId: ok.json().id });
    assert.equal(upd.statusCode, 409, 'an organisation cannot be its own parent');
    const upd2 = await admin.patch(`/api/v1/orgs/${ok.json().id}`, { contactName: '张三' });
    assert.equal(upd2.statusCode, 200);
    const h = (await admin.get(`/api/v1/history/org/${ok.json().id}`)).json();
    assert.equal(h.items[0].action, 'update');
    assert.deepEqual(h.items[0].after, { contactName: '张三' });
  });

  it('refuses hierarchy cycles and keeps the audit chain valid with upper-case ids', async () => {
    const a = (await admin.post('/api/v1/orgs', { name: '上级测试单位', type: 'social_org', regionCode: '650421000000' })).json();
    const b = (await admin.post('/api/v1/orgs', { name: '下级测试单位', type: 'social_org', regionCode: '650421000000', parentId: a.id.toUpperCase() })).json();
    assert.equal(b.parentId, a.id);
    const cycle = await admin.patch(`/api/v1/orgs/${a.id}`, { parentId: b.id });
    assert.equal(cycle.statusCode, 409);
    const u = await admin.post('/api/v1/users', { username: 'upper.case', displayName: '大写', password: 'abc12345', roles: ['duty_officer'], regionCode: '650421000000', orgId: a.id.toUpperCase() });
    assert.equal(u.statusCode, 201, u.body);
    const v = (await admin.get('/api/v1/audit/verify')).json();
    assert.equal(v.ok, true, JSON.stringify(v.problems));
    const bad = await admin.get('/api/v1/audit?from=notadate');
    assert.equal(bad.statusCode, 400);
  });

  it('parallel edits of different fields both survive (no lost update)', async () => {
    const o = (await admin.post('/api/v1/orgs', { name: '并发测试单位', type: 'social_org', regionCode: '650421000000' })).json();
    const results = await Promise.all([
      admin.patch(`/api/v1/orgs/${o.id}`, { contactName: '甲' }),
      admin.patch(`/api/v1/orgs/${o.id}`, { address: '乙路 1 号' }),
      admin.patch(`/api/v1/orgs/${o.id}`, { contactPhone: '0995-8000000' }),
    ]);
    assert.deepEqual(results.map((r) => r.statusCode), [200, 200, 200]);
    const after = (await admin.get(`/api/v1/orgs/${o.id}`)).json();
    assert.equal(after.contactName, '甲');
    assert.equal(after.address, '乙路 1 号');
    assert.equal(after.contactPhone, '0995-8000000');
  });

  it('filters by type and industry, sorts and exports with Chinese headers', async () => {
    const r = (await admin.get('/api/v1/orgs?type=enterprise&industry=26&sort=-name')).json();
    assert.ok(r.total >= 8);
    const res = await admin.get('/api/v1/orgs/export.xlsx?type=department');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-disposition']), /filename\*=UTF-8''%E7%BB%84%E7%BB%87/);
  });
});
