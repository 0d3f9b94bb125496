import { Type, type Static } from 'typebox';
import { canWriteAt } from '../../platform/actor.ts';
import { diff, write, type ServiceCtx } from '../../platform/context.ts';
import { duplicate, notFound, outOfScope, validationFailed } from '../../platform/errors.ts';
import { asGeoJson, GeoPointSchema, optionalPointSql } from '../../platform/geo.ts';
import { getResource, Params, scopeCondition, type ResourceDef } from '../../platform/query.ts';
import { isoDate, isoTime, nullable } from '../../platform/values.ts';
import { ENTERPRISE_SCOPE, getEnterprise, RISK_LEVEL_LABELS, RISK_RANK_SQL } from './enterprises.ts';
import { assessmentProblems, LEC_C_OPTIONS, LEC_E_OPTIONS, LEC_L_OPTIONS, LS_SCORES, RISK_LEVEL_META, RISK_LEVELS, riskLevel, type RiskAssessmentInput } from './rules.ts';
import { pickLabel, type Locale } from '../../platform/i18n.ts';

// Risk points (风险点, 一企一清单): where, what can go wrong, how it was assessed (LEC or LS — the
// inputs are kept), the resulting level 重大/较大/一般/低 = 红/橙/黄/蓝, the control measures and who
// is responsible at which level. The enterprise's own level is the highest of its points.

/**
 * GB 6441-1986 企业职工伤亡事故分类: the 20 accident types. Points store the two-digit code; the names
 * are for display (nameEn in the English UI).
 */
export const ACCIDENT_TYPES: readonly { code: string; name: string; nameEn: string }[] = ([
  ['物体打击', 'Struck by object'], ['车辆伤害', 'Vehicle injury'], ['机械伤害', 'Mechanical injury'], ['起重伤害', 'Lifting injury'],
  ['触电', 'Electric shock'], ['淹溺', 'Drowning'], ['灼烫', 'Scald/burn'], ['火灾', 'Fire'], ['高处坠落', 'Fall from height'],
  ['坍塌', 'Collapse'], ['冒顶片帮', 'Roof fall / rib spalling'], ['透水', 'Water inrush'], ['放炮', 'Blasting'],
  ['火药爆炸', 'Explosive explosion'], ['瓦斯爆炸', 'Gas explosion'], ['锅炉爆炸', 'Boiler explosion'], ['容器爆炸', 'Vessel explosion'],
  ['其他爆炸', 'Other explosion'], ['中毒和窒息', 'Poisoning and asphyxiation'], ['其他伤害', 'Other injury'],
] as const).map(([name, nameEn], i) => ({ code: String(i + 1).padStart(2, '0'), name, nameEn }));
const accidentName = (code: string, locale: Locale) => {
  const a = ACCIDENT_TYPES.find((x) => x.code === code);
  return a ? (locale === 'en-US' ? a.nameEn : a.name) : code;
};
export const RESPONSIBLE_LEVELS = ['company', 'workshop', 'team', 'post'] as const;
export const RESPONSIBLE_LEVEL_LABELS: Record<string, [string, string]> = {
  company: ['公司级', 'Company'], workshop: ['车间级', 'Workshop'], team: ['班组级', 'Team'], post: ['岗位级', 'Post'],
};

const AssessmentSchema = Type.Union([
  Type.Object({ method: Type.Literal('LEC'), L: Type.Number(), E: Type.Number(), C: Type.Number() }, { additionalProperties: false }),
  Type.Object({ method: Type.Literal('LS'), L: Type.Integer(), S: Type.Integer() }, { additionalProperties: false }),
], { description: 'LEC（作业条件危险性评价法）或 LS（风险矩阵）评价的取值' });

