import { createHash, randomBytes } from 'node:crypto';
import { Type, type Static } from 'typebox';
import { canWriteAt } from '../../platform/actor.ts';
import { write, type ServiceCtx } from '../../platform/context.ts';
import { notFound, outOfScope, validationFailed, type FieldError } from '../../platform/errors.ts';
import { asGeoJson, GeoPointSchema, optionalPointSql } from '../../platform/geo.ts';
import { getResource, type ResourceDef } from '../../platform/query.ts';
import { isoTime, nullable } from '../../platform/values.ts';
import { pickLabel } from '../../platform/i18n.ts';
import { getEnterprise } from '../hazards/service.ts';
import type { Audience } from '../users/service.ts';
import {
  DEFAULT_ALARM_TIMING, initialSensorState, SENSOR_TYPE_CATALOGUE, SENSOR_TYPES, validateAlarmConfig, type AlarmConfig, type SensorType,
} from './rules.ts';

// Sensors (监测点): the registry. A sensor belongs to a region and usually to an enterprise (and maybe
// one of its major hazard sources). Its device authenticates with a token shown once at creation
// (only its SHA-256 is stored); several sensors of one device share the token. Threshold changes
// are audited with before/after.

export const SENSOR_TYPE_LABELS: Record<string, [string, string]> = Object.fromEntries(
  SENSOR_TYPES.map((t) => [t, [SENSOR_TYPE_CATALOGUE[t].label.zh, SENSOR_TYPE_CATALOGUE[t].label.en]]));

const ThresholdsSchema = {
  lowLow: Type.Optional(nullable(Type.Number({ description: '低低报阈值' }))),
  low: Type.Optional(nullable(Type.Number({ description: '低报阈值' }))),
  high: Type.Optional(nullable(Type.Number({ description: '高报阈值' }))),
  highHigh: Type.Optional(nullable(Type.Number({ description: '高高报阈值' }))),
  deadband: Type.Optional(Type.Number({ minimum: 0, description: '回差（死区），与读数同单位' })),
  minDurationSec: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400, description: '越限持续时间（秒）达到后才报警' })),
  offlineTimeoutSec: Type.Optional(Type.Integer({ minimum: 10, maximum: 7 * 86_400, description: '超过此时长无数据判为离线（秒）' })),
};

export const SensorSchema = Type.Object({
  id: Type.String({ format: 'uuid' }), code: Type.String(), name: Type.String(), type: Type.String({ enum: [...SENSOR_TYPES] }), unit: Type.String(),
  regionCode: Type.String(), regionName: Type.String(), enterpriseId: nullable(Type.String()), enterpriseName: nullable(Type.String()),
  majorHazardId: nullable(Type.String()), majorHazardName: nullable(Type.String()), location: nullable(GeoPointSchema), mqttClientId: nullable(Type.String()),
  lowLow: nullable(Type.Number()), low: nullable(Type.Number()), high: nullable(Type.Number()), highHigh: nullable(Type.Number()),
  deadband: Type.Number(), minDurationSec: Type.Integer(), offlineTimeoutSec: Type.Integer(), enabled: Type.Boolean(),
  status: Type.String({ enum: ['normal', 'pending', 'alarm', 'offline'], description: '报警状态机的当前状态' }),
  level: nullable(Type.String({ description: '当前报警级别（报警中）' })),
  lastValue: nullable(Type.Number()), lastReadingAt: nullable(Type.String({ format: 'date-time' })),
  openAlarms: Type.Integer({ description: '未关闭的报警数' }),
  isDemo: Type.Boolean(), createdAt: Type.String({ format: 'date-time' }), updatedAt: Type.String({ format: 'date-time' }),
});
export type Sensor = Static<typeof SensorSchema>;

