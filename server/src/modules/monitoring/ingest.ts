import { Type, type Static } from 'typebox';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { Locale } from '../../platform/i18n.ts';
import { notify } from '../notifications/service.ts';
import { activeUserIds } from '../users/service.ts';
import { hashToken, ownerAudience } from './sensors.ts';
import { evaluate, levelLabel, type AlarmConfig, type AlarmEvent, type AlarmLevel, type SensorAlarmState, type SensorType } from './rules.ts';

// Ingestion (数据接入): a device posts a batch of readings with its token. Each reading is checked
// (a sensor of this device, a finite value, a sane timestamp) and stored once — (sensor, ts) is the
// key, so a retry is a duplicate — and the accepted ones run through each sensor's alarm state
// machine under the sensor's row lock, in timestamp order, in the same transaction. The reply is
// sent after the commit: "accepted" means committed.

export const MAX_BATCH = 500;
/** A reading stamped further ahead than this is refused (device clock wrong). */
export const MAX_FUTURE_MS = 5 * 60_000;

export const IngestBodySchema = Type.Object({
  readings: Type.Array(Type.Object({
    sensor: Type.Unknown({ description: '监测点编码' }),
    ts: Type.Unknown({ description: '采集时间：ISO 8601 或 Unix 毫秒' }),
    value: Type.Unknown({ description: '数值（有限数）' }),
    quality: Type.Optional(Type.Unknown({ description: 'good（缺省）或 bad' })),
  }), { minItems: 1, maxItems: MAX_BATCH }),
}, { additionalProperties: false });
export type IngestBody = Static<typeof IngestBodySchema>;

export const REJECT_REASONS = ['unknown_sensor', 'not_this_device', 'sensor_disabled', 'invalid_value', 'invalid_timestamp', 'future_timestamp', 'invalid_quality', 'repeated_in_batch'] as const;
type RejectReason = (typeof REJECT_REASONS)[number];
const REASON_TEXT: Record<RejectReason, [string, string]> = {
  unknown_sensor: ['监测点编码不存在', 'no sensor with this code'],
  not_this_device: ['该监测点不属于本设备', 'the sensor does not belong to this device'],
  sensor_disabled: ['监测点已停用', 'the sensor is disabled'],
  invalid_value: ['数值须为有限数', 'the value must be a finite number'],
  invalid_timestamp: ['采集时间无效', 'the timestamp is not valid'],
  future_timestamp: ['采集时间晚于当前时间 5 分钟以上', 'the timestamp is more than 5 minutes in the future'],
  invalid_quality: ['质量标识须为 good 或 bad', 'quality must be good or bad'],
  repeated_in_batch: ['同一批次内重复', 'repeated within the batch'],
};

export const IngestResultSchema = Type.Object({
  accepted: Type.Integer(), duplicates: Type.Integer(), rejected: Type.Integer(),
  results: Type.Array(Type.Object({
    index: Type.Integer(), status: Type.String({ enum: ['accepted', 'duplicate', 'rejected'] }),
    reason: Type.Optional(Type.String({ enum: [...REJECT_REASONS] })), message: Type.Optional(Type.String()),
  })),
});
export type IngestResult = Static<typeof IngestResultSchema>;

/** Whether a token belongs to at least one sensor (checked before the body is looked at). */
export async function isDeviceToken(db: Db, token: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM sensor WHERE device_token_hash = $1 LIMIT 1', [hashToken(token)]);
  return rows.length > 0;
}

interface SensorRow {
  id: string; code: string; name: string; type: string; org_id: string | null; region_code: string; enabled: boolean; mine: boolean;
  low_low: number | null; low: number | null; high: number | null; high_high: number | null; deadband: number; min_duration_sec: number; offline_timeout_sec: number;
}

