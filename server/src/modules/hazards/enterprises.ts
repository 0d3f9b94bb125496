import { Type, type Static } from 'typebox';
import { canWriteAt } from '../../platform/actor.ts';
import { diff, write, type ServiceCtx } from '../../platform/context.ts';
import { AppError, notFound, outOfScope, validationFailed } from '../../platform/errors.ts';
import { asGeoJson, GeoPointSchema } from '../../platform/geo.ts';
import { getResource, type ResourceDef } from '../../platform/query.ts';
import { isoDate, isoTime, nullable } from '../../platform/values.ts';
import { createOrg, updateOrg, type OrgCreate } from '../orgs/service.ts';
import { RISK_LEVEL_META, RISK_LEVELS } from './rules.ts';
import { pickLabel } from '../../platform/i18n.ts';

// The enterprise registry (一企一档): an organisation of type 'enterprise' (identity, industry, region,
// location) plus a profile (scale, contacts, standardisation, hazchem flag, regulating departments)
// and licences. Risk level and major-hazard figures are derived from the enterprise's risk points and
// sources on read, so they can never disagree with them.

export const SCALES = ['large', 'medium', 'small', 'micro'] as const;
export const SCALE_LABELS: Record<string, [string, string]> = { large: ['大型', 'Large'], medium: ['中型', 'Medium'], small: ['小型', 'Small'], micro: ['微型', 'Micro'] };
export const RISK_LEVEL_LABELS: Record<string, [string, string]> = Object.fromEntries(RISK_LEVELS.map((l) => [l, [RISK_LEVEL_META[l].labelZh, RISK_LEVEL_META[l].labelEn]]));

/** Rank of the most severe risk point of an organisation: 1 重大 … 4 低, NULL when it has none. */
export const RISK_RANK_SQL = (org: string) => `(SELECT min(CASE rp.level WHEN 'major' THEN 1 WHEN 'large' THEN 2 WHEN 'general' THEN 3 ELSE 4 END) FROM risk_point rp WHERE rp.org_id = ${org})`;
/** The enterprise's own level: that of its most severe risk point. */
const LEVEL_SQL = (org: string) => `((ARRAY['major','large','general','low'])[${RISK_RANK_SQL(org)}])`;

export const EnterpriseSchema = Type.Object({
  id: Type.String({ format: 'uuid' }), name: Type.String(), shortName: nullable(Type.String()), creditCode: nullable(Type.String()),
  regionCode: Type.String(), regionName: Type.String(), industryCodes: Type.Array(Type.String()), address: nullable(Type.String()),
  location: nullable(GeoPointSchema), contactName: nullable(Type.String()), contactPhone: nullable(Type.String()),
  scale: nullable(Type.String({ enum: [...SCALES] })), employees: nullable(Type.Integer()),
  legalRep: nullable(Type.String()), legalRepPhone: nullable(Type.String()), safetyManager: nullable(Type.String()), safetyManagerPhone: nullable(Type.String()),
  standardLevel: nullable(Type.Integer({ minimum: 1, maximum: 3, description: '安全生产标准化等级（一/二/三级）' })), hazchem: Type.Boolean({ description: '危险化学品企业' }),
  regulatorOrgIds: Type.Array(Type.String()), regulatorNames: Type.Array(Type.String()),
  riskLevel: nullable(Type.String({ enum: [...RISK_LEVELS], description: '企业风险等级：风险点中最高的等级' })),
  riskPointCount: Type.Integer(), majorHazardCount: Type.Integer(),
  majorHazardGrade: nullable(Type.Integer({ minimum: 1, maximum: 4, description: '最高重大危险源等级（1 = 一级）' })),
  licencesExpiring: Type.Integer({ description: '已过期或 90 天内到期的证照数' }),
  isDemo: Type.Boolean(), updatedAt: Type.String({ format: 'date-time' }),
});
export type Enterprise = Static<typeof EnterpriseSchema>;