export const sensorsResource: ResourceDef<Sensor> = {
  name: 'sensors',
  from: 'sensor s JOIN region r ON r.code = s.region_code LEFT JOIN org o ON o.id = s.org_id LEFT JOIN major_hazard_source m ON m.id = s.major_hazard_id',
  select: `s.id, s.code, s.name, s.type, s.unit, s.region_code AS "regionCode", r.name AS "regionName", s.org_id AS "enterpriseId", o.name AS "enterpriseName",
    s.major_hazard_id AS "majorHazardId", m.name AS "majorHazardName", ${asGeoJson('s.location')} AS location, s.mqtt_client_id AS "mqttClientId",
    s.low_low AS "lowLow", s.low, s.high, s.high_high AS "highHigh", s.deadband, s.min_duration_sec AS "minDurationSec", s.offline_timeout_sec AS "offlineTimeoutSec",
    s.enabled, s.alarm_state->>'status' AS status, s.alarm_state->'episode'->>'level' AS level, (s.alarm_state->>'lastValue')::float8 AS "lastValue",
    (s.alarm_state->>'lastReadingTs')::bigint AS "lastReadingTs",
    (SELECT count(*)::int FROM alarm a WHERE a.sensor_id = s.id AND a.status <> 'closed') AS "openAlarms",
    s.is_demo AS "isDemo", s.created_at AS "createdAt", s.updated_at AS "updatedAt"`,
  idColumn: 's.id',
  // The enterprise its own sensors, townships by area, departments the enterprises of their industries.
  scope: { region: 's.region_code', org: 's.org_id', industry: (p) => `o.industry_codes && ${p}` },
  filters: {
    type: { sql: 's.type', op: 'eq', enum: SENSOR_TYPES, description: '监测类型' },
    enterpriseId: { sql: 's.org_id::text', op: 'eq', format: 'uuid', description: '企业' },
    regionCode: { sql: 's.region_code', op: 'within', description: '所属区域（含下级区域）' },
    status: { sql: "s.alarm_state->>'status'", op: 'eq', enum: ['normal', 'pending', 'alarm', 'offline'], description: '状态' },
    enabled: { sql: 's.enabled', op: 'eq', type: 'boolean', description: '启用' },
  },
  sorts: { code: 's.code', name: 's.name', updatedAt: 's.updated_at' },
  defaultSort: 'code',
  search: ['s.code', 's.name', 'o.name'],
  columns: [
    { key: 'code', zh: '监测点编码', en: 'Code', width: 20 },
    { key: 'name', zh: '名称', en: 'Name', width: 28 },
    { key: 'type', zh: '监测类型', en: 'Type', format: (v, _r, l) => pickLabel(SENSOR_TYPE_LABELS, v, l) },
    { key: 'unit', zh: '单位', en: 'Unit' },
    { key: 'enterpriseName', zh: '企业', en: 'Enterprise', width: 30 },
    { key: 'regionName', zh: '所属区域', en: 'Region' },
    { key: 'lowLow', zh: '低低报', en: 'LL' }, { key: 'low', zh: '低报', en: 'L' }, { key: 'high', zh: '高报', en: 'H' }, { key: 'highHigh', zh: '高高报', en: 'HH' },
    { key: 'status', zh: '状态', en: 'Status' },
    { key: 'lastValue', zh: '最新值', en: 'Last value' },
  ],
  map: (r) => {
    const { lastReadingTs, ...rest } = r as Record<string, unknown>;
    return { ...rest, lastReadingAt: lastReadingTs ? new Date(Number(lastReadingTs)).toISOString() : null, createdAt: isoTime(r.createdAt), updatedAt: isoTime(r.updatedAt) } as Sensor;
  },
};

export async function getSensor(ctx: ServiceCtx, id: string): Promise<Sensor> {
  const s = await getResource(ctx.db, ctx.actor, sensorsResource, id);
  if (!s) throw notFound();
  return s;
}

