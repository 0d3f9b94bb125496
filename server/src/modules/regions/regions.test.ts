import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditCount, buildTestApp, type Client, type TestApp } from '../../../test/helpers.ts';

describe('regions and dictionaries', () => {
  let t: TestApp;
  let admin: Client;
  before(async () => {
    t = await buildTestApp();
    admin = await t.as('admin');
  });
  after(async () => { await t.close(); });

  it('the demo tree is Shanshan County with its 12 township-level units, 2 parks and 112 villages', async () => {
    const tree = (await admin.get('/api/v1/regions/tree')).json();
    assert.equal(tree.length, 1);
    assert.equal(tree[0].code, '650421000000');
    assert.equal(tree[0].name, '鄯善县');
    assert.equal(tree[0].children.length, 14);
    const names = tree[0].children.map((c: { name: string }) => c.name);
    for (const n of ['鄯善镇', '七克台镇', '火车站镇', '连木沁镇', '鲁克沁镇', '辟展镇', '迪坎镇', '东巴扎回族乡', '吐峪沟乡', '达朗坎乡', '南山矿区', '园艺场', '鄯善工业园区']) assert.ok(names.includes(n), n);
    assert.equal((await admin.get('/api/v1/regions/count?level=village')).json().total, 112);
  });

  it('township outlines are real PostGIS polygons inside the county, flagged approximate', async () => {
    const d = (await admin.get('/api/v1/regions/650421103000')).json();
    assert.equal(d.boundaryApprox, true);
    assert.equal(d.boundary.type, 'MultiPolygon');
    const { rows } = await t.db.query<{ inside: boolean; contains: boolean; total: number; county: number }>(`
      SELECT bool_and(ST_CoveredBy(t.boundary, ST_Buffer(c.boundary, 0.0001))) AS inside, bool_and(ST_Contains(t.boundary, t.centre)) AS contains,
             sum(ST_Area(t.boundary::geography))/1e6 AS total, max(ST_Area(c.boundary::geography))/1e6 AS county
        FROM region t, region c WHERE t.level = 'township' AND c.level = 'county'`);
    assert.equal(rows[0]!.inside, true);
    assert.equal(rows[0]!.contains, true);
    assert.ok(Math.abs(rows[0]!.total - rows[0]!.county) / rows[0]!.county < 0.01, 'cells tile the county');
    const { rows: idx } = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_indexes WHERE tablename = 'region' AND indexdef ILIKE '%gist%'");
    assert.equal(idx[0]!.n, 2);
  });

  it('the basemap carries the county and township outlines', async () => {
    const fc = (await admin.get('/api/v1/map/basemap.geojson')).json();
    assert.equal(fc.features.length, 15);
    assert.ok(fc.features.every((f: { properties: { approx: boolean } }) => f.properties.approx === true));
  });

  it('creates a village under a township and edits it with audit; rejects a village under a village', async () => {
    const n = await auditCount(t.db);
    const r = await admin.post('/api/v1/regions', { code: '650421103999', name: '新建测试村', kind: '村', parentCode: '650421103000', centre: { type: 'Point', coordinates: [89.97, 42.9] }, population: 1200 });
    assert.equal(r.statusCode, 201, r.body);
    assert.equal(r.json().level, 'village');
    const bad = await admin.post('/api/v1/regions', { code: '650421103998', name: '错', kind: '村', parentCode: '650421103999' });
    assert.equal(bad.statusCode, 409);
    const wrongPrefix = await admin.post('/api/v1/regions', { code: '650421100997', name: '错位村', kind: '村', parentCode: '650421103000' });
    assert.equal(wrongPrefix.statusCode, 400);
    assert.equal(wrongPrefix.json().errors[0].path, 'code');
    assert.equal((await admin.patch('/api/v1/regions/650421103999', { population: 3_000_000_000 })).statusCode, 400);
    const p = await admin.patch('/api/v1/regions/650421103999', { population: 1300, boundary: { type: 'Polygon', coordinates: [[[89.96, 42.89], [89.98, 42.89], [89.98, 42.91], [89.96, 42.91], [89.96, 42.89]]] } });
    assert.equal(p.statusCode, 200, p.body);
    assert.ok(p.json().areaKm2 > 3 && p.json().areaKm2 < 6);
    assert.equal(await auditCount(t.db), n + 2);
    // The township user sees the new village at once (scope cache invalidated).
    const town = await t.as('town-lianmuqin');
    assert.equal((await town.get('/api/v1/regions/650421103999')).statusCode, 200);
  });

  it('dictionaries: GB/T 35561 event types, GB/T 4754 industries, GB/T 38565 materials are browsable', async () => {
    const list = (await admin.get('/api/v1/dictionaries')).json();
    const byDict = Object.fromEntries(list.map((d: { dict: string; count: number }) => [d.dict, d.count]));
    assert.ok(byDict.event_type >= 50);
    assert.ok(byDict.industry >= 100);
    assert.ok(byDict.material_category >= 20);
    const storm = (await admin.get('/api/v1/dictionaries/items?dict=event_type&q=%E6%9A%B4%E9%9B%A8')).json(); // 暴雨
    assert.ok(storm.items.some((i: { code: string }) => i.code === '11B03'));
    const chem = (await admin.get('/api/v1/dictionaries/items?dict=industry&parentCode=C&pageSize=200')).json();
    assert.ok(chem.items.some((i: { code: string; name: string }) => i.code === '26' && i.name.includes('化学原料')));
    const town = await t.as('town-shanshan');
    assert.equal((await town.get('/api/v1/dictionaries/items?dict=industry')).json().total, byDict.industry, 'reference data is not scoped');
    assert.equal((await town.put('/api/v1/dictionaries/industry/items/99', { name: 'x' })).statusCode, 403);
    const put = await admin.put('/api/v1/dictionaries/material_category/items/1019900', { name: '其他生活物资（本地）', parentCode: '1010000', level: 2 });
    assert.equal(put.statusCode, 200, put.body);
  });
});
