import { Type, type Static } from 'typebox';
import { canWriteAt } from '../../platform/actor.ts';
import { write, type ServiceCtx } from '../../platform/context.ts';
import { AppError, notFound, outOfScope, validationFailed } from '../../platform/errors.ts';
import { pickLabel } from '../../platform/i18n.ts';
import { getResource, type ResourceDef } from '../../platform/query.ts';
import { dateCell, isoTime, nullable } from '../../platform/values.ts';
import { listAttachments } from '../attachments/service.ts';
import {
  ALARM_CASE_ACTION_LABELS, ALARM_CASE_STATUS_LABELS, ALARM_CASE_STATUSES, ALARM_LEVELS, alarmTransition, DISPOSAL_CAUSES,
  type AlarmCase, type AlarmCaseAction, type AlarmRole, type DisposalFeedback,
} from './rules.ts';

// Alarm cases (报警) and their 消警 closed loop: raised → acknowledged → feedback → closed (退回 sends
// feedback back). The pure rules decide who may do what (rules.alarmTransition); this file loads
// the case under a row lock, checks the caller's scope, and writes the new state, its timeline
// entry and the audit entry in one transaction. Recovery of the sensor never closes a case.

const LEVEL_LABELS: Record<string, [string, string]> = { lowLow: ['低低报', 'Low-low'], low: ['低报', 'Low'], high: ['高报', 'High'], highHigh: ['高高报', 'High-high'], offline: ['离线', 'Offline'] };
const STATUS_LABELS: Record<string, [string, string]> = Object.fromEntries(ALARM_CASE_STATUSES.map((s) => [s, [ALARM_CASE_STATUS_LABELS[s].zh, ALARM_CASE_STATUS_LABELS[s].en]]));

export const AlarmSchema = Type.Object({
  id: Type.String({ format: 'uuid' }), sensorId: Type.String(), sensorCode: Type.String(), sensorName: Type.String(), sensorType: Type.String(), unit: Type.String(),
  enterpriseId: nullable(Type.String()), enterpriseName: nullable(Type.String()), regionCode: Type.String(), regionName: Type.String(),
  episode: Type.Integer(), level: Type.String({ enum: [...ALARM_LEVELS, 'offline'] }), peakLevel: Type.String(), value: nullable(Type.Number()), threshold: nullable(Type.Number()),
  raisedAt: Type.String({ format: 'date-time' }), recoveredAt: nullable(Type.String({ format: 'date-time' })),
  status: Type.String({ enum: [...ALARM_CASE_STATUSES] }), acknowledgedAt: nullable(Type.String({ format: 'date-time' })), acknowledgedByName: nullable(Type.String()),
  feedback: nullable(Type.Object({
    cause: Type.String({ enum: [...DISPOSAL_CAUSES] }), causeNote: nullable(Type.String()), measures: Type.String(), photoIds: Type.Array(Type.String()),
    by: Type.String(), at: Type.String({ format: 'date-time' }),
  })),
  closedAt: nullable(Type.String({ format: 'date-time' })), closedByName: nullable(Type.String()), confirmedByName: nullable(Type.String()),
});
export type Alarm = Static<typeof AlarmSchema>;

