import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type Client, type TestApp } from '../../../test/helpers.ts';
import { demoId } from '../../demo/ids.ts';
import { ensureReadingPartitions, runOfflineCheck } from './jobs.ts';

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
});
