import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type Client, type TestApp } from '../../../test/helpers.ts';
import { demoId } from '../../demo/ids.ts';
import { ensureReadingPartitions, runAlarmEscalation, runOfflineCheck } from './jobs.ts';

describe('monitoring jobs: offline check and reading partitions (controllable clock)', () => {
  let t: TestApp;
  let ent: Client;
  before(async () => {
    t = await buildTestApp();
    ent = await t.as('ent-tianshan');
  });
  after(async () => { await t.close(); });

  it('a sensor silent past its timeout gets one offline alarm; a new reading brings it back and marks the alarm recovered', async () => {
    const s = (await ent.post('/api/v1/sensors', { code: 'TS-GAS-9', name: '罐区可燃气体 9 号', type: 'combustible_gas', enterpriseId: demoId('ent-01'), offlineTimeoutSec: 60 })).json();
    assert.equal(s.high, 25, 'the type default: 一级报警 25 %LEL');
    const post = (ts: number, value: number) => t.app.inject({ method: 'POST', url: '/api/v1/ingest/readings', headers: { authorization: `Bearer ${s.deviceToken}` }, payload: { readings: [{ sensor: 'TS-GAS-9', ts, value }] } });
    const t0 = Date.now() - 30_000;
    assert.equal((await post(t0, 2)).json().accepted, 1);
    const offlineAlarms = async () => (await t.db.query<{ episode: number; recovered_at: Date | null }>(
      "SELECT episode, recovered_at FROM alarm WHERE sensor_id = $1 AND level = 'offline' ORDER BY raised_at", [s.id])).rows;
    await runOfflineCheck(t.db, new Date(t0 + 59_000));
    assert.equal((await offlineAlarms()).length, 0, 'within the timeout');
    await runOfflineCheck(t.db, new Date(t0 + 61_000));
    await runOfflineCheck(t.db, new Date(t0 + 120_000));
    let alarms = await offlineAlarms();
    assert.deepEqual(alarms.map((a) => a.episode), [-1], 'one alarm for one silence, however many runs');
    assert.equal((await ent.get(`/api/v1/sensors/${s.id}`)).json().status, 'offline');
    const notes = await t.db.query("SELECT 1 FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.username = 'ent-tianshan' AND n.title LIKE '监测点离线%TS-GAS-9%'");
    assert.equal(notes.rows.length, 1);
    assert.equal((await post(Date.now() - 1000, 3)).json().accepted, 1);
    alarms = await offlineAlarms();
    assert.ok(alarms[0]!.recovered_at, 'back online');
    assert.equal((await ent.get(`/api/v1/sensors/${s.id}`)).json().status, 'normal');
    // A second silence is a second offline alarm.
    await runOfflineCheck(t.db, new Date(Date.now() + 120_000));
    assert.deepEqual((await offlineAlarms()).map((a) => a.episode), [-1, -2]);
    const list = (await ent.get(`/api/v1/alarms?sensorId=${s.id}&level=offline`)).json();
    assert.equal(list.total, 2);
  });

  it('partitions are created months ahead, once; current readings land in their month, not in the default partition', async () => {
    const later = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 5, 15));
    const made = await ensureReadingPartitions(t.db, later, 2);
    assert.equal(made, 3);
    assert.equal(await ensureReadingPartitions(t.db, later, 2), 0, 'idempotent');
    const name = `sensor_reading_${later.getUTCFullYear()}06`;
    const { rows } = await t.db.query<{ r: string | null }>('SELECT to_regclass($1)::text AS r', [name]);
    assert.equal(rows[0]!.r, name);
    const { rows: current } = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'sensor_reading'::regclass AND c.relname ~ '^sensor_reading_[0-9]{6}$'");
    assert.ok(current[0]!.n >= 7, 'the migration made the months around now, the job the later ones');
    const { rows: def } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sensor_reading_default');
    assert.equal(def[0]!.n, 0, 'readings of the current months are in their month, not in the default partition');
  });

  it('an alarm nobody acknowledges climbs: department and township after 15 min, the bureau duty room after 30; catches up after a pause, never repeats, stops once acknowledged', async () => {
    const s = (await ent.post('/api/v1/sensors', { code: 'TS-TE-3', name: '反应釜温度', type: 'temperature', enterpriseId: demoId('ent-01'), high: 80 })).json();
    const post = (ts: number, value: number) => t.app.inject({ method: 'POST', url: '/api/v1/ingest/readings', headers: { authorization: `Bearer ${s.deviceToken}` }, payload: { readings: [{ sensor: 'TS-TE-3', ts, value }] } });
    const raisedAt = Date.now() - 60_000;
    await post(raisedAt, 85);
    const alarm = (await ent.get(`/api/v1/alarms?sensorId=${s.id}`)).json().items[0];
    const notices = async () => (await t.db.query<{ username: string }>(
      "SELECT u.username FROM notification n JOIN app_user u ON u.id = n.user_id WHERE n.title LIKE '报警%未确认：反应釜温度%' ORDER BY u.username")).rows.map((r) => r.username);
    const step = async () => (await t.db.query<{ s: number }>('SELECT escalation_step AS s FROM alarm WHERE id = $1', [alarm.id])).rows[0]!.s;
    assert.equal(await step(), 0, 'the unit was told at the raise');
    const stepOf = async (id: string) => (await t.db.query<{ s: number }>('SELECT escalation_step AS s FROM alarm WHERE id = $1', [id])).rows[0]!.s;
    await runAlarmEscalation(t.db, new Date(raisedAt + 10 * 60_000));
    assert.equal(await step(), 0);
    assert.ok((await runAlarmEscalation(t.db, new Date(raisedAt + 16 * 60_000))) >= 1);
    assert.equal(await step(), 1);
    const afterFirst = await notices();
    assert.ok(afterFirst.includes('park-industrial'), 'the park (township level) is told');
    assert.ok(afterFirst.includes('reg-industry'), 'the industry department is told');
    const before20 = (await notices()).length;
    await runAlarmEscalation(t.db, new Date(raisedAt + 20 * 60_000));
    assert.equal(await step(), 1, 'no repeat');
    assert.equal((await notices()).length, before20);
    await runAlarmEscalation(t.db, new Date(raisedAt + 31 * 60_000));
    assert.equal(await step(), 2);
    assert.ok((await notices()).length > afterFirst.length, 'the bureau duty room is told');
    const before90 = (await notices()).length;
    await runAlarmEscalation(t.db, new Date(raisedAt + 90 * 60_000));
    assert.equal(await step(), 2, 'the ladder ends');
    assert.equal((await notices()).length, before90);
    // A pause: a second alarm seen first at +40 min gets both steps at once; an acknowledged one none.
    await post(Date.now() - 30_000, 70);
    await post(Date.now() - 20_000, 90);
    const second = (await ent.get(`/api/v1/alarms?sensorId=${s.id}&sort=-raisedAt`)).json().items[0];
    assert.notEqual(second.id, alarm.id);
    assert.equal(await stepOf(second.id), 0);
    await runAlarmEscalation(t.db, new Date(Date.now() + 40 * 60_000));
    assert.equal(await stepOf(second.id), 2, 'both missed steps at once');
    const s2 = (await ent.post('/api/v1/sensors', { code: 'TS-TE-4', name: '反应釜温度 2', type: 'temperature', enterpriseId: demoId('ent-01'), high: 80 })).json();
    await t.app.inject({ method: 'POST', url: '/api/v1/ingest/readings', headers: { authorization: `Bearer ${s2.deviceToken}` }, payload: { readings: [{ sensor: 'TS-TE-4', ts: Date.now() - 5000, value: 99 }] } });
    const third = (await ent.get(`/api/v1/alarms?sensorId=${s2.id}`)).json().items[0];
    assert.equal((await ent.post(`/api/v1/alarms/${third.id}/actions`, { type: 'acknowledge' })).statusCode, 200);
    await runAlarmEscalation(t.db, new Date(Date.now() + 60 * 60_000));
    assert.equal(await stepOf(third.id), 0, 'acknowledged alarms do not climb');
  });
});
