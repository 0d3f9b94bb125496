import { Type, type Static } from 'typebox';
import { write, diff, type ServiceCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, duplicate, notFound, outOfScope, validationFailed } from '../../platform/errors.ts';
import { pointSql, GeoPointSchema } from '../../platform/geo.ts';
import { getResource, Params, scopeCondition, type ResourceDef } from '../../platform/query.ts';
import { isValidCreditCode } from './rules.ts';
import { isoTime } from '../../platform/values.ts';

export const ORG_TYPES = ['bureau', 'department', 'township_office', 'park', 'enterprise', 'rescue_team', 'social_org'] as const;
export type OrgType = (typeof ORG_TYPES)[number];
export const ORG_TYPE_LABELS: Record<OrgType, [string, string]> = {
  bureau: ['应急管理局', 'Emergency management bureau'],
  department: ['行业部门', 'Department'],
  township_office: ['乡镇/街道', 'Township office'],
  park: ['园区管委会', 'Park management'],
  enterprise: ['企业', 'Enterprise'],
  rescue_team: ['救援队伍', 'Rescue team'],
  social_org: ['社会组织', 'Social organisation'],
};

export const OrgSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  shortName: Type.Union([Type.String(), Type.Null()]),
  type: Type.String({ enum: [...ORG_TYPES] }),
  regionCode: Type.String(),
  regionName: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  parentName: Type.Union([Type.String(), Type.Null()]),
  industryCodes: Type.Array(Type.String()),
  creditCode: Type.Union([Type.String(), Type.Null()]),
  contactName: Type.Union([Type.String(), Type.Null()]),
  contactPhone: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  location: Type.Union([GeoPointSchema, Type.Null()]),
  userCount: Type.Integer(),
  isDemo: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Org = Static<typeof OrgSchema>;

const fields = {
  name: Type.String({ minLength: 2, maxLength: 100 }),
  shortName: Type.Union([Type.String({ maxLength: 30 }), Type.Null()]),
  type: Type.String({ enum: [...ORG_TYPES] }),
  regionCode: Type.String({ pattern: '^[0-9]{12}$' }),
  parentId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  industryCodes: Type.Array(Type.String({ pattern: '^([A-T]|[0-9]{2,4})$', description: 'GB/T 4754 门类字母或大类/中类/小类数字代码' }), { maxItems: 30, uniqueItems: true }),
  creditCode: Type.Union([Type.String({ pattern: '^[0-9A-Z]{18}$' }), Type.Null()]),
  contactName: Type.Union([Type.String({ maxLength: 30 }), Type.Null()]),
  contactPhone: Type.Union([Type.String({ pattern: '^[0-9+\\- ]{5,20}$' }), Type.Null()]),
  address: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
  location: Type.Union([GeoPointSchema, Type.Null()]),
};
export const OrgCreateSchema = Type.Object({
  name: fields.name, type: fields.type, regionCode: fields.regionCode,
  shortName: Type.Optional(fields.shortName), parentId: Type.Optional(fields.parentId), industryCodes: Type.Optional(fields.industryCodes),
  creditCode: Type.Optional(fields.creditCode), contactName: Type.Optional(fields.contactName), contactPhone: Type.Optional(fields.contactPhone),
  address: Type.Optional(fields.address), location: Type.Optional(fields.location),
}, { additionalProperties: false });
export type OrgCreate = Static<typeof OrgCreateSchema>;
export const OrgUpdateSchema = Type.Partial(OrgCreateSchema, { additionalProperties: false });
export type OrgUpdate = Static<typeof OrgUpdateSchema>;


