import { Type, type Static } from 'typebox';
import { canWriteAt, type Actor } from '../../platform/actor.ts';
import { write, type ServiceCtx } from '../../platform/context.ts';
import { AppError, notFound, outOfScope, validationFailed, type FieldError } from '../../platform/errors.ts';
import { asGeoJson, GeoPointSchema, optionalPointSql } from '../../platform/geo.ts';
import { FIELD_LABELS, registerFieldLabels, pickLabel } from '../../platform/i18n.ts';
import { getResource, type ResourceDef } from '../../platform/query.ts';
import { dateCell, isoTime, nullable } from '../../platform/values.ts';
import { ENTERPRISE_SCOPE, getEnterprise } from './enterprises.ts';
import { CATEGORIES, getHazard, reportHazard, type Hazard } from './hazards.ts';
import { qrSvg } from './qr.ts';

// Checks (隐患排查): templates per industry whose items carry their legal basis, and check records by
// the enterprise itself (自查), departments and inspectors (监督检查), township grid staff (网格员巡查) or
// experts engaged by the bureau (专家检查). A record copies the template's items with the answers, so
// editing a template never rewrites history; each failed item can become a hazard in one step.

export const CHECK_KINDS = ['self_check', 'inspection', 'grid', 'expert'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];
export const CHECK_KIND_LABELS: Record<CheckKind, [string, string]> = {
  self_check: ['企业自查', 'Self-check'], inspection: ['监督检查', 'Inspection'], grid: ['网格员巡查', 'Grid patrol'], expert: ['专家检查', 'Expert check'],
};
export const CHECK_RESULTS = ['pass', 'fail', 'na'] as const;

/** Field labels for validation messages, added only where the platform has none yet. */
export function registerLabelsOnce(labels: Record<string, [string, string]>): void {
  registerFieldLabels(Object.fromEntries(Object.entries(labels).filter(([k]) => !FIELD_LABELS[k])));
}
registerLabelsOnce({
  templateId: ['检查表', 'checklist'], items: ['检查项', 'items'], no: ['序号', 'number'], content: ['检查内容', 'content'], basis: ['检查依据', 'legal basis'],
  results: ['检查结果', 'results'], result: ['检查结论', 'result'], note: ['情况说明', 'note'], summary: ['检查小结', 'summary'], checkedAt: ['检查时间', 'checked at'],
  participants: ['参加人员', 'participants'], enterpriseId: ['企业', 'enterprise'], title: ['标题', 'title'], description: ['描述', 'description'],
  category: ['类别', 'category'], grade: ['等级', 'grade'], forHazchem: ['适用危化品企业', 'for hazchem enterprises'],
});

// ---- Templates (检查表) ----

export const CheckItemSchema = Type.Object({
  no: Type.Integer({ minimum: 1, maximum: 999, description: '序号（检查表内唯一）' }),
  content: Type.String({ minLength: 2, maxLength: 500, description: '检查内容' }),
  basis: Type.String({ minLength: 2, maxLength: 500, description: '检查依据（法律法规、标准条款）' }),
  grade: Type.Optional(Type.String({ enum: ['general', 'major'], description: '不符合时的隐患等级提示（判定标准条款为 major）' })),
  category: Type.Optional(Type.String({ enum: [...CATEGORIES], description: '不符合时的隐患类别提示' })),
}, { additionalProperties: false });
export type CheckItem = Static<typeof CheckItemSchema>;

export const CheckTemplateSchema = Type.Object({
  id: Type.String({ format: 'uuid' }), name: Type.String(), description: nullable(Type.String()),
  industryCodes: Type.Array(Type.String(), { description: 'GB/T 4754 行业代码；为空且非危化品专用时为通用检查表' }),
  forHazchem: Type.Boolean({ description: '适用于所有危险化学品企业（不论行业）' }),
  items: Type.Array(CheckItemSchema), itemCount: Type.Integer(), recordCount: Type.Integer({ description: '已使用的检查记录数' }),
  isDemo: Type.Boolean(), createdAt: Type.String({ format: 'date-time' }), updatedAt: Type.String({ format: 'date-time' }),
});
export type CheckTemplate = Static<typeof CheckTemplateSchema>;