export const RiskPointSchema = Type.Object({
  id: Type.String({ format: 'uuid' }), enterpriseId: Type.String(), enterpriseName: Type.String(), regionCode: Type.String(), regionName: Type.String(),
  name: Type.String(), position: nullable(Type.String()), hazardFactors: Type.Array(Type.String()), accidentTypes: Type.Array(Type.String()),
  method: Type.String({ enum: ['LEC', 'LS'] }), L: Type.Number(), E: nullable(Type.Number()), C: nullable(Type.Number()), S: nullable(Type.Number()),
  score: Type.Number({ description: 'LEC 的 D 值或 LS 的 R 值' }), level: Type.String({ enum: [...RISK_LEVELS] }), colour: Type.String({ enum: ['red', 'orange', 'yellow', 'blue'] }),
  controlMeasures: Type.String(), responsibleLevel: Type.String({ enum: [...RESPONSIBLE_LEVELS] }), responsiblePerson: Type.String(),
  reviewDate: nullable(Type.String({ format: 'date' })), point: nullable(GeoPointSchema), isDemo: Type.Boolean(), updatedAt: Type.String({ format: 'date-time' }),
});
export type RiskPoint = Static<typeof RiskPointSchema>;
export const RiskPointCreateSchema = Type.Object({
  enterpriseId: Type.String({ format: 'uuid' }),
  name: Type.String({ minLength: 2, maxLength: 100 }),
  position: Type.Optional(nullable(Type.String({ maxLength: 100, description: '所在单元/部位' }))),
  hazardFactors: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 30, description: '危险有害因素' }),
  accidentTypes: Type.Array(Type.String({ pattern: '^(0[1-9]|1[0-9]|20)$' }), { minItems: 1, maxItems: 20, uniqueItems: true, description: 'GB 6441 事故类型代码' }),
  assessment: AssessmentSchema,
  controlMeasures: Type.String({ minLength: 2, maxLength: 2000 }),
  responsibleLevel: Type.String({ enum: [...RESPONSIBLE_LEVELS] }),
  responsiblePerson: Type.String({ minLength: 1, maxLength: 30 }),
  reviewDate: Type.Optional(nullable(Type.String({ format: 'date' }))),
  point: Type.Optional(nullable(GeoPointSchema)),
}, { additionalProperties: false });
export type RiskPointCreate = Static<typeof RiskPointCreateSchema>;
export const RiskPointUpdateSchema = Type.Partial(Type.Omit(RiskPointCreateSchema, ['enterpriseId']), { additionalProperties: false });

const COLOUR_SQL = "CASE p.level WHEN 'major' THEN 'red' WHEN 'large' THEN 'orange' WHEN 'general' THEN 'yellow' ELSE 'blue' END";
export const riskPointsResource: ResourceDef<RiskPoint> = {
  name: 'risk-points',
  from: 'risk_point p JOIN org o ON o.id = p.org_id JOIN region r ON r.code = o.region_code',
  select: `p.id, p.org_id AS "enterpriseId", o.name AS "enterpriseName", o.region_code AS "regionCode", r.name AS "regionName", p.name, p.position,
    p.hazard_factors AS "hazardFactors", p.accident_types AS "accidentTypes", p.method, p.score_l AS "L", p.score_e AS "E", p.score_c AS "C", p.score_s AS "S",
    p.score, p.level, ${COLOUR_SQL} AS colour, p.control_measures AS "controlMeasures", p.responsible_level AS "responsibleLevel",
    p.responsible_person AS "responsiblePerson", p.review_date AS "reviewDate", ${asGeoJson('p.point')} AS point, p.is_demo AS "isDemo", p.updated_at AS "updatedAt"`,
  idColumn: 'p.id',
  scope: ENTERPRISE_SCOPE('o'),
  filters: {
    enterpriseId: { sql: 'p.org_id::text', op: 'eq', format: 'uuid', description: '企业' },
    level: { sql: 'p.level', op: 'eq', enum: RISK_LEVELS, description: '风险等级' },
    regionCode: { sql: 'o.region_code', op: 'within', description: '所属区域（含下级区域）' },
  },
  sorts: { score: 'p.score', name: 'p.name', level: "array_position(ARRAY['major','large','general','low'], p.level)", reviewDate: 'p.review_date', updatedAt: 'p.updated_at' },
  defaultSort: 'level,-score',
  search: ['p.name', 'p.position', 'o.name'],
  columns: [
    { key: 'enterpriseName', zh: '企业', en: 'Enterprise', width: 34 },
    { key: 'name', zh: '风险点', en: 'Risk point', width: 28 },
    { key: 'position', zh: '部位', en: 'Position' },
    { key: 'hazardFactors', zh: '危险有害因素', en: 'Hazard factors', width: 30 },
    { key: 'accidentTypes', zh: '可能的事故类型', en: 'Accident types', width: 24,
      format: (v, _r, l) => (v as string[]).map((c) => accidentName(c, l)).join(l === 'en-US' ? ', ' : '、') },
    { key: 'method', zh: '评价方法', en: 'Method' },
    { key: 'score', zh: '风险值', en: 'Score' },
    { key: 'level', zh: '风险等级', en: 'Level', format: (v, _r, l) => pickLabel(RISK_LEVEL_LABELS, v, l) },
    { key: 'controlMeasures', zh: '管控措施', en: 'Control measures', width: 40 },
    { key: 'responsibleLevel', zh: '管控层级', en: 'Responsible level', format: (v, _r, l) => pickLabel(RESPONSIBLE_LEVEL_LABELS, v, l) },
    { key: 'responsiblePerson', zh: '责任人', en: 'Responsible person' },
    { key: 'reviewDate', zh: '复评日期', en: 'Review date' },
  ],
  map: (r) => ({
    ...r, L: Number(r.L), E: r.E === null ? null : Number(r.E), C: r.C === null ? null : Number(r.C), S: r.S === null ? null : Number(r.S),
    score: Number(r.score), reviewDate: isoDate(r.reviewDate), updatedAt: isoTime(r.updatedAt),
  }) as RiskPoint,
};

