import { Type, type Static } from 'typebox';
import { canWriteAt } from '../../platform/actor.ts';
import { write, type ServiceCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound, outOfScope, validationFailed } from '../../platform/errors.ts';
import { getResource, type ResourceDef } from '../../platform/query.ts';
import { getWarehouse, WAREHOUSE_SCOPE } from './warehouses.ts';
import { notifyIfBelowMinimum } from './decision.ts';
import { isoDate, isoTime, nullable } from '../../platform/values.ts';
import { pickLabel } from '../../platform/i18n.ts';


export const RESERVE_MODES = ['physical', 'agreement', 'capacity'] as const;
export const RESERVE_MODE_LABELS: Record<string, [string, string]> = { physical: ['实物储备', 'Physical'], agreement: ['协议储备', 'Agreement'], capacity: ['产能储备', 'Production capacity'] };
export const MOVEMENT_KINDS = ['in', 'out', 'transfer_out', 'transfer_in', 'adjust', 'scrap', 'rotate_out', 'rotate_in'] as const;
export const MOVEMENT_LABELS: Record<string, [string, string, string]> = {
  in: ['入库', 'Receipt', 'RK'], out: ['出库', 'Issue', 'CK'], transfer_out: ['调拨出库', 'Transfer out', 'DB'], transfer_in: ['调拨入库', 'Transfer in', 'DB'],
  adjust: ['盘点调整', 'Stock-take adjustment', 'PD'], scrap: ['报废', 'Scrap', 'BF'], rotate_out: ['轮换出库', 'Rotation out', 'LH'], rotate_in: ['轮换入库', 'Rotation in', 'LH'],
};

