import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type Client, type TestApp } from '../../test/helpers.ts';

// The auth layer keeps verified sessions and tokens for a few seconds (auth.ts). Every test below
// first makes a read, which puts the credential into that cache, then changes the credential and
// expects the very next request to see the change: the write points must invalidate the cache.

async function userId(t: TestApp, username: string): Promise<string> {
  const { rows } = await t.db.query<{ id: string }>('SELECT id FROM app_user WHERE username = $1', [username]);
  return rows[0]!.id;
}

/** Reads twice, so the second read is answered from the cache when the cache is in use. */
async function warm(c: Client, url = '/api/v1/auth/me'): Promise<void> {
  for (let i = 0; i < 2; i++) assert.equal((await c.get(url)).statusCode, 200);
}

describe('session and token cache', () => {
  let t: TestApp;
  let admin: Client;
  before(async () => {
    t = await buildTestApp();
    admin = await t.as('admin');
  });
  after(async () => { await t.close(); });

  it('GET after POST /api/v1/auth/logout returns 401 with the same cookie at once', async () => {
    const duty = await t.as('duty');
    await warm(duty);
    assert.equal((await duty.post('/api/v1/auth/logout')).statusCode, 204);
    const me = await duty.get('/api/v1/auth/me');
    assert.equal(me.statusCode, 401);
    assert.equal(me.json().code, 'unauthenticated');
    assert.equal((await duty.get('/api/v1/teams')).statusCode, 401);
  });

  it('returns 401 to a disabled user at once, and again after re-enabling until they sign in', async () => {
    const c = await t.as('inspector');
    await warm(c, '/api/v1/teams');
    const id = await userId(t, 'inspector');
    assert.equal((await admin.patch(`/api/v1/users/${id}`, { status: 'disabled' })).statusCode, 200);
    assert.equal((await c.get('/api/v1/teams')).statusCode, 401);
    assert.equal((await admin.patch(`/api/v1/users/${id}`, { status: 'active' })).statusCode, 200);
    assert.equal((await c.get('/api/v1/teams')).statusCode, 401, 'disabling ended the session for good');
  });

  it('applies a role change to the next request (403 on a permission the user just lost)', async () => {
    const c = await t.as('staff');
    await warm(c, '/api/v1/teams');
    const id = await userId(t, 'staff');
    assert.equal((await admin.patch(`/api/v1/users/${id}`, { roles: ['informant'] })).statusCode, 200);
    const r = await c.get('/api/v1/teams');
    assert.equal(r.statusCode, 403);
    assert.deepEqual((await c.get('/api/v1/auth/me')).json().user.roles, ['informant']);
    assert.equal((await admin.patch(`/api/v1/users/${id}`, { roles: ['bureau_staff'] })).statusCode, 200);
    assert.equal((await c.get('/api/v1/teams')).statusCode, 200);
  });

  it('applies a region change to the next request (the scope narrows at once)', async () => {
    const c = await t.as('town-shanshan');
    await warm(c, '/api/v1/regions?level=township');
    const codes = async () => ((await c.get('/api/v1/regions?level=township&pageSize=100')).json().items as { code: string }[]).map((r) => r.code);
    assert.deepEqual(await codes(), ['650421100000']);
    const id = await userId(t, 'town-shanshan');
    const moved = await admin.patch(`/api/v1/users/${id}`, { regionCode: '650421103000' });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.deepEqual(await codes(), ['650421103000']);
  });

  it('ends other sessions at once on a password reset and on an own password change', async () => {
    const id = await userId(t, 'commander');
    const a = await t.as('commander');
    await warm(a);
    assert.equal((await admin.post(`/api/v1/users/${id}/password`, { password: 'reset-pass1' })).statusCode, 204);
    assert.equal((await a.get('/api/v1/auth/me')).statusCode, 401);

    const b = await t.as('commander', 'reset-pass1');
    const other = await t.as('commander', 'reset-pass1');
    await warm(b);
    await warm(other);
    assert.equal((await b.post('/api/v1/me/password', { currentPassword: 'reset-pass1', password: 'changed-pass1' })).statusCode, 204);
    assert.equal((await other.get('/api/v1/auth/me')).statusCode, 401);
    assert.equal((await b.get('/api/v1/auth/me')).statusCode, 200, 'the session that changed the password stays');
  });

  it('refuses a revoked API token at once', async () => {
    const created = await admin.post('/api/v1/tokens', { name: '缓存测试对接', roles: ['township'], regionCode: '650421103000' });
    assert.equal(created.statusCode, 201);
    const { token, id } = created.json();
    const get = () => t.app.inject({ url: '/api/v1/regions?level=township', headers: { authorization: `Bearer ${token}` } });
    assert.equal((await get()).statusCode, 200);
    assert.equal((await get()).statusCode, 200);
    assert.equal((await admin.delete(`/api/v1/tokens/${id}`)).statusCode, 204);
    assert.equal((await get()).statusCode, 401);
  });

  it('checks writes against the database even while a read would be answered from the cache', async () => {
    const staff = await t.as('staff');
    await warm(staff);
    // Another server process ends the session: this process was not told.
    await t.db.query('DELETE FROM user_session WHERE id = encode(sha256(convert_to($1, \'UTF8\')), \'hex\')', [staff.cookie.split('=')[1]]);
    const w = await staff.post('/api/v1/orgs', { name: '缓存测试单位', type: 'social_org', regionCode: '650421000000' });
    assert.equal(w.statusCode, 401, w.body);
    // The failed re-check also dropped the cached entry.
    assert.equal((await staff.get('/api/v1/auth/me')).statusCode, 401);
  });
});
