import { Type, type Static } from 'typebox';
import { canWriteAt } from '../../platform/actor.ts';
import { diff, write, type ServiceCtx } from '../../platform/context.ts';
import { notFound, outOfScope } from '../../platform/errors.ts';
import { asGeoJson, GeoPointSchema, optionalPointSql } from '../../platform/geo.ts';
import { getResource, type ResourceDef } from '../../platform/query.ts';
import { SHARED_AT_ROOT } from './teams.ts';
import { isoTime, nullable } from '../../platform/values.ts';
import { pickLabel } from '../../platform/i18n.ts';

export const EQUIPMENT_STATUSES = ['available', 'in_use', 'maintenance'] as const;
export const EQUIPMENT_STATUS_LABELS: Record<string, [string, string]> = { available: ['可调用', 'Available'], in_use: ['使用中', 'In use'], maintenance: ['维修保养', 'Maintenance'] };
/** Common large-equipment types in county reserves; free text is allowed beyond these. */
export const EQUIPMENT_TYPES = ['挖掘机', '装载机', '推土机', '起重机', '自卸车', '排水抢险车', '大功率水泵', '发电机组', '应急照明车', '应急通信车', '冲锋舟', '消防车', '救护车', '破拆设备', '生命探测仪', '无人机'];


export const EquipmentSchema = Type.Object({
  id: Type.String({ format: 'uuid' }), name: Type.String(), type: Type.String(), model: nullable(Type.String()), quantity: Type.Integer(),
  regionCode: Type.String(), regionName: Type.String(), orgId: nullable(Type.String()), orgName: nullable(Type.String()),
  location: nullable(GeoPointSchema), status: Type.String({ enum: [...EQUIPMENT_STATUSES] }), contactName: nullable(Type.String()),
  contactPhone: nullable(Type.String()), note: nullable(Type.String()), isDemo: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }), updatedAt: Type.String({ format: 'date-time' }),
});
export type Equipment = Static<typeof EquipmentSchema>;

export const EquipmentCreateSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  type: Type.String({ minLength: 1, maxLength: 30 }),
  model: Type.Optional(nullable(Type.String({ maxLength: 60 }))),
  quantity: Type.Integer({ minimum: 1, maximum: 100000 }),
  regionCode: Type.String({ pattern: '^[0-9]{12}$' }),
  orgId: Type.Optional(nullable(Type.String({ format: 'uuid' }))),
  location: Type.Optional(nullable(GeoPointSchema)),
  status: Type.Optional(Type.String({ enum: [...EQUIPMENT_STATUSES] })),
  contactName: Type.Optional(nullable(Type.String({ maxLength: 30 }))),
  contactPhone: Type.Optional(nullable(Type.String({ pattern: '^[0-9+\\- ]{5,20}$' }))),
  note: Type.Optional(nullable(Type.String({ maxLength: 1000 }))),
}, { additionalProperties: false });
export type EquipmentCreate = Static<typeof EquipmentCreateSchema>;
export const EquipmentUpdateSchema = Type.Partial(EquipmentCreateSchema, { additionalProperties: false });

export const equipmentResource: ResourceDef<Equipment> = {
  name: 'equipment',
  from: 'equipment q JOIN region r ON r.code = q.region_code LEFT JOIN org o ON o.id = q.org_id',
  select: `q.id, q.name, q.type, q.model, q.quantity, q.region_code AS "regionCode", r.name AS "regionName", q.org_id AS "orgId", o.name AS "orgName",
    ${asGeoJson('q.location')} AS location, q.status, q.contact_name AS "contactName", q.contact_phone AS "contactPhone", q.note,
    q.is_demo AS "isDemo", q.created_at AS "createdAt", q.updated_at AS "updatedAt"`,
  idColumn: 'q.id',
  scope: { region: 'q.region_code', org: 'q.org_id', sharedWhen: SHARED_AT_ROOT('q.region_code') },
  filters: {
    type: { sql: 'q.type', op: 'eq', description: '装备类型' },
    status: { sql: 'q.status', op: 'eq', enum: EQUIPMENT_STATUSES, description: '状态' },
  },
  sorts: { name: 'q.name', type: 'q.type', quantity: 'q.quantity', updatedAt: 'q.updated_at' },
  defaultSort: 'type,name',
  search: ['q.name', 'q.type', 'q.model'],
  columns: [
    { key: 'name', zh: '装备名称', en: 'Name', width: 24 },
    { key: 'type', zh: '类型', en: 'Type' },
    { key: 'model', zh: '型号', en: 'Model' },
    { key: 'quantity', zh: '数量', en: 'Quantity' },
    { key: 'status', zh: '状态', en: 'Status', format: (v, _r, l) => pickLabel(EQUIPMENT_STATUS_LABELS, v, l) },
    { key: 'regionName', zh: '所属区域', en: 'Region' },
    { key: 'orgName', zh: '所属单位', en: 'Owner', width: 30 },
    { key: 'contactName', zh: '联系人', en: 'Contact' },
    { key: 'contactPhone', zh: '联系电话', en: 'Phone' },
  ],
  map: (r) => ({ ...r, createdAt: isoTime(r.createdAt), updatedAt: isoTime(r.updatedAt) }) as Equipment,
};