export const checkTemplatesResource: ResourceDef<CheckTemplate> = {
  name: 'check-templates',
  from: 'check_template t',
  select: `t.id, t.name, t.description, t.industry_codes AS "industryCodes", t.for_hazchem AS "forHazchem", t.items, jsonb_array_length(t.items) AS "itemCount",
    (SELECT count(*)::int FROM check_record c WHERE c.template_id = t.id) AS "recordCount", t.is_demo AS "isDemo", t.created_at AS "createdAt", t.updated_at AS "updatedAt"`,
  idColumn: 't.id',
  // National/county checklists are reference data: everyone with risks:read reads all of them.
  scope: 'reference',
  filters: {
    industry: { sql: 't.industry_codes', op: 'contains', description: '行业代码（精确）' },
    forHazchem: { sql: 't.for_hazchem', op: 'eq', type: 'boolean', description: '危化品企业适用' },
  },
  sorts: { name: 't.name', updatedAt: 't.updated_at' },
  defaultSort: 'name',
  search: ['t.name', 't.description'],
  columns: [
    { key: 'name', zh: '检查表', en: 'Checklist', width: 36 },
    { key: 'industryCodes', zh: '适用行业', en: 'Industries' },
    { key: 'forHazchem', zh: '危化品企业适用', en: 'Hazchem', format: (v, _r, l) => (v ? (l === 'en-US' ? 'yes' : '是') : '') },
    { key: 'itemCount', zh: '检查项数', en: 'Items' },
    { key: 'recordCount', zh: '使用次数', en: 'Used' },
    { key: 'updatedAt', zh: '更新时间', en: 'Updated', format: dateCell },
  ],
  map: (r) => ({ ...r, createdAt: isoTime(r.createdAt), updatedAt: isoTime(r.updatedAt) }) as CheckTemplate,
};

/**
 * Does template t apply to enterprise o (with profile p)? A shared code (equal, or one numeric GB/T 4754
 * code a prefix of the other: 52 ↔ 5265), the hazchem flag, or a template naming no industry (通用).
 */
export const TEMPLATE_APPLIES = (t: string, o: string, p: string) => `(
  (cardinality(${t}.industry_codes) = 0 AND NOT ${t}.for_hazchem)
  OR (${t}.for_hazchem AND coalesce(${p}.hazchem, false))
  OR EXISTS (SELECT 1 FROM unnest(${t}.industry_codes) tc, unnest(${o}.industry_codes) ec
              WHERE ec = tc OR (tc ~ '^[0-9]+$' AND ec ~ '^[0-9]+$' AND (ec LIKE tc || '%' OR tc LIKE ec || '%'))))`;

export async function getCheckTemplate(ctx: ServiceCtx, id: string): Promise<CheckTemplate> {
  const t = await getResource(ctx.db, ctx.actor, checkTemplatesResource, id);
  if (!t) throw notFound();
  return t;
}

/** The templates that apply to an enterprise the actor can see (its industries, hazchem flag, general ones). */
export async function applicableTemplates(ctx: ServiceCtx, enterpriseId: string): Promise<CheckTemplate[]> {
  const e = await getEnterprise(ctx, enterpriseId);
  const { rows } = await ctx.db.query<Record<string, unknown>>(
    `SELECT ${checkTemplatesResource.select} FROM check_template t, org o LEFT JOIN enterprise_profile p ON p.org_id = o.id
      WHERE o.id = $1 AND ${TEMPLATE_APPLIES('t', 'o', 'p')} ORDER BY t.for_hazchem DESC, cardinality(t.industry_codes) = 0, t.name`, [e.id]);
  return rows.map((r) => checkTemplatesResource.map!(r));
}

