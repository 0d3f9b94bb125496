import { Type, type Static } from 'typebox';
import { canWriteAt } from '../../platform/actor.ts';
import { write, type ServiceCtx } from '../../platform/context.ts';
import { AppError, notFound, outOfScope, validationFailed } from '../../platform/errors.ts';
import { asGeoJson, GeoPointSchema, optionalPointSql } from '../../platform/geo.ts';
import { getResource, Params, scopeCondition, type ResourceDef } from '../../platform/query.ts';
import { isoDate, isoTime, nullable } from '../../platform/values.ts';
import { listAttachments } from '../attachments/service.ts';
import { getEnterprise } from './enterprises.ts';
import {
  HAZARD_ACTION_LABELS, HAZARD_STATUS_LABELS, HAZARD_STATUSES, transition, type HazardAction, type HazardRole, type HazardState, type TreatmentPlan,
} from './rules.ts';

// Hidden hazards (隐患) and their closed loop. The pure state machine (who may do what, 五到位 for
// 重大隐患, deadlines) is rules.ts; this file loads the hazard under a row lock, asks the rules, and
// writes the new state, its timeline event and the audit entry in one transaction.

export const CATEGORIES = ['equipment', 'operation', 'environment', 'management', 'other'] as const;
export const CATEGORY_LABELS: Record<string, [string, string]> = {
  equipment: ['物的不安全状态', 'Unsafe condition of equipment'], operation: ['人的不安全行为', 'Unsafe act'],
  environment: ['环境因素', 'Environment'], management: ['管理缺陷', 'Management defect'], other: ['其他', 'Other'],
};
export const SOURCES = ['self_check', 'inspection', 'public_report', 'sensor_alarm', 'other'] as const;
export const SOURCE_LABELS: Record<string, [string, string]> = {
  self_check: ['企业自查', 'Self-check'], inspection: ['监督检查', 'Inspection'], public_report: ['群众举报', 'Public report'],
  sensor_alarm: ['监测报警', 'Sensor alarm'], other: ['其他', 'Other'],
};
export const GRADE_LABELS: Record<string, [string, string]> = { general: ['一般隐患', 'General'], major: ['重大隐患', 'Major'] };

const PlanSchema = Type.Object({
  responsibleUnit: Type.Optional(nullable(Type.String({ maxLength: 100, description: '责任：治理责任单位' }))),
  responsiblePerson: Type.Optional(nullable(Type.String({ maxLength: 30, description: '责任：治理责任人' }))),
  measures: Type.Optional(nullable(Type.String({ maxLength: 4000, description: '措施' }))),
  fundsYuan: Type.Optional(nullable(Type.Number({ minimum: 0, maximum: 1e10, description: '资金（元）' }))),
  deadline: Type.Optional(nullable(Type.String({ format: 'date-time', description: '时限' }))),
  contingencyPlan: Type.Optional(nullable(Type.String({ maxLength: 4000, description: '预案：安全措施和应急预案' }))),
}, { additionalProperties: false });
type PlanJson = Static<typeof PlanSchema>;

/** The closed loop's status labels as [zh, en] pairs (the shape export labels and SQL CASE labels take). */
export const STATUS_LABEL_PAIRS: Record<string, [string, string]> = Object.fromEntries(Object.entries(HAZARD_STATUS_LABELS).map(([k, v]) => [k, [v.zh, v.en]]));

export const OVERDUE_SQL = "(h.status IN ('pending','rectifying') AND h.deadline IS NOT NULL AND h.deadline < now())";