export async function getRiskPoint(ctx: ServiceCtx, id: string): Promise<RiskPoint> {
  const p = await getResource(ctx.db, ctx.actor, riskPointsResource, id);
  if (!p) throw notFound();
  return p;
}

/** Grades the assessment, or answers field errors naming the allowed scores. */
function grade(ctx: ServiceCtx, a: RiskAssessmentInput) {
  const problems = assessmentProblems(a);
  if (problems.length) {
    throw validationFailed(problems.map((p) => ({
      path: `assessment/${p.field}`,
      message: ctx.locale === 'en-US' ? `must be one of ${p.allowed.join(', ')}` : `取值须为 ${p.allowed.join('、')} 之一`,
    })));
  }
  return riskLevel(a);
}

const scores = (a: RiskAssessmentInput) => (a.method === 'LEC' ? [a.L, a.E, a.C, null] : [a.L, null, null, a.S]);
const POINT = optionalPointSql('$16', '$17');
/** $1 … $18 in the column order of the INSERT and UPDATE below (the point is $16/$17, the review date $18). */
function values(orgId: string, p: Omit<RiskPointCreate, 'enterpriseId'>, g: ReturnType<typeof riskLevel>): unknown[] {
  return [orgId, p.name, p.position ?? null, p.hazardFactors, p.accidentTypes, p.assessment.method, ...scores(p.assessment), g.score, g.level,
    p.controlMeasures, p.responsibleLevel, p.responsiblePerson, p.point?.coordinates[0] ?? null, p.point?.coordinates[1] ?? null, p.reviewDate ?? null];
}