export async function getEquipment(ctx: ServiceCtx, id: string): Promise<Equipment> {
  const e = await getResource(ctx.db, ctx.actor, equipmentResource, id);
  if (!e) throw notFound();
  return e;
}

function values(e: EquipmentCreate): unknown[] {
  return [e.name, e.type, e.model ?? null, e.quantity, e.regionCode, e.orgId ?? null, e.location?.coordinates[0] ?? null,
    e.location?.coordinates[1] ?? null, e.status ?? 'available', e.contactName ?? null, e.contactPhone ?? null, e.note ?? null];
}
const LOC = optionalPointSql('$7', '$8');

export async function createEquipment(ctx: ServiceCtx, input: EquipmentCreate): Promise<Equipment> {
  if (!canWriteAt(ctx.actor.scope, input.regionCode, input.orgId ?? null)) throw outOfScope(input.regionCode);
  const id = await write(ctx, async (tx, audit) => {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO equipment (name, type, model, quantity, region_code, org_id, location, status, contact_name, contact_phone, note)
       VALUES ($1,$2,$3,$4,$5,$6, ${LOC}, $9,$10,$11,$12) RETURNING id`, values(input));
    await audit({ action: 'create', entityType: 'equipment', entityId: rows[0]!.id, regionCode: input.regionCode, orgId: input.orgId ?? null, summary: `新建装备 ${input.name}`, after: input });
    return rows[0]!.id;
  });
  return getEquipment(ctx, id);
}

export async function updateEquipment(ctx: ServiceCtx, id: string, input: Static<typeof EquipmentUpdateSchema>): Promise<Equipment> {
  await write(ctx, async (tx, audit) => {
    await tx.query('SELECT 1 FROM equipment WHERE id = $1::uuid FOR UPDATE', [id]);
    const b = await getEquipment({ ...ctx, db: tx }, id);
    if (!canWriteAt(ctx.actor.scope, b.regionCode, b.orgId)) throw outOfScope(b.name);
    const prev: EquipmentCreate = { name: b.name, type: b.type, model: b.model, quantity: b.quantity, regionCode: b.regionCode, orgId: b.orgId, location: b.location, status: b.status, contactName: b.contactName, contactPhone: b.contactPhone, note: b.note };
    const next: EquipmentCreate = { ...prev, ...input };
    if (!canWriteAt(ctx.actor.scope, next.regionCode, next.orgId ?? null)) throw outOfScope(next.regionCode);
    await tx.query(
      `UPDATE equipment SET name=$1, type=$2, model=$3, quantity=$4, region_code=$5, org_id=$6, location=${LOC}, status=$9, contact_name=$10,
         contact_phone=$11, note=$12, updated_at=now() WHERE id=$13`, [...values(next), id]);
    const d = diff(prev as Record<string, unknown>, next as Record<string, unknown>);
    await audit({ action: 'update', entityType: 'equipment', entityId: id, regionCode: next.regionCode, orgId: next.orgId ?? null, summary: `修改装备 ${next.name}`, before: d.before, after: d.after });
  });
  return getEquipment(ctx, id);
}
