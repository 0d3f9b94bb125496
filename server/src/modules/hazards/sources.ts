import { Type, type Static } from 'typebox';
import { canWriteAt } from '../../platform/actor.ts';
import { diff, write, type ServiceCtx } from '../../platform/context.ts';
import { duplicate, notFound, outOfScope, validationFailed } from '../../platform/errors.ts';
import { asGeoJson, GeoPointSchema, optionalPointSql } from '../../platform/geo.ts';
import { getResource, type ResourceDef } from '../../platform/query.ts';
import { isoTime, nullable } from '../../platform/values.ts';
import { ENTERPRISE_SCOPE, getEnterprise } from './enterprises.ts';
import { assessMajorHazard, CATEGORY_TABLE, HAZARD_CATEGORIES, MAJOR_HAZARD_GRADE_LABELS, NAMED_CHEMICALS, type MajorHazardGrade } from './rules.ts';
import { pickLabel, type Locale } from '../../platform/i18n.ts';

// Major hazard sources (重大危险源), GB 18218-2018. The inputs (chemicals with their maximum quantities,
// people exposed) are kept; S, α, R and the grade are computed by rules.ts on every write and stored,
// so lists and maps can filter and sort by grade.

export const UNIT_TYPES = ['storage', 'production'] as const;
export const UNIT_TYPE_LABELS: Record<string, [string, string]> = { storage: ['储存单元', 'Storage unit'], production: ['生产单元', 'Production unit'] };

const ChemicalInSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 60 }),
  cas: Type.Optional(nullable(Type.String({ pattern: '^[0-9]{2,7}-[0-9]{2}-[0-9]$' }))),
  category: Type.String({ enum: [...HAZARD_CATEGORIES], description: 'GB 18218-2018 表 2 类别' }),
  quantityT: Type.Number({ minimum: 0, maximum: 1e7, description: '最大存在量 q（吨）' }),
  criticalQuantityT: Type.Optional(nullable(Type.Number({ exclusiveMinimum: 0, maximum: 1e6, description: '临界量 Q（吨）；缺省按表 1/表 2' }))),
}, { additionalProperties: false });
const ChemicalOutSchema = Type.Object({
  name: Type.String(), cas: nullable(Type.String()), category: Type.String(), quantityT: Type.Number(),
  criticalQuantityT: Type.Number(), beta: Type.Number(), ratio: Type.Number({ description: 'q/Q' }),
});

export const MajorHazardSchema = Type.Object({
  id: Type.String({ format: 'uuid' }), enterpriseId: Type.String(), enterpriseName: Type.String(), regionCode: Type.String(), regionName: Type.String(),
  name: Type.String(), unitType: Type.String({ enum: [...UNIT_TYPES] }), exposedPeople: Type.Integer(), chemicals: Type.Array(ChemicalOutSchema),
  s: Type.Number({ description: 'S = Σ q/Q；≥ 1 构成重大危险源' }), alpha: Type.Number(), r: Type.Number({ description: 'R = α Σ β q/Q' }),
  isMajorHazard: Type.Boolean(), grade: nullable(Type.Integer({ minimum: 1, maximum: 4 })),
  location: nullable(GeoPointSchema), note: nullable(Type.String()), isDemo: Type.Boolean(), updatedAt: Type.String({ format: 'date-time' }),
});
export type MajorHazard = Static<typeof MajorHazardSchema>;
export const MajorHazardCreateSchema = Type.Object({
  enterpriseId: Type.String({ format: 'uuid' }),
  name: Type.String({ minLength: 2, maxLength: 100 }),
  unitType: Type.String({ enum: [...UNIT_TYPES] }),
  exposedPeople: Type.Integer({ minimum: 0, maximum: 10_000_000, description: '厂区边界外 500 m 范围内常住人口（α 校正）' }),
  chemicals: Type.Array(ChemicalInSchema, { minItems: 1, maxItems: 50 }),
  location: Type.Optional(nullable(GeoPointSchema)),
  note: Type.Optional(nullable(Type.String({ maxLength: 1000 }))),
}, { additionalProperties: false });
export type MajorHazardCreate = Static<typeof MajorHazardCreateSchema>;
export const MajorHazardUpdateSchema = Type.Partial(Type.Omit(MajorHazardCreateSchema, ['enterpriseId']), { additionalProperties: false });

const gradeLabel = (v: unknown, l: string) => (v === null || v === undefined ? (l === 'en-US' ? 'not a major hazard' : '不构成') : MAJOR_HAZARD_GRADE_LABELS[Number(v) as MajorHazardGrade][l === 'en-US' ? 'en' : 'zh']);