export const CheckTemplateCreateSchema = Type.Object({
  name: Type.String({ minLength: 2, maxLength: 100 }),
  description: Type.Optional(nullable(Type.String({ maxLength: 1000 }))),
  industryCodes: Type.Array(Type.String({ pattern: '^([A-T]|[0-9]{2,4})$' }), { maxItems: 30, uniqueItems: true }),
  forHazchem: Type.Optional(Type.Boolean()),
  items: Type.Array(CheckItemSchema, { minItems: 1, maxItems: 200 }),
}, { additionalProperties: false });
export type CheckTemplateCreate = Static<typeof CheckTemplateCreateSchema>;
export const CheckTemplateUpdateSchema = Type.Partial(CheckTemplateCreateSchema, { additionalProperties: false });

const industryWithin = (code: string, allowed: readonly string[]) =>
  allowed.some((a) => code === a || (/^[0-9]+$/.test(a) && /^[0-9]+$/.test(code) && code.startsWith(a)));

/**
 * Who maintains checklists: county-level bureau accounts (admin, 业务科室) for every template; a
 * department regulator only templates all of whose industries lie within its own, never the
 * hazchem-wide ones (危化品 safety is the bureau's remit). Townships, enterprises and inspectors use them.
 */
export function assertTemplateWriter(ctx: ServiceCtx, t: { industryCodes: readonly string[]; forHazchem: boolean }): void {
  const a: Actor = ctx.actor;
  const en = ctx.locale === 'en-US';
  const what = en ? 'checklists are kept by the county bureau or the departments' : '检查表由县应急管理局或行业部门维护';
  if (a.scope.regionCodes !== null || a.scope.orgId !== null) throw outOfScope(what);
  if (a.roles.includes('admin') || a.roles.includes('bureau_staff')) return;
  if (!a.roles.includes('regulator')) throw outOfScope(what);
  const own = a.scope.industries ?? [];
  if (a.scope.industries === null) return; // a regulator who is also a county-wide role
  if (t.forHazchem || !t.industryCodes.length || !t.industryCodes.every((c) => industryWithin(c, own))) {
    throw outOfScope(en ? 'a department keeps only checklists of its own industries' : '行业部门只能维护本行业的检查表');
  }
}

function itemProblems(items: readonly CheckItem[], en: boolean): FieldError[] {
  const seen = new Set<number>();
  const out: FieldError[] = [];
  items.forEach((it, i) => {
    if (seen.has(it.no)) out.push({ path: `items/${i}/no`, message: en ? `number ${it.no} is used twice` : `序号 ${it.no} 重复` });
    seen.add(it.no);
  });
  return out;
}

export async function createCheckTemplate(ctx: ServiceCtx, input: CheckTemplateCreate): Promise<CheckTemplate> {
  const t = { industryCodes: input.industryCodes, forHazchem: input.forHazchem ?? false };
  assertTemplateWriter(ctx, t);
  const problems = itemProblems(input.items, ctx.locale === 'en-US');
  if (problems.length) throw validationFailed(problems);
  const id = await write(ctx, async (tx, audit) => {
    const { rows } = await tx.query<{ id: string }>(
      'INSERT INTO check_template (name, description, industry_codes, for_hazchem, items) VALUES ($1,$2,$3,$4,$5) RETURNING id',
      [input.name, input.description ?? null, t.industryCodes, t.forHazchem, JSON.stringify(input.items)]);
    await audit({ action: 'create', entityType: 'check_template', entityId: rows[0]!.id, summary: `新建检查表 ${input.name}（${input.items.length} 项）`, after: input });
    return rows[0]!.id;
  });
  return getCheckTemplate(ctx, id);
}

