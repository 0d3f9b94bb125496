import { systemActor } from '../../platform/actor.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { readSetting } from '../../platform/settings.ts';
import { notify } from '../notifications/service.ts';
import { activeUserIds, audienceLookup, type Audience } from '../users/service.ts';
import {
  ALARM_ESCALATION_TARGET_LABELS, checkEscalationSteps, checkOffline, DEFAULT_ALARM_ESCALATION_STEPS, dueSteps,
  type AlarmEscalationStep, type AlarmEscalationTarget, type SensorAlarmState,
} from './rules.ts';
import { ownerAudience } from './sensors.ts';

// Monitoring jobs, durable and safe with several server processes (state lives in the database;
// rows are claimed with FOR UPDATE SKIP LOCKED inside one transaction per batch):
//  - ensureReadingPartitions: the monthly partitions of sensor_reading, created months ahead;
//  - runOfflineCheck: sensors silent past their offline timeout get an offline alarm (one per
//    silence: the state machine moves to offline once; a new reading brings it back online and
//    the ingestion marks the offline alarm recovered);
//  - runAlarmEscalation: alarms nobody has acknowledged climb the ladder (default: the unit at the
//    raise, the department and township after 15 min, the bureau duty room after 30; setting
//    `monitoring.escalation`), catching up after a pause and never repeating a step.

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
          `INSERT INTO alarm (sensor_id, episode, level, peak_level, raised_at, escalation_step)
           SELECT $1, coalesce(min(episode) FILTER (WHERE episode < 0), 0) - 1, 'offline', 'offline', $2::timestamptz, 0 FROM alarm WHERE sensor_id = $1
           RETURNING id`, [s.id, now.toISOString()]);
        await notify(tx, await activeUserIds(tx, ownerAudience(s)), { title: `监测点离线：${s.name}（${s.code}）`, body: `超过 ${Math.round(s.offline_timeout_sec / 60)} 分钟无数据`, link: `/monitoring/alarms?open=${a[0]!.id}` });
        made++;
      }
      return { rows: made, last: rows.length === batch ? rows[rows.length - 1]!.id : null };
    });
    raised += claimed;
    if (!last) return raised;
    after = last;
  }
}

export const ALARM_ESCALATION_SETTING = 'monitoring.escalation';

export async function alarmEscalationSteps(db: Db): Promise<readonly AlarmEscalationStep[]> {
  const steps = (await readSetting<{ steps?: AlarmEscalationStep[] }>(db, ALARM_ESCALATION_SETTING))?.steps;
  if (!steps?.length) return DEFAULT_ALARM_ESCALATION_STEPS;
  checkEscalationSteps(steps);
  return steps;
}

const alarmAudience = (target: AlarmEscalationTarget, a: { org_id: string | null; region_code: string }): Audience =>
  target === 'owner' ? ownerAudience(a)
    : target === 'regulator_township' ? { supervisorsOf: { regionCode: a.region_code, orgId: a.org_id } }
      : { countyRoles: ['duty_officer', 'bureau_staff'] };

/** One run at `now`: every unacknowledged alarm whose next steps are due gets their notices. Returns the steps sent. */
export async function runAlarmEscalation(db: Db, now = new Date(), batch = 200): Promise<number> {
  const steps = await alarmEscalationSteps(db);
  const recipients = audienceLookup(); // one lookup per audience per run
  let sent = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string; episode: number; level: string; raised_at: Date; escalation_step: number | null; code: string; name: string; org_id: string | null; region_code: string }>(
        `SELECT a.id, a.episode, a.level, a.raised_at, a.escalation_step, s.code, s.name, s.org_id, s.region_code
           FROM alarm a JOIN sensor s ON s.id = a.sensor_id
          WHERE a.status = 'raised' AND coalesce(a.escalation_step, -1) < $1 - 1
            AND a.raised_at <= $2::timestamptz - make_interval(mins => $3)
          ORDER BY a.raised_at LIMIT $4 FOR UPDATE OF a SKIP LOCKED`,
        [steps.length, now.toISOString(), steps[Math.min(steps.length - 1, 1)]!.afterMinutes, batch]);
      let handled = 0;
      for (const a of rows) {
        const due = dueSteps({ status: 'raised', raisedAt: new Date(a.raised_at).getTime() }, a.escalation_step, now.getTime(), steps);
        if (!due.length) continue;
        const minutes = Math.floor((now.getTime() - new Date(a.raised_at).getTime()) / 60_000);
        for (const { step } of due) {
          await notify(tx, await recipients(tx, alarmAudience(step.notify, a)), {
            title: `报警 ${minutes} 分钟未确认：${a.name}（${a.code}）`,
            body: `报警已 ${minutes} 分钟无人确认，现通知${ALARM_ESCALATION_TARGET_LABELS[step.notify].zh}。`,
            link: `/monitoring/alarms?open=${a.id}`,
          });
        }
        const last = due[due.length - 1]!.index;
        await tx.query('UPDATE alarm SET escalation_step = $2 WHERE id = $1', [a.id, last]);
        await appendAudit(tx, systemActor('alarm-escalation'), {
          action: 'alarm_escalate', entityType: 'alarm', entityId: a.id, regionCode: a.region_code, orgId: a.org_id,
          summary: `报警 ${a.code} 第 ${a.episode} 次未确认升级：通知${due.map((d) => ALARM_ESCALATION_TARGET_LABELS[d.step.notify].zh).join('、')}`, after: { escalationStep: last },
        });
        sent += due.length;
        handled++;
      }
      return { claimed: rows.length, handled };
    });
    if (n.claimed < batch || n.handled === 0) return sent;
  }
}