export const majorHazardsResource: ResourceDef<MajorHazard> = {
  name: 'major-hazards',
  from: 'major_hazard_source m JOIN org o ON o.id = m.org_id JOIN region r ON r.code = o.region_code',
  select: `m.id, m.org_id AS "enterpriseId", o.name AS "enterpriseName", o.region_code AS "regionCode", r.name AS "regionName", m.name,
    m.unit_type AS "unitType", m.exposed_people AS "exposedPeople", m.chemicals, m.s, m.alpha, m.r, m.s >= 1 AS "isMajorHazard", m.grade,
    ${asGeoJson('coalesce(m.location, o.location)')} AS location, m.note, m.is_demo AS "isDemo", m.updated_at AS "updatedAt"`,
  idColumn: 'm.id',
  scope: ENTERPRISE_SCOPE('o'),
  filters: {
    enterpriseId: { sql: 'm.org_id::text', op: 'eq', format: 'uuid', description: '企业' },
    grade: { sql: 'm.grade', op: 'eq', type: 'integer', description: '等级（1–4）' },
    regionCode: { sql: 'o.region_code', op: 'within', description: '所属区域（含下级区域）' },
  },
  sorts: { grade: 'm.grade', r: 'm.r', name: 'm.name', updatedAt: 'm.updated_at' },
  defaultSort: 'grade,-r',
  search: ['m.name', 'o.name'],
  columns: [
    { key: 'enterpriseName', zh: '企业', en: 'Enterprise', width: 34 },
    { key: 'name', zh: '危险源名称', en: 'Source', width: 28 },
    { key: 'unitType', zh: '单元类型', en: 'Unit', format: (v, _r, l) => pickLabel(UNIT_TYPE_LABELS, v, l) },
    { key: 'chemicals', zh: '危险化学品（最大量 t / 临界量 t）', en: 'Chemicals (q t / Q t)', width: 40,
      format: (v) => (v as { name: string; quantityT: number; criticalQuantityT: number }[]).map((c) => `${c.name} ${c.quantityT}/${c.criticalQuantityT}`).join('；') },
    { key: 'exposedPeople', zh: '暴露人数', en: 'People exposed' },
    { key: 's', zh: 'S', en: 'S' },
    { key: 'r', zh: 'R', en: 'R' },
    { key: 'grade', zh: '等级', en: 'Grade', format: (v, _r, l) => gradeLabel(v, l) },
    { key: 'regionName', zh: '所属区域', en: 'Region' },
  ],
  map: (r) => ({ ...r, s: Number(r.s), alpha: Number(r.alpha), r: Number(r.r), updatedAt: isoTime(r.updatedAt) }) as MajorHazard,
};

export async function getMajorHazard(ctx: ServiceCtx, id: string): Promise<MajorHazard> {
  const m = await getResource(ctx.db, ctx.actor, majorHazardsResource, id);
  if (!m) throw notFound();
  return m;
}

/** S, α, R and grade of the inputs, with each chemical's Q, β and q/Q as stored. */
function assess(ctx: ServiceCtx, input: { chemicals: Static<typeof ChemicalInSchema>[]; exposedPeople: number }) {
  const items = input.chemicals.map((c) => ({ chemical: { name: c.name, cas: c.cas ?? undefined, category: c.category as (typeof HAZARD_CATEGORIES)[number], criticalQuantityT: c.criticalQuantityT ?? undefined }, quantityT: c.quantityT }));
  const names = input.chemicals.map((c) => c.name);
  const dup = names.findIndex((n, i) => names.indexOf(n) !== i);
  if (dup >= 0) throw validationFailed([{ path: `chemicals/${dup}/name`, message: ctx.locale === 'en-US' ? 'listed twice' : '同一化学品重复填写' }]);
  const a = assessMajorHazard({ items, exposedPeople: input.exposedPeople });
  const chemicals = a.items.map((it, i) => ({ name: it.name, cas: input.chemicals[i]!.cas ?? null, category: input.chemicals[i]!.category, quantityT: it.quantityT,
    criticalQuantityT: it.criticalQuantityT, beta: it.beta, ratio: Math.round(it.ratio * 1e6) / 1e6 }));
  return { s: a.s, alpha: a.alpha, r: a.r, grade: a.grade, chemicals };
}

const POINT = optionalPointSql('$8', '$9');