export const orgsResource: ResourceDef<Org> = {
  name: 'orgs',
  from: 'org o JOIN region r ON r.code = o.region_code LEFT JOIN org p ON p.id = o.parent_id',
  select: `o.id, o.name, o.short_name AS "shortName", o.type, o.region_code AS "regionCode", r.name AS "regionName",
    o.parent_id AS "parentId", p.name AS "parentName", o.industry_codes AS "industryCodes", o.credit_code AS "creditCode",
    o.contact_name AS "contactName", o.contact_phone AS "contactPhone", o.address,
    ST_AsGeoJSON(o.location, 6)::json AS location,
    (SELECT count(*)::int FROM app_user u WHERE u.org_id = o.id) AS "userCount",
    o.is_demo AS "isDemo", o.created_at AS "createdAt", o.updated_at AS "updatedAt"`,
  idColumn: 'o.id',
  // Regulators see enterprises of their own industries only; public bodies stay visible to them.
  scope: { region: 'o.region_code', org: 'o.id', industry: (p) => `o.type <> 'enterprise' OR o.industry_codes && ${p}` },
  filters: {
    type: { sql: 'o.type', op: 'eq', enum: ORG_TYPES, description: '单位类型' },
    regionCode: { sql: 'o.region_code', op: 'eq', description: '所属区域（精确）' },
    industry: { sql: 'o.industry_codes', op: 'contains', description: '行业代码' },
    parentId: { sql: 'o.parent_id::text', op: 'eq', description: '上级单位' },
  },
  sorts: { name: 'o.name', type: 'o.type', regionCode: 'o.region_code', createdAt: 'o.created_at' },
  defaultSort: 'type,name',
  search: ['o.name', 'o.short_name', 'o.credit_code', 'o.contact_name'],
  columns: [
    { key: 'name', zh: '单位名称', en: 'Name', width: 36 },
    { key: 'type', zh: '单位类型', en: 'Type', format: (v, _r, l) => ORG_TYPE_LABELS[v as OrgType]?.[l === 'en-US' ? 1 : 0] ?? String(v) },
    { key: 'regionName', zh: '所属区域', en: 'Region' },
    { key: 'creditCode', zh: '统一社会信用代码', en: 'Credit code', width: 24 },
    { key: 'industryCodes', zh: '行业代码', en: 'Industries' },
    { key: 'contactName', zh: '联系人', en: 'Contact' },
    { key: 'contactPhone', zh: '联系电话', en: 'Phone' },
    { key: 'address', zh: '地址', en: 'Address', width: 40 },
  ],
  map: (r) => ({ ...r, createdAt: isoTime(r.createdAt), updatedAt: isoTime(r.updatedAt) }) as Org,
};

export async function getOrg(ctx: ServiceCtx, id: string): Promise<Org> {
  const o = await getResource(ctx.db, ctx.actor, orgsResource, id);
  if (!o) throw notFound();
  return o;
}

async function checkOrg(ctx: ServiceCtx, tx: Db, o: { regionCode: string; parentId?: string | null; creditCode?: string | null; type: string }, selfId?: string): Promise<void> {
  if (o.creditCode && !isValidCreditCode(o.creditCode)) {
    throw validationFailed([{ path: 'creditCode', message: ctx.locale === 'en-US' ? 'unified social credit code: check character does not match (GB 32100)' : '统一社会信用代码校验位不正确（GB 32100）' }]);
  }
  const p = new Params();
  const cond = scopeCondition(ctx.actor.scope, { region: 'code' }, p);
  const { rows } = await tx.query(`SELECT 1 FROM region WHERE code = ${p.add(o.regionCode)} AND ${cond}`, p.values);
  if (!rows.length) throw outOfScope(o.regionCode);
  if (o.parentId) {
    if (o.parentId === selfId) throw new AppError(409, 'invalid_state', { detail: ctx.locale === 'en-US' ? 'an organisation cannot be its own parent' : '上级单位不能是自身' });
    const parent = await getResource(tx, ctx.actor, orgsResource, o.parentId);
    if (!parent) throw outOfScope(o.parentId);
    if (selfId) {
      // The new parent must not sit below this organisation (no cycles in the hierarchy).
      const { rows: cycle } = await tx.query(
        `WITH RECURSIVE up(id, parent_id) AS (SELECT id, parent_id FROM org WHERE id = $1
           UNION SELECT o.id, o.parent_id FROM org o JOIN up ON o.id = up.parent_id)
         SELECT 1 FROM up WHERE id = $2 LIMIT 1`, [o.parentId, selfId]);
      if (cycle.length) throw new AppError(409, 'invalid_state', { detail: ctx.locale === 'en-US' ? 'the parent is below this organisation' : '上级单位不能是本单位的下级' });
    }
  }
  if (o.creditCode) {
    const { rows: dup } = await tx.query('SELECT 1 FROM org WHERE credit_code = $1 AND id::text <> $2', [o.creditCode, selfId ?? '']);
    if (dup.length) throw duplicate(ctx.locale === 'en-US' ? 'credit code' : '统一社会信用代码', 'creditCode');
  }
}

