import type { Db } from '../../platform/db.ts';
import { notify } from '../notifications/service.ts';
import { activeUserIds } from '../users/service.ts';
import { checkOffline, type SensorAlarmState } from './rules.ts';

// Monitoring jobs, durable and safe with several server processes (state lives in the database;
// rows are claimed with FOR UPDATE SKIP LOCKED inside one transaction per batch):
//  - ensureReadingPartitions: the monthly partitions of sensor_reading, created months ahead;
//  - runOfflineCheck: sensors silent past their offline timeout get an offline alarm (one per
//    silence: the state machine moves to offline once; a new reading brings it back online and
//    the ingestion marks the offline alarm recovered).

/** Creates the partitions of the current month and the next `monthsAhead` months (idempotent). Returns how many were made. */
export async function ensureReadingPartitions(db: Db, now = new Date(), monthsAhead = 3): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT ensure_reading_partitions($1::timestamptz, $2) AS n', [now.toISOString(), monthsAhead + 1]);
  return rows[0]!.n;
}

interface Row {
  id: string; code: string; name: string; org_id: string | null; region_code: string; offline_timeout_sec: number; alarm_state: SensorAlarmState;
}

/** One run of the offline check at `now` (tests pass their own clock). Returns the number of offline alarms raised. */
export async function runOfflineCheck(db: Db, now = new Date(), batch = 500): Promise<number> {
  let raised = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const { rows: claimed, last } = await db.transaction(async (tx) => {
      // Sensors not already offline whose last sign of life is older than their timeout.
      const { rows } = await tx.query<Row>(
        `SELECT id, code, name, org_id, region_code, offline_timeout_sec, alarm_state FROM sensor
          WHERE enabled AND id > $1 AND alarm_state->>'status' <> 'offline'
            AND coalesce((alarm_state->>'lastReadingTs')::bigint, (alarm_state->>'watchSince')::bigint) < $2::bigint - offline_timeout_sec * 1000
          ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED`, [after, now.getTime(), batch]);
      let made = 0;
      for (const s of rows) {
        const out = checkOffline(s.alarm_state, now.getTime(), { offlineTimeoutSec: s.offline_timeout_sec });
        if (!out.events.some((e) => e.type === 'offline')) continue;
        await tx.query('UPDATE sensor SET alarm_state = $2 WHERE id = $1', [s.id, JSON.stringify(out.state)]);
        // Offline alarms are numbered below zero (level episodes count up from 1), one per silence.
        const { rows: a } = await tx.query<{ id: string }>(
          `INSERT INTO alarm (sensor_id, episode, level, peak_level, raised_at)
           SELECT $1, coalesce(min(episode) FILTER (WHERE episode < 0), 0) - 1, 'offline', 'offline', $2::timestamptz FROM alarm WHERE sensor_id = $1
           RETURNING id`, [s.id, now.toISOString()]);
        const users = s.org_id ? await activeUserIds(tx, { orgId: s.org_id }) : await activeUserIds(tx, { supervisorsOf: { regionCode: s.region_code, orgId: null } });
        await notify(tx, users, { title: `监测点离线：${s.name}（${s.code}）`, body: `超过 ${Math.round(s.offline_timeout_sec / 60)} 分钟无数据`, link: `/monitoring/alarms?open=${a[0]!.id}` });
        made++;
      }
      return { rows: made, last: rows.length === batch ? rows[rows.length - 1]!.id : null };
    });
    raised += claimed;
    if (!last) return raised;
    after = last;
  }
}