export async function createMajorHazard(ctx: ServiceCtx, input: MajorHazardCreate): Promise<MajorHazard> {
  const e = await getEnterprise(ctx, input.enterpriseId);
  if (!canWriteAt(ctx.actor.scope, e.regionCode, e.id)) throw outOfScope(e.name);
  const a = assess(ctx, input);
  const id = await write(ctx, async (tx, audit) => {
    const { rows: dup } = await tx.query('SELECT 1 FROM major_hazard_source WHERE org_id = $1 AND name = $2', [e.id, input.name]);
    if (dup.length) throw duplicate(ctx.locale === 'en-US' ? 'source name in this enterprise' : '本企业同名危险源', 'name');
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO major_hazard_source (org_id, name, unit_type, exposed_people, chemicals, s, alpha, location, r, grade, note)
       VALUES ($1,$2,$3,$4,$5,$6,$7, ${POINT}, $10, $11, $12) RETURNING id`,
      [e.id, input.name, input.unitType, input.exposedPeople, JSON.stringify(a.chemicals), a.s, a.alpha,
        input.location?.coordinates[0] ?? null, input.location?.coordinates[1] ?? null, a.r, a.grade, input.note ?? null]);
    await audit({ action: 'create', entityType: 'major_hazard', entityId: rows[0]!.id, regionCode: e.regionCode, orgId: e.id,
      summary: `${e.name} 登记危险源 ${input.name}：R = ${a.r}，${gradeLabel(a.grade, 'zh-CN')}`, after: { ...input, s: a.s, r: a.r, grade: a.grade } });
    return rows[0]!.id;
  });
  return getMajorHazard(ctx, id);
}

export async function updateMajorHazard(ctx: ServiceCtx, id: string, input: Static<typeof MajorHazardUpdateSchema>): Promise<MajorHazard> {
  await write(ctx, async (tx, audit) => {
    await tx.query('SELECT 1 FROM major_hazard_source WHERE id = $1::uuid FOR UPDATE', [id]);
    const b = await getMajorHazard({ ...ctx, db: tx }, id);
    if (!canWriteAt(ctx.actor.scope, b.regionCode, b.enterpriseId)) throw outOfScope(b.name);
    const prev = { name: b.name, unitType: b.unitType, exposedPeople: b.exposedPeople, location: b.location, note: b.note,
      chemicals: b.chemicals.map((c) => ({ name: c.name, cas: c.cas, category: c.category, quantityT: c.quantityT, criticalQuantityT: c.criticalQuantityT })) };
    const next = { ...prev, ...input };
    const a = assess(ctx, next);
    if (next.name !== prev.name) {
      const { rows: dup } = await tx.query('SELECT 1 FROM major_hazard_source WHERE org_id = $1 AND name = $2 AND id <> $3', [b.enterpriseId, next.name, id]);
      if (dup.length) throw duplicate(ctx.locale === 'en-US' ? 'source name in this enterprise' : '本企业同名危险源', 'name');
    }
    await tx.query(
      `UPDATE major_hazard_source SET name=$2, unit_type=$3, exposed_people=$4, chemicals=$5, s=$6, alpha=$7, location=${POINT}, r=$10, grade=$11, note=$12, updated_at=now()
        WHERE id=$1`,
      [id, next.name, next.unitType, next.exposedPeople, JSON.stringify(a.chemicals), a.s, a.alpha,
        next.location?.coordinates[0] ?? null, next.location?.coordinates[1] ?? null, a.r, a.grade, next.note ?? null]);
    const d = diff({ ...prev, r: b.r, grade: b.grade } as Record<string, unknown>, { ...next, r: a.r, grade: a.grade } as Record<string, unknown>);
    await audit({ action: 'update', entityType: 'major_hazard', entityId: id, regionCode: b.regionCode, orgId: b.enterpriseId,
      summary: `修改危险源 ${next.name}：R = ${a.r}，${gradeLabel(a.grade, 'zh-CN')}`, before: d.before, after: d.after });
  });
  return getMajorHazard(ctx, id);
}

export const MajorHazardReferenceSchema = Type.Object({
  categories: Type.Array(Type.Object({ code: Type.String(), label: Type.String({ description: '类别说明，按请求语言' }), criticalQuantityT: Type.Number(), beta: Type.Number() })),
  chemicals: Type.Array(Type.Object({
    name: Type.String({ description: '表 1 品名（中文，即保存与匹配所用名称）' }), label: Type.String({ description: '显示名称，按请求语言（zh-CN 即 name）' }),
    aliases: Type.Array(Type.String()), cas: Type.Array(Type.String()), category: Type.String(), criticalQuantityT: Type.Number(),
  })),
}, { description: '标签随 Accept-Language（zh-CN 默认，en-US）变化；code / name 与语言无关' });

/** The GB 18218 tables for pickers (categories of Table 2, chemicals of Table 1 that we carry), labelled in the caller's language. */
export function majorHazardReference(locale: Locale = 'zh-CN'): Static<typeof MajorHazardReferenceSchema> {
  const en = locale === 'en-US';
  return {
    categories: HAZARD_CATEGORIES.map((code) => {
      const c = CATEGORY_TABLE[code];
      return { code, label: en ? c.labelEn : c.labelZh, criticalQuantityT: c.criticalQuantityT, beta: c.beta };
    }),
    chemicals: NAMED_CHEMICALS.map((c) => ({
      name: c.nameZh, label: en ? c.nameEn : c.nameZh, aliases: [...c.aliases], cas: [...c.cas], category: c.category, criticalQuantityT: c.criticalQuantityT,
    })),
  };
}