const phone = Type.String({ pattern: '^[0-9+\\- ]{5,20}$' });
const profileFields = {
  scale: Type.Optional(nullable(Type.String({ enum: [...SCALES] }))),
  employees: Type.Optional(nullable(Type.Integer({ minimum: 0, maximum: 1_000_000 }))),
  legalRep: Type.Optional(nullable(Type.String({ maxLength: 30 }))), legalRepPhone: Type.Optional(nullable(phone)),
  safetyManager: Type.Optional(nullable(Type.String({ maxLength: 30 }))), safetyManagerPhone: Type.Optional(nullable(phone)),
  standardLevel: Type.Optional(nullable(Type.Integer({ minimum: 1, maximum: 3 }))),
  hazchem: Type.Optional(Type.Boolean()),
  regulatorOrgIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 10, uniqueItems: true })),
};
export const EnterpriseCreateSchema = Type.Object({
  name: Type.String({ minLength: 2, maxLength: 100 }),
  shortName: Type.Optional(nullable(Type.String({ maxLength: 30 }))),
  creditCode: Type.String({ pattern: '^[0-9A-Z]{18}$', description: '统一社会信用代码（GB 32100，含校验位）' }),
  regionCode: Type.String({ pattern: '^[0-9]{12}$' }),
  industryCodes: Type.Array(Type.String({ pattern: '^([A-T]|[0-9]{2,4})$' }), { minItems: 1, maxItems: 30, uniqueItems: true }),
  address: Type.Optional(nullable(Type.String({ maxLength: 200 }))),
  location: Type.Optional(nullable(GeoPointSchema)),
  contactName: Type.Optional(nullable(Type.String({ maxLength: 30 }))),
  contactPhone: Type.Optional(nullable(phone)),
  ...profileFields,
}, { additionalProperties: false });
export type EnterpriseCreate = Static<typeof EnterpriseCreateSchema>;
export const EnterpriseUpdateSchema = Type.Partial(EnterpriseCreateSchema, { additionalProperties: false });
export type EnterpriseUpdate = Static<typeof EnterpriseUpdateSchema>;

/** Scope of every dual-prevention record: its enterprise's region, the enterprise itself, and its industries for regulators. */
export const ENTERPRISE_SCOPE = (o: string) => ({ region: `${o}.region_code`, org: `${o}.id`, industry: (p: string) => `${o}.industry_codes && ${p}` });

