import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditCount, buildTestApp, type Client, type TestApp } from '../../../test/helpers.ts';
import { demoId } from '../../demo/ids.ts';

const COUNTY = '650421000000';
const LMQ = '650421103000';
const DRILL = demoId('shelter-lianmuqin');
const SS_SCHOOL = demoId('shelter-school1');
const CENTRE = demoId('shelter-centre');

describe('resources: shelters, occupancy, coverage', () => {
  let t: TestApp;
  let admin: Client;
  before(async () => {
    t = await buildTestApp();
    admin = await t.as('admin');
  });
  after(async () => { await t.close(); });

  const newShelter = (over: Record<string, unknown> = {}) => ({
    name: '测试避难场所', kind: 'fixed', space: 'indoor', regionCode: LMQ, capacity: 10, areaM2: 40,
    facilities: ['water', 'power'], location: { type: 'Point', coordinates: [90.5, 42.9] }, ...over,
  });

  it('the demo county has shelters of every class, one open with a drill in its log', async () => {
    const list = (await admin.get('/api/v1/shelters?pageSize=100')).json();
    assert.ok(list.total >= 12);
    assert.deepEqual(new Set(list.items.map((s: { kind: string }) => s.kind)), new Set(['emergency', 'fixed', 'central']));
    const drill = (await admin.get(`/api/v1/shelters/${DRILL}`)).json();
    assert.equal(drill.status, 'open');
    const log = (await admin.get(`/api/v1/shelters/${DRILL}/log`)).json();
    assert.equal(log[0].occupancyAfter, drill.occupancy, 'the newest log row explains the current figure');
    const open = (await admin.get('/api/v1/shelters?status=open')).json();
    assert.ok(open.items.every((s: { status: string }) => s.status === 'open'));
    assert.equal((await admin.get('/api/v1/shelters/export.xlsx')).statusCode, 200);
  });

  it('create validates, audits, and refuses a capacity below the people inside', async () => {
    const n = await auditCount(t.db);
    const bad = await admin.post('/api/v1/shelters', newShelter({ capacity: -1, facilities: ['spa'] }));
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.json().errors.some((e: { path: string }) => e.path.includes('capacity')));
    assert.equal(await auditCount(t.db), n);
    const created = await admin.post('/api/v1/shelters', newShelter());
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().perCapitaM2, 4);
    assert.equal(await auditCount(t.db), n + 1);
    const id = created.json().id;
    assert.equal((await admin.post(`/api/v1/shelters/${id}/check-in`, { count: 2 })).statusCode, 409, 'closed shelters take nobody');
    assert.equal((await admin.post(`/api/v1/shelters/${id}/status`, { status: 'open' })).statusCode, 200);
    assert.equal((await admin.post(`/api/v1/shelters/${id}/check-in`, { count: 6 })).json().occupancy, 6);
    const shrink = await admin.patch(`/api/v1/shelters/${id}`, { capacity: 5 });
    assert.equal(shrink.statusCode, 400);
    assert.equal(shrink.json().errors[0].path, 'capacity');
    assert.equal((await admin.post(`/api/v1/shelters/${id}/status`, { status: 'closed' })).statusCode, 409, 'people still inside');
  });

  it('capacity is never exceeded silently: refused, then an explicit override with a reason is logged and audited', async () => {
    const id = (await admin.post('/api/v1/shelters', newShelter({ name: '超容测试场所', capacity: 5 }))).json().id;
    await admin.post(`/api/v1/shelters/${id}/status`, { status: 'open' });
    await admin.post(`/api/v1/shelters/${id}/check-in`, { count: 4 });
    const n = await auditCount(t.db);
    const refused = await admin.post(`/api/v1/shelters/${id}/check-in`, { count: 3 });
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().code, 'capacity_exceeded');
    assert.match(refused.json().detail, /超出 2 人/);
    const noReason = await admin.post(`/api/v1/shelters/${id}/check-in`, { count: 3, override: true });
    assert.equal(noReason.statusCode, 400);
    assert.equal(await auditCount(t.db), n);
    assert.equal((await admin.get(`/api/v1/shelters/${id}`)).json().occupancy, 4, 'refusals change nothing');
    const forced = await admin.post(`/api/v1/shelters/${id}/check-in`, { count: 3, override: true, reason: '暴雨夜间临时安置' });
    assert.equal(forced.statusCode, 200, forced.body);
    assert.equal(forced.json().occupancy, 7);
    assert.equal(forced.json().free, 0);
    const log = (await admin.get(`/api/v1/shelters/${id}/log`)).json();
    assert.equal(log[0].override, true);
    assert.equal(log[0].reason, '暴雨夜间临时安置');
    const { rows } = await t.db.query<{ action: string }>("SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq DESC LIMIT 1", [id]);
    assert.equal(rows[0]!.action, 'capacity_override');
    const phone = await admin.patch(`/api/v1/shelters/${id}`, { managerPhone: '0995-8300000' });
    assert.equal(phone.statusCode, 200, 'a shelter over capacity by override stays editable');
    assert.equal((await admin.patch(`/api/v1/shelters/${id}`, { capacity: 4 })).statusCode, 400, 'but its capacity cannot be cut below the people');
    assert.equal((await admin.patch(`/api/v1/shelters/${id}`, { capacity: 8 })).statusCode, 200, 'raising it is fine');
    assert.equal((await admin.post(`/api/v1/shelters/${id}/check-out`, { count: 8 })).statusCode, 409, 'cannot check out more than are inside');
    assert.equal((await admin.post(`/api/v1/shelters/${id}/check-out`, { count: 7 })).json().occupancy, 0);
  });

  it('parallel check-ins neither lose an update nor overshoot the capacity', async () => {
    const id = (await admin.post('/api/v1/shelters', newShelter({ name: '并发测试场所', capacity: 30 }))).json().id;
    await admin.post(`/api/v1/shelters/${id}/status`, { status: 'open' });
    const results = await Promise.all(Array.from({ length: 20 }, () => admin.post(`/api/v1/shelters/${id}/check-in`, { count: 2 })));
    const ok = results.filter((r) => r.statusCode === 200).length;
    assert.equal(ok, 15, 'exactly capacity / 2 check-ins fit');
    assert.ok(results.every((r) => r.statusCode === 200 || r.json().code === 'capacity_exceeded'));
    const s = (await admin.get(`/api/v1/shelters/${id}`)).json();
    assert.equal(s.occupancy, 30);
    const log = (await admin.get(`/api/v1/shelters/${id}/log`)).json();
    assert.equal(log.filter((l: { kind: string }) => l.kind === 'check_in').length, 15);
  });

  it('a township sees its own and county shelters, edits and operates only its own', async () => {
    const town = await t.as('town-lianmuqin');
    const ids = (await town.get('/api/v1/shelters?pageSize=100')).json().items.map((s: { id: string }) => s.id);
    assert.ok(ids.includes(DRILL) && ids.includes(CENTRE));
    assert.ok(!ids.includes(SS_SCHOOL));
    assert.equal((await town.get(`/api/v1/shelters/${SS_SCHOOL}`)).statusCode, 404);
    const n = await auditCount(t.db);
    assert.equal((await town.patch(`/api/v1/shelters/${CENTRE}`, { capacity: 9000 })).statusCode, 403);
    assert.equal((await town.post(`/api/v1/shelters/${CENTRE}/status`, { status: 'open' })).statusCode, 403);
    assert.equal(await auditCount(t.db), n);
    const inOwn = await town.post(`/api/v1/shelters/${DRILL}/check-in`, { count: 5, reason: '转移安置' });
    assert.equal(inOwn.statusCode, 200, inOwn.body);
    assert.equal(await auditCount(t.db), n + 1);
    // The duty room records occupancy anywhere it can see, but may not edit the record.
    const duty = await t.as('duty');
    assert.equal((await duty.post(`/api/v1/shelters/${DRILL}/check-out`, { count: 5 })).statusCode, 200);
    assert.equal((await duty.patch(`/api/v1/shelters/${DRILL}`, { capacity: 1 })).statusCode, 403);
    // A duty account scoped to one township operates that township's shelters, not the shared county ones.
    const created = await admin.post('/api/v1/tokens', { name: '镇值班对接', roles: ['duty_officer'], regionCode: LMQ });
    assert.equal(created.statusCode, 201, created.body);
    const bearer = { authorization: `Bearer ${created.json().token}`, 'content-type': 'application/json' };
    const op = (sid: string, body: object) => t.app.inject({ method: 'POST', url: `/api/v1/shelters/${sid}/status`, headers: bearer, payload: JSON.stringify(body) });
    const m = await auditCount(t.db);
    assert.equal((await op(CENTRE, { status: 'open' })).statusCode, 403);
    assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/shelters/${CENTRE}/check-in`, headers: bearer, payload: JSON.stringify({ count: 5 }) })).statusCode, 403);
    assert.equal(await auditCount(t.db), m);
    assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/shelters/${DRILL}/check-in`, headers: bearer, payload: JSON.stringify({ count: 1 }) })).statusCode, 200);
  });

  it('nearest shelters with room: geodesic distance, nearest first, free capacity and radius honoured', async () => {
    const centre = (await admin.get(`/api/v1/shelters/${CENTRE}`)).json();
    const [lon, lat] = centre.location.coordinates;
    const near = (await admin.get(`/api/v1/shelters/nearest?lon=${lon}&lat=${lat}&k=5`)).json();
    assert.equal(near[0].id, CENTRE);
    assert.ok(near[0].distanceM < 1);
    for (let i = 1; i < near.length; i++) assert.ok(near[i].distanceM >= near[i - 1].distanceM);
    const big = (await admin.get(`/api/v1/shelters/nearest?lon=${lon}&lat=${lat}&k=50&minFree=5000`)).json();
    assert.ok(big.length >= 1 && big.every((s: { free: number }) => s.free >= 5000));
    for (const km of [3, 15, 40]) {
      const within = (await admin.get(`/api/v1/shelters/nearest?lon=${lon}&lat=${lat}&k=50&radiusKm=${km}`)).json() as { id: string }[];
      const { rows } = await t.db.query<{ id: string }>(
        `SELECT id FROM shelter WHERE capacity - occupancy >= 1 AND ST_DWithin(location::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, $3)`, [lon, lat, km * 1000]);
      assert.deepEqual(within.map((s) => s.id).sort(), rows.map((r) => r.id).sort(), `exactly the shelters with room within ${km} km`);
    }
    const bad = await admin.get('/api/v1/shelters/nearest?lon=200&lat=42');
    assert.equal(bad.statusCode, 400);
    const town = await t.as('town-lianmuqin');
    const tn = (await town.get(`/api/v1/shelters/nearest?lon=${lon}&lat=${lat}&k=50`)).json();
    assert.ok(!tn.some((s: { id: string }) => s.id === SS_SCHOOL), 'scoped');
  });

  it('coverage: people supportable by the per-person kit vs the plan target, teams per 10,000, scoped', async () => {
    // Expired and capacity-reserve (产能储备) tents must not count: book a big batch of each.
    const TENT = demoId('material-tent');
    for (const [batchNo, reserveMode, expiryDate] of [['COV-EXPIRED', 'physical', '2020-01-01'], ['COV-CAPACITY', 'capacity', null]] as const) {
      const r = await admin.post('/api/v1/stock/receive', { warehouseId: demoId('warehouse-county'), materialId: TENT, batchNo, quantity: 100000, reserveMode, expiryDate });
      assert.equal(r.statusCode, 201, r.body);
    }
    const c = (await admin.get('/api/v1/resources/coverage')).json();
    assert.equal(c.kit.length, 4);
    assert.ok(c.rows[0].items.find((i: { materialId: string }) => i.materialId === TENT).available < 100000, 'neither batch counts');
    const county = c.rows[0];
    assert.equal(county.regionCode, COUNTY);
    assert.equal(county.target, 1200);
    // Recompute the county figure from the ledger: unexpired physical/agreement stock per kit item.
    let expected = Infinity;
    for (const k of c.kit) {
      const { rows } = await t.db.query<{ q: number }>(
        `SELECT coalesce(sum(quantity), 0)::float8 AS q FROM stock_batch WHERE material_id = $1 AND reserve_mode <> 'capacity'
           AND (expiry_date IS NULL OR expiry_date >= current_date) AND batch_no NOT LIKE 'COV-%'`, [k.materialId]);
      expected = Math.min(expected, Math.floor(rows[0]!.q / k.perPerson));
    }
    assert.equal(county.supportable, expected);
    assert.equal(county.ratio, Math.round((expected / 1200) * 1000) / 1000);
    const { rows: tc } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM team');
    assert.equal(county.teams, tc[0]!.n);
    assert.ok(county.teamsPer10k > 0);
    const lmq = c.rows.find((r: { regionCode: string }) => r.regionCode === LMQ);
    assert.equal(lmq.target, 200);
    assert.equal(lmq.supportable, 0, '连木沁 keeps no food: its kit is incomplete');
    assert.equal(lmq.limitingMaterial, '方便食品');
    const town = await t.as('town-lianmuqin');
    const tcv = (await town.get('/api/v1/resources/coverage')).json();
    assert.deepEqual(tcv.rows.map((r: { regionCode: string }) => r.regionCode), [LMQ]);
  });

  it('coverage settings: county-only, validated, audited', async () => {
    const cur = (await admin.get('/api/v1/resources/coverage/settings')).json();
    const town = await t.as('town-lianmuqin');
    assert.deepEqual((await town.get('/api/v1/resources/coverage/settings')).json().targets.map((x: { regionCode: string }) => x.regionCode), [LMQ], 'a township sees its own target only');
    assert.deepEqual((await (await t.as('ent-tianshan')).get('/api/v1/resources/coverage/settings')).json().targets, []);
    const n = await auditCount(t.db);
    assert.equal((await town.put('/api/v1/resources/coverage/settings', cur)).statusCode, 403);
    const bad = await admin.put('/api/v1/resources/coverage/settings', { ...cur, targets: [{ regionCode: '650421999999', people: 5 }] });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].path, 'targets/0/regionCode');
    assert.equal(await auditCount(t.db), n);
    const next = { kit: cur.kit.slice(0, 1), targets: [{ regionCode: COUNTY, people: 100 }] };
    const ok = await admin.put('/api/v1/resources/coverage/settings', next);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(await auditCount(t.db), n + 1);
    const c = (await admin.get('/api/v1/resources/coverage')).json();
    assert.equal(c.kit.length, 1);
    assert.equal(c.rows[0].target, 100);
    await admin.put('/api/v1/resources/coverage/settings', cur);
  });
});