export const BatchSchema = Type.Object({
  id: Type.String({ format: 'uuid' }), warehouseId: Type.String(), warehouseName: Type.String(), regionCode: Type.String(),
  materialId: Type.String(), materialName: Type.String(), spec: nullable(Type.String()), unit: Type.String(), categoryCode: Type.String(),
  batchNo: Type.String(), quantity: Type.Number(), productionDate: nullable(Type.String({ format: 'date' })),
  expiryDate: nullable(Type.String({ format: 'date' })), reserveMode: Type.String({ enum: [...RESERVE_MODES] }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Batch = Static<typeof BatchSchema>;

export const batchesResource: ResourceDef<Batch> = {
  name: 'stock',
  from: 'stock_batch b JOIN warehouse w ON w.id = b.warehouse_id JOIN material m ON m.id = b.material_id',
  select: `b.id, b.warehouse_id AS "warehouseId", w.name AS "warehouseName", w.region_code AS "regionCode", b.material_id AS "materialId",
    m.name AS "materialName", m.spec, m.unit, m.category_code AS "categoryCode", b.batch_no AS "batchNo", b.quantity,
    b.production_date AS "productionDate", b.expiry_date AS "expiryDate", b.reserve_mode AS "reserveMode", b.updated_at AS "updatedAt"`,
  idColumn: 'b.id',
  scope: WAREHOUSE_SCOPE,
  filters: {
    warehouseId: { sql: 'b.warehouse_id::text', op: 'eq', description: '仓库' },
    materialId: { sql: 'b.material_id::text', op: 'eq', description: '物资' },
    reserveMode: { sql: 'b.reserve_mode', op: 'eq', enum: RESERVE_MODES, description: '储备方式' },
    expiringBefore: { sql: 'b.expiry_date', op: 'lte', format: 'date', description: '在此日期前到期' },
    inStock: { sql: '(b.quantity > 0)', op: 'bool', type: 'boolean', description: '仅有库存的批次' },
  },
  sorts: { materialName: 'm.name', quantity: 'b.quantity', expiryDate: 'b.expiry_date', updatedAt: 'b.updated_at' },
  defaultSort: 'materialName,expiryDate',
  search: ['m.name', 'b.batch_no', 'w.name'],
  columns: [
    { key: 'warehouseName', zh: '仓库', en: 'Warehouse', width: 28 },
    { key: 'materialName', zh: '物资', en: 'Material', width: 20 },
    { key: 'spec', zh: '规格', en: 'Spec' },
    { key: 'batchNo', zh: '批次号', en: 'Batch' },
    { key: 'quantity', zh: '数量', en: 'Quantity' },
    { key: 'unit', zh: '单位', en: 'Unit' },
    { key: 'productionDate', zh: '生产日期', en: 'Produced' },
    { key: 'expiryDate', zh: '有效期至', en: 'Expires' },
    { key: 'reserveMode', zh: '储备方式', en: 'Reserve mode', format: (v, _r, l) => pickLabel(RESERVE_MODE_LABELS, v, l) },
  ],
  map: (r) => ({ ...r, productionDate: isoDate(r.productionDate), expiryDate: isoDate(r.expiryDate), updatedAt: isoTime(r.updatedAt) }) as Batch,
};

export const MovementSchema = Type.Object({
  id: Type.Integer(), docNo: Type.String(), kind: Type.String({ enum: [...MOVEMENT_KINDS] }), batchId: Type.String(), batchNo: Type.String(),
  warehouseId: Type.String(), warehouseName: Type.String(), materialName: Type.String(), unit: Type.String(), delta: Type.Number(),
  balanceAfter: Type.Number(), reason: nullable(Type.String()), destinationType: nullable(Type.String()), destinationId: nullable(Type.String()),
  destinationName: nullable(Type.String()), sourceBatchId: nullable(Type.String()), operatorName: Type.String(), createdAt: Type.String({ format: 'date-time' }),
});
export type Movement = Static<typeof MovementSchema>;

export const movementsResource: ResourceDef<Movement> = {
  name: 'stock-movements',
  from: 'stock_movement s JOIN stock_batch b ON b.id = s.batch_id JOIN warehouse w ON w.id = s.warehouse_id JOIN material m ON m.id = s.material_id',
  select: `s.id, s.doc_no AS "docNo", s.kind, s.batch_id AS "batchId", b.batch_no AS "batchNo", s.warehouse_id AS "warehouseId", w.name AS "warehouseName",
    m.name AS "materialName", m.unit, s.delta, s.balance_after AS "balanceAfter", s.reason, s.destination_type AS "destinationType",
    s.destination_id AS "destinationId", s.destination_name AS "destinationName", s.source_batch_id AS "sourceBatchId",
    s.operator_name AS "operatorName", s.created_at AS "createdAt"`,
  idColumn: 's.id',
  scope: WAREHOUSE_SCOPE,
  filters: {
    warehouseId: { sql: 's.warehouse_id::text', op: 'eq', description: '仓库' },
    batchId: { sql: 's.batch_id::text', op: 'eq', description: '批次' },
    kind: { sql: 's.kind', op: 'eq', enum: MOVEMENT_KINDS, description: '类型' },
    docNo: { sql: 's.doc_no', op: 'eq', description: '单据号' },
    destinationId: { sql: 's.destination_id', op: 'eq', description: '去向（事件、仓库或领用人）' },
    from: { sql: 's.created_at', op: 'gte', format: 'date-time', description: '起始时间' },
    to: { sql: 's.created_at', op: 'lte', format: 'date-time', description: '截止时间' },
  },
  sorts: { createdAt: 's.created_at', id: 's.id' },
  defaultSort: '-id',
  search: ['s.doc_no', 'm.name', 's.destination_name', 's.reason'],
  columns: [
    { key: 'docNo', zh: '单据号', en: 'Document', width: 22 },
    { key: 'kind', zh: '类型', en: 'Kind', format: (v, _r, l) => pickLabel(MOVEMENT_LABELS, v, l) },
    { key: 'createdAt', zh: '时间', en: 'Time', width: 22 },
    { key: 'warehouseName', zh: '仓库', en: 'Warehouse', width: 26 },
    { key: 'materialName', zh: '物资', en: 'Material' },
    { key: 'batchNo', zh: '批次号', en: 'Batch' },
    { key: 'delta', zh: '数量变动', en: 'Change' },
    { key: 'balanceAfter', zh: '结存', en: 'Balance' },
    { key: 'unit', zh: '单位', en: 'Unit' },
    { key: 'destinationName', zh: '去向', en: 'Destination', width: 24 },
    { key: 'reason', zh: '事由', en: 'Reason', width: 30 },
    { key: 'operatorName', zh: '经办人', en: 'Operator' },
  ],
  map: (r) => ({ ...r, createdAt: isoTime(r.createdAt) }) as Movement,
};

const Qty = Type.Number({ exclusiveMinimum: 0, maximum: 1e9, multipleOf: 0.01 });
const DocNo = Type.Optional(Type.String({ pattern: '^[A-Za-z0-9\\-_]{4,40}$', description: '单据号（缺省自动生成）' }));
const Reason = Type.Optional(Type.String({ maxLength: 500 }));
const Destination = Type.Object({
  type: Type.String({ enum: ['incident', 'recipient'] }),
  id: Type.Optional(Type.String({ maxLength: 100 })),
  name: Type.String({ minLength: 1, maxLength: 100 }),
}, { additionalProperties: false });

export const ReceiveSchema = Type.Object({
  warehouseId: Type.String({ format: 'uuid' }), materialId: Type.String({ format: 'uuid' }),
  batchNo: Type.String({ minLength: 1, maxLength: 40 }), quantity: Qty,
  productionDate: Type.Optional(nullable(Type.String({ format: 'date' }))), expiryDate: Type.Optional(nullable(Type.String({ format: 'date' }))),
  reserveMode: Type.Optional(Type.String({ enum: [...RESERVE_MODES] })), docNo: DocNo, reason: Reason,
}, { additionalProperties: false });
export const IssueSchema = Type.Object({ batchId: Type.String({ format: 'uuid' }), quantity: Qty, destination: Destination, docNo: DocNo, reason: Reason }, { additionalProperties: false });
export const TransferSchema = Type.Object({ batchId: Type.String({ format: 'uuid' }), quantity: Qty, toWarehouseId: Type.String({ format: 'uuid' }), docNo: DocNo, reason: Reason }, { additionalProperties: false });
export const AdjustSchema = Type.Object({ batchId: Type.String({ format: 'uuid' }), countedQuantity: Type.Number({ minimum: 0, maximum: 1e9, multipleOf: 0.01 }), docNo: DocNo, reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false });
export const ScrapSchema = Type.Object({ batchId: Type.String({ format: 'uuid' }), quantity: Qty, docNo: DocNo, reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false });
export const RotateSchema = Type.Object({
  batchId: Type.String({ format: 'uuid' }), quantity: Qty, newBatchNo: Type.String({ minLength: 1, maxLength: 40 }),
  productionDate: Type.Optional(nullable(Type.String({ format: 'date' }))), expiryDate: Type.Optional(nullable(Type.String({ format: 'date' }))), docNo: DocNo, reason: Reason,
}, { additionalProperties: false });

export const MovementResultSchema = Type.Object({ docNo: Type.String(), movements: Type.Array(MovementSchema) });
type Result = Static<typeof MovementResultSchema>;

interface LockedBatch { id: string; warehouse_id: string; material_id: string; batch_no: string; quantity: number; production_date: string | null; expiry_date: string | null; reserve_mode: string; region_code: string; org_id: string | null; warehouse_name: string; material_name: string }

/** Locks a batch the actor may write (its warehouse in the actor's own region/organisation). */
async function lockBatch(ctx: ServiceCtx, tx: Db, batchId: string): Promise<LockedBatch> {
  const batch = await getResource(tx, ctx.actor, batchesResource, batchId);
  if (!batch) throw notFound();
  const { rows } = await tx.query<LockedBatch>(
    `SELECT b.id, b.warehouse_id, b.material_id, b.batch_no, b.quantity, b.production_date::text, b.expiry_date::text, b.reserve_mode,
            w.region_code, w.org_id, w.name AS warehouse_name, m.name AS material_name
       FROM stock_batch b JOIN warehouse w ON w.id = b.warehouse_id JOIN material m ON m.id = b.material_id WHERE b.id = $1 FOR UPDATE OF b`, [batch.id]);
  const b = rows[0]!;
  if (!canWriteAt(ctx.actor.scope, b.region_code, b.org_id)) throw outOfScope(b.warehouse_name);
  return b;
}

async function docNumber(tx: Db, kind: string, given?: string): Promise<string> {
  if (given) return given;
  const { rows } = await tx.query<{ n: number }>("SELECT nextval('stock_doc_seq') AS n");
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  return `${MOVEMENT_LABELS[kind]![2]}${day}${String(rows[0]!.n).padStart(6, '0')}`;
}

interface MoveInput { docNo: string; kind: string; batch: { id: string; warehouse_id: string; material_id: string }; delta: number; reason?: string | null; destination?: { type: string; id?: string | null; name: string } | null; sourceBatchId?: string | null }

/**
 * Applies one signed change to a batch and records it. The decrement is conditional in SQL
 * (quantity + delta >= 0), so stock can never go negative, and the batch row is locked by the caller,
 * so concurrent movements serialise instead of losing updates.
 */
async function move(ctx: ServiceCtx, tx: Db, m: MoveInput): Promise<number> {
  const { rows } = await tx.query<{ quantity: number }>(
    'UPDATE stock_batch SET quantity = quantity + $2, updated_at = now() WHERE id = $1 AND quantity + $2 >= 0 RETURNING quantity', [m.batch.id, m.delta]);
  if (!rows[0]) throw new AppError(409, 'invalid_state', { detail: ctx.locale === 'en-US' ? 'not enough stock in this batch' : '该批次库存不足' });
  const { rows: ins } = await tx.query<{ id: number }>(
    `INSERT INTO stock_movement (doc_no, kind, batch_id, warehouse_id, material_id, delta, balance_after, reason, destination_type, destination_id, destination_name, source_batch_id, operator_id, operator_name)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) RETURNING id`,
    [m.docNo, m.kind, m.batch.id, m.batch.warehouse_id, m.batch.material_id, m.delta, rows[0].quantity, m.reason ?? null, m.destination?.type ?? null,
      m.destination?.id ?? null, m.destination?.name ?? null, m.sourceBatchId ?? null, ctx.actor.kind === 'user' ? ctx.actor.id : null, ctx.actor.displayName]);
  if (m.delta < 0) await notifyIfBelowMinimum(tx, m.batch.warehouse_id, m.batch.material_id);
  return ins[0]!.id;
}

async function result(ctx: ServiceCtx, docNo: string): Promise<Result> {
  const { rows } = await ctx.db.query<Record<string, unknown>>(`SELECT ${movementsResource.select} FROM ${movementsResource.from} WHERE s.doc_no = $1 ORDER BY s.id`, [docNo]);
  return { docNo, movements: rows.map((r) => movementsResource.map!(r)) };
}

async function upsertBatch(tx: Db, warehouseId: string, materialId: string, batchNo: string, o: { productionDate?: string | null; expiryDate?: string | null; reserveMode?: string }): Promise<{ id: string; warehouse_id: string; material_id: string }> {
  const { rows } = await tx.query<{ id: string; warehouse_id: string; material_id: string }>(
    `INSERT INTO stock_batch (warehouse_id, material_id, batch_no, production_date, expiry_date, reserve_mode) VALUES ($1,$2,$3,$4,$5,$6)
     ON CONFLICT (warehouse_id, material_id, batch_no) DO UPDATE SET updated_at = stock_batch.updated_at
     RETURNING id, warehouse_id, material_id`,
    [warehouseId, materialId, batchNo, o.productionDate ?? null, o.expiryDate ?? null, o.reserveMode ?? 'physical']);
  await tx.query('SELECT 1 FROM stock_batch WHERE id = $1 FOR UPDATE', [rows[0]!.id]);
  return rows[0]!;
}

function checkDates(ctx: ServiceCtx, production?: string | null, expiry?: string | null): void {
  if (production && expiry && expiry < production) throw validationFailed([{ path: 'expiryDate', message: ctx.locale === 'en-US' ? 'expiry before production' : '有效期早于生产日期' }]);
}

/** 入库: receipt into a batch (created on first receipt). */
export async function receiveStock(ctx: ServiceCtx, input: Static<typeof ReceiveSchema>): Promise<Result> {
  checkDates(ctx, input.productionDate, input.expiryDate);
  const w = await getWarehouse(ctx, input.warehouseId);
  if (!canWriteAt(ctx.actor.scope, w.regionCode, w.orgId)) throw outOfScope(w.name);
  const docNo = await write(ctx, async (tx, audit) => {
    const { rows: mat } = await tx.query<{ name: string }>('SELECT name FROM material WHERE id = $1', [input.materialId]);
    if (!mat[0]) throw validationFailed([{ path: 'materialId', message: ctx.locale === 'en-US' ? 'unknown material' : '物资目录中没有该物资' }]);
    const doc = await docNumber(tx, 'in', input.docNo);
    const batch = await upsertBatch(tx, w.id, input.materialId, input.batchNo, input);
    await move(ctx, tx, { docNo: doc, kind: 'in', batch, delta: input.quantity, reason: input.reason });
    await audit({ action: 'stock_in', entityType: 'stock_batch', entityId: batch.id, regionCode: w.regionCode, orgId: w.orgId, summary: `入库 ${doc}：${w.name} ${mat[0].name} ${input.quantity}`, after: input });
    return doc;
  });
  return result(ctx, docNo);
}

/** 出库: issue from a batch to an incident or a recipient. */
export async function issueStock(ctx: ServiceCtx, input: Static<typeof IssueSchema>): Promise<Result> {
  const docNo = await write(ctx, async (tx, audit) => {
    const b = await lockBatch(ctx, tx, input.batchId);
    const doc = await docNumber(tx, 'out', input.docNo);
    await move(ctx, tx, { docNo: doc, kind: 'out', batch: b, delta: -input.quantity, reason: input.reason, destination: input.destination });
    await audit({ action: 'stock_out', entityType: 'stock_batch', entityId: b.id, regionCode: b.region_code, orgId: b.org_id, summary: `出库 ${doc}：${b.warehouse_name} ${b.material_name} ${input.quantity} → ${input.destination.name}`, after: input });
    return doc;
  });
  return result(ctx, docNo);
}

/** 调拨: both sides in one transaction; the receiving batch keeps the batch number and dates. */
export async function transferStock(ctx: ServiceCtx, input: Static<typeof TransferSchema>): Promise<Result> {
  const to = await getWarehouse(ctx, input.toWarehouseId);
  const docNo = await write(ctx, async (tx, audit) => {
    const b = await lockBatch(ctx, tx, input.batchId);
    if (to.id === b.warehouse_id) throw validationFailed([{ path: 'toWarehouseId', message: ctx.locale === 'en-US' ? 'choose another warehouse' : '调入仓库不能与调出仓库相同' }]);
    const doc = await docNumber(tx, 'transfer_out', input.docNo);
    const target = await upsertBatch(tx, to.id, b.material_id, b.batch_no, { productionDate: b.production_date, expiryDate: b.expiry_date, reserveMode: b.reserve_mode });
    await move(ctx, tx, { docNo: doc, kind: 'transfer_out', batch: b, delta: -input.quantity, reason: input.reason, destination: { type: 'warehouse', id: to.id, name: to.name } });
    await move(ctx, tx, { docNo: doc, kind: 'transfer_in', batch: target, delta: input.quantity, reason: input.reason, sourceBatchId: b.id });
    await audit({ action: 'stock_transfer', entityType: 'stock_batch', entityId: b.id, regionCode: b.region_code, orgId: b.org_id, summary: `调拨 ${doc}：${b.warehouse_name} → ${to.name} ${b.material_name} ${input.quantity}`, after: input });
    if (to.regionCode !== b.region_code) {
      await audit({ action: 'stock_transfer', entityType: 'stock_batch', entityId: target.id, regionCode: to.regionCode, orgId: to.orgId, summary: `调入 ${doc}：${b.warehouse_name} → ${to.name} ${b.material_name} ${input.quantity}`, after: input });
    }
    return doc;
  });
  return result(ctx, docNo);
}

/** 盘点: set the batch to the counted quantity, recording the difference. */
export async function adjustStock(ctx: ServiceCtx, input: Static<typeof AdjustSchema>): Promise<Result> {
  const docNo = await write(ctx, async (tx, audit) => {
    const b = await lockBatch(ctx, tx, input.batchId);
    const delta = Math.round((input.countedQuantity - Number(b.quantity)) * 100) / 100;
    if (delta === 0) throw new AppError(409, 'invalid_state', { detail: ctx.locale === 'en-US' ? 'the count matches the books' : '盘点数量与账面一致，无需调整' });
    const doc = await docNumber(tx, 'adjust', input.docNo);
    await move(ctx, tx, { docNo: doc, kind: 'adjust', batch: b, delta, reason: input.reason });
    await audit({ action: 'stock_adjust', entityType: 'stock_batch', entityId: b.id, regionCode: b.region_code, orgId: b.org_id, summary: `盘点 ${doc}：${b.material_name} ${b.quantity} → ${input.countedQuantity}`, before: { quantity: b.quantity }, after: input });
    return doc;
  });
  return result(ctx, docNo);
}

/** 报废. */
export async function scrapStock(ctx: ServiceCtx, input: Static<typeof ScrapSchema>): Promise<Result> {
  const docNo = await write(ctx, async (tx, audit) => {
    const b = await lockBatch(ctx, tx, input.batchId);
    const doc = await docNumber(tx, 'scrap', input.docNo);
    await move(ctx, tx, { docNo: doc, kind: 'scrap', batch: b, delta: -input.quantity, reason: input.reason });
    await audit({ action: 'stock_scrap', entityType: 'stock_batch', entityId: b.id, regionCode: b.region_code, orgId: b.org_id, summary: `报废 ${doc}：${b.material_name} ${input.quantity}`, after: input });
    return doc;
  });
  return result(ctx, docNo);
}

/** 轮换: near-expiry stock goes out and the same quantity of a new batch comes in, under one document. */
export async function rotateStock(ctx: ServiceCtx, input: Static<typeof RotateSchema>): Promise<Result> {
  checkDates(ctx, input.productionDate, input.expiryDate);
  const docNo = await write(ctx, async (tx, audit) => {
    const b = await lockBatch(ctx, tx, input.batchId);
    if (input.newBatchNo === b.batch_no) throw validationFailed([{ path: 'newBatchNo', message: ctx.locale === 'en-US' ? 'the new batch needs a new number' : '轮换入库须使用新批次号' }]);
    const doc = await docNumber(tx, 'rotate_out', input.docNo);
    const fresh = await upsertBatch(tx, b.warehouse_id, b.material_id, input.newBatchNo, { productionDate: input.productionDate, expiryDate: input.expiryDate, reserveMode: b.reserve_mode });
    await move(ctx, tx, { docNo: doc, kind: 'rotate_out', batch: b, delta: -input.quantity, reason: input.reason });
    await move(ctx, tx, { docNo: doc, kind: 'rotate_in', batch: fresh, delta: input.quantity, reason: input.reason, sourceBatchId: b.id });
    await audit({ action: 'stock_rotate', entityType: 'stock_batch', entityId: b.id, regionCode: b.region_code, orgId: b.org_id, summary: `轮换 ${doc}：${b.material_name} ${input.quantity}（${b.batch_no} → ${input.newBatchNo}）`, after: input });
    return doc;
  });
  return result(ctx, docNo);
}

export const TraceSchema = Type.Object({ batch: BatchSchema, origin: Type.Array(MovementSchema), movements: Type.Array(MovementSchema) });

/**
 * Where a batch's units came from and went: its own movements, plus — for stock that arrived by
 * transfer or rotation — the movements of the batch it came from, back to the first receipt.
 */
export async function traceBatch(ctx: ServiceCtx, batchId: string): Promise<Static<typeof TraceSchema>> {
  const batch = await getResource(ctx.db, ctx.actor, batchesResource, batchId);
  if (!batch) throw notFound();
  const select = `SELECT ${movementsResource.select} FROM ${movementsResource.from}`;
  const { rows } = await ctx.db.query<Record<string, unknown>>(`${select} WHERE s.batch_id = $1 ORDER BY s.id`, [batch.id]);
  const origin: Movement[] = [];
  let source = rows.map((r) => r.sourceBatchId).find((x) => x) as string | undefined;
  for (let hops = 0; source && hops < 20; hops++) {
    // Follow the origin only as far as the actor may see it.
    if (!(await getResource(ctx.db, ctx.actor, batchesResource, source))) break;
    const { rows: up } = await ctx.db.query<Record<string, unknown>>(`${select} WHERE s.batch_id = $1 ORDER BY s.id`, [source]);
    origin.unshift(...up.map((r) => movementsResource.map!(r)));
    source = up.map((r) => r.sourceBatchId).find((x) => x) as string | undefined;
  }
  return { batch, origin, movements: rows.map((r) => movementsResource.map!(r)) };
}