export const enterprisesResource: ResourceDef<Enterprise> = {
  name: 'enterprises',
  from: 'org o JOIN region r ON r.code = o.region_code LEFT JOIN enterprise_profile p ON p.org_id = o.id',
  where: "o.type = 'enterprise'",
  select: `o.id, o.name, o.short_name AS "shortName", o.credit_code AS "creditCode", o.region_code AS "regionCode", r.name AS "regionName",
    o.industry_codes AS "industryCodes", o.address, ${asGeoJson('o.location')} AS location, o.contact_name AS "contactName", o.contact_phone AS "contactPhone",
    p.scale, p.employees, p.legal_rep AS "legalRep", p.legal_rep_phone AS "legalRepPhone", p.safety_manager AS "safetyManager",
    p.safety_manager_phone AS "safetyManagerPhone", p.standard_level AS "standardLevel", coalesce(p.hazchem, false) AS hazchem,
    coalesce(p.regulator_org_ids, '{}') AS "regulatorOrgIds",
    coalesce((SELECT array_agg(g.name ORDER BY g.name) FROM org g WHERE g.id = ANY(p.regulator_org_ids)), '{}') AS "regulatorNames",
    ${LEVEL_SQL('o.id')} AS "riskLevel",
    (SELECT count(*)::int FROM risk_point rp WHERE rp.org_id = o.id) AS "riskPointCount",
    (SELECT count(*)::int FROM major_hazard_source m WHERE m.org_id = o.id AND m.grade IS NOT NULL) AS "majorHazardCount",
    (SELECT min(m.grade)::int FROM major_hazard_source m WHERE m.org_id = o.id) AS "majorHazardGrade",
    (SELECT count(*)::int FROM enterprise_licence l WHERE l.org_id = o.id AND l.valid_to < current_date + 90) AS "licencesExpiring",
    o.is_demo AS "isDemo", greatest(o.updated_at, p.updated_at) AS "updatedAt"`,
  idColumn: 'o.id',
  scope: ENTERPRISE_SCOPE('o'),
  filters: {
    regionCode: { sql: 'o.region_code', op: 'eq', description: '所属区域（精确）' },
    industry: { sql: 'o.industry_codes', op: 'contains', description: '行业代码' },
    scale: { sql: 'p.scale', op: 'eq', enum: SCALES, description: '企业规模' },
    riskLevel: { sql: LEVEL_SQL('o.id'), op: 'eq', enum: RISK_LEVELS, description: '企业风险等级' },
    hazchem: { sql: 'coalesce(p.hazchem, false)', op: 'eq', type: 'boolean', description: '危险化学品企业' },
    standardLevel: { sql: 'p.standard_level', op: 'eq', type: 'integer', description: '标准化等级' },
  },
  sorts: { name: 'o.name', regionCode: 'o.region_code', updatedAt: 'o.updated_at' },
  defaultSort: 'name',
  search: ['o.name', 'o.short_name', 'o.credit_code'],
  columns: [
    { key: 'name', zh: '企业名称', en: 'Enterprise', width: 36 },
    { key: 'creditCode', zh: '统一社会信用代码', en: 'Credit code', width: 24 },
    { key: 'regionName', zh: '所属区域', en: 'Region' },
    { key: 'industryCodes', zh: '行业代码', en: 'Industries' },
    { key: 'scale', zh: '规模', en: 'Scale', format: (v, _r, l) => pickLabel(SCALE_LABELS, v, l) },
    { key: 'hazchem', zh: '危化品企业', en: 'Hazchem', format: (v, _r, l) => (v ? (l === 'en-US' ? 'yes' : '是') : (l === 'en-US' ? 'no' : '否')) },
    { key: 'standardLevel', zh: '标准化等级', en: 'Standardisation', format: (v, _r, l) => (v ? (l === 'en-US' ? `level ${v}` : `${['一', '二', '三'][Number(v) - 1]}级`) : null) },
    { key: 'riskLevel', zh: '风险等级', en: 'Risk level', format: (v, _r, l) => pickLabel(RISK_LEVEL_LABELS, v, l) },
    { key: 'riskPointCount', zh: '风险点数', en: 'Risk points' },
    { key: 'majorHazardCount', zh: '重大危险源数', en: 'Major hazard sources' },
    { key: 'legalRep', zh: '法定代表人', en: 'Legal representative' },
    { key: 'safetyManager', zh: '安全负责人', en: 'Safety manager' },
    { key: 'safetyManagerPhone', zh: '安全负责人电话', en: 'Safety manager phone' },
    { key: 'address', zh: '地址', en: 'Address', width: 36 },
  ],
  map: (r) => ({ ...r, updatedAt: isoTime(r.updatedAt) }) as Enterprise,
};

export async function getEnterprise(ctx: ServiceCtx, id: string): Promise<Enterprise> {
  const e = await getResource(ctx.db, ctx.actor, enterprisesResource, id);
  if (!e) throw notFound();
  return e;
}

type Profile = Required<{ [K in keyof typeof profileFields]: Static<(typeof profileFields)[K]> }>;
const profileOf = (e: EnterpriseCreate | Enterprise): Profile => ({
  scale: e.scale ?? null, employees: e.employees ?? null, legalRep: e.legalRep ?? null, legalRepPhone: e.legalRepPhone ?? null,
  safetyManager: e.safetyManager ?? null, safetyManagerPhone: e.safetyManagerPhone ?? null, standardLevel: e.standardLevel ?? null,
  hazchem: e.hazchem ?? false, regulatorOrgIds: e.regulatorOrgIds ?? [],
});

async function saveProfile(ctx: ServiceCtx, tx: ServiceCtx['db'], orgId: string, p: Profile): Promise<void> {
  if (p.regulatorOrgIds.length) {
    const { rows } = await tx.query<{ id: string }>("SELECT id FROM org WHERE id = ANY($1::uuid[]) AND type IN ('department','bureau')", [p.regulatorOrgIds]);
    if (rows.length !== p.regulatorOrgIds.length) {
      throw validationFailed([{ path: 'regulatorOrgIds', message: ctx.locale === 'en-US' ? 'regulators must be departments or the bureau' : '监管部门须为行业部门或应急管理局' }]);
    }
  }
  await tx.query(
    `INSERT INTO enterprise_profile (org_id, scale, employees, legal_rep, legal_rep_phone, safety_manager, safety_manager_phone, standard_level, hazchem, regulator_org_ids)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)
     ON CONFLICT (org_id) DO UPDATE SET scale=$2, employees=$3, legal_rep=$4, legal_rep_phone=$5, safety_manager=$6, safety_manager_phone=$7,
       standard_level=$8, hazchem=$9, regulator_org_ids=$10, updated_at=now()`,
    [orgId, p.scale, p.employees, p.legalRep, p.legalRepPhone, p.safetyManager, p.safetyManagerPhone, p.standardLevel, p.hazchem, p.regulatorOrgIds]);
}