/** Edits a template; records already made keep the items they were made with. */
export async function updateCheckTemplate(ctx: ServiceCtx, id: string, input: Static<typeof CheckTemplateUpdateSchema>): Promise<CheckTemplate> {
  await write(ctx, async (tx, audit) => {
    await tx.query('SELECT 1 FROM check_template WHERE id = $1::uuid FOR UPDATE', [id]);
    const b = await getCheckTemplate({ ...ctx, db: tx }, id);
    assertTemplateWriter(ctx, b);
    const next = { name: input.name ?? b.name, description: input.description === undefined ? b.description : input.description,
      industryCodes: input.industryCodes ?? b.industryCodes, forHazchem: input.forHazchem ?? b.forHazchem, items: input.items ?? b.items };
    assertTemplateWriter(ctx, next);
    const problems = itemProblems(next.items, ctx.locale === 'en-US');
    if (problems.length) throw validationFailed(problems);
    await tx.query('UPDATE check_template SET name=$2, description=$3, industry_codes=$4, for_hazchem=$5, items=$6, updated_at=now() WHERE id=$1',
      [id, next.name, next.description, next.industryCodes, next.forHazchem, JSON.stringify(next.items)]);
    const { id: _i, itemCount: _c, recordCount: _r, isDemo: _d, createdAt: _ca, updatedAt: _u, ...before } = b;
    await audit({ action: 'update', entityType: 'check_template', entityId: id, summary: `修改检查表 ${next.name}`, before, after: input });
  });
  return getCheckTemplate(ctx, id);
}

/** Deletes a template nobody has used yet; a used one stays (its records refer to it). */
export async function deleteCheckTemplate(ctx: ServiceCtx, id: string): Promise<void> {
  await write(ctx, async (tx, audit) => {
    await tx.query('SELECT 1 FROM check_template WHERE id = $1::uuid FOR UPDATE', [id]);
    const b = await getCheckTemplate({ ...ctx, db: tx }, id);
    assertTemplateWriter(ctx, b);
    if (b.recordCount > 0) {
      throw new AppError(409, 'invalid_state', { detail: ctx.locale === 'en-US' ? `used by ${b.recordCount} check records` : `已有 ${b.recordCount} 条检查记录使用该检查表，不能删除` });
    }
    await tx.query('DELETE FROM check_template WHERE id = $1', [id]);
    await audit({ action: 'delete', entityType: 'check_template', entityId: id, summary: `删除检查表 ${b.name}`, before: { name: b.name, industryCodes: b.industryCodes, items: b.items.length } });
  });
}

// ---- Check records (检查记录) ----

export const CheckResultSchema = Type.Object({
  no: Type.Integer(), content: Type.String(), basis: Type.String(),
  grade: nullable(Type.String({ enum: ['general', 'major'] })), category: nullable(Type.String()),
  result: Type.String({ enum: [...CHECK_RESULTS] }), note: nullable(Type.String()),
  hazardId: nullable(Type.String({ format: 'uuid' })), hazardCode: nullable(Type.String()), hazardStatus: nullable(Type.String()),
});
export type CheckResult = Static<typeof CheckResultSchema>;

export const CheckRecordSchema = Type.Object({
  id: Type.String({ format: 'uuid' }), enterpriseId: Type.String(), enterpriseName: Type.String(), regionCode: Type.String(), regionName: Type.String(),
  templateId: Type.String(), templateName: Type.String(), kind: Type.String({ enum: [...CHECK_KINDS] }),
  checkedByName: Type.String(), checkerOrgName: nullable(Type.String()), participants: nullable(Type.String()), checkedAt: Type.String({ format: 'date-time' }),
  results: Type.Array(CheckResultSchema), passCount: Type.Integer(), failCount: Type.Integer(), naCount: Type.Integer(),
  hazardCount: Type.Integer({ description: '已转为隐患的不符合项数' }), openFailures: Type.Integer({ description: '尚未转为隐患的不符合项数' }),
  summary: nullable(Type.String()), location: nullable(GeoPointSchema), isDemo: Type.Boolean(), createdAt: Type.String({ format: 'date-time' }),
});
export type CheckRecord = Static<typeof CheckRecordSchema>;

