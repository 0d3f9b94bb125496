import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditCount, buildTestApp, type Client, type TestApp } from '../../../test/helpers.ts';
import { demoId } from '../../demo/ids.ts';

const COUNTY_TEAM = demoId('resource-team-county');
const LMQ_VOLUNTEERS = demoId('resource-team-vol-650421103000');
const SS_VOLUNTEERS = demoId('resource-team-vol-650421100000');

describe('resources: teams, experts, equipment', () => {
  let t: TestApp;
  let admin: Client;
  before(async () => {
    t = await buildTestApp();
    admin = await t.as('admin');
  });
  after(async () => { await t.close(); });

  it('the demo county has its teams, experts and equipment', async () => {
    const teams = (await admin.get('/api/v1/teams?pageSize=200')).json();
    assert.ok(teams.total >= 20);
    assert.ok(teams.items.every((x: { base: unknown }) => x.base));
    assert.ok((await admin.get('/api/v1/experts')).json().total >= 10);
    assert.ok((await admin.get('/api/v1/equipment')).json().total >= 10);
    const water = (await admin.get('/api/v1/teams?specialty=S02')).json();
    assert.ok(water.items.every((x: { specialties: string[] }) => x.specialties.includes('S02')));
  });

  it('a township sees its own and county-level resources, edits only its own', async () => {
    const town = await t.as('town-lianmuqin');
    const list = (await town.get('/api/v1/teams?pageSize=200')).json();
    const ids = list.items.map((x: { id: string }) => x.id);
    assert.ok(ids.includes(LMQ_VOLUNTEERS));
    assert.ok(ids.includes(COUNTY_TEAM), 'county-level teams can be sent to the township');
    assert.ok(!ids.includes(SS_VOLUNTEERS), 'another township\'s team');
    assert.equal((await town.get(`/api/v1/teams/${SS_VOLUNTEERS}`)).statusCode, 404);
    const n = await auditCount(t.db);
    const denied = await town.patch(`/api/v1/teams/${COUNTY_TEAM}`, { headcount: 1 });
    assert.equal(denied.statusCode, 403);
    assert.equal(await auditCount(t.db), n);
    const ok = await town.patch(`/api/v1/teams/${LMQ_VOLUNTEERS}`, { headcount: 33 });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().headcount, 33);
    assert.equal(await auditCount(t.db), n + 1);
    const exp = await town.get('/api/v1/teams/export.xlsx');
    assert.equal(exp.statusCode, 200);
  });

  it('an enterprise sees and edits only its own full-time team', async () => {
    const ent = await t.as('ent-tianshan');
    const list = (await ent.get('/api/v1/teams')).json();
    assert.deepEqual(list.items.map((x: { id: string }) => x.id), [demoId('resource-team-tianshan')]);
    assert.equal((await ent.patch(`/api/v1/teams/${demoId('resource-team-tianshan')}`, { headcount: 16 })).statusCode, 200);
    assert.equal((await ent.post('/api/v1/teams', { name: '越权队伍', category: 'enterprise', specialties: ['S05'], headcount: 5, regionCode: '650421450000', orgId: demoId('ent-02') })).statusCode, 403);
  });

  it('POST /api/v1/teams validates and audits; members and status history work', async () => {
    const bad = await admin.post('/api/v1/teams', { name: '测试队', category: 'professional', specialties: ['S77'], headcount: 5, regionCode: '650421000000' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].path, 'specialties');
    const r = await admin.post('/api/v1/teams', {
      name: '测试水域救援队', category: 'social', specialties: ['S02'], headcount: 12, regionCode: '650421000000',
      base: { type: 'Point', coordinates: [89.95, 42.88] }, leaderName: '测试', leaderPhone: '13900000000',
    });
    assert.equal(r.statusCode, 201, r.body);
    const id = r.json().id;
    assert.equal((await admin.post(`/api/v1/teams/${id}/members`, { name: '张三', position: '队员' })).statusCode, 201);
    assert.equal((await admin.get(`/api/v1/teams/${id}/members`)).json().length, 1);
    const dep = await admin.post(`/api/v1/teams/${id}/status`, { status: 'deployed', reason: '连木沁镇内涝' });
    assert.equal(dep.json().status, 'deployed');
    assert.equal((await admin.post(`/api/v1/teams/${id}/status`, { status: 'deployed' })).statusCode, 409);
    const hist = (await admin.get(`/api/v1/teams/${id}/status-history`)).json();
    assert.equal(hist[0].toStatus, 'deployed');
    assert.equal(hist[0].reason, '连木沁镇内涝');
    // The team's contact reports its own team's status.
    const contact = await t.as('team-county');
    assert.equal((await contact.post(`/api/v1/teams/${COUNTY_TEAM}/status`, { status: 'resting' })).statusCode, 200);
    assert.equal((await contact.post(`/api/v1/teams/${id}/status`, { status: 'standby' })).statusCode, 404, 'not its team and out of its scope');
  });

  it('GET /api/v1/teams/nearest returns the k nearest standby teams with a specialty, in true-distance order', async () => {
    const q = '/api/v1/teams/nearest?lon=89.97&lat=42.90&k=3&specialty=S01';
    const r = await admin.get(q);
    assert.equal(r.statusCode, 200, r.body);
    const got = r.json() as { id: string; distanceM: number; status: string; specialties: string[] }[];
    assert.equal(got.length, 3);
    for (let i = 1; i < got.length; i++) assert.ok(got[i]!.distanceM >= got[i - 1]!.distanceM);
    assert.ok(got.every((x) => x.status === 'standby' && x.specialties.includes('S01')));
    // Same answer as a brute-force geodesic ranking over every matching team.
    const { rows } = await t.db.query<{ id: string }>(
      `SELECT id FROM team WHERE status = 'standby' AND 'S01' = ANY(specialties) AND base IS NOT NULL
        ORDER BY ST_Distance(base::geography, ST_SetSRID(ST_MakePoint(89.97, 42.90), 4326)::geography) LIMIT 3`);
    assert.deepEqual(got.map((x) => x.id), rows.map((x) => x.id));
    const near = (await admin.get('/api/v1/teams/nearest?lon=89.97&lat=42.90&k=50&radiusKm=5')).json() as { distanceM: number }[];
    assert.ok(near.every((x) => x.distanceM <= 5000));
    const deployed = (await admin.get('/api/v1/teams/nearest?lon=90.2&lat=42.87&k=50&status=deployed')).json() as { status: string }[];
    assert.ok(deployed.length >= 1 && deployed.every((x) => x.status === 'deployed'));
    assert.equal((await admin.get('/api/v1/teams/nearest?lon=200&lat=42')).statusCode, 400);
    // Scope applies: a township never gets another township's teams.
    const town = await t.as('town-lianmuqin');
    const theirs = (await town.get('/api/v1/teams/nearest?lon=90.21&lat=42.87&k=50&status=standby,deployed,resting')).json() as { id: string }[];
    assert.ok(!theirs.some((x) => x.id === SS_VOLUNTEERS));
  });

  it('experts and equipment: create, validate, scope', async () => {
    const e = await admin.post('/api/v1/experts', { name: '测试专家', fields: ['12C00'], title: '高级工程师', regionCode: '650421000000' });
    assert.equal(e.statusCode, 201, e.body);
    assert.equal((await admin.post('/api/v1/experts', { name: '坏', fields: ['化工'], regionCode: '650421000000' })).statusCode, 400);
    const q = await admin.post('/api/v1/equipment', { name: '测试水泵', type: '大功率水泵', quantity: 2, regionCode: '650421103000', location: { type: 'Point', coordinates: [89.96, 42.89] } });
    assert.equal(q.statusCode, 201, q.body);
    assert.equal((await admin.post('/api/v1/equipment', { name: '零台', type: '挖掘机', quantity: 0, regionCode: '650421000000' })).statusCode, 400);
    const town = await t.as('town-shanshan');
    assert.equal((await town.get(`/api/v1/equipment/${q.json().id}`)).statusCode, 404);
    assert.equal((await town.patch(`/api/v1/experts/${e.json().id}`, { title: 'x' })).statusCode, 403, 'county-level: read-only for townships');
    const upd = await admin.patch(`/api/v1/equipment/${q.json().id}`, { status: 'in_use' });
    assert.equal(upd.json().status, 'in_use');
  });
});
