import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditCount, buildTestApp, type TestApp } from '../../../test/helpers.ts';
import { invalidateAuthCache } from '../../platform/auth.ts';

describe('authentication', () => {
  let t: TestApp;
  before(async () => { t = await buildTestApp({ loginMaxFailures: 3, loginLockMinutes: 15 }); });
  after(async () => { await t.close(); });

  it('POST /api/v1/auth/login returns the user and sets an HttpOnly session cookie', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'yingji-demo' } });
    assert.equal(res.statusCode, 200);
    const session = res.cookies.find((c) => c.name === 'yingji_session');
    assert.ok(session?.httpOnly, 'session cookie must be HttpOnly');
    assert.equal(session?.sameSite, 'Lax');
    const body = res.json();
    assert.equal(body.user.username, 'admin');
    assert.ok(body.user.permissions.includes('users:write'));
    assert.ok(body.csrfToken.length > 20);
  });

  it('returns 401 problem+json in Chinese by default and English on request for a wrong password', async () => {
    const zh = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'staff', password: 'wrong-pass1' } });
    assert.equal(zh.statusCode, 401);
    assert.match(zh.headers['content-type'] as string, /application\/problem\+json/);
    assert.equal(zh.json().detail, '用户名或密码错误');
    const en = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'accept-language': 'en-US,en;q=0.9' }, payload: { username: 'nobody', password: 'x' } });
    assert.equal(en.json().detail, 'Wrong username or password');
    assert.equal(en.json().code, 'bad_credentials');
  });

  it('locks the account after repeated failures and audits it', async () => {
    const before = await auditCount(t.db);
    for (let i = 0; i < 2; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'inspector', password: 'bad-password1' } });
      assert.equal(r.statusCode, 401);
    }
    const locked = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'inspector', password: 'bad-password1' } });
    assert.equal(locked.statusCode, 423);
    assert.equal(locked.json().code, 'account_locked');
    // Even the right password is refused while locked.
    const still = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'inspector', password: 'yingji-demo' } });
    assert.equal(still.statusCode, 423);
    assert.equal(await auditCount(t.db), before + 3);
    const { rows } = await t.db.query<{ action: string }>("SELECT action FROM audit_log WHERE entity_type = 'user' ORDER BY seq DESC LIMIT 1");
    assert.equal(rows[0]?.action, 'account_locked');
    // The admin unlocks it.
    const admin = await t.as('admin');
    const { rows: u } = await t.db.query<{ id: string }>("SELECT id FROM app_user WHERE username = 'inspector'");
    const un = await admin.patch(`/api/v1/users/${u[0]!.id}`, { unlock: true });
    assert.equal(un.statusCode, 200);
    assert.equal(un.json().locked, false);
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'inspector', password: 'yingji-demo' } })).statusCode, 200);
  });

  it('counts parallel wrong passwords atomically, so guessing in parallel still locks', async () => {
    const tries = await Promise.all(Array.from({ length: 8 }, () =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'reg-industry', password: 'guess-12345' } })));
    assert.ok(tries.some((r) => r.statusCode === 423), tries.map((r) => r.statusCode).join(','));
    const { rows } = await t.db.query<{ locked: boolean }>("SELECT locked_until > now() AS locked FROM app_user WHERE username = 'reg-industry'");
    assert.equal(rows[0]!.locked, true);
  });

  it('does not reveal a disabled account to someone without its password, nor trust X-Forwarded-For', async () => {
    const admin = await t.as('admin');
    const { rows } = await t.db.query<{ id: string }>("SELECT id FROM app_user WHERE username = 'team-county'");
    assert.equal((await admin.patch(`/api/v1/users/${rows[0]!.id}`, { status: 'disabled' })).statusCode, 200);
    const guess = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-forwarded-for': '203.0.113.9' }, payload: { username: 'team-county', password: 'wrong-guess1' } });
    assert.equal(guess.statusCode, 401);
    const right = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'team-county', password: 'yingji-demo' } });
    assert.equal(right.statusCode, 403);
    assert.equal(right.json().code, 'account_disabled');
    const { rows: a } = await t.db.query<{ ip: string }>("SELECT ip FROM audit_log WHERE action = 'login_failed' ORDER BY seq DESC LIMIT 1");
    assert.notEqual(a[0]!.ip, '203.0.113.9');
  });

  it('rejects unauthenticated API calls with 401 and writes without the CSRF header with 403', async () => {
    assert.equal((await t.app.inject({ url: '/api/v1/users' })).statusCode, 401);
    const admin = await t.as('admin');
    const before = await auditCount(t.db);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/orgs', headers: { cookie: admin.cookie }, payload: { name: '无令牌单位', type: 'social_org', regionCode: '650421000000' } });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().code, 'csrf_failed');
    assert.equal(await auditCount(t.db), before, 'a refused write changes nothing');
  });

  it('expires sessions and logs out', async () => {
    const c = await t.as('staff');
    assert.equal((await c.get('/api/v1/auth/me')).statusCode, 200);
    await t.db.query("UPDATE user_session SET expires_at = now() - interval '1 minute' WHERE user_id = (SELECT id FROM app_user WHERE username = 'staff')");
    invalidateAuthCache(); // an out-of-band SQL edit: the per-process credential cache is not told otherwise
    const expired = await c.get('/api/v1/auth/me');
    assert.equal(expired.statusCode, 401);
    assert.equal(expired.json().code, 'session_expired');
    const d = await t.as('duty');
    assert.equal((await d.post('/api/v1/auth/logout')).statusCode, 204);
    assert.equal((await d.get('/api/v1/auth/me')).statusCode, 401);
  });

  it('API tokens authenticate with their own scope and can be revoked', async () => {
    const admin = await t.as('admin');
    const created = await admin.post('/api/v1/tokens', { name: '连木沁镇对接系统', roles: ['township'], regionCode: '650421103000' });
    assert.equal(created.statusCode, 201);
    const { token, id } = created.json();
    assert.match(token, /^yj_/);
    const { rows } = await t.db.query<{ token_hash: string }>('SELECT token_hash FROM api_token WHERE id = $1', [id]);
    assert.notEqual(rows[0]?.token_hash, token, 'only the hash is stored');
    const list = await t.app.inject({ url: '/api/v1/regions?level=township', headers: { authorization: `Bearer ${token}` } });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(list.json().items.map((r: { code: string }) => r.code), ['650421103000']);
    assert.equal((await admin.delete(`/api/v1/tokens/${id}`)).statusCode, 204);
    assert.equal((await t.app.inject({ url: '/api/v1/regions', headers: { authorization: `Bearer ${token}` } })).statusCode, 401);
  });
});