const orgFields = (e: EnterpriseCreate): OrgCreate => ({
  name: e.name, shortName: e.shortName ?? null, type: 'enterprise', regionCode: e.regionCode, industryCodes: e.industryCodes,
  creditCode: e.creditCode, address: e.address ?? null, location: e.location ?? null, contactName: e.contactName ?? null, contactPhone: e.contactPhone ?? null,
});

/** Registers an enterprise: the organisation and its profile in one transaction (both audited). */
export async function createEnterprise(ctx: ServiceCtx, input: EnterpriseCreate): Promise<Enterprise> {
  // An enterprise account keeps its own file; it does not register others.
  if (ctx.actor.scope.orgId !== null) throw outOfScope(ctx.locale === 'en-US' ? 'registering enterprises' : '登记其他企业');
  if (!canWriteAt(ctx.actor.scope, input.regionCode, null)) throw outOfScope(input.regionCode);
  const id = await write(ctx, async (tx, audit) => {
    const org = await createOrg({ ...ctx, db: tx }, orgFields(input));
    const profile = profileOf(input);
    await saveProfile(ctx, tx, org.id, profile);
    await audit({ action: 'create', entityType: 'org', entityId: org.id, regionCode: org.regionCode, orgId: org.id, summary: `建立企业档案 ${org.name}`, after: profile });
    return org.id;
  });
  return getEnterprise(ctx, id);
}

/** Edits the file: organisation fields through the orgs module, the profile here; township, bureau or the enterprise itself. */
export async function updateEnterprise(ctx: ServiceCtx, id: string, input: EnterpriseUpdate): Promise<Enterprise> {
  await write(ctx, async (tx, audit) => {
    await tx.query("SELECT 1 FROM org WHERE id = $1::uuid AND type = 'enterprise' FOR UPDATE", [id]);
    const before = await getEnterprise({ ...ctx, db: tx }, id);
    if (!canWriteAt(ctx.actor.scope, before.regionCode, before.id)) throw outOfScope(before.name);
    if (input.regionCode && input.regionCode !== before.regionCode && !canWriteAt(ctx.actor.scope, input.regionCode, before.id)) throw outOfScope(input.regionCode);
    const { regulatorOrgIds: _g, scale: _s, employees: _e, legalRep: _l, legalRepPhone: _lp, safetyManager: _m, safetyManagerPhone: _mp, standardLevel: _sl, hazchem: _h, ...orgPart } = input;
    if (Object.keys(orgPart).length) await updateOrg({ ...ctx, db: tx }, id, orgPart);
    const prev = profileOf(before);
    const next: Profile = { ...prev };
    for (const k of Object.keys(prev) as (keyof Profile)[]) if (input[k] !== undefined) (next as Record<string, unknown>)[k] = input[k];
    const d = diff(prev as Record<string, unknown>, next as Record<string, unknown>);
    if (Object.keys(d.after).length) {
      await saveProfile(ctx, tx, id, next);
      await audit({ action: 'update', entityType: 'org', entityId: id, regionCode: input.regionCode ?? before.regionCode, orgId: id, summary: `修改企业档案 ${before.name}`, before: d.before, after: d.after });
    } else if (!Object.keys(orgPart).length) {
      throw new AppError(409, 'invalid_state', { detail: ctx.locale === 'en-US' ? 'nothing to change' : '没有需要修改的内容' });
    }
  });
  return getEnterprise(ctx, id);
}

// ---- Licences (证照) ----

