import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { buildTestApp, type Client, type TestApp } from '../../test/helpers.ts';
import { demoId } from '../demo/ids.ts';

const SHANSHAN = '650421100000'; // 鄯善镇
const LIANMUQIN = '650421103000'; // 连木沁镇

async function xlsxRows(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

/**
 * Data scope for the platform's records: a township user never sees another township's users,
 * organisations, regions, audit entries or attachments — not in lists, details, counts, exports,
 * map layers or search — and an enterprise user sees only its own enterprise.
 */
describe('data scope', () => {
  let t: TestApp;
  let town: Client;
  let admin: Client;
  let ent: Client;
  let otherTownUserId: string;
  let otherOrgAttachment: string;

  before(async () => {
    t = await buildTestApp();
    admin = await t.as('admin');
    town = await t.as('town-shanshan');
    ent = await t.as('ent-tianshan');
    // A record in the other township: a user, and an attachment on its township office.
    const u = await admin.post('/api/v1/users', { username: 'lmq-informant', displayName: '连木沁信息员', password: 'abc12345', roles: ['informant'], regionCode: '650421103002' });
    assert.equal(u.statusCode, 201, u.body);
    otherTownUserId = u.json().id;
    const boundary = 'XbOuNdArY';
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="ownerType"\r\n\r\norg\r\n--${boundary}\r\nContent-Disposition: form-data; name="ownerId"\r\n\r\n${demoId(`office-${LIANMUQIN}`)}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="公章.png"\r\nContent-Type: image/png\r\n\r\n`),
      png, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const a = await t.app.inject({ method: 'POST', url: '/api/v1/attachments', payload, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    assert.equal(a.statusCode, 201, a.body);
    otherOrgAttachment = a.json().id;
  });
  after(async () => { await t.close(); });

  it('lists only records inside the township subtree', async () => {
    const users = (await town.get('/api/v1/users?pageSize=200')).json();
    assert.ok(users.items.length > 0);
    for (const u of users.items) assert.ok(u.regionCode.startsWith('650421100'), `user ${u.username} in ${u.regionCode}`);
    const orgs = (await town.get('/api/v1/orgs?pageSize=200')).json();
    assert.ok(orgs.items.length > 0);
    for (const o of orgs.items) assert.ok(o.regionCode.startsWith('650421100'), `org ${o.name}`);
    const regions = (await town.get('/api/v1/regions?pageSize=200')).json();
    assert.equal(regions.total, 1 + 19);
    for (const r of regions.items) assert.ok(r.code.startsWith('650421100'));
    const audit = (await town.get('/api/v1/audit?pageSize=200')).json();
    for (const e of audit.items) assert.ok(e.regionCode?.startsWith('650421100'), `audit ${e.seq} ${e.regionCode}`);
  });

  it('search does not reach across the boundary', async () => {
    const r = (await town.get('/api/v1/users?q=%E8%BF%9E%E6%9C%A8%E6%B2%81')).json(); // 连木沁
    assert.equal(r.total, 0);
    const o = (await town.get(`/api/v1/orgs?q=${encodeURIComponent('连木沁')}`)).json();
    assert.equal(o.total, 0);
  });

  it('reads of another township\'s records give 404, not 403 (existence is not revealed)', async () => {
    assert.equal((await town.get(`/api/v1/users/${otherTownUserId}`)).statusCode, 404);
    assert.equal((await town.get(`/api/v1/orgs/${demoId(`office-${LIANMUQIN}`)}`)).statusCode, 404);
    assert.equal((await town.get(`/api/v1/regions/${LIANMUQIN}`)).statusCode, 404);
    assert.equal((await town.get(`/api/v1/history/user/${otherTownUserId}`)).statusCode, 404);
    assert.equal((await town.get(`/api/v1/attachments/${otherOrgAttachment}`)).statusCode, 404);
    assert.equal((await town.get(`/api/v1/attachments/${otherOrgAttachment}/content`)).statusCode, 404);
    assert.equal((await admin.get(`/api/v1/attachments/${otherOrgAttachment}/content`)).statusCode, 200);
  });

  it('counts are scoped', async () => {
    const all = (await admin.get('/api/v1/users/count')).json().total;
    const mine = (await town.get('/api/v1/users/count')).json().total;
    assert.ok(mine > 0 && mine < all, `${mine} < ${all}`);
    assert.equal((await town.get(`/api/v1/regions/count?parentCode=${LIANMUQIN}`)).json().total, 0);
    assert.equal((await admin.get(`/api/v1/regions/count?parentCode=${LIANMUQIN}`)).json().total, 15);
  });

  it('exports are scoped', async () => {
    const res = await town.get('/api/v1/users/export.xlsx');
    assert.equal(res.statusCode, 200);
    const rows = await xlsxRows(res.rawPayload);
    assert.equal(rows[0]![0], '用户名', 'Chinese headers');
    const names = rows.slice(1).map((r) => r[0]);
    assert.ok(names.includes('town-shanshan'));
    assert.ok(!names.includes('lmq-informant'));
    assert.ok(!names.includes('town-lianmuqin'));
    const orgRows = await xlsxRows((await town.get('/api/v1/orgs/export.xlsx')).rawPayload);
    assert.ok(orgRows.slice(1).every((r) => !r[0]!.includes('连木沁')));
  });

  it('map layers are scoped (the shared basemap outlines excepted)', async () => {
    const fc = (await town.get('/api/v1/regions/geojson')).json();
    assert.ok(fc.features.length > 0);
    for (const f of fc.features) assert.ok(String(f.id).startsWith('650421100'), `feature ${f.id}`);
    const villages = (await town.get('/api/v1/regions/geojson?level=village')).json();
    assert.equal(villages.features.length, 19);
  });

  it('writes cannot place records outside the actor\'s scope', async () => {
    const r = await town.post('/api/v1/users', { username: 'sneaky', displayName: '越权', password: 'abc12345', roles: ['informant'], regionCode: '650421103002' });
    assert.equal(r.statusCode, 403);
    assert.equal(r.json().code, 'out_of_scope');
    const ok = await town.post('/api/v1/users', { username: 'ss-informant', displayName: '鄯善镇信息员', password: 'abc12345', roles: ['informant'], regionCode: '650421100201' });
    assert.equal(ok.statusCode, 201, ok.body);
    const escalate = await town.post('/api/v1/users', { username: 'ss-admin', displayName: '提权', password: 'abc12345', roles: ['admin'], regionCode: SHANSHAN });
    assert.equal(escalate.statusCode, 403);
    assert.equal((await town.patch(`/api/v1/users/${otherTownUserId}`, { displayName: 'x' })).statusCode, 404);
  });

  it('an enterprise user sees only its own enterprise', async () => {
    const orgs = (await ent.get('/api/v1/orgs?pageSize=200')).json();
    assert.deepEqual(orgs.items.map((o: { id: string }) => o.id), [demoId('ent-01')]);
    assert.equal((await ent.get(`/api/v1/orgs/${demoId('ent-02')}`)).statusCode, 404);
    assert.equal((await ent.get('/api/v1/orgs/count?type=enterprise')).json().total, 1);
    const rows = await xlsxRows((await ent.get('/api/v1/orgs/export.xlsx')).rawPayload);
    assert.equal(rows.length, 2);
    // Regions are not organisation-owned records: nothing of them leaks to an enterprise account.
    assert.equal((await ent.get('/api/v1/regions')).json().total, 0);
  });

  it('history follows the record: no permission or scope, no history', async () => {
    const informant = await t.as('informant');
    assert.equal((await informant.get('/api/v1/history/user/')).statusCode, 400, 'an empty id no longer lists every user entry');
    const me = (await informant.get('/api/v1/auth/me')).json().user.id;
    assert.equal((await informant.get(`/api/v1/history/user/${me}`)).statusCode, 404, 'informants cannot read user records');
    const reg = await t.as('reg-transport');
    assert.equal((await reg.get(`/api/v1/history/org/${demoId('ent-01')}`)).statusCode, 404, 'an enterprise of another industry');
    assert.equal((await reg.get('/api/v1/history/system/demo')).statusCode, 404, 'non-record history needs audit:read');
    assert.equal((await admin.get(`/api/v1/history/org/${demoId('ent-01')}`)).statusCode, 200);
  });

  it('attachments need the owner module\'s own permissions', async () => {
    const informant = await t.as('informant');
    const me = (await informant.get('/api/v1/auth/me')).json().user.id;
    assert.equal((await informant.get(`/api/v1/attachments?ownerType=user&ownerId=${me}`)).statusCode, 404);
  });

  it('a department regulator sees enterprises of its own industries only', async () => {
    const reg = await t.as('reg-transport');
    const orgs = (await reg.get('/api/v1/orgs?type=enterprise&pageSize=200')).json();
    assert.ok(orgs.items.length >= 1);
    for (const o of orgs.items) assert.ok(o.industryCodes.some((c: string) => ['G', '54', '58', '59'].includes(c)), o.name);
    assert.equal((await reg.get(`/api/v1/orgs/${demoId('ent-01')}`)).statusCode, 404);
    const users = (await reg.get('/api/v1/users?pageSize=200')).json();
    assert.ok(!users.items.some((u: { username: string }) => u.username === 'ent-tianshan'), 'accounts of other industries\' enterprises are hidden');
    // A regulator account without industries sees no enterprise at all (not every industry).
    const created = await admin.post('/api/v1/users', { username: 'reg.none', displayName: '无行业', password: 'abc12345', roles: ['regulator'], regionCode: '650421000000' });
    assert.equal(created.statusCode, 201);
    const none = await t.as('reg.none', 'abc12345');
    assert.equal((await none.get('/api/v1/orgs/count?type=enterprise')).json().total, 0);
  });
});