export async function createOrg(ctx: ServiceCtx, input: OrgCreate): Promise<Org> {
  const id = await write(ctx, async (tx, audit) => {
    await checkOrg(ctx, tx, input);
    const params: unknown[] = [input.name, input.shortName ?? null, input.type, input.regionCode, input.parentId ?? null, input.industryCodes ?? [],
      input.creditCode ?? null, input.contactName ?? null, input.contactPhone ?? null, input.address ?? null];
    const loc = input.location ? pointSql(input.location, 11) : 'NULL';
    if (input.location) params.push(input.location.coordinates[0], input.location.coordinates[1]);
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO org (name, short_name, type, region_code, parent_id, industry_codes, credit_code, contact_name, contact_phone, address, location)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,${loc}) RETURNING id`, params);
    const newId = rows[0]!.id;
    await audit({ action: 'create', entityType: 'org', entityId: newId, regionCode: input.regionCode, orgId: newId, summary: `新建单位 ${input.name}`, after: input });
    return newId;
  });
  return getOrg(ctx, id);
}

export async function updateOrg(ctx: ServiceCtx, id: string, input: OrgUpdate): Promise<Org> {
  await write(ctx, async (tx, audit) => {
    // Lock the row, then read it: concurrent edits apply one after the other instead of overwriting.
    await tx.query('SELECT 1 FROM org WHERE id = $1::uuid FOR UPDATE', [id]);
    const before = await getOrg({ ...ctx, db: tx }, id);
    const next = {
      name: input.name ?? before.name, shortName: input.shortName === undefined ? before.shortName : input.shortName,
      type: input.type ?? before.type, regionCode: input.regionCode ?? before.regionCode,
      parentId: input.parentId === undefined ? before.parentId : input.parentId,
      industryCodes: input.industryCodes ?? before.industryCodes, creditCode: input.creditCode === undefined ? before.creditCode : input.creditCode,
      contactName: input.contactName === undefined ? before.contactName : input.contactName,
      contactPhone: input.contactPhone === undefined ? before.contactPhone : input.contactPhone,
      address: input.address === undefined ? before.address : input.address,
      location: input.location === undefined ? before.location : input.location,
    };
    await checkOrg(ctx, tx, next, id);
    const params: unknown[] = [id, next.name, next.shortName, next.type, next.regionCode, next.parentId, next.industryCodes, next.creditCode,
      next.contactName, next.contactPhone, next.address];
    const loc = next.location ? pointSql(next.location, 12) : 'NULL';
    if (next.location) params.push(next.location.coordinates[0], next.location.coordinates[1]);
    await tx.query(
      `UPDATE org SET name=$2, short_name=$3, type=$4, region_code=$5, parent_id=$6, industry_codes=$7, credit_code=$8,
              contact_name=$9, contact_phone=$10, address=$11, location=${loc}, updated_at=now() WHERE id=$1`, params);
    const { createdAt: _c, updatedAt: _u, regionName: _r, parentName: _p, userCount: _n, isDemo: _d, id: _i, ...prev } = before;
    const d = diff(prev as Record<string, unknown>, next as Record<string, unknown>);
    await audit({ action: 'update', entityType: 'org', entityId: id, regionCode: next.regionCode, orgId: id, summary: `修改单位 ${next.name}`, before: d.before, after: d.after });
    if (next.regionCode !== before.regionCode) {
      await audit({ action: 'move_out', entityType: 'org', entityId: id, regionCode: before.regionCode, orgId: id, summary: `单位 ${before.name} 调出`, before: { regionCode: before.regionCode }, after: { regionCode: next.regionCode } });
    }
  });
  return getOrg(ctx, id);
}