export const HazardSchema = Type.Object({
  id: Type.String({ format: 'uuid' }), code: Type.String(), enterpriseId: nullable(Type.String()), enterpriseName: nullable(Type.String()),
  regionCode: Type.String(), regionName: Type.String(), title: Type.String(), description: Type.String(),
  category: Type.String({ enum: [...CATEGORIES] }), grade: Type.String({ enum: ['general', 'major'] }), source: Type.String({ enum: [...SOURCES] }),
  foundByName: Type.String(), foundAt: Type.String({ format: 'date-time' }), location: nullable(GeoPointSchema),
  status: Type.String({ enum: [...HAZARD_STATUSES] }), deadline: nullable(Type.String({ format: 'date-time' })),
  overdue: Type.Boolean({ description: '超期：待整改/整改中且已过整改期限' }), plan: nullable(PlanSchema),
  escalationLevel: Type.Integer({ description: '超期升级：0 未升级，1 责任单位，2 乡镇与行业部门，3 县应急局' }),
  supervisingOrgId: nullable(Type.String()), supervisingOrgName: nullable(Type.String()), supervisionDeadline: nullable(Type.String({ format: 'date' })),
  submittedAt: nullable(Type.String({ format: 'date-time' })), closedAt: nullable(Type.String({ format: 'date-time' })),
  isDemo: Type.Boolean(), createdAt: Type.String({ format: 'date-time' }), updatedAt: Type.String({ format: 'date-time' }),
});
export type Hazard = Static<typeof HazardSchema>;

export const hazardsResource: ResourceDef<Hazard> = {
  name: 'hazards',
  from: 'hazard h JOIN region r ON r.code = h.region_code LEFT JOIN org o ON o.id = h.org_id LEFT JOIN org s ON s.id = h.supervising_org_id',
  select: `h.id, h.code, h.org_id AS "enterpriseId", o.name AS "enterpriseName", h.region_code AS "regionCode", r.name AS "regionName", h.title, h.description,
    h.category, h.grade, h.source, h.found_by_name AS "foundByName", h.found_at AS "foundAt", ${asGeoJson('h.location')} AS location, h.status, h.deadline,
    ${OVERDUE_SQL} AS overdue, h.plan, h.escalation_level AS "escalationLevel", h.supervising_org_id AS "supervisingOrgId", s.name AS "supervisingOrgName", h.supervision_deadline AS "supervisionDeadline",
    h.submitted_at AS "submittedAt", h.closed_at AS "closedAt", h.is_demo AS "isDemo", h.created_at AS "createdAt", h.updated_at AS "updatedAt"`,
  idColumn: 'h.id',
  // Township by area, the enterprise its own, regulators the hazards of enterprises in their industries.
  scope: { region: 'h.region_code', org: 'h.org_id', industry: (p) => `o.industry_codes && ${p}` },
  filters: {
    status: { sql: 'h.status', op: 'eq', enum: HAZARD_STATUSES, description: '状态' },
    grade: { sql: 'h.grade', op: 'eq', enum: ['general', 'major'], description: '等级' },
    source: { sql: 'h.source', op: 'eq', enum: SOURCES, description: '来源' },
    category: { sql: 'h.category', op: 'eq', enum: CATEGORIES, description: '类别' },
    enterpriseId: { sql: 'h.org_id::text', op: 'eq', format: 'uuid', description: '企业' },
    regionCode: { sql: 'h.region_code', op: 'within', description: '所属区域（含下级区域）' },
    overdue: { sql: OVERDUE_SQL, op: 'eq', type: 'boolean', description: '是否超期' },
    supervised: { sql: '(h.supervising_org_id IS NOT NULL)', op: 'eq', type: 'boolean', description: '是否挂牌督办' },
    from: { sql: 'h.found_at', op: 'gte', format: 'date-time', description: '发现时间起' },
    to: { sql: 'h.found_at', op: 'lte', format: 'date-time', description: '发现时间止' },
  },
  sorts: { foundAt: 'h.found_at', deadline: 'h.deadline', code: 'h.code', updatedAt: 'h.updated_at' },
  defaultSort: '-foundAt',
  search: ['h.code', 'h.title', 'o.name'],
  // Every column has its SQL: a ledger export of 100k+ rows is rendered by the database.
  columns: [
    { key: 'code', zh: '隐患编号', en: 'No.', width: 20, sql: { expr: 'h.code' } },
    { key: 'enterpriseName', zh: '企业/单位', en: 'Enterprise', width: 32, sql: { expr: 'o.name' } },
    { key: 'regionName', zh: '所属区域', en: 'Region', sql: { expr: 'r.name' } },
    { key: 'title', zh: '隐患名称', en: 'Hazard', width: 30, sql: { expr: 'h.title' } },
    { key: 'grade', zh: '等级', en: 'Grade', sql: { expr: 'h.grade', labels: GRADE_LABELS } },
    { key: 'category', zh: '类别', en: 'Category', sql: { expr: 'h.category', labels: CATEGORY_LABELS } },
    { key: 'source', zh: '来源', en: 'Source', sql: { expr: 'h.source', labels: SOURCE_LABELS } },
    { key: 'foundAt', zh: '发现时间', en: 'Found at', sql: { expr: 'h.found_at', kind: 'date' } },
    { key: 'status', zh: '状态', en: 'Status', sql: { expr: 'h.status', labels: STATUS_LABEL_PAIRS } },
    { key: 'deadline', zh: '整改期限', en: 'Deadline', sql: { expr: 'h.deadline', kind: 'date' } },
    { key: 'overdue', zh: '超期', en: 'Overdue',
      sql: { expr: (l) => `CASE WHEN ${OVERDUE_SQL} THEN '${l === 'en-US' ? 'yes' : '是'}' END` } },
    { key: 'supervisingOrgName', zh: '挂牌督办单位', en: 'Supervised by', sql: { expr: 's.name' } },
  ],

  map: (r) => ({
    ...r, foundAt: isoTime(r.foundAt), deadline: r.deadline ? isoTime(r.deadline) : null, supervisionDeadline: isoDate(r.supervisionDeadline),
    submittedAt: r.submittedAt ? isoTime(r.submittedAt) : null, closedAt: r.closedAt ? isoTime(r.closedAt) : null,
    createdAt: isoTime(r.createdAt), updatedAt: isoTime(r.updatedAt),
  }) as Hazard,
};