export const SensorCreateSchema = Type.Object({
  code: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$', description: '监测点编码（设备上报时使用，全局唯一）' }),
  name: Type.String({ minLength: 2, maxLength: 100 }),
  type: Type.String({ enum: [...SENSOR_TYPES] }),
  unit: Type.Optional(Type.String({ minLength: 1, maxLength: 20, description: '缺省为该类型的常用单位' })),
  enterpriseId: Type.Optional(nullable(Type.String({ format: 'uuid' }))),
  regionCode: Type.Optional(Type.String({ minLength: 12, maxLength: 12, description: '无企业时必填（监测站）' })),
  majorHazardId: Type.Optional(nullable(Type.String({ format: 'uuid' }))),
  location: Type.Optional(nullable(GeoPointSchema)),
  mqttClientId: Type.Optional(nullable(Type.String({ minLength: 1, maxLength: 64 }))),
  sameDeviceAs: Type.Optional(Type.String({ format: 'uuid', description: '与该监测点同一设备（共用设备令牌）' })),
  enabled: Type.Optional(Type.Boolean()),
  ...ThresholdsSchema,
}, { additionalProperties: false });
export type SensorCreate = Static<typeof SensorCreateSchema>;
export const SensorUpdateSchema = Type.Object({
  name: Type.Optional(Type.String({ minLength: 2, maxLength: 100 })),
  location: Type.Optional(nullable(GeoPointSchema)),
  enabled: Type.Optional(Type.Boolean()),
  ...ThresholdsSchema,
}, { additionalProperties: false });
export type SensorUpdate = Static<typeof SensorUpdateSchema>;

/** Who a sensor's alarms go to first: its enterprise's accounts, or for a station the offices above its region. */
export const ownerAudience = (s: { org_id: string | null; region_code: string }): Audience =>
  s.org_id ? { orgId: s.org_id } : { supervisorsOf: { regionCode: s.region_code, orgId: null } };

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function configProblems(c: AlarmConfig, en: boolean): FieldError[] {
  return validateAlarmConfig(c).map((e) => ({ path: String(e.path), message: en ? e.message.en : e.message.zh }));
}

const configOf = (s: { lowLow?: number | null; low?: number | null; high?: number | null; highHigh?: number | null; deadband?: number; minDurationSec?: number; offlineTimeoutSec?: number }): AlarmConfig => ({
  lowLow: s.lowLow ?? null, low: s.low ?? null, high: s.high ?? null, highHigh: s.highHigh ?? null,
  deadband: s.deadband ?? DEFAULT_ALARM_TIMING.deadband, minDurationSec: s.minDurationSec ?? DEFAULT_ALARM_TIMING.minDurationSec,
  offlineTimeoutSec: s.offlineTimeoutSec ?? DEFAULT_ALARM_TIMING.offlineTimeoutSec,
});