export async function ingestReadings(db: Db, token: string, body: IngestBody, locale: Locale): Promise<IngestResult> {
  const en = locale === 'en-US';
  const tokenHash = hashToken(token);
  const codes = [...new Set(body.readings.map((r) => r.sensor).filter((c): c is string => typeof c === 'string'))];
  const { rows: sensors } = await db.query<SensorRow>(
    `SELECT id, code, name, type, org_id, region_code, enabled, device_token_hash = $2 AS mine, low_low, low, high, high_high, deadband, min_duration_sec, offline_timeout_sec
       FROM sensor WHERE code = ANY($1::text[]) OR device_token_hash = $2`, [codes, tokenHash]);
  if (!sensors.some((s) => s.mine)) {
    throw new AppError(401, 'unauthenticated', { detail: en ? 'unknown device token' : '设备令牌无效' });
  }
  const byCode = new Map(sensors.map((s) => [s.code, s]));
  const now = Date.now();
  const results: IngestResult['results'] = [];
  const good: { index: number; sensor: SensorRow; ts: number; value: number; quality: 'good' | 'bad' }[] = [];
  const seen = new Set<string>();
  body.readings.forEach((r, index) => {
    const reject = (reason: RejectReason) => results.push({ index, status: 'rejected', reason, message: REASON_TEXT[reason][en ? 1 : 0] });
    const s = typeof r.sensor === 'string' ? byCode.get(r.sensor) : undefined;
    if (!s) return reject('unknown_sensor');
    if (!s.mine) return reject('not_this_device');
    if (!s.enabled) return reject('sensor_disabled');
    const value = typeof r.value === 'number' ? r.value : typeof r.value === 'string' && r.value.trim() !== '' ? Number(r.value) : NaN;
    if (!Number.isFinite(value)) return reject('invalid_value');
    const ts = typeof r.ts === 'number' ? r.ts : typeof r.ts === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(r.ts) ? Date.parse(r.ts) : NaN;
    if (!Number.isFinite(ts) || ts < Date.UTC(2000, 0, 1)) return reject('invalid_timestamp');
    if (ts > now + MAX_FUTURE_MS) return reject('future_timestamp');
    const quality = r.quality === undefined || r.quality === null ? 'good' : r.quality;
    if (quality !== 'good' && quality !== 'bad') return reject('invalid_quality');
    const key = `${s.id}|${ts}`;
    if (seen.has(key)) return reject('repeated_in_batch');
    seen.add(key);
    good.push({ index, sensor: s, ts, value, quality });
    results.push({ index, status: 'accepted' });
  });

  if (good.length) {
    await db.transaction(async (tx) => {
      const { rows: inserted } = await tx.query<{ sensor_id: string; ms: string }>(
        `INSERT INTO sensor_reading (sensor_id, ts, value, quality)
         SELECT x.s, to_timestamp(x.t / 1000.0), x.v, x.q FROM unnest($1::uuid[], $2::float8[], $3::float8[], $4::text[]) AS x(s, t, v, q)
         ON CONFLICT (sensor_id, ts) DO NOTHING
         RETURNING sensor_id, (EXTRACT(EPOCH FROM ts) * 1000)::bigint::text AS ms`,
        [good.map((g) => g.sensor.id), good.map((g) => g.ts), good.map((g) => g.value), good.map((g) => g.quality)]);
      const stored = new Set(inserted.map((r) => `${r.sensor_id}|${r.ms}`));
      // Alarm evaluation, one sensor at a time in id order (a fixed lock order for every writer).
      const perSensor = new Map<string, typeof good>();
      for (const g of good) {
        if (!stored.has(`${g.sensor.id}|${g.ts}`)) {
          results[g.index]!.status = 'duplicate'; // results[i] is reading i's verdict
          continue;
        }
        const list = perSensor.get(g.sensor.id);
        if (list) list.push(g);
        else perSensor.set(g.sensor.id, [g]);
      }
      for (const id of [...perSensor.keys()].sort()) {
        await applyReadings(tx, perSensor.get(id)!.sort((a, b) => a.ts - b.ts));
      }
    });
  }
  const count = (s: string) => results.filter((r) => r.status === s).length;
  return { accepted: count('accepted'), duplicates: count('duplicate'), rejected: count('rejected'), results };
}

