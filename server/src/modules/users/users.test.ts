import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditCount, buildTestApp, type Client, type TestApp } from '../../../test/helpers.ts';

describe('users', () => {
  let t: TestApp;
  let admin: Client;
  before(async () => {
    t = await buildTestApp();
    admin = await t.as('admin');
  });
  after(async () => { await t.close(); });

  it('POST /api/v1/users creates a user and audits it in the same transaction', async () => {
    const n = await auditCount(t.db);
    const r = await admin.post('/api/v1/users', { username: 'new.duty', displayName: '新值班员', password: 'duty2026x', roles: ['duty_officer'], regionCode: '650421000000', phone: '13800000000' });
    assert.equal(r.statusCode, 201, r.body);
    const u = r.json();
    assert.equal(u.username, 'new.duty');
    assert.equal(u.regionName, '鄯善县');
    assert.equal('passwordHash' in u || 'password_hash' in u || 'password' in u, false, 'no password material in responses');
    assert.equal(await auditCount(t.db), n + 1);
    const { rows } = await t.db.query<{ action: string; entity_id: string; after: Record<string, unknown>; actor_name: string }>('SELECT action, entity_id, after, actor_name FROM audit_log ORDER BY seq DESC LIMIT 1');
    assert.equal(rows[0]!.action, 'create');
    assert.equal(rows[0]!.entity_id, u.id);
    assert.equal(rows[0]!.actor_name, 'admin');
    assert.equal(rows[0]!.after.password, undefined, 'the password never reaches the audit log');
    // The new account can sign in.
    await t.as('new.duty', 'duty2026x');
  });

  it('rejects bad input with field errors in the user\'s language and changes nothing', async () => {
    const n = await auditCount(t.db);
    const { rows: before } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM app_user');
    const zh = await admin.post('/api/v1/users', { username: 'Bad Name', displayName: '', password: 'short', roles: [], regionCode: '123' });
    assert.equal(zh.statusCode, 400);
    const body = zh.json();
    assert.equal(body.code, 'validation_failed');
    const paths = new Set(body.errors.map((e: { path: string }) => e.path));
    for (const p of ['username', 'displayName', 'password', 'roles', 'regionCode']) assert.ok(paths.has(p), `${p} in ${[...paths].join(',')}`);
    assert.ok(body.errors.some((e: { message: string }) => e.message.includes('用户名')), JSON.stringify(body.errors));
    const en = await admin.post('/api/v1/users', { username: 'ok_name', displayName: 'x', password: 'abc12345', roles: ['duty_officer'] }, { 'accept-language': 'en-US' });
    assert.equal(en.statusCode, 400);
    assert.match(en.json().detail, /region is required/);
    const dup = await admin.post('/api/v1/users', { username: 'admin', displayName: '重复', password: 'abc12345', roles: ['duty_officer'], regionCode: '650421000000' });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().detail, '用户名已存在');
    const entNoOrg = await admin.post('/api/v1/users', { username: 'ent.x', displayName: '企业', password: 'abc12345', roles: ['enterprise'], regionCode: '650421450000' });
    assert.equal(entNoOrg.statusCode, 400);
    assert.equal(await auditCount(t.db), n);
    const { rows: after } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM app_user');
    assert.equal(after[0]!.n, before[0]!.n);
  });

  it('PATCH changes roles and status; disabling ends the user\'s sessions; history shows both', async () => {
    const staff = await t.as('staff');
    assert.equal((await staff.get('/api/v1/auth/me')).statusCode, 200);
    const id = (await staff.get('/api/v1/auth/me')).json().user.id;
    const r = await admin.patch(`/api/v1/users/${id}`, { roles: ['bureau_staff', 'inspector'], status: 'disabled' });
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(r.json().roles, ['bureau_staff', 'inspector']);
    assert.equal((await staff.get('/api/v1/auth/me')).statusCode, 401);
    const h = (await admin.get(`/api/v1/history/user/${id}`)).json();
    const upd = h.items.find((e: { action: string }) => e.action === 'update');
    assert.deepEqual(upd.before.status, 'active');
    assert.deepEqual(upd.after.status, 'disabled');
    assert.deepEqual(upd.after.roles, ['bureau_staff', 'inspector']);
    assert.equal((await admin.patch(`/api/v1/users/${id}`, { status: 'active' })).statusCode, 200);
  });

  it('an admin cannot disable themself; non-admins cannot manage users', async () => {
    const me = (await admin.get('/api/v1/auth/me')).json().user.id;
    const r = await admin.patch(`/api/v1/users/${me}`, { status: 'disabled' });
    assert.equal(r.statusCode, 409);
    const duty = await t.as('duty');
    const f = await duty.post('/api/v1/users', { username: 'x.y', displayName: 'x', password: 'abc12345', roles: ['informant'], regionCode: '650421000000' });
    assert.equal(f.statusCode, 403);
    assert.equal(f.json().detail, '没有执行此操作的权限');
  });

  it('password reset and own password change', async () => {
    const { rows } = await t.db.query<{ id: string }>("SELECT id FROM app_user WHERE username = 'commander'");
    assert.equal((await admin.post(`/api/v1/users/${rows[0]!.id}/password`, { password: 'newpass123' })).statusCode, 204);
    const c = await t.as('commander', 'newpass123');
    const wrong = await c.post('/api/v1/me/password', { currentPassword: 'nope', password: 'another123' });
    assert.equal(wrong.statusCode, 400);
    assert.equal((await c.post('/api/v1/me/password', { currentPassword: 'newpass123', password: 'another123' })).statusCode, 204);
    await t.as('commander', 'another123');
    assert.equal((await c.put('/api/v1/me/locale', { locale: 'en-US' })).statusCode, 204);
    assert.equal((await c.get('/api/v1/auth/me')).json().user.locale, 'en-US');
  });
});