export async function getHazard(ctx: ServiceCtx, id: string): Promise<Hazard> {
  const h = await getResource(ctx.db, ctx.actor, hazardsResource, id);
  if (!h) throw notFound();
  return h;
}

export const HazardCreateSchema = Type.Object({
  enterpriseId: Type.Optional(nullable(Type.String({ format: 'uuid', description: '责任企业/单位（缺省时须给出区域）' }))),
  regionCode: Type.Optional(Type.String({ pattern: '^[0-9]{12}$' })),
  title: Type.String({ minLength: 2, maxLength: 100 }),
  description: Type.String({ minLength: 2, maxLength: 4000 }),
  category: Type.String({ enum: [...CATEGORIES] }),
  grade: Type.String({ enum: ['general', 'major'] }),
  source: Type.String({ enum: [...SOURCES] }),
  foundAt: Type.Optional(Type.String({ format: 'date-time' })),
  location: Type.Optional(nullable(GeoPointSchema)),
}, { additionalProperties: false });
export type HazardCreate = Static<typeof HazardCreateSchema>;

/** Records a hazard (待整改) with its 'report' timeline event. */
export async function reportHazard(ctx: ServiceCtx, input: HazardCreate): Promise<Hazard> {
  const en = ctx.locale === 'en-US';
  let regionCode = input.regionCode;
  let orgId: string | null = null;
  if (input.enterpriseId) {
    const e = await getEnterprise(ctx, input.enterpriseId);
    regionCode = e.regionCode;
    orgId = e.id;
  }
  if (!regionCode) throw validationFailed([{ path: 'regionCode', message: en ? 'give the enterprise or the region' : '请选择企业或所属区域' }]);
  if (!canWriteAt(ctx.actor.scope, regionCode, orgId)) throw outOfScope(regionCode);
  if (input.foundAt && new Date(input.foundAt).getTime() > Date.now() + 5 * 60_000) {
    throw validationFailed([{ path: 'foundAt', message: en ? 'cannot be in the future' : '发现时间不能晚于当前时间' }]);
  }
  const id = await write(ctx, async (tx, audit) => {
    const { rows: seq } = await tx.query<{ n: number }>("SELECT nextval('hazard_code_seq')::int AS n");
    const code = `YH${new Date().toISOString().slice(0, 10).replaceAll('-', '')}${String(seq[0]!.n).padStart(5, '0')}`;
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO hazard (code, org_id, region_code, title, description, category, grade, source, found_by, found_by_name, found_at, location)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10, coalesce($11::timestamptz, now()),
               ${optionalPointSql('$12', '$13')}) RETURNING id`,
      [code, orgId, regionCode, input.title, input.description, input.category, input.grade, input.source, userId(ctx), ctx.actor.displayName,
        input.foundAt ?? null, input.location?.coordinates[0] ?? null, input.location?.coordinates[1] ?? null]);
    const hid = rows[0]!.id;
    await tx.query("INSERT INTO hazard_event (hazard_id, action, to_status, actor_id, actor_name, note) VALUES ($1,'report','pending',$2,$3,$4)",
      [hid, userId(ctx), ctx.actor.displayName, input.description]);
    await audit({ action: 'create', entityType: 'hazard', entityId: hid, regionCode, orgId, summary: `登记${GRADE_LABELS[input.grade]![0]} ${code} ${input.title}`, after: input });
    return hid;
  });
  return getHazard(ctx, id);
}

const userId = (ctx: ServiceCtx) => (ctx.actor.kind === 'user' ? ctx.actor.id : null);

export const HazardActionSchema = Type.Union([
  Type.Object({ type: Type.Literal('assign'), plan: Type.Optional(PlanSchema), note: Type.Optional(Type.String({ maxLength: 2000 })), photoIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 20 })) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('submit'), note: Type.Optional(Type.String({ maxLength: 2000 })), photoIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 20 })) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('verify_pass'), note: Type.Optional(Type.String({ maxLength: 2000 })), photoIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 20 })) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('verify_reject'), reason: Type.String({ maxLength: 2000 }), deadline: Type.Optional(Type.String({ format: 'date-time' })), photoIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 20 })) }, { additionalProperties: false }),
], { description: '闭环操作：assign 下达整改（含治理方案）、submit 提交验收、verify_pass 验收销号、verify_reject 验收不通过' });
export type HazardActionInput = Static<typeof HazardActionSchema>;

const toDate = (s: string | null | undefined) => (s ? new Date(s) : null);
const planFromJson = (p: PlanJson | null): TreatmentPlan | null => (p ? { ...p, deadline: toDate(p.deadline) } : null);
const planToJson = (p: TreatmentPlan | null | undefined): PlanJson | null => (p ? { ...p, deadline: p.deadline ? p.deadline.toISOString() : null } : null);

/** One step of the closed loop; refusals come from rules.ts with their code and zh/en message. */
export async function actOnHazard(ctx: ServiceCtx, id: string, input: HazardActionInput): Promise<Hazard> {
  const en = ctx.locale === 'en-US';
  await write(ctx, async (tx, audit) => {
    await tx.query('SELECT 1 FROM hazard WHERE id = $1::uuid FOR UPDATE', [id]);
    const h = await getHazard({ ...ctx, db: tx }, id);
    if (!canWriteAt(ctx.actor.scope, h.regionCode, h.enterpriseId)) throw outOfScope(h.code);
    const { rows: raw } = await tx.query<{ submitted_by: string | null }>('SELECT submitted_by FROM hazard WHERE id = $1', [id]);
    const photoIds = input.photoIds ?? [];
    if (photoIds.length) {
      const own = await listAttachments({ ...ctx, db: tx }, 'hazard', id);
      if (!photoIds.every((p) => own.some((a) => a.id === p))) throw validationFailed([{ path: 'photoIds', message: en ? 'photos must be uploaded to this hazard first' : '照片须先上传到本隐患' }]);
    }
    const state: HazardState = {
      status: h.status as HazardState['status'], grade: h.grade as HazardState['grade'], orgId: h.enterpriseId, deadline: toDate(h.deadline),
      plan: planFromJson(h.plan), supervisingOrgId: h.supervisingOrgId, submittedBy: raw[0]!.submitted_by, submittedAt: toDate(h.submittedAt), closedAt: toDate(h.closedAt),
    };
    const action: HazardAction = input.type === 'assign' ? { type: 'assign', plan: planFromJson(input.plan ?? null) ?? undefined, note: input.note, photoIds }
      : input.type === 'verify_reject' ? { type: 'verify_reject', reason: input.reason, deadline: toDate(input.deadline) ?? undefined, photoIds }
        : { type: input.type, note: input.note, photoIds };
    const actor = { userId: ctx.actor.id ?? `token:${ctx.actor.displayName}`, roles: ctx.actor.roles as HazardRole[], orgId: ctx.actor.orgId };
    const r = transition(state, action, actor, new Date());
    if (!r.ok) {
      const errors = r.missing?.map((m) => ({ path: `plan/${m}`, message: en ? `missing: ${m}` : '五到位缺项' })) ?? [];
      throw new AppError(r.status, 'hazard_rule', { detail: en ? r.message.en : r.message.zh }, errors, { rule: r.code, ...(r.missing ? { missing: r.missing } : {}) });
    }
    const n = r.hazard;
    await tx.query(
      `UPDATE hazard SET status=$2, deadline=$3, plan=$4, submitted_by=$5, submitted_at=$6, closed_at=$7, updated_at=now(),
         escalation_level = CASE WHEN deadline IS DISTINCT FROM $3::timestamptz THEN 0 ELSE escalation_level END WHERE id=$1`,
      [id, n.status, n.deadline, JSON.stringify(planToJson(n.plan)), n.submittedBy?.startsWith('token:') ? null : n.submittedBy ?? null, n.submittedAt ?? null, n.closedAt ?? null]);
    await tx.query(
      'INSERT INTO hazard_event (hazard_id, action, from_status, to_status, actor_id, actor_name, actor_role, note, photo_ids) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)',
      [id, r.entry.action, r.entry.from, r.entry.to, userId(ctx), ctx.actor.displayName, r.entry.actorRole, r.entry.note, r.entry.photoIds]);
    await audit({ action: `hazard_${input.type}`, entityType: 'hazard', entityId: id, regionCode: h.regionCode, orgId: h.enterpriseId,
      summary: `隐患 ${h.code}：${HAZARD_ACTION_LABELS[input.type].zh}（${HAZARD_STATUS_LABELS[r.entry.from].zh} → ${HAZARD_STATUS_LABELS[r.entry.to].zh}）`,
      before: { status: h.status }, after: { status: n.status, ...(input.type === 'assign' ? { plan: planToJson(n.plan) } : {}), note: r.entry.note } });
  });
  return getHazard(ctx, id);
}

export const SuperviseSchema = Type.Object({
  supervisingOrgId: Type.String({ format: 'uuid', description: '督办单位（应急局或行业部门）' }),
  deadline: Type.String({ format: 'date', description: '督办期限' }),
  note: Type.Optional(Type.String({ maxLength: 1000 })),
}, { additionalProperties: false });

/** 挂牌督办: a county-level account places an open 重大隐患 under a supervising unit, which alone verifies it. */
export async function superviseHazard(ctx: ServiceCtx, id: string, input: Static<typeof SuperviseSchema>): Promise<Hazard> {
  const en = ctx.locale === 'en-US';
  if (ctx.actor.scope.regionCodes !== null || ctx.actor.scope.orgId !== null) throw outOfScope(en ? 'government supervision (county level)' : '挂牌督办（县级）');
  await write(ctx, async (tx, audit) => {
    await tx.query('SELECT 1 FROM hazard WHERE id = $1::uuid FOR UPDATE', [id]);
    const h = await getHazard({ ...ctx, db: tx }, id);
    if (h.grade !== 'major') throw new AppError(409, 'invalid_state', { detail: en ? 'only major hazards are placed under supervision' : '只有重大隐患可以挂牌督办' });
    if (h.status === 'closed') throw new AppError(409, 'invalid_state', { detail: en ? 'the hazard is closed' : '隐患已销号' });
    const { rows: org } = await tx.query<{ name: string }>("SELECT name FROM org WHERE id = $1 AND type IN ('bureau','department')", [input.supervisingOrgId]);
    if (!org[0]) throw validationFailed([{ path: 'supervisingOrgId', message: en ? 'the bureau or a department' : '督办单位须为应急管理局或行业部门' }]);
    await tx.query('UPDATE hazard SET supervising_org_id=$2, supervision_deadline=$3, supervised_at=now(), updated_at=now() WHERE id=$1', [id, input.supervisingOrgId, input.deadline]);
    await tx.query("INSERT INTO hazard_event (hazard_id, action, from_status, to_status, actor_id, actor_name, note) VALUES ($1,'supervise',$2,$2,$3,$4,$5)",
      [id, h.status, userId(ctx), ctx.actor.displayName, `挂牌督办：${org[0].name}，期限 ${input.deadline}${input.note ? `。${input.note}` : ''}`]);
    await audit({ action: 'hazard_supervise', entityType: 'hazard', entityId: id, regionCode: h.regionCode, orgId: h.enterpriseId,
      summary: `重大隐患 ${h.code} 挂牌督办：${org[0].name}`, before: { supervisingOrgId: h.supervisingOrgId }, after: input });
  });
  return getHazard(ctx, id);
}

export const HazardEventSchema = Type.Object({
  id: Type.Integer(), action: Type.String(), fromStatus: nullable(Type.String()), toStatus: Type.String(), actorName: Type.String(),
  actorRole: nullable(Type.String()), note: nullable(Type.String()), photoIds: Type.Array(Type.String()), at: Type.String({ format: 'date-time' }),
});
export async function hazardTimeline(ctx: ServiceCtx, id: string): Promise<Static<typeof HazardEventSchema>[]> {
  await getHazard(ctx, id);
  const { rows } = await ctx.db.query<Record<string, unknown>>(
    `SELECT id, action, from_status AS "fromStatus", to_status AS "toStatus", actor_name AS "actorName", actor_role AS "actorRole", note, photo_ids AS "photoIds", at
       FROM hazard_event WHERE hazard_id = $1 ORDER BY at, id`, [id]);
  return rows.map((r) => ({ ...r, id: Number(r.id), at: isoTime(r.at) }) as Static<typeof HazardEventSchema>);
}

export const PublicSupervisedSchema = Type.Object({
  code: Type.String(), enterpriseName: nullable(Type.String()), regionName: Type.String(), title: Type.String(),
  supervisingOrgName: Type.String(), supervisionDeadline: nullable(Type.String()), status: Type.String(), statusLabel: Type.String(), supervisedAt: Type.String(),
});
/** The public list of 重大隐患 under 挂牌督办 until closed: no people, no contacts, no photos. */
export async function publicSupervisedList(ctx: Pick<ServiceCtx, 'db'>): Promise<Static<typeof PublicSupervisedSchema>[]> {
  const { rows } = await ctx.db.query<Record<string, unknown>>(
    `SELECT h.code, o.name AS "enterpriseName", r.name AS "regionName", h.title, s.name AS "supervisingOrgName", h.supervision_deadline AS "supervisionDeadline",
            h.status, h.supervised_at AS "supervisedAt"
       FROM hazard h JOIN region r ON r.code = h.region_code LEFT JOIN org o ON o.id = h.org_id JOIN org s ON s.id = h.supervising_org_id
      WHERE h.grade = 'major' AND h.status <> 'closed' ORDER BY h.supervised_at DESC`);
  return rows.map((r) => ({ ...r, supervisionDeadline: isoDate(r.supervisionDeadline), statusLabel: HAZARD_STATUS_LABELS[r.status as keyof typeof HAZARD_STATUS_LABELS].zh, supervisedAt: isoTime(r.supervisedAt) }) as Static<typeof PublicSupervisedSchema>);
}