export async function createRiskPoint(ctx: ServiceCtx, input: RiskPointCreate): Promise<RiskPoint> {
  const e = await getEnterprise(ctx, input.enterpriseId);
  if (!canWriteAt(ctx.actor.scope, e.regionCode, e.id)) throw outOfScope(e.name);
  const g = grade(ctx, input.assessment);
  const id = await write(ctx, async (tx, audit) => {
    const { rows: dup } = await tx.query('SELECT 1 FROM risk_point WHERE org_id = $1 AND name = $2', [e.id, input.name]);
    if (dup.length) throw duplicate(ctx.locale === 'en-US' ? 'risk point name in this enterprise' : '本企业同名风险点', 'name');
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO risk_point (org_id, name, position, hazard_factors, accident_types, method, score_l, score_e, score_c, score_s, score, level,
         control_measures, responsible_level, responsible_person, review_date, point)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15, $18, ${POINT}) RETURNING id`,
      values(e.id, input, g));
    await audit({ action: 'create', entityType: 'risk_point', entityId: rows[0]!.id, regionCode: e.regionCode, orgId: e.id,
      summary: `${e.name} 新增风险点 ${input.name}：${g.labelZh}（${input.assessment.method} ${g.score}）`, after: { ...input, score: g.score, level: g.level } });
    return rows[0]!.id;
  });
  return getRiskPoint(ctx, id);
}

export async function updateRiskPoint(ctx: ServiceCtx, id: string, input: Static<typeof RiskPointUpdateSchema>): Promise<RiskPoint> {
  await write(ctx, async (tx, audit) => {
    await tx.query('SELECT 1 FROM risk_point WHERE id = $1::uuid FOR UPDATE', [id]);
    const b = await getRiskPoint({ ...ctx, db: tx }, id);
    if (!canWriteAt(ctx.actor.scope, b.regionCode, b.enterpriseId)) throw outOfScope(b.name);
    const prevAssessment: RiskAssessmentInput = b.method === 'LEC' ? { method: 'LEC', L: b.L, E: b.E!, C: b.C! } : { method: 'LS', L: b.L, S: b.S! };
    const prev = { name: b.name, position: b.position, hazardFactors: b.hazardFactors, accidentTypes: b.accidentTypes, assessment: prevAssessment,
      controlMeasures: b.controlMeasures, responsibleLevel: b.responsibleLevel, responsiblePerson: b.responsiblePerson, reviewDate: b.reviewDate, point: b.point };
    const next = { ...prev, ...input };
    const g = grade(ctx, next.assessment);
    if (next.name !== prev.name) {
      const { rows: dup } = await tx.query('SELECT 1 FROM risk_point WHERE org_id = $1 AND name = $2 AND id <> $3', [b.enterpriseId, next.name, id]);
      if (dup.length) throw duplicate(ctx.locale === 'en-US' ? 'risk point name in this enterprise' : '本企业同名风险点', 'name');
    }
    await tx.query(
      `UPDATE risk_point SET name=$2, position=$3, hazard_factors=$4, accident_types=$5, method=$6, score_l=$7, score_e=$8, score_c=$9, score_s=$10,
         score=$11, level=$12, control_measures=$13, responsible_level=$14, responsible_person=$15, point=${POINT}, review_date=$18, updated_at=now()
        WHERE id=$1`, [id, ...values(b.enterpriseId, next, g).slice(1)]);
    const d = diff({ ...prev, level: b.level } as Record<string, unknown>, { ...next, level: g.level } as Record<string, unknown>);
    await audit({ action: 'update', entityType: 'risk_point', entityId: id, regionCode: b.regionCode, orgId: b.enterpriseId,
      summary: `修改风险点 ${next.name}：${g.labelZh}（${next.assessment.method} ${g.score}）`, before: d.before, after: d.after });
  });
  return getRiskPoint(ctx, id);
}

const ScoreOptionSchema = Type.Object({ value: Type.Number({ description: '分值（保存的值）' }), label: Type.String({ description: '含义，按请求语言' }) });
export const RiskReferenceSchema = Type.Object({
  lec: Type.Object({ L: Type.Array(ScoreOptionSchema), E: Type.Array(ScoreOptionSchema), C: Type.Array(ScoreOptionSchema) }),
  ls: Type.Object({ L: Type.Array(ScoreOptionSchema), S: Type.Array(ScoreOptionSchema) }),
  accidentTypes: Type.Array(Type.Object({ code: Type.String({ description: 'GB 6441 代码（保存的值）' }), name: Type.String({ description: '事故类型名称，按请求语言' }) })),
  levels: Type.Array(Type.Object({ level: Type.String(), colour: Type.String(), label: Type.String({ description: '按请求语言' }) })),
}, { description: '标签随 Accept-Language（zh-CN 默认，en-US）变化；value / code / level 与语言无关' });

/** LS (risk matrix) scales 1–5: likelihood L and severity S. */
const LS_L: readonly (readonly [string, string])[] = [['极不可能', 'Extremely unlikely'], ['不太可能', 'Unlikely'], ['可能', 'Possible'], ['很可能', 'Likely'], ['几乎肯定', 'Almost certain']];
const LS_S: readonly (readonly [string, string])[] = [['轻微', 'Negligible'], ['较小', 'Minor'], ['中等', 'Moderate'], ['重大', 'Major'], ['特大', 'Catastrophic']];

/** The pickers' reference data, labelled in the caller's language; the values are what points store. */
export function riskReference(locale: Locale = 'zh-CN'): Static<typeof RiskReferenceSchema> {
  const en = locale === 'en-US';
  const opt = (o: readonly { value: number; labelZh: string; labelEn: string }[]) => o.map((x) => ({ value: x.value, label: en ? x.labelEn : x.labelZh }));
  const ls = (labels: typeof LS_L) => LS_SCORES.map((v) => ({ value: v, label: labels[v - 1]![en ? 1 : 0] }));
  return {
    lec: { L: opt(LEC_L_OPTIONS), E: opt(LEC_E_OPTIONS), C: opt(LEC_C_OPTIONS) },
    ls: { L: ls(LS_L), S: ls(LS_S) },
    accidentTypes: ACCIDENT_TYPES.map((a) => ({ code: a.code, name: en ? a.nameEn : a.name })),
    levels: RISK_LEVELS.map((l) => ({ level: l, colour: RISK_LEVEL_META[l].colour, label: en ? RISK_LEVEL_META[l].labelEn : RISK_LEVEL_META[l].labelZh })),
  };
}

// ---- Four-colour summary (四色图汇总) ----

export const RiskSummaryRowSchema = Type.Object({
  key: Type.String(), name: Type.String(), enterprises: Type.Integer(),
  major: Type.Integer(), large: Type.Integer(), general: Type.Integer(), low: Type.Integer(), unassessed: Type.Integer(),
  points: Type.Object({ major: Type.Integer(), large: Type.Integer(), general: Type.Integer(), low: Type.Integer() }),
});
export type RiskSummaryRow = Static<typeof RiskSummaryRowSchema>;

/**
 * Enterprises by their own level (the highest of their points) and risk points by level, grouped by
 * township/park (the region below the county that contains the enterprise) or by GB/T 4754 门类.
 */
export async function riskSummary(ctx: ServiceCtx, by: 'region' | 'industry'): Promise<RiskSummaryRow[]> {
  const params = new Params();
  const scope = scopeCondition(ctx.actor.scope, ENTERPRISE_SCOPE('o'), params);
  const group = by === 'region'
    ? `SELECT t.code AS key, t.name, t.sort FROM region t WHERE t.parent_code IN (SELECT code FROM region WHERE parent_code IS NULL) AND (e.path LIKE t.path || '%')`
    : `SELECT d.code AS key, d.name, 0 AS sort FROM dict_item d WHERE d.dict = 'industry' AND d.code = (SELECT c FROM unnest(o.industry_codes) c WHERE c ~ '^[A-T]$' LIMIT 1)`;
  const { rows } = await ctx.db.query<Record<string, unknown>>(
    `WITH ent AS (
       SELECT o.id, g.key, g.name, g.sort,
              ${RISK_RANK_SQL('o.id')} AS rank
         FROM org o JOIN region e ON e.code = o.region_code
         CROSS JOIN LATERAL (${group}) g
        WHERE o.type = 'enterprise' AND ${scope})
     SELECT ent.key, ent.name, min(ent.sort) AS sort, count(*)::int AS enterprises,
            count(*) FILTER (WHERE rank = 1)::int AS major, count(*) FILTER (WHERE rank = 2)::int AS large,
            count(*) FILTER (WHERE rank = 3)::int AS general, count(*) FILTER (WHERE rank = 4)::int AS low,
            count(*) FILTER (WHERE rank IS NULL)::int AS unassessed,
            (SELECT json_build_object(
                'major', count(*) FILTER (WHERE p.level = 'major'), 'large', count(*) FILTER (WHERE p.level = 'large'),
                'general', count(*) FILTER (WHERE p.level = 'general'), 'low', count(*) FILTER (WHERE p.level = 'low'))
               FROM risk_point p WHERE p.org_id = ANY(array_agg(ent.id))) AS points
       FROM ent GROUP BY ent.key, ent.name ORDER BY min(ent.sort), ent.key`, params.values);
  return rows.map(({ sort: _s, ...r }) => r as RiskSummaryRow);
}
