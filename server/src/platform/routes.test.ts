import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../../test/helpers.ts';

/** Route-wide guarantees: every route is documented, validated, and (unless public) authenticated. */
describe('route conventions', () => {
  let t: TestApp;
  let spec: { paths: Record<string, Record<string, { parameters?: unknown[]; requestBody?: unknown }>> };
  before(async () => {
    t = await buildTestApp();
    spec = (await t.app.inject({ url: '/api/openapi.json' })).json();
  });
  after(async () => { await t.close(); });

  it('GET /api/openapi.json is OpenAPI 3 with the platform routes', () => {
    assert.ok(Object.keys(spec.paths).length > 25);
    for (const p of ['/api/v1/auth/login', '/api/v1/users', '/api/v1/orgs', '/api/v1/regions/tree', '/api/v1/audit', '/api/v1/attachments']) {
      assert.ok(spec.paths[p], `${p} documented`);
    }
  });

  it('every non-public route answers 401 without credentials', async () => {
    const publicPaths = new Set(['/healthz', '/metrics', '/api/v1/meta', '/api/v1/auth/login']);
    let checked = 0;
    for (const [p, ops] of Object.entries(spec.paths)) {
      // /public/… is the prefix of what the public may read or send without an account (CAP feed, supervised hazards, reports).
      if (publicPaths.has(p) || p.startsWith('/public/')) continue;
      for (const method of Object.keys(ops)) {
        const url = p.replace(/\{[^}]+\}/g, (m) => (m === '{code}' ? '650421000000' : m === '{dict}' ? 'industry' : '00000000-0000-4000-8000-000000000000'));
        const res = await t.app.inject({ method: method.toUpperCase() as 'GET', url, payload: method === 'get' ? undefined : {} });
        assert.equal(res.statusCode, 401, `${method.toUpperCase()} ${p} → ${res.statusCode}`);
        checked++;
      }
    }
    assert.ok(checked > 25);
  });

  it('JSON bodies are validated as sent (an explicit null stays null); query strings are coerced', async () => {
    const admin = await t.as('admin');
    const { rows } = await t.db.query<{ id: string }>("SELECT id FROM org WHERE type = 'enterprise' ORDER BY name LIMIT 1");
    const r = await admin.patch(`/api/v1/enterprises/${rows[0]!.id}`, { employees: null, shortName: null });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().employees, null, 'not 0');
    assert.equal(r.json().shortName, null, 'not an empty string');
    assert.equal((await admin.patch(`/api/v1/enterprises/${rows[0]!.id}`, { employees: '12' })).statusCode, 400, 'a string is not a number in JSON');
    assert.equal((await admin.get('/api/v1/teams/nearest?lon=90.2&lat=42.8&k=2')).statusCode, 200, '"2" in a query string is 2');
  });

  it('every route with a body or querystring declares a schema', () => {
    for (const [p, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (['post', 'put', 'patch'].includes(method) && !p.endsWith('/logout') && !p.includes('read')) {
          assert.ok(op.requestBody, `${method.toUpperCase()} ${p} has a body schema`);
        }
      }
    }
  });

  it('GET /healthz is ready after migrations and /metrics speaks Prometheus', async () => {
    const h = await t.app.inject({ url: '/healthz' });
    assert.equal(h.statusCode, 200);
    assert.equal(h.json().status, 'ok');
    assert.ok(h.json().migrations >= 2);
    const m = await t.app.inject({ url: '/metrics' });
    assert.match(m.body, /yingji_http_request_duration_seconds_bucket/);
    assert.match(m.body, /yingji_db_up\{kind="(pglite|pg)"\} 1/);
  });

  it('unknown API routes give problem+json 404', async () => {
    const r = await t.app.inject({ url: '/api/v1/nope', headers: { 'accept-language': 'zh-CN' } });
    assert.equal(r.statusCode, 404);
    assert.equal(r.json().code, 'route_not_found');
    assert.equal(r.json().detail, '接口不存在');
  });

  it('lists page, filter, sort and reject unknown sort keys the same way everywhere', async () => {
    const admin = await t.as('admin');
    const r = await admin.get('/api/v1/regions?level=village&sort=-population&page=2&pageSize=10');
    assert.equal(r.statusCode, 200);
    const b = r.json();
    assert.equal(b.page, 2);
    assert.equal(b.items.length, 10);
    assert.equal(b.total, 112);
    const pops = b.items.map((x: { population: number }) => x.population);
    assert.deepEqual(pops, [...pops].sort((x: number, y: number) => y - x));
    const bad = await admin.get('/api/v1/users?sort=password_hash', { 'accept-language': 'en' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].path, 'sort');
  });
});
