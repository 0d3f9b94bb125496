import { Type, type Static } from 'typebox';
import { canWriteAt } from '../../platform/actor.ts';
import { diff, write, type ServiceCtx } from '../../platform/context.ts';
import { duplicate, notFound, outOfScope, validationFailed } from '../../platform/errors.ts';
import { asGeoJson, GeoPointSchema, optionalPointSql } from '../../platform/geo.ts';
import { getResource, type ResourceDef } from '../../platform/query.ts';
import { SHARED_AT_ROOT } from './teams.ts';
import { isoTime, nullable } from '../../platform/values.ts';
import { pickLabel } from '../../platform/i18n.ts';

export const WAREHOUSE_LEVELS = ['county', 'township', 'village', 'agreement'] as const;
export const WAREHOUSE_LEVEL_LABELS: Record<string, [string, string]> = {
  county: ['县级储备库', 'County reserve'], township: ['乡镇储备点', 'Township reserve'], village: ['村级储备点', 'Village reserve'],
  agreement: ['协议代储', 'Agreement reserve (enterprise)'],
};


export const WarehouseSchema = Type.Object({
  id: Type.String({ format: 'uuid' }), name: Type.String(), level: Type.String({ enum: [...WAREHOUSE_LEVELS] }),
  regionCode: Type.String(), regionName: Type.String(), orgId: nullable(Type.String()), orgName: nullable(Type.String()),
  managerName: nullable(Type.String()), managerPhone: nullable(Type.String()), managerUserId: nullable(Type.String()),
  address: nullable(Type.String()), location: nullable(GeoPointSchema), areaM2: nullable(Type.Number()), note: nullable(Type.String()),
  batchCount: Type.Integer(), isDemo: Type.Boolean(), createdAt: Type.String({ format: 'date-time' }), updatedAt: Type.String({ format: 'date-time' }),
});
export type Warehouse = Static<typeof WarehouseSchema>;

export const WarehouseCreateSchema = Type.Object({
  name: Type.String({ minLength: 2, maxLength: 100 }),
  level: Type.String({ enum: [...WAREHOUSE_LEVELS] }),
  regionCode: Type.String({ pattern: '^[0-9]{12}$' }),
  orgId: Type.Optional(nullable(Type.String({ format: 'uuid' }))),
  managerName: Type.Optional(nullable(Type.String({ maxLength: 30 }))),
  managerPhone: Type.Optional(nullable(Type.String({ pattern: '^[0-9+\\- ]{5,20}$' }))),
  managerUserId: Type.Optional(nullable(Type.String({ format: 'uuid' }))),
  address: Type.Optional(nullable(Type.String({ maxLength: 200 }))),
  location: Type.Optional(nullable(GeoPointSchema)),
  areaM2: Type.Optional(nullable(Type.Number({ minimum: 0, maximum: 1e6 }))),
  note: Type.Optional(nullable(Type.String({ maxLength: 1000 }))),
}, { additionalProperties: false });
export type WarehouseCreate = Static<typeof WarehouseCreateSchema>;
export const WarehouseUpdateSchema = Type.Partial(WarehouseCreateSchema, { additionalProperties: false });

/**
 * The one definition of usable stock, for every figure that says what can be sent: a batch with
 * quantity, not expired, and held as stock (physical or agreement reserve). Capacity reserves (产能储备)
 * are production capacity, not goods in a warehouse, so decision support, minimums, alerts and coverage
 * leave them out; the ledger itself still lists them.
 */
export const usableBatchSql = (b: string) => `${b}.quantity > 0 AND ${b}.reserve_mode <> 'capacity' AND (${b}.expiry_date IS NULL OR ${b}.expiry_date >= current_date)`;

export const WAREHOUSE_SCOPE = { region: 'w.region_code', org: 'w.org_id', sharedWhen: SHARED_AT_ROOT('w.region_code') };