const LINKED = "(SELECT count(*)::int FROM jsonb_array_elements(c.results) e WHERE e->>'hazardId' IS NOT NULL)";

export const checksResource: ResourceDef<CheckRecord> = {
  name: 'checks',
  from: 'check_record c JOIN org o ON o.id = c.org_id JOIN region r ON r.code = o.region_code LEFT JOIN org co ON co.id = c.checker_org_id',
  select: `c.id, c.org_id AS "enterpriseId", o.name AS "enterpriseName", o.region_code AS "regionCode", r.name AS "regionName",
    c.template_id AS "templateId", c.template_name AS "templateName", c.kind, c.checked_by_name AS "checkedByName", co.name AS "checkerOrgName",
    c.participants, c.checked_at AS "checkedAt",
    (SELECT coalesce(jsonb_agg(x.e || jsonb_build_object('hazardCode', h.code, 'hazardStatus', h.status) ORDER BY x.ord), '[]'::jsonb)
       FROM jsonb_array_elements(c.results) WITH ORDINALITY AS x(e, ord) LEFT JOIN hazard h ON h.id::text = x.e->>'hazardId') AS results,
    c.pass_count AS "passCount", c.fail_count AS "failCount", c.na_count AS "naCount", ${LINKED} AS "hazardCount", c.fail_count - ${LINKED} AS "openFailures",
    c.summary, ${asGeoJson('c.location')} AS location, c.is_demo AS "isDemo", c.created_at AS "createdAt"`,
  idColumn: 'c.id',
  // The enterprise's region and the enterprise itself; regulators the enterprises of their industries.
  scope: ENTERPRISE_SCOPE('o'),
  filters: {
    enterpriseId: { sql: 'c.org_id::text', op: 'eq', format: 'uuid', description: '企业' },
    kind: { sql: 'c.kind', op: 'eq', enum: CHECK_KINDS, description: '检查类型' },
    templateId: { sql: 'c.template_id::text', op: 'eq', format: 'uuid', description: '检查表' },
    regionCode: { sql: 'o.region_code', op: 'within', description: '所属区域（含下级区域）' },
    failed: { sql: '(c.fail_count > 0)', op: 'eq', type: 'boolean', description: '有不符合项' },
    from: { sql: 'c.checked_at', op: 'gte', format: 'date-time', description: '检查时间起' },
    to: { sql: 'c.checked_at', op: 'lte', format: 'date-time', description: '检查时间止' },
  },
  sorts: { checkedAt: 'c.checked_at', enterpriseName: 'o.name', failCount: 'c.fail_count' },
  defaultSort: '-checkedAt',
  search: ['o.name', 'c.template_name', 'c.checked_by_name'],
  columns: [
    { key: 'checkedAt', zh: '检查时间', en: 'Checked at', format: dateCell },
    { key: 'enterpriseName', zh: '企业', en: 'Enterprise', width: 32 },
    { key: 'regionName', zh: '所属区域', en: 'Region' },
    { key: 'kind', zh: '检查类型', en: 'Kind', format: (v, _r, l) => pickLabel(CHECK_KIND_LABELS, v, l) },
    { key: 'templateName', zh: '检查表', en: 'Checklist', width: 30 },
    { key: 'checkedByName', zh: '检查人', en: 'Checked by' },
    { key: 'checkerOrgName', zh: '检查单位', en: 'Checking unit', width: 24 },
    { key: 'passCount', zh: '符合', en: 'Pass' },
    { key: 'failCount', zh: '不符合', en: 'Fail' },
    { key: 'naCount', zh: '不涉及', en: 'N/A' },
    { key: 'hazardCount', zh: '已转隐患', en: 'Hazards' },
    { key: 'summary', zh: '检查小结', en: 'Summary', width: 40 },
  ],
  map: (r) => ({ ...r, checkedAt: isoTime(r.checkedAt), createdAt: isoTime(r.createdAt) }) as CheckRecord,
};