export const alarmsResource: ResourceDef<Alarm> = {
  name: 'alarms',
  from: `alarm a JOIN sensor s ON s.id = a.sensor_id JOIN region r ON r.code = s.region_code LEFT JOIN org o ON o.id = s.org_id
    LEFT JOIN app_user ua ON ua.id = a.acknowledged_by LEFT JOIN app_user uc ON uc.id = a.closed_by LEFT JOIN app_user uf ON uf.id = a.confirmed_by`,
  select: `a.id, a.sensor_id AS "sensorId", s.code AS "sensorCode", s.name AS "sensorName", s.type AS "sensorType", s.unit, s.org_id AS "enterpriseId", o.name AS "enterpriseName",
    s.region_code AS "regionCode", r.name AS "regionName", a.episode, a.level, a.peak_level AS "peakLevel", a.value, a.threshold, a.raised_at AS "raisedAt",
    a.recovered_at AS "recoveredAt", a.status, a.acknowledged_at AS "acknowledgedAt", ua.display_name AS "acknowledgedByName", a.feedback,
    a.closed_at AS "closedAt", uc.display_name AS "closedByName", uf.display_name AS "confirmedByName"`,
  idColumn: 'a.id',
  // The sensor's: the enterprise its own, townships by area, departments their industries.
  scope: { region: 's.region_code', org: 's.org_id', industry: (p) => `o.industry_codes && ${p}` },
  filters: {
    status: { sql: 'a.status', op: 'eq', enum: ALARM_CASE_STATUSES, description: '处置状态' },
    open: { sql: "(a.status <> 'closed')", op: 'eq', type: 'boolean', description: '未消警' },
    level: { sql: 'a.level', op: 'eq', enum: [...ALARM_LEVELS, 'offline'], description: '报警级别' },
    sensorId: { sql: 'a.sensor_id::text', op: 'eq', format: 'uuid', description: '监测点' },
    enterpriseId: { sql: 's.org_id::text', op: 'eq', format: 'uuid', description: '企业' },
    regionCode: { sql: 's.region_code', op: 'within', description: '所属区域（含下级区域）' },
    from: { sql: 'a.raised_at', op: 'gte', format: 'date-time', description: '报警时间起' },
    to: { sql: 'a.raised_at', op: 'lte', format: 'date-time', description: '报警时间止' },
  },
  sorts: { raisedAt: 'a.raised_at', level: 'a.level' },
  defaultSort: '-raisedAt',
  search: ['s.code', 's.name', 'o.name'],
  columns: [
    { key: 'raisedAt', zh: '报警时间', en: 'Raised at', format: dateCell },
    { key: 'sensorCode', zh: '监测点编码', en: 'Sensor', width: 18 },
    { key: 'sensorName', zh: '监测点', en: 'Sensor name', width: 24 },
    { key: 'enterpriseName', zh: '企业', en: 'Enterprise', width: 28 },
    { key: 'level', zh: '级别', en: 'Level', format: (v, _r, l) => pickLabel(LEVEL_LABELS, v, l) },
    { key: 'value', zh: '测量值', en: 'Value' },
    { key: 'threshold', zh: '阈值', en: 'Threshold' },
    { key: 'status', zh: '处置状态', en: 'Status', format: (v, _r, l) => pickLabel(STATUS_LABELS, v, l) },
    { key: 'recoveredAt', zh: '恢复时间', en: 'Recovered at', format: dateCell },
    { key: 'closedAt', zh: '消警时间', en: 'Closed at', format: dateCell },
  ],
  map: (r) => {
    const fb = r.feedback as (Omit<DisposalFeedback, 'at'> & { at: number }) | null;
    return {
      ...r, raisedAt: isoTime(r.raisedAt), recoveredAt: isoTime(r.recoveredAt), acknowledgedAt: isoTime(r.acknowledgedAt), closedAt: isoTime(r.closedAt),
      feedback: fb ? { ...fb, at: new Date(fb.at).toISOString() } : null,
    } as Alarm;
  },
};

export async function getAlarm(ctx: ServiceCtx, id: string): Promise<Alarm> {
  const a = await getResource(ctx.db, ctx.actor, alarmsResource, id);
  if (!a) throw notFound();
  return a;
}

export const AlarmEventSchema = Type.Object({
  action: Type.String(), actionLabel: Type.String(), fromStatus: nullable(Type.String()), toStatus: Type.String(), actorName: Type.String(), actorRole: nullable(Type.String()),
  note: nullable(Type.String()), photoIds: Type.Array(Type.String()), at: Type.String({ format: 'date-time' }),
});

/** The case's timeline: its raise, then every transition. */
export async function alarmTimeline(ctx: ServiceCtx, id: string): Promise<Static<typeof AlarmEventSchema>[]> {
  const a = await getAlarm(ctx, id);
  const en = ctx.locale === 'en-US';
  const { rows } = await ctx.db.query<{ action: string; fromStatus: string | null; toStatus: string; actorName: string; actorRole: string | null; note: string | null; photoIds: string[]; at: Date }>(
    `SELECT action, from_status AS "fromStatus", to_status AS "toStatus", actor_name AS "actorName", actor_role AS "actorRole", note, photo_ids AS "photoIds", at
       FROM alarm_event WHERE alarm_id = $1 ORDER BY at, id`, [id]);
  const raise = { action: 'raise', actionLabel: en ? 'Raised' : '报警', fromStatus: null, toStatus: 'raised', actorName: en ? 'alarm engine' : '报警引擎', actorRole: null,
    note: `${a.sensorCode} ${pickLabel(LEVEL_LABELS, a.level, ctx.locale)} ${a.value ?? ''}${a.unit}`, photoIds: [], at: a.raisedAt };
  return [raise, ...rows.map((r) => ({
    ...r, actionLabel: (ALARM_CASE_ACTION_LABELS as Record<string, { zh: string; en: string }>)[r.action]?.[en ? 'en' : 'zh'] ?? r.action, at: r.at.toISOString(),
  }))];
}