export const warehousesResource: ResourceDef<Warehouse> = {
  name: 'warehouses',
  from: 'warehouse w JOIN region r ON r.code = w.region_code LEFT JOIN org o ON o.id = w.org_id',
  select: `w.id, w.name, w.level, w.region_code AS "regionCode", r.name AS "regionName", w.org_id AS "orgId", o.name AS "orgName",
    w.manager_name AS "managerName", w.manager_phone AS "managerPhone", w.manager_user_id AS "managerUserId", w.address,
    ${asGeoJson('w.location')} AS location, w.area_m2 AS "areaM2", w.note,
    (SELECT count(*)::int FROM stock_batch b WHERE b.warehouse_id = w.id AND b.quantity > 0) AS "batchCount",
    w.is_demo AS "isDemo", w.created_at AS "createdAt", w.updated_at AS "updatedAt"`,
  idColumn: 'w.id',
  scope: WAREHOUSE_SCOPE,
  filters: { level: { sql: 'w.level', op: 'eq', enum: WAREHOUSE_LEVELS, description: '储备库级别' }, regionCode: { sql: 'w.region_code', op: 'eq', description: '所属区域' } },
  sorts: { name: 'w.name', level: 'w.level', updatedAt: 'w.updated_at' },
  defaultSort: 'level,name',
  search: ['w.name', 'w.address', 'w.manager_name'],
  columns: [
    { key: 'name', zh: '仓库名称', en: 'Warehouse', width: 30 },
    { key: 'level', zh: '级别', en: 'Level', format: (v, _r, l) => pickLabel(WAREHOUSE_LEVEL_LABELS, v, l) },
    { key: 'regionName', zh: '所属区域', en: 'Region' },
    { key: 'orgName', zh: '所属单位', en: 'Owner', width: 30 },
    { key: 'managerName', zh: '管理员', en: 'Manager' },
    { key: 'managerPhone', zh: '管理员电话', en: 'Manager phone' },
    { key: 'address', zh: '地址', en: 'Address', width: 36 },
    { key: 'areaM2', zh: '面积（㎡）', en: 'Area (m²)' },
  ],
  map: (r) => ({ ...r, createdAt: isoTime(r.createdAt), updatedAt: isoTime(r.updatedAt) }) as Warehouse,
};

export async function getWarehouse(ctx: ServiceCtx, id: string): Promise<Warehouse> {
  const w = await getResource(ctx.db, ctx.actor, warehousesResource, id);
  if (!w) throw notFound();
  return w;
}

function values(w: WarehouseCreate): unknown[] {
  return [w.name, w.level, w.regionCode, w.orgId ?? null, w.managerName ?? null, w.managerPhone ?? null, w.managerUserId ?? null, w.address ?? null,
    w.location?.coordinates[0] ?? null, w.location?.coordinates[1] ?? null, w.areaM2 ?? null, w.note ?? null];
}
const LOC = optionalPointSql('$9', '$10');

function checkLevel(ctx: ServiceCtx, w: WarehouseCreate): void {
  if (w.level === 'agreement' && !w.orgId) {
    throw validationFailed([{ path: 'orgId', message: ctx.locale === 'en-US' ? 'an agreement reserve belongs to an enterprise' : '协议代储须指定代储企业' }]);
  }
}