export const LICENCE_KINDS = ['safety_production', 'hazchem_business', 'hazchem_use', 'hazchem_registration', 'mining', 'fireworks', 'other'] as const;
export const LICENCE_KIND_LABELS: Record<string, [string, string]> = {
  safety_production: ['安全生产许可证', 'Safety production licence'], hazchem_business: ['危险化学品经营许可证', 'Hazchem trading licence'],
  hazchem_use: ['危险化学品安全使用许可证', 'Hazchem use licence'], hazchem_registration: ['危险化学品登记证', 'Hazchem registration'],
  mining: ['采矿许可证', 'Mining licence'], fireworks: ['烟花爆竹经营许可证', 'Fireworks licence'], other: ['其他', 'Other'],
};
export const LicenceCreateSchema = Type.Object({
  kind: Type.String({ enum: [...LICENCE_KINDS] }),
  number: Type.String({ minLength: 2, maxLength: 60 }),
  issuer: Type.Optional(nullable(Type.String({ maxLength: 60 }))),
  validFrom: Type.Optional(nullable(Type.String({ format: 'date' }))),
  validTo: Type.Optional(nullable(Type.String({ format: 'date' }))),
}, { additionalProperties: false });
export const LicenceSchema = Type.Object({
  id: Type.String(), kind: Type.String(), number: Type.String(), issuer: nullable(Type.String()), validFrom: nullable(Type.String()), validTo: nullable(Type.String()),
  status: nullable(Type.String({ enum: ['valid', 'expiring', 'expired'], description: '有效 / 90 天内到期 / 已过期' })),
});
export type Licence = Static<typeof LicenceSchema>;

export async function listLicences(ctx: ServiceCtx, enterpriseId: string): Promise<Licence[]> {
  const e = await getEnterprise(ctx, enterpriseId);
  const { rows } = await ctx.db.query<Record<string, unknown>>(
    `SELECT id, kind, number, issuer, valid_from AS "validFrom", valid_to AS "validTo",
            CASE WHEN valid_to IS NULL THEN NULL WHEN valid_to < current_date THEN 'expired' WHEN valid_to < current_date + 90 THEN 'expiring' ELSE 'valid' END AS status
       FROM enterprise_licence WHERE org_id = $1 ORDER BY kind, valid_to NULLS LAST`, [e.id]);
  return rows.map((r) => ({ ...r, validFrom: isoDate(r.validFrom), validTo: isoDate(r.validTo) }) as Licence);
}

export async function addLicence(ctx: ServiceCtx, enterpriseId: string, input: Static<typeof LicenceCreateSchema>): Promise<Licence> {
  const e = await getEnterprise(ctx, enterpriseId);
  if (!canWriteAt(ctx.actor.scope, e.regionCode, e.id)) throw outOfScope(e.name);
  if (input.validFrom && input.validTo && input.validTo < input.validFrom) {
    throw validationFailed([{ path: 'validTo', message: ctx.locale === 'en-US' ? 'ends before it starts' : '有效期止不能早于有效期起' }]);
  }
  const id = await write(ctx, async (tx, audit) => {
    const { rows } = await tx.query<{ id: string }>(
      'INSERT INTO enterprise_licence (org_id, kind, number, issuer, valid_from, valid_to) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id',
      [e.id, input.kind, input.number, input.issuer ?? null, input.validFrom ?? null, input.validTo ?? null]);
    await audit({ action: 'create', entityType: 'org', entityId: e.id, regionCode: e.regionCode, orgId: e.id, summary: `${e.name} 新增证照 ${LICENCE_KIND_LABELS[input.kind]![0]} ${input.number}`, after: input });
    return rows[0]!.id;
  });
  return (await listLicences(ctx, enterpriseId)).find((l) => l.id === id)!;
}

export async function removeLicence(ctx: ServiceCtx, enterpriseId: string, licenceId: string): Promise<void> {
  const e = await getEnterprise(ctx, enterpriseId);
  if (!canWriteAt(ctx.actor.scope, e.regionCode, e.id)) throw outOfScope(e.name);
  await write(ctx, async (tx, audit) => {
    const { rows } = await tx.query<Record<string, unknown>>('DELETE FROM enterprise_licence WHERE id = $1::uuid AND org_id = $2 RETURNING kind, number, valid_to', [licenceId, e.id]);
    if (!rows[0]) throw notFound();
    await audit({ action: 'delete', entityType: 'org', entityId: e.id, regionCode: e.regionCode, orgId: e.id, summary: `${e.name} 删除证照 ${String(rows[0].number)}`, before: rows[0] });
  });
}