export const AlarmActionSchema = Type.Union([
  Type.Object({ type: Type.Literal('acknowledge'), note: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false }),
  Type.Object({
    type: Type.Literal('feedback'), cause: Type.String({ enum: [...DISPOSAL_CAUSES], description: '报警原因：工艺波动/设备故障/误报/真实险情/其他' }),
    causeNote: Type.Optional(Type.String({ maxLength: 500 })), measures: Type.String({ minLength: 1, maxLength: 4000, description: '处置措施' }),
    photoIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 9, description: '先上传到本报警的照片' })), note: Type.Optional(Type.String({ maxLength: 1000 })),
  }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('return'), reason: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('close'), note: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false }),
]);
export type AlarmActionInput = Static<typeof AlarmActionSchema>;

const ms = (v: string | null) => (v ? new Date(v).getTime() : null);

/** One step of the 消警 loop, by the rules, in the caller's scope; timeline and audit in the same transaction. */
export async function actOnAlarm(ctx: ServiceCtx, id: string, input: AlarmActionInput): Promise<Alarm> {
  const en = ctx.locale === 'en-US';
  await write(ctx, async (tx, audit) => {
    await tx.query('SELECT 1 FROM alarm WHERE id = $1::uuid FOR UPDATE', [id]);
    const a = await getAlarm({ ...ctx, db: tx }, id);
    if (!canWriteAt(ctx.actor.scope, a.regionCode, a.enterpriseId)) throw outOfScope(a.sensorCode);
    if (input.type === 'feedback' && input.photoIds?.length) {
      const own = await listAttachments({ ...ctx, db: tx }, 'alarm', id);
      if (!input.photoIds.every((p) => own.some((x) => x.id === p))) throw validationFailed([{ path: 'photoIds', message: en ? 'photos must be uploaded to this alarm first' : '照片须先上传到本报警' }]);
    }
    const { rows: raw } = await tx.query<{ acknowledged_by: string | null; closed_by: string | null; confirmed_by: string | null }>(
      'SELECT acknowledged_by, closed_by, confirmed_by FROM alarm WHERE id = $1', [id]);
    const state: AlarmCase = {
      status: a.status as AlarmCase['status'], orgId: a.enterpriseId, raisedAt: ms(a.raisedAt)!, acknowledgedAt: ms(a.acknowledgedAt), acknowledgedBy: raw[0]!.acknowledged_by,
      feedback: a.feedback ? { ...a.feedback, cause: a.feedback.cause as DisposalFeedback['cause'], at: ms(a.feedback.at)! } : null,
      closedAt: ms(a.closedAt), closedBy: raw[0]!.closed_by, confirmedBy: raw[0]!.confirmed_by, recoveredAt: ms(a.recoveredAt),
    };
    const actor = { userId: ctx.actor.id ?? `token:${ctx.actor.displayName}`, roles: ctx.actor.roles as AlarmRole[], orgId: ctx.actor.orgId };
    const r = alarmTransition(state, input as AlarmCaseAction, actor, Date.now());
    if (!r.ok) throw new AppError(r.status, 'alarm_rule', { detail: en ? r.message.en : r.message.zh }, [], { rule: r.code });
    const n = r.alarm;
    const userId = ctx.actor.kind === 'user' ? ctx.actor.id : null;
    const asUser = (v: string | null) => (v && !v.startsWith('token:') ? v : null);
    await tx.query(
      `UPDATE alarm SET status=$2, acknowledged_at=to_timestamp($3 / 1000.0), acknowledged_by=$4, feedback=$5, closed_at=to_timestamp($6 / 1000.0), closed_by=$7,
         confirmed_by=$8, updated_at=now() WHERE id=$1`,
      [id, n.status, n.acknowledgedAt, asUser(n.acknowledgedBy), n.feedback ? JSON.stringify(n.feedback) : null, n.closedAt, asUser(n.closedBy), asUser(n.confirmedBy)]);
    await tx.query(
      'INSERT INTO alarm_event (alarm_id, action, from_status, to_status, actor_id, actor_name, actor_role, note, photo_ids) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)',
      [id, r.entry.action, r.entry.from, r.entry.to, userId, ctx.actor.displayName, r.entry.actorRole, r.entry.note, r.entry.photoIds]);
    await audit({ action: `alarm_${input.type}`, entityType: 'alarm', entityId: id, regionCode: a.regionCode, orgId: a.enterpriseId,
      summary: `报警 ${a.sensorCode} 第 ${a.episode} 次：${ALARM_CASE_ACTION_LABELS[input.type].zh}（${ALARM_CASE_STATUS_LABELS[r.entry.from].zh} → ${ALARM_CASE_STATUS_LABELS[r.entry.to].zh}）`,
      before: { status: a.status }, after: { status: n.status, ...(input.type === 'feedback' ? { feedback: n.feedback } : {}), note: r.entry.note } });
  });
  return getAlarm(ctx, id);
}