async function applyReadings(tx: Db, readings: { sensor: SensorRow; ts: number; value: number; quality: 'good' | 'bad' }[]): Promise<void> {
  const s = readings[0]!.sensor;
  // State and thresholds are read under the row lock: a threshold change cannot slip in between.
  const { rows } = await tx.query<SensorRow & { alarm_state: SensorAlarmState }>(
    'SELECT alarm_state, low_low, low, high, high_high, deadband, min_duration_sec, offline_timeout_sec FROM sensor WHERE id = $1 FOR UPDATE', [s.id]);
  const row = rows[0]!;
  let state = row.alarm_state;
  const config: AlarmConfig = {
    lowLow: row.low_low, low: row.low, high: row.high, highHigh: row.high_high, deadband: row.deadband, minDurationSec: row.min_duration_sec, offlineTimeoutSec: row.offline_timeout_sec,
  };
  const events: AlarmEvent[] = [];
  for (const r of readings) {
    const out = evaluate(state, { ts: r.ts, value: r.value, quality: r.quality }, config);
    state = out.state;
    events.push(...out.events);
  }
  await tx.query('UPDATE sensor SET alarm_state = $2 WHERE id = $1', [s.id, JSON.stringify(state)]);
  for (const e of events) await applyEvent(tx, s, config, e);
}

const thresholdOf = (c: AlarmConfig, level: AlarmLevel) => c[level] ?? null;

/** An alarm case per episode: raised once (unique per sensor and episode), then its level and recovery follow the episode. */
async function applyEvent(tx: Db, s: SensorRow, c: AlarmConfig, e: AlarmEvent): Promise<void> {
  switch (e.type) {
    case 'raise': {
      const { rows } = await tx.query<{ id: string }>(
        `INSERT INTO alarm (sensor_id, episode, level, peak_level, value, threshold, raised_at, escalation_step)
         VALUES ($1, $2, $3, $3, $4, $5, to_timestamp($6 / 1000.0), 0) ON CONFLICT (sensor_id, episode) DO NOTHING RETURNING id`,
        [s.id, e.episode, e.level, e.value, thresholdOf(c, e.level), e.at]);
      if (rows[0]) {
        const label = levelLabel(s.type as SensorType, e.level).zh;
        await notify(tx, await activeUserIds(tx, ownerAudience(s)), { title: `监测报警：${s.name}（${s.code}）${label}`, body: `测量值 ${e.value}，阈值 ${thresholdOf(c, e.level) ?? '—'}`, link: `/monitoring/alarms?open=${rows[0].id}` });
      }
      return;
    }
    case 'escalate':
    case 'deescalate':
      // The peak is the most severe level of the episode: 低低/高高 outrank 低/高.
      await tx.query(
        `UPDATE alarm SET level = $3, threshold = $4, peak_level = CASE WHEN $3 IN ('lowLow', 'highHigh') THEN $3 ELSE peak_level END, updated_at = now()
          WHERE sensor_id = $1 AND episode = $2`,
        [s.id, e.episode, e.to, thresholdOf(c, e.to)]);
      return;
    case 'recover':
      await tx.query('UPDATE alarm SET recovered_at = to_timestamp($3 / 1000.0), updated_at = now() WHERE sensor_id = $1 AND episode = $2', [s.id, e.episode, e.at]);
      return;
    case 'back_online':
      // The offline alarm (raised by the offline job) records its recovery; the case stays open.
      await tx.query(
        `UPDATE alarm SET recovered_at = to_timestamp($2 / 1000.0), updated_at = now() WHERE sensor_id = $1 AND level = 'offline' AND recovered_at IS NULL`, [s.id, e.at]);
      return;
    default:
      // offline: raised by the offline job (jobs.ts), which sees silence; a reading cannot.
  }
}