/** Registers a sensor; returns it with its device token (shown this once). */
export async function createSensor(ctx: ServiceCtx, input: SensorCreate): Promise<Sensor & { deviceToken: string | null }> {
  const en = ctx.locale === 'en-US';
  let regionCode = input.regionCode ?? null;
  const orgId = input.enterpriseId ?? null;
  if (orgId) regionCode = (await getEnterprise(ctx, orgId)).regionCode;
  if (!regionCode) throw validationFailed([{ path: 'regionCode', message: en ? 'a sensor without an enterprise needs a region' : '无所属企业的监测点须填写所属区域' }]);
  if (!canWriteAt(ctx.actor.scope, regionCode, orgId)) throw outOfScope(input.name);
  const defaults = SENSOR_TYPE_CATALOGUE[input.type as SensorType];
  const given = input.lowLow !== undefined || input.low !== undefined || input.high !== undefined || input.highHigh !== undefined;
  const config = configOf({ ...(given ? {} : defaults.defaults ?? {}), ...input });
  const problems = configProblems(config, en);
  if (problems.length) throw validationFailed(problems);
  let token: string | null = randomBytes(24).toString('base64url');
  let tokenHash = hashToken(token);
  if (input.sameDeviceAs) {
    // The peer must be a sensor the caller can see (scoped read), then its device's token is shared.
    if (!(await getResource(ctx.db, ctx.actor, sensorsResource, input.sameDeviceAs))) throw validationFailed([{ path: 'sameDeviceAs', message: en ? 'no such sensor' : '监测点不存在' }]);
    const { rows } = await ctx.db.query<{ h: string }>('SELECT device_token_hash AS h FROM sensor WHERE id = $1', [input.sameDeviceAs]);
    tokenHash = rows[0]!.h;
    token = null; // the device already has its token
  }
  const id = await write(ctx, async (tx, audit) => {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO sensor (code, name, type, unit, region_code, org_id, major_hazard_id, location, device_token_hash, mqtt_client_id,
         low_low, low, high, high_high, deadband, min_duration_sec, offline_timeout_sec, enabled, alarm_state)
       VALUES ($1,$2,$3,$4,$5,$6,$7, ${optionalPointSql('$8', '$9')}, $10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20) RETURNING id`,
      [input.code, input.name, input.type, input.unit ?? defaults.unit, regionCode, orgId, input.majorHazardId ?? null,
        input.location?.coordinates[0] ?? null, input.location?.coordinates[1] ?? null, tokenHash, input.mqttClientId ?? null,
        config.lowLow, config.low, config.high, config.highHigh, config.deadband, config.minDurationSec, config.offlineTimeoutSec,
        input.enabled ?? true, JSON.stringify(initialSensorState(Date.now()))]);
    const newId = rows[0]!.id;
    await audit({ action: 'create', entityType: 'sensor', entityId: newId, regionCode, orgId, summary: `新建监测点 ${input.code} ${input.name}`,
      after: { ...input, ...config } });
    return newId;
  });
  return { ...(await getSensor(ctx, id)), deviceToken: token };
}

/** Changes a sensor's name, location, enabled flag or thresholds (validated together; audited with before/after). */
export async function updateSensor(ctx: ServiceCtx, id: string, input: SensorUpdate): Promise<Sensor> {
  const en = ctx.locale === 'en-US';
  await write(ctx, async (tx, audit) => {
    await tx.query('SELECT 1 FROM sensor WHERE id = $1::uuid FOR UPDATE', [id]);
    const before = await getSensor({ ...ctx, db: tx }, id);
    if (!canWriteAt(ctx.actor.scope, before.regionCode, before.enterpriseId)) throw outOfScope(before.name);
    const pick = <K extends keyof SensorUpdate>(k: K, cur: unknown) => (input[k] === undefined ? cur : input[k]);
    const config = configOf({
      lowLow: pick('lowLow', before.lowLow) as number | null, low: pick('low', before.low) as number | null,
      high: pick('high', before.high) as number | null, highHigh: pick('highHigh', before.highHigh) as number | null,
      deadband: pick('deadband', before.deadband) as number, minDurationSec: pick('minDurationSec', before.minDurationSec) as number,
      offlineTimeoutSec: pick('offlineTimeoutSec', before.offlineTimeoutSec) as number,
    });
    const problems = configProblems(config, en);
    if (problems.length) throw validationFailed(problems);
    const next = { name: input.name ?? before.name, enabled: input.enabled ?? before.enabled, location: input.location === undefined ? before.location : input.location };
    await tx.query(
      `UPDATE sensor SET name=$2, enabled=$3, location=${optionalPointSql('$4', '$5')}, low_low=$6, low=$7, high=$8, high_high=$9, deadband=$10,
         min_duration_sec=$11, offline_timeout_sec=$12, updated_at=now() WHERE id=$1`,
      [id, next.name, next.enabled, next.location?.coordinates[0] ?? null, next.location?.coordinates[1] ?? null,
        config.lowLow, config.low, config.high, config.highHigh, config.deadband, config.minDurationSec, config.offlineTimeoutSec]);
    const prev: Record<string, unknown> = { name: before.name, enabled: before.enabled, location: before.location, lowLow: before.lowLow, low: before.low, high: before.high,
      highHigh: before.highHigh, deadband: before.deadband, minDurationSec: before.minDurationSec, offlineTimeoutSec: before.offlineTimeoutSec };
    const now: Record<string, unknown> = { ...next, ...config };
    const changed = Object.keys(prev).filter((k) => JSON.stringify(prev[k]) !== JSON.stringify(now[k]));
    const thresholds = changed.some((k) => ['lowLow', 'low', 'high', 'highHigh', 'deadband', 'minDurationSec', 'offlineTimeoutSec'].includes(k));
    await audit({ action: thresholds ? 'threshold_change' : 'update', entityType: 'sensor', entityId: id, regionCode: before.regionCode, orgId: before.enterpriseId,
      summary: `${thresholds ? '修改报警阈值' : '修改监测点'} ${before.code}`,
      before: Object.fromEntries(changed.map((k) => [k, prev[k]])), after: Object.fromEntries(changed.map((k) => [k, now[k]])) });
  });
  return getSensor(ctx, id);
}