export async function getCheck(ctx: ServiceCtx, id: string): Promise<CheckRecord> {
  const c = await getResource(ctx.db, ctx.actor, checksResource, id);
  if (!c) throw notFound();
  return c;
}

const COUNTY_ROLES = ['admin', 'bureau_staff', 'regulator', 'inspector'];

/**
 * The kind of a check follows who records it: an enterprise account → 企业自查, a department,
 * inspector or bureau account → 监督检查, a township/park account → 网格员巡查. Only bureau
 * accounts (admin, 业务科室) may record a 专家检查 (experts engaged by the bureau). null = may not record.
 */
export function checkKindFor(actor: Pick<Actor, 'roles' | 'scope'>, requested?: CheckKind): CheckKind | null {
  const derived: CheckKind | null = actor.scope.orgId !== null ? 'self_check'
    : actor.roles.some((r) => COUNTY_ROLES.includes(r)) ? 'inspection'
      : actor.roles.includes('township') ? 'grid' : null;
  if (!requested || requested === derived) return derived;
  if (requested === 'expert' && actor.scope.orgId === null && actor.roles.some((r) => r === 'admin' || r === 'bureau_staff')) return 'expert';
  return null;
}

export const CheckCreateSchema = Type.Object({
  enterpriseId: Type.String({ format: 'uuid' }),
  templateId: Type.String({ format: 'uuid' }),
  kind: Type.Optional(Type.String({ enum: [...CHECK_KINDS], description: '缺省按登记人角色；应急局可选 expert（专家检查）' })),
  checkedAt: Type.Optional(Type.String({ format: 'date-time' })),
  participants: Type.Optional(nullable(Type.String({ maxLength: 200, description: '参加检查人员（如专家姓名）' }))),
  results: Type.Array(Type.Object({
    no: Type.Integer({ minimum: 1 }),
    result: Type.String({ enum: [...CHECK_RESULTS] }),
    note: Type.Optional(nullable(Type.String({ maxLength: 2000 }))),
  }, { additionalProperties: false }), { minItems: 1, maxItems: 200 }),
  summary: Type.Optional(nullable(Type.String({ maxLength: 2000 }))),
  location: Type.Optional(nullable(GeoPointSchema)),
}, { additionalProperties: false });
export type CheckCreate = Static<typeof CheckCreateSchema>;

/** Every template item answered exactly once; a failed item says what was found. */
function answerProblems(items: readonly CheckItem[], results: CheckCreate['results'], en: boolean): FieldError[] {
  const out: FieldError[] = [];
  const known = new Set(items.map((i) => i.no));
  const seen = new Set<number>();
  results.forEach((r, i) => {
    if (!known.has(r.no)) out.push({ path: `results/${i}/no`, message: en ? `the checklist has no item ${r.no}` : `检查表没有第 ${r.no} 项` });
    else if (seen.has(r.no)) out.push({ path: `results/${i}/no`, message: en ? `item ${r.no} answered twice` : `第 ${r.no} 项重复填写` });
    seen.add(r.no);
    if (r.result === 'fail' && (r.note ?? '').trim().length < 2) out.push({ path: `results/${i}/note`, message: en ? 'describe what was found' : '不符合项须填写情况说明' });
  });
  const missing = items.filter((i) => !seen.has(i.no)).map((i) => i.no);
  if (missing.length) out.push({ path: 'results', message: en ? `items not answered: ${missing.join(', ')}` : `以下检查项未填写：第 ${missing.join('、')} 项` });
  return out;
}