export async function createWarehouse(ctx: ServiceCtx, input: WarehouseCreate): Promise<Warehouse> {
  checkLevel(ctx, input);
  if (!canWriteAt(ctx.actor.scope, input.regionCode, input.orgId ?? null)) throw outOfScope(input.regionCode);
  const id = await write(ctx, async (tx, audit) => {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO warehouse (name, level, region_code, org_id, manager_name, manager_phone, manager_user_id, address, location, area_m2, note)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8, ${LOC}, $11, $12) RETURNING id`, values(input));
    await audit({ action: 'create', entityType: 'warehouse', entityId: rows[0]!.id, regionCode: input.regionCode, orgId: input.orgId ?? null, summary: `新建仓库 ${input.name}`, after: input });
    return rows[0]!.id;
  });
  return getWarehouse(ctx, id);
}

export async function updateWarehouse(ctx: ServiceCtx, id: string, input: Static<typeof WarehouseUpdateSchema>): Promise<Warehouse> {
  await write(ctx, async (tx, audit) => {
    await tx.query('SELECT 1 FROM warehouse WHERE id = $1::uuid FOR UPDATE', [id]);
    const b = await getWarehouse({ ...ctx, db: tx }, id);
    if (!canWriteAt(ctx.actor.scope, b.regionCode, b.orgId)) throw outOfScope(b.name);
    const prev: WarehouseCreate = { name: b.name, level: b.level, regionCode: b.regionCode, orgId: b.orgId, managerName: b.managerName, managerPhone: b.managerPhone, managerUserId: b.managerUserId, address: b.address, location: b.location, areaM2: b.areaM2, note: b.note };
    const next: WarehouseCreate = { ...prev, ...input };
    checkLevel(ctx, next);
    if (!canWriteAt(ctx.actor.scope, next.regionCode, next.orgId ?? null)) throw outOfScope(next.regionCode);
    await tx.query(
      `UPDATE warehouse SET name=$1, level=$2, region_code=$3, org_id=$4, manager_name=$5, manager_phone=$6, manager_user_id=$7, address=$8,
         location=${LOC}, area_m2=$11, note=$12, updated_at=now() WHERE id=$13`, [...values(next), id]);
    const d = diff(prev as Record<string, unknown>, next as Record<string, unknown>);
    await audit({ action: 'update', entityType: 'warehouse', entityId: id, regionCode: next.regionCode, orgId: next.orgId ?? null, summary: `修改仓库 ${next.name}`, before: d.before, after: d.after });
  });
  return getWarehouse(ctx, id);
}

// ---- Material catalogue (物资目录), keyed by GB/T 38565 categories ----

export const MaterialSchema = Type.Object({
  id: Type.String({ format: 'uuid' }), categoryCode: Type.String(), categoryName: nullable(Type.String()), name: Type.String(),
  spec: nullable(Type.String()), unit: Type.String(), shelfLifeDays: nullable(Type.Integer()), note: nullable(Type.String()), isDemo: Type.Boolean(),
});
export type Material = Static<typeof MaterialSchema>;
export const MaterialCreateSchema = Type.Object({
  categoryCode: Type.String({ pattern: '^[1-3][0-9]{6}$', description: 'GB/T 38565 物资分类代码（7 位）' }),
  name: Type.String({ minLength: 1, maxLength: 60 }),
  spec: Type.Optional(nullable(Type.String({ maxLength: 60 }))),
  unit: Type.String({ minLength: 1, maxLength: 10 }),
  shelfLifeDays: Type.Optional(nullable(Type.Integer({ minimum: 1, maximum: 36500 }))),
  note: Type.Optional(nullable(Type.String({ maxLength: 500 }))),
}, { additionalProperties: false });

/** The catalogue is shared reference data: every account that sees resources reads it. */
export const materialsResource: ResourceDef<Material> = {
  name: 'materials',
  from: "material m LEFT JOIN dict_item d ON d.dict = 'material_category' AND d.code = m.category_code",
  select: `m.id, m.category_code AS "categoryCode", d.name AS "categoryName", m.name, m.spec, m.unit, m.shelf_life_days AS "shelfLifeDays", m.note, m.is_demo AS "isDemo"`,
  idColumn: 'm.id',
  scope: 'reference',
  filters: { categoryCode: { sql: 'm.category_code', op: 'prefix', description: '分类代码前缀' } },
  sorts: { name: 'm.name', categoryCode: 'm.category_code' },
  defaultSort: 'categoryCode,name',
  search: ['m.name', 'm.spec'],
  columns: [
    { key: 'categoryCode', zh: '分类代码', en: 'Category code' },
    { key: 'categoryName', zh: '分类', en: 'Category' },
    { key: 'name', zh: '物资名称', en: 'Material', width: 24 },
    { key: 'spec', zh: '规格', en: 'Spec' },
    { key: 'unit', zh: '单位', en: 'Unit' },
    { key: 'shelfLifeDays', zh: '保质期（天）', en: 'Shelf life (days)' },
  ],
};

export async function createMaterial(ctx: ServiceCtx, input: Static<typeof MaterialCreateSchema>): Promise<Material> {
  if (ctx.actor.scope.regionCodes !== null || ctx.actor.scope.orgId !== null) throw outOfScope(ctx.locale === 'en-US' ? 'the county catalogue' : '县级物资目录');
  const id = await write(ctx, async (tx, audit) => {
    const { rows: cat } = await tx.query("SELECT 1 FROM dict_item WHERE dict = 'material_category' AND code = $1", [input.categoryCode]);
    if (!cat.length) throw validationFailed([{ path: 'categoryCode', message: ctx.locale === 'en-US' ? 'unknown GB/T 38565 category' : '未知的 GB/T 38565 物资分类代码' }]);
    const { rows: dup } = await tx.query('SELECT 1 FROM material WHERE name = $1 AND spec IS NOT DISTINCT FROM $2', [input.name, input.spec ?? null]);
    if (dup.length) throw duplicate(ctx.locale === 'en-US' ? 'material with this spec' : '同名同规格物资', 'name');
    const { rows } = await tx.query<{ id: string }>(
      'INSERT INTO material (category_code, name, spec, unit, shelf_life_days, note) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id',
      [input.categoryCode, input.name, input.spec ?? null, input.unit, input.shelfLifeDays ?? null, input.note ?? null]);
    await audit({ action: 'create', entityType: 'material', entityId: rows[0]!.id, summary: `物资目录新增 ${input.name}`, after: input });
    return rows[0]!.id;
  });
  const m = await getResource(ctx.db, ctx.actor, materialsResource, id);
  return m!;
}

export const MaterialUpdateSchema = Type.Partial(MaterialCreateSchema, { additionalProperties: false });

/** Catalogue edits (county level). The unit cannot change once stock exists: the ledger's quantities are in it. */
export async function updateMaterial(ctx: ServiceCtx, id: string, input: Static<typeof MaterialUpdateSchema>): Promise<Material> {
  const en = ctx.locale === 'en-US';
  if (ctx.actor.scope.regionCodes !== null || ctx.actor.scope.orgId !== null) throw outOfScope(en ? 'the county catalogue' : '县级物资目录');
  await write(ctx, async (tx, audit) => {
    await tx.query('SELECT 1 FROM material WHERE id = $1::uuid FOR UPDATE', [id]);
    const b = await getResource(tx, ctx.actor, materialsResource, id);
    if (!b) throw notFound();
    const prev = { categoryCode: b.categoryCode, name: b.name, spec: b.spec, unit: b.unit, shelfLifeDays: b.shelfLifeDays, note: b.note };
    const next = { ...prev, ...input };
    if (next.categoryCode !== prev.categoryCode) {
      const { rows: cat } = await tx.query("SELECT 1 FROM dict_item WHERE dict = 'material_category' AND code = $1", [next.categoryCode]);
      if (!cat.length) throw validationFailed([{ path: 'categoryCode', message: en ? 'unknown GB/T 38565 category' : '未知的 GB/T 38565 物资分类代码' }]);
    }
    if (next.unit !== prev.unit) {
      const { rows: used } = await tx.query('SELECT 1 FROM stock_batch WHERE material_id = $1 LIMIT 1', [id]);
      if (used.length) throw validationFailed([{ path: 'unit', message: en ? 'stock is kept in this unit already' : '已有库存按原计量单位记账，不能修改单位' }]);
    }
    const { rows: dup } = await tx.query('SELECT 1 FROM material WHERE name = $1 AND spec IS NOT DISTINCT FROM $2 AND id <> $3', [next.name, next.spec ?? null, id]);
    if (dup.length) throw duplicate(en ? 'material with this spec' : '同名同规格物资', 'name');
    await tx.query('UPDATE material SET category_code=$2, name=$3, spec=$4, unit=$5, shelf_life_days=$6, note=$7, updated_at=now() WHERE id=$1',
      [id, next.categoryCode, next.name, next.spec ?? null, next.unit, next.shelfLifeDays ?? null, next.note ?? null]);
    const d = diff(prev as Record<string, unknown>, next as Record<string, unknown>);
    await audit({ action: 'update', entityType: 'material', entityId: id, summary: `修改物资目录 ${next.name}`, before: d.before, after: d.after });
  });
  return (await getResource(ctx.db, ctx.actor, materialsResource, id))!;
}
