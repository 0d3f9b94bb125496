import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditCount, buildTestApp, type Client, type TestApp } from '../../../test/helpers.ts';
import { demoId } from '../../demo/ids.ts';

const TIANSHAN = demoId('ent-01'); // 鄯善县天山化工 (鄯善工业园区)
const OTHER = demoId('ent-02');

describe('monitoring: sensors, HTTP ingestion, threshold alarms', () => {
  let t: TestApp;
  let ent: Client;
  let park: Client;
  let token: string;
  let sensorId: string;
  const code = 'TS-LT-101';

  before(async () => {
    t = await buildTestApp();
    ent = await t.as('ent-tianshan');
    park = await t.as('park-industrial');
  });
  after(async () => { await t.close(); });

  const ingest = (readings: unknown[], tok = token) => t.app.inject({
    method: 'POST', url: '/api/v1/ingest/readings', headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/json' }, payload: { readings },
  });
  const at = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();

  it('an enterprise registers a tank level sensor: thresholds validated together, audited, the device token shown once', async () => {
    const n = await auditCount(t.db);
    const bad = await ent.post('/api/v1/sensors', { code: 'TS-BAD', name: '错误阈值', type: 'liquid_level', enterpriseId: TIANSHAN, high: 8, highHigh: 7 });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.ok(bad.json().errors.some((e: { path: string }) => e.path === 'highHigh'), bad.body);
    assert.equal(await auditCount(t.db), n, 'a refused sensor changes nothing');
    const r = await ent.post('/api/v1/sensors', { code, name: '1 号储罐液位', type: 'liquid_level', enterpriseId: TIANSHAN, low: 1, high: 8, highHigh: 9, deadband: 0.2 });
    assert.equal(r.statusCode, 201, r.body);
    const s = r.json();
    assert.equal(s.unit, 'm');
    assert.equal(s.status, 'normal');
    assert.match(s.deviceToken, /^[A-Za-z0-9_-]{20,}$/);
    token = s.deviceToken;
    sensorId = s.id;
    assert.equal(await auditCount(t.db), n + 1);
    const again = await ent.get(`/api/v1/sensors/${sensorId}`);
    assert.equal(again.json().deviceToken, undefined, 'the token is never shown again');
    const { rows } = await t.db.query<{ h: string }>('SELECT device_token_hash AS h FROM sensor WHERE id = $1', [sensorId]);
    assert.notEqual(rows[0]!.h, token, 'only a hash is stored');
  });

  it('scope: the enterprise and its park see the sensor; another enterprise and another township do not, and cannot register there', async () => {
    assert.equal((await park.get(`/api/v1/sensors/${sensorId}`)).statusCode, 200);
    assert.ok((await park.get('/api/v1/sensors')).json().items.some((x: { id: string }) => x.id === sensorId));
    const loulan = await t.as('ent-loulan');
    assert.equal((await loulan.get(`/api/v1/sensors/${sensorId}`)).statusCode, 404);
    assert.ok((await loulan.get('/api/v1/sensors')).json().items.every((x: { enterpriseId: string }) => x.enterpriseId === OTHER));
    const town = await t.as('town-lianmuqin');
    assert.equal((await town.get(`/api/v1/sensors/${sensorId}`)).statusCode, 404);
    const n = await auditCount(t.db);
    assert.equal((await loulan.post('/api/v1/sensors', { code: 'X-1', name: '越权登记', type: 'temperature', enterpriseId: TIANSHAN })).statusCode, 404);
    assert.equal(await auditCount(t.db), n);
  });

  it('ingestion answers per reading: accepted (committed), duplicate on resend, rejected with a reason; a wrong token is 401', async () => {
    assert.equal((await ingest([{ sensor: code, ts: at(60), value: 5 }], 'not-a-token')).statusCode, 401);
    const noToken = await t.app.inject({ method: 'POST', url: '/api/v1/ingest/readings', payload: { readings: [{ sensor: code, ts: at(60), value: 5 }] } });
    assert.equal(noToken.statusCode, 401);
    const other = (await park.post('/api/v1/sensors', { code: 'TS-TT-1', name: '另一设备温度', type: 'temperature', enterpriseId: TIANSHAN })).json();
    const first = at(120);
    const batch = [
      { sensor: code, ts: first, value: 5.0 },
      { sensor: code, ts: Date.now() - 110_000, value: '5.1' },
      { sensor: 'NO-SUCH', ts: at(100), value: 1 },
      { sensor: other.code, ts: at(100), value: 20 },
      { sensor: code, ts: at(90), value: 'abc' },
      { sensor: code, ts: new Date(Date.now() + 3_600_000).toISOString(), value: 5 },
      { sensor: code, ts: 'yesterday', value: 5 },
      { sensor: code, ts: at(80), value: 5, quality: 'excellent' },
      { sensor: code, ts: first, value: 5.0 },
    ];
    const r = await ingest(batch);
    assert.equal(r.statusCode, 200, r.body);
    const body = r.json();
    assert.deepEqual(body.results.map((x: { status: string; reason?: string }) => x.reason ?? x.status),
      ['accepted', 'accepted', 'unknown_sensor', 'not_this_device', 'invalid_value', 'future_timestamp', 'invalid_timestamp', 'invalid_quality', 'repeated_in_batch']);
    assert.equal(body.accepted, 2);
    assert.ok(body.results[2].message.length > 0);
    const resend = (await ingest(batch.slice(0, 2))).json();
    assert.deepEqual(resend.results.map((x: { status: string }) => x.status), ['duplicate', 'duplicate']);
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sensor_reading WHERE sensor_id = $1', [sensorId]);
    assert.equal(rows[0]!.n, 2, 'each reading stored exactly once');
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/ingest/readings', headers: { authorization: `Bearer ${token}` }, payload: { readings: [] } })).statusCode, 400);
  });

  it('a crossing raises one alarm per episode: 高 → 高高 in the same case, recovery past the deadband, then a new episode; the enterprise is notified', async () => {
    const before = (await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.org_id = $1 AND n.title LIKE '监测报警%'", [TIANSHAN])).rows[0]!.n;
    let r = (await ingest([{ sensor: code, ts: at(70), value: 8.3 }, { sensor: code, ts: at(65), value: 8.5 }])).json();
    assert.equal(r.accepted, 2);
    let alarms = (await t.db.query<{ episode: number; level: string; peak_level: string; recovered_at: Date | null }>('SELECT episode, level, peak_level, recovered_at FROM alarm WHERE sensor_id = $1 ORDER BY episode', [sensorId])).rows;
    assert.deepEqual(alarms.map((a) => [a.episode, a.level]), [[1, 'high']]);
    r = (await ingest([{ sensor: code, ts: at(60), value: 9.4 }])).json();
    alarms = (await t.db.query<{ episode: number; level: string; peak_level: string; recovered_at: Date | null }>('SELECT episode, level, peak_level, recovered_at FROM alarm WHERE sensor_id = $1 ORDER BY episode', [sensorId])).rows;
    assert.deepEqual(alarms.map((a) => [a.episode, a.level, a.peak_level]), [[1, 'highHigh', 'highHigh']], 'one case, escalated');
    assert.equal((await ent.get(`/api/v1/sensors/${sensorId}`)).json().status, 'alarm');
    // Inside the deadband (8 − 0.2 = 7.8) the episode stays open; below it, it recovers.
    await ingest([{ sensor: code, ts: at(55), value: 7.9 }]);
    assert.equal((await t.db.query('SELECT 1 FROM alarm WHERE sensor_id = $1 AND recovered_at IS NULL', [sensorId])).rows.length, 1);
    await ingest([{ sensor: code, ts: at(50), value: 7.5 }]);
    assert.equal((await t.db.query('SELECT 1 FROM alarm WHERE sensor_id = $1 AND recovered_at IS NOT NULL', [sensorId])).rows.length, 1);
    assert.equal((await ent.get(`/api/v1/sensors/${sensorId}`)).json().status, 'normal');
    await ingest([{ sensor: code, ts: at(40), value: 8.6 }]);
    alarms = (await t.db.query<{ episode: number; level: string; peak_level: string; recovered_at: Date | null }>('SELECT episode, level, peak_level, recovered_at FROM alarm WHERE sensor_id = $1 ORDER BY episode', [sensorId])).rows;
    assert.deepEqual(alarms.map((a) => a.episode), [1, 2]);
    const after = (await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.org_id = $1 AND n.title LIKE '监测报警%'", [TIANSHAN])).rows[0]!.n;
    assert.ok(after >= before + 2, 'the enterprise was told of each raise');
  });

  it('the same crossing sent twice at once raises one alarm, and late readings do not reopen a recovered episode', async () => {
    const s = (await ent.post('/api/v1/sensors', { code: 'TS-PT-7', name: '反应釜压力', type: 'pressure', enterpriseId: TIANSHAN, high: 1.6 })).json();
    const batch = [{ sensor: 'TS-PT-7', ts: at(30), value: 1.8 }];
    const [a, b] = await Promise.all([ingest(batch, s.deviceToken), ingest(batch, s.deviceToken)]);
    assert.deepEqual([a.json().results[0].status, b.json().results[0].status].sort(), ['accepted', 'duplicate']);
    await ingest([{ sensor: 'TS-PT-7', ts: at(20), value: 1.2 }], s.deviceToken);
    await ingest([{ sensor: 'TS-PT-7', ts: at(25), value: 1.9 }], s.deviceToken); // older than the last reading: stored, not evaluated
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM alarm WHERE sensor_id = $1', [s.id]);
    assert.equal(rows[0]!.n, 1);
  });

  it('a threshold change is audited with before and after; a reading then alarms against the new threshold', async () => {
    const n = await auditCount(t.db);
    const r = await park.patch(`/api/v1/sensors/${sensorId}`, { high: 8.5 });
    assert.equal(r.statusCode, 200, r.body);
    const { rows } = await t.db.query<{ action: string; before: { high: number }; after: { high: number } }>(
      "SELECT action, before, after FROM audit_log WHERE entity_type = 'sensor' AND entity_id = $1 ORDER BY seq DESC LIMIT 1", [sensorId]);
    assert.equal(await auditCount(t.db), n + 1);
    assert.equal(rows[0]!.action, 'threshold_change');
    assert.deepEqual([rows[0]!.before.high, rows[0]!.after.high], [8, 8.5]);
    const bad = await park.patch(`/api/v1/sensors/${sensorId}`, { highHigh: 8.5 });
    assert.equal(bad.statusCode, 400);
    assert.equal((await park.get(`/api/v1/sensors/${sensorId}`)).json().highHigh, 9, 'a refused change changes nothing');
    // Episode 2 (raised at 8.6 against 高 8) is still open; 8.2 stays inside 8 − 0.2 but is below the new 8.5 − 0.2.
    await ingest([{ sensor: code, ts: at(10), value: 8.2 }]);
    const { rows: ep } = await t.db.query<{ recovered_at: Date | null }>('SELECT recovered_at FROM alarm WHERE sensor_id = $1 AND episode = 2', [sensorId]);
    assert.ok(ep[0]!.recovered_at, 'recovered against the new threshold');
  });

  it('消警: the enterprise acknowledges and reports a real danger; it cannot close it itself, the park neither; the department confirms by closing', async () => {
    const list = (await ent.get(`/api/v1/alarms?sensorId=${sensorId}&sort=raisedAt`)).json();
    assert.equal(list.total, 2);
    const alarm = list.items[0];
    assert.equal(alarm.status, 'raised');
    assert.equal(alarm.peakLevel, 'highHigh');
    const act = (c: Client, body: object) => c.post(`/api/v1/alarms/${alarm.id}/actions`, body);
    assert.equal((await act(ent, { type: 'acknowledge' })).json().status, 'acknowledged');
    const fb = await act(ent, { type: 'feedback', cause: 'real_danger', measures: '关闭进料阀，倒罐至 2 号罐，现场警戒' });
    assert.equal(fb.statusCode, 200, fb.body);
    assert.equal(fb.json().feedback.cause, 'real_danger');
    const regulator = await t.as('reg-industry');
    const n = await auditCount(t.db);
    const self = await act(ent, { type: 'close' });
    assert.equal(self.statusCode, 403);
    assert.equal(self.json().rule, 'confirmation_required');
    assert.equal((await act(park, { type: 'close' })).statusCode, 403, 'a township does not confirm a real danger');
    assert.equal(await auditCount(t.db), n, 'refusals change nothing');
    assert.equal((await act(ent, { type: 'feedback', cause: 'false_alarm', measures: 'x' })).statusCode, 409, 'the cause is not changed by its owner');
    const closed = await act(regulator, { type: 'close', note: '现场核实，处置到位' });
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json().status, 'closed');
    assert.ok(closed.json().confirmedByName);
    assert.equal(await auditCount(t.db), n + 1);
    const timeline = (await ent.get(`/api/v1/alarms/${alarm.id}/timeline`)).json();
    assert.deepEqual(timeline.map((e: { action: string }) => e.action), ['raise', 'acknowledge', 'feedback', 'close']);
    assert.equal(timeline[3].actorRole, 'regulator');
    // Another enterprise sees neither the alarm nor may act on it.
    const loulan = await t.as('ent-loulan');
    assert.equal((await loulan.get(`/api/v1/alarms/${alarm.id}`)).statusCode, 404);
    assert.equal((await loulan.post(`/api/v1/alarms/${list.items[1].id}/actions`, { type: 'acknowledge' })).statusCode, 404);
    assert.ok((await loulan.get('/api/v1/alarms')).json().items.every((a: { enterpriseId: string }) => a.enterpriseId === OTHER));
  });

  it('消警: a false alarm is closed by its own unit; a supervisor may return feedback for another cause; bad input is refused with reasons', async () => {
    const alarm = (await ent.get(`/api/v1/alarms?sensorId=${sensorId}&sort=-raisedAt`)).json().items[0];
    const act = (c: Client, body: object) => c.post(`/api/v1/alarms/${alarm.id}/actions`, body);
    assert.equal((await act(ent, { type: 'close' })).statusCode, 409, 'not before feedback');
    await act(park, { type: 'acknowledge' });
    const other = await act(ent, { type: 'feedback', cause: 'other', measures: '复位' });
    assert.equal(other.statusCode, 400);
    assert.equal(other.json().rule, 'cause_note_required');
    assert.equal((await act(ent, { type: 'feedback', cause: 'weather', measures: '复位' })).statusCode, 400, 'unknown cause');
    await act(ent, { type: 'feedback', cause: 'false_alarm', measures: '探头受潮，已更换' });
    const returned = await act(park, { type: 'return', reason: '储罐实际液位已超高，不是误报，请核实' });
    assert.equal(returned.json().status, 'acknowledged');
    assert.equal(returned.json().feedback, null);
    await act(ent, { type: 'feedback', cause: 'process_fluctuation', measures: '进料流量波动，已调整' });
    const closed = await act(ent, { type: 'close' });
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json().status, 'closed');
    assert.equal(closed.json().confirmedByName, null);
  });
});