/** Records a check of an enterprise the actor may write at, on a template that applies to it. */
export async function recordCheck(ctx: ServiceCtx, input: CheckCreate): Promise<CheckRecord> {
  const en = ctx.locale === 'en-US';
  const e = await getEnterprise(ctx, input.enterpriseId);
  if (!canWriteAt(ctx.actor.scope, e.regionCode, e.id)) throw outOfScope(e.name);
  const kind = checkKindFor(ctx.actor, input.kind as CheckKind | undefined);
  if (!kind) {
    const derived = checkKindFor(ctx.actor);
    throw validationFailed([{ path: 'kind', message: derived
      ? (en ? `you record checks of kind ${derived}; expert checks are recorded by the bureau` : `您登记的检查类型为「${CHECK_KIND_LABELS[derived][0]}」；专家检查由县应急管理局登记`)
      : (en ? 'your role does not record checks' : '您的角色不能登记检查') }]);
  }
  if (input.checkedAt && new Date(input.checkedAt).getTime() > Date.now() + 5 * 60_000) {
    throw validationFailed([{ path: 'checkedAt', message: en ? 'cannot be in the future' : '检查时间不能晚于当前时间' }]);
  }
  const { rows: tpl } = await ctx.db.query<{ name: string; items: CheckItem[]; applies: boolean }>(
    `SELECT t.name, t.items, ${TEMPLATE_APPLIES('t', 'o', 'p')} AS applies
       FROM check_template t, org o LEFT JOIN enterprise_profile p ON p.org_id = o.id WHERE t.id = $1 AND o.id = $2`, [input.templateId, e.id]);
  const t = tpl[0];
  if (!t) throw validationFailed([{ path: 'templateId', message: en ? 'no such checklist' : '检查表不存在' }]);
  if (!t.applies) throw validationFailed([{ path: 'templateId', message: en ? `not a checklist for the industries of ${e.name}` : `该检查表不适用于${e.name}的行业` }]);
  const problems = answerProblems(t.items, input.results, en);
  if (problems.length) throw validationFailed(problems);
  const answers = new Map(input.results.map((r) => [r.no, r]));
  const results = t.items.map((it) => {
    const a = answers.get(it.no)!;
    return { no: it.no, content: it.content, basis: it.basis, grade: it.grade ?? null, category: it.category ?? null, result: a.result, note: a.note?.trim() || null, hazardId: null };
  });
  const count = (x: string) => results.filter((r) => r.result === x).length;
  const id = await write(ctx, async (tx, audit) => {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO check_record (org_id, template_id, template_name, kind, checked_by, checked_by_name, checker_org_id, participants, checked_at, results,
         pass_count, fail_count, na_count, summary, location)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8, coalesce($9::timestamptz, now()), $10, $11, $12, $13, $14,
               ${optionalPointSql('$15', '$16')}) RETURNING id`,
      [e.id, input.templateId, t.name, kind, ctx.actor.kind === 'user' ? ctx.actor.id : null, ctx.actor.displayName, ctx.actor.orgId, input.participants ?? null,
        input.checkedAt ?? null, JSON.stringify(results), count('pass'), count('fail'), count('na'), input.summary ?? null,
        input.location?.coordinates[0] ?? null, input.location?.coordinates[1] ?? null]);
    await audit({ action: 'create', entityType: 'check_record', entityId: rows[0]!.id, regionCode: e.regionCode, orgId: e.id,
      summary: `${CHECK_KIND_LABELS[kind][0]} ${e.name}：${t.name}，不符合 ${count('fail')} 项`,
      after: { templateId: input.templateId, kind, pass: count('pass'), fail: count('fail'), na: count('na'), failed: results.filter((r) => r.result === 'fail').map((r) => r.no) } });
    return rows[0]!.id;
  });
  return getCheck(ctx, id);
}

export const ItemHazardSchema = Type.Object({
  title: Type.Optional(Type.String({ minLength: 2, maxLength: 100, description: '缺省为检查内容' })),
  description: Type.Optional(Type.String({ minLength: 2, maxLength: 4000, description: '缺省为情况说明与检查依据' })),
  category: Type.Optional(Type.String({ enum: [...CATEGORIES] })),
  grade: Type.Optional(Type.String({ enum: ['general', 'major'], description: '缺省为检查项的等级提示，否则一般隐患' })),
}, { additionalProperties: false });
export type ItemHazard = Static<typeof ItemHazardSchema>;

const clip = (s: string, n: number) => ([...s].length <= n ? s : `${[...s].slice(0, n - 1).join('')}…`);

/**
 * Turns a failed item into a hazard (待整改) in one transaction: the hazard is reported through the
 * closed loop's own reportHazard (source 企业自查 for a self-check, 监督检查 otherwise; found at the
 * check's time and place) and its id is written into the item. Passed, not-applicable and already
 * converted items are refused.
 */
export async function hazardFromCheckItem(ctx: ServiceCtx, id: string, no: number, input: ItemHazard): Promise<Hazard> {
  const en = ctx.locale === 'en-US';
  const hazardId = await write(ctx, async (tx, audit) => {
    await tx.query('SELECT 1 FROM check_record WHERE id = $1::uuid FOR UPDATE', [id]);
    const c = await getCheck({ ...ctx, db: tx }, id);
    if (!canWriteAt(ctx.actor.scope, c.regionCode, c.enterpriseId)) throw outOfScope(c.enterpriseName);
    const item = c.results.find((r) => r.no === no);
    if (!item) throw notFound();
    if (item.result !== 'fail') throw new AppError(409, 'invalid_state', { detail: en ? 'only a failed item becomes a hazard' : '只有不符合项可以转为隐患' });
    if (item.hazardId) throw new AppError(409, 'invalid_state', { detail: en ? `already reported as hazard ${item.hazardCode ?? ''}` : `该项已转为隐患 ${item.hazardCode ?? ''}` });
    const h = await reportHazard({ ...ctx, db: tx }, {
      enterpriseId: c.enterpriseId,
      title: input.title ?? clip(item.content, 100),
      description: input.description ?? clip(`${item.note ?? item.content}（${c.templateName} 第 ${no} 项；依据：${item.basis}）`, 4000),
      category: input.category ?? item.category ?? 'other',
      grade: input.grade ?? item.grade ?? 'general',
      source: c.kind === 'self_check' ? 'self_check' : 'inspection',
      foundAt: c.checkedAt,
      location: c.location,
    });
    await tx.query(
      `UPDATE check_record SET results = (
         SELECT jsonb_agg(CASE WHEN (x.e->>'no')::int = $2 THEN x.e || jsonb_build_object('hazardId', $3::text) ELSE x.e END ORDER BY x.ord)
           FROM jsonb_array_elements(results) WITH ORDINALITY AS x(e, ord)) WHERE id = $1`, [id, no, h.id]);
    await audit({ action: 'check_item_hazard', entityType: 'check_record', entityId: id, regionCode: c.regionCode, orgId: c.enterpriseId,
      summary: `${c.enterpriseName} ${c.templateName} 第 ${no} 项不符合，转为隐患 ${h.code}`, after: { no, hazardId: h.id, hazardCode: h.code } });
    return h.id;
  });
  return getHazard(ctx, hazardId);
}

// ---- QR code per enterprise ----

/** The page a scan opens: the enterprise's file with a new check started. */
export const enterpriseCheckUrl = (base: string, id: string) => `${base.replace(/\/+$/, '')}/risks/enterprises?open=${encodeURIComponent(id)}&check=1`;

/** A printable SVG QR code for an enterprise the actor can see. */
export async function enterpriseQr(ctx: ServiceCtx, id: string, baseUrl: string): Promise<{ svg: string; name: string }> {
  const e = await getEnterprise(ctx, id);
  const svg = await qrSvg(enterpriseCheckUrl(baseUrl, e.id), [e.name, ctx.locale === 'en-US' ? 'Scan to open the file and start a check' : '扫码查看企业档案并开始检查']);
  return { svg, name: e.name };
}
