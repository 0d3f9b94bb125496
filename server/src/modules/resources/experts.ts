import { Type, type Static } from 'typebox';
import { canWriteAt } from '../../platform/actor.ts';
import { diff, write, type ServiceCtx } from '../../platform/context.ts';
import { notFound, outOfScope } from '../../platform/errors.ts';
import { asGeoJson, GeoPointSchema, optionalPointSql } from '../../platform/geo.ts';
import { getResource, type ResourceDef } from '../../platform/query.ts';
import { SHARED_AT_ROOT } from './teams.ts';
import { isoTime, nullable } from '../../platform/values.ts';
import { pickLabel } from '../../platform/i18n.ts';

export const AVAILABILITY = ['available', 'busy', 'unavailable'] as const;
export const AVAILABILITY_LABELS: Record<string, [string, string]> = { available: ['可调用', 'Available'], busy: ['任务中', 'Busy'], unavailable: ['不可用', 'Unavailable'] };


export const ExpertSchema = Type.Object({
  id: Type.String({ format: 'uuid' }), name: Type.String(), fields: Type.Array(Type.String()), title: nullable(Type.String()),
  employer: nullable(Type.String()), orgId: nullable(Type.String()), phone: nullable(Type.String()), regionCode: Type.String(),
  regionName: Type.String(), availability: Type.String({ enum: [...AVAILABILITY] }), location: nullable(GeoPointSchema),
  note: nullable(Type.String()), isDemo: Type.Boolean(), createdAt: Type.String({ format: 'date-time' }), updatedAt: Type.String({ format: 'date-time' }),
});
export type Expert = Static<typeof ExpertSchema>;

export const ExpertCreateSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 30 }),
  fields: Type.Array(Type.String({ pattern: '^[0-9]{2}[0-9A-Z][0-9]{2}$', description: 'GB/T 35561 事件类型代码' }), { minItems: 1, maxItems: 12, uniqueItems: true }),
  title: Type.Optional(nullable(Type.String({ maxLength: 30 }))),
  employer: Type.Optional(nullable(Type.String({ maxLength: 100 }))),
  orgId: Type.Optional(nullable(Type.String({ format: 'uuid' }))),
  phone: Type.Optional(nullable(Type.String({ pattern: '^[0-9+\\- ]{5,20}$' }))),
  regionCode: Type.String({ pattern: '^[0-9]{12}$' }),
  availability: Type.Optional(Type.String({ enum: [...AVAILABILITY] })),
  location: Type.Optional(nullable(GeoPointSchema)),
  note: Type.Optional(nullable(Type.String({ maxLength: 1000 }))),
}, { additionalProperties: false });
export type ExpertCreate = Static<typeof ExpertCreateSchema>;
export const ExpertUpdateSchema = Type.Partial(ExpertCreateSchema, { additionalProperties: false });

export const expertsResource: ResourceDef<Expert> = {
  name: 'experts',
  from: 'expert e JOIN region r ON r.code = e.region_code',
  select: `e.id, e.name, e.fields, e.title, e.employer, e.org_id AS "orgId", e.phone, e.region_code AS "regionCode", r.name AS "regionName",
    e.availability, ${asGeoJson('e.location')} AS location, e.note, e.is_demo AS "isDemo", e.created_at AS "createdAt", e.updated_at AS "updatedAt"`,
  idColumn: 'e.id',
  scope: { region: 'e.region_code', org: 'e.org_id', sharedWhen: SHARED_AT_ROOT('e.region_code') },
  filters: {
    field: { sql: 'e.fields', op: 'contains', description: '专业领域（事件类型代码）' },
    availability: { sql: 'e.availability', op: 'eq', enum: AVAILABILITY, description: '可用状态' },
  },
  sorts: { name: 'e.name', availability: 'e.availability', updatedAt: 'e.updated_at' },
  defaultSort: 'name',
  search: ['e.name', 'e.employer', 'e.title'],
  columns: [
    { key: 'name', zh: '姓名', en: 'Name' },
    { key: 'fields', zh: '专业领域', en: 'Fields' },
    { key: 'title', zh: '职称', en: 'Title' },
    { key: 'employer', zh: '工作单位', en: 'Employer', width: 30 },
    { key: 'phone', zh: '电话', en: 'Phone' },
    { key: 'regionName', zh: '所属区域', en: 'Region' },
    { key: 'availability', zh: '可用状态', en: 'Availability', format: (v, _r, l) => pickLabel(AVAILABILITY_LABELS, v, l) },
  ],
  map: (r) => ({ ...r, createdAt: isoTime(r.createdAt), updatedAt: isoTime(r.updatedAt) }) as Expert,
};

export async function getExpert(ctx: ServiceCtx, id: string): Promise<Expert> {
  const e = await getResource(ctx.db, ctx.actor, expertsResource, id);
  if (!e) throw notFound();
  return e;
}

function values(e: ExpertCreate): unknown[] {
  return [e.name, e.fields, e.title ?? null, e.employer ?? null, e.orgId ?? null, e.phone ?? null, e.regionCode, e.availability ?? 'available',
    e.location?.coordinates[0] ?? null, e.location?.coordinates[1] ?? null, e.note ?? null];
}
const LOC = optionalPointSql('$9', '$10');

export async function createExpert(ctx: ServiceCtx, input: ExpertCreate): Promise<Expert> {
  if (!canWriteAt(ctx.actor.scope, input.regionCode, input.orgId ?? null)) throw outOfScope(input.regionCode);
  const id = await write(ctx, async (tx, audit) => {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO expert (name, fields, title, employer, org_id, phone, region_code, availability, location, note)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8, ${LOC}, $11) RETURNING id`, values(input));
    await audit({ action: 'create', entityType: 'expert', entityId: rows[0]!.id, regionCode: input.regionCode, orgId: input.orgId ?? null, summary: `新建专家 ${input.name}`, after: input });
    return rows[0]!.id;
  });
  return getExpert(ctx, id);
}

export async function updateExpert(ctx: ServiceCtx, id: string, input: Static<typeof ExpertUpdateSchema>): Promise<Expert> {
  await write(ctx, async (tx, audit) => {
    await tx.query('SELECT 1 FROM expert WHERE id = $1::uuid FOR UPDATE', [id]);
    const b = await getExpert({ ...ctx, db: tx }, id);
    if (!canWriteAt(ctx.actor.scope, b.regionCode, b.orgId)) throw outOfScope(b.name);
    const prev: ExpertCreate = { name: b.name, fields: b.fields, title: b.title, employer: b.employer, orgId: b.orgId, phone: b.phone, regionCode: b.regionCode, availability: b.availability, location: b.location, note: b.note };
    const next: ExpertCreate = { ...prev, ...input };
    if (!canWriteAt(ctx.actor.scope, next.regionCode, next.orgId ?? null)) throw outOfScope(next.regionCode);
    await tx.query(
      `UPDATE expert SET name=$1, fields=$2, title=$3, employer=$4, org_id=$5, phone=$6, region_code=$7, availability=$8, location=${LOC}, note=$11, updated_at=now() WHERE id=$12`,
      [...values(next), id]);
    const d = diff(prev as Record<string, unknown>, next as Record<string, unknown>);
    await audit({ action: 'update', entityType: 'expert', entityId: id, regionCode: next.regionCode, orgId: next.orgId ?? null, summary: `修改专家 ${next.name}`, before: d.before, after: d.after });
  });
  return getExpert(ctx, id);
}
