import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { auditCount, buildTestApp, type Client, type TestApp } from '../../../test/helpers.ts';
import { demoId } from '../../demo/ids.ts';

const COUNTY_WH = demoId('warehouse-county');
const LMQ_WH = demoId('warehouse-lianmuqin');
const TENT = demoId('material-tent');
const QUILT = demoId('material-quilt');

async function batchQty(t: TestApp, id: string): Promise<number> {
  const { rows } = await t.db.query<{ quantity: number }>('SELECT quantity FROM stock_batch WHERE id = $1', [id]);
  return Number(rows[0]!.quantity);
}

/** Ledger invariant: every batch's quantity equals the sum of its movements, and none is negative. */
async function assertLedger(t: TestApp): Promise<void> {
  const { rows } = await t.db.query<{ id: string; quantity: number; moved: number | null }>(
    `SELECT b.id, b.quantity, (SELECT sum(delta) FROM stock_movement s WHERE s.batch_id = b.id) AS moved FROM stock_batch b`);
  for (const r of rows) {
    assert.ok(Number(r.quantity) >= 0, `batch ${r.id} negative`);
    assert.equal(Number(r.quantity), Number(r.moved ?? 0), `batch ${r.id}: quantity ${r.quantity} ≠ movements ${r.moved}`);
  }
}

describe('stock ledger', () => {
  let t: TestApp;
  let admin: Client;
  before(async () => {
    t = await buildTestApp();
    admin = await t.as('admin');
  });
  after(async () => { await t.close(); });

  it('the demo county holds stock in its warehouses, and the ledger balances', async () => {
    assert.ok((await admin.get('/api/v1/warehouses')).json().total >= 5);
    const tents = (await admin.get(`/api/v1/stock/batches?materialId=${TENT}&pageSize=50`)).json();
    assert.ok(tents.items.reduce((s: number, b: { quantity: number }) => s + b.quantity, 0) >= 300);
    await assertLedger(t);
  });

  it('catalogue edits: county-only, audited, unit frozen once stock exists', async () => {
    const town = await t.as('town-lianmuqin');
    assert.equal((await town.patch(`/api/v1/materials/${TENT}`, { spec: '改' })).statusCode, 403);
    const unit = await admin.patch(`/api/v1/materials/${TENT}`, { unit: '个' });
    assert.equal(unit.statusCode, 400);
    assert.equal(unit.json().errors[0].path, 'unit');
    const n = await auditCount(t.db);
    const ok = await admin.patch(`/api/v1/materials/${TENT}`, { spec: '12 m² 单帐篷（棉）' });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().spec, '12 m² 单帐篷（棉）');
    assert.equal(await auditCount(t.db), n + 1);
    const dup = await admin.patch(`/api/v1/materials/${TENT}`, { name: '棉被', spec: '2 kg' });
    assert.equal(dup.statusCode, 409);
  });

  it('入库 → 调拨 → 出库 to an incident: every unit is traceable from receipt to where it went', async () => {
    const rk = await admin.post('/api/v1/stock/receive', { warehouseId: COUNTY_WH, materialId: QUILT, batchNo: 'T-2026-01', quantity: 100, productionDate: '2026-01-01', reason: '采购入库' });
    assert.equal(rk.statusCode, 201, rk.body);
    assert.match(rk.json().docNo, /^RK\d{14}$/);
    const batchId = rk.json().movements[0].batchId;
    const db = await admin.post('/api/v1/stock/transfer', { batchId, quantity: 40, toWarehouseId: LMQ_WH, reason: '前置储备' });
    assert.equal(db.statusCode, 201, db.body);
    assert.deepEqual(db.json().movements.map((m: { kind: string }) => m.kind), ['transfer_out', 'transfer_in']);
    const target = db.json().movements[1].batchId;
    assert.equal(await batchQty(t, batchId), 60);
    assert.equal(await batchQty(t, target), 40);
    const ck = await admin.post('/api/v1/stock/issue', { batchId: target, quantity: 25, destination: { type: 'incident', id: 'INC-TEST-1', name: '连木沁镇内涝' }, reason: '安置群众' });
    assert.equal(ck.statusCode, 201, ck.body);
    const trace = (await admin.get(`/api/v1/stock/batches/${target}/trace`)).json();
    assert.deepEqual(trace.origin.map((m: { kind: string }) => m.kind), ['in', 'transfer_out']);
    assert.deepEqual(trace.movements.map((m: { kind: string }) => m.kind), ['transfer_in', 'out']);
    assert.equal(trace.movements[1].destinationName, '连木沁镇内涝');
    const byIncident = (await admin.get('/api/v1/stock/movements?destinationId=INC-TEST-1')).json();
    assert.equal(byIncident.total, 1);
    await assertLedger(t);
  });

  it('never goes negative: an over-issue is refused and changes nothing', async () => {
    const batch = demoId('batch-lukeqin-tent');
    const before = await batchQty(t, batch);
    const n = await auditCount(t.db);
    const r = await admin.post('/api/v1/stock/issue', { batchId: batch, quantity: before + 1, destination: { type: 'recipient', name: '某村' } });
    assert.equal(r.statusCode, 409);
    assert.equal(r.json().detail, '当前状态不允许此操作：该批次库存不足');
    assert.equal(await batchQty(t, batch), before);
    assert.equal(await auditCount(t.db), n);
    assert.equal((await admin.post('/api/v1/stock/issue', { batchId: batch, quantity: -5, destination: { type: 'recipient', name: 'x' } })).statusCode, 400);
  });

  it('parallel issues from one batch neither lose nor double an update', async () => {
    const rk = await admin.post('/api/v1/stock/receive', { warehouseId: COUNTY_WH, materialId: TENT, batchNo: 'T-PAR-1', quantity: 100 });
    const batchId = rk.json().movements[0].batchId;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      admin.post('/api/v1/stock/issue', { batchId, quantity: 10, destination: { type: 'recipient', name: `领用人${i}` } })));
    assert.equal(results.filter((r) => r.statusCode === 201).length, 10);
    assert.equal(results.filter((r) => r.statusCode === 409).length, 10);
    assert.equal(await batchQty(t, batchId), 0);
    await assertLedger(t);
  });

  it('盘点, 报废 and 轮换 keep the books right', async () => {
    const rk = await admin.post('/api/v1/stock/receive', { warehouseId: COUNTY_WH, materialId: TENT, batchNo: 'T-ADJ-1', quantity: 50, expiryDate: '2027-01-01' });
    const batchId = rk.json().movements[0].batchId;
    assert.equal((await admin.post('/api/v1/stock/adjust', { batchId, countedQuantity: 48, reason: '年度盘点' })).json().movements[0].delta, -2);
    assert.equal((await admin.post('/api/v1/stock/adjust', { batchId, countedQuantity: 48, reason: '复盘' })).statusCode, 409);
    assert.equal((await admin.post('/api/v1/stock/scrap', { batchId, quantity: 3, reason: '霉变' })).statusCode, 201);
    const lh = await admin.post('/api/v1/stock/rotate', { batchId, quantity: 45, newBatchNo: 'T-ADJ-2', expiryDate: '2030-01-01', reason: '临期轮换' });
    assert.equal(lh.statusCode, 201, lh.body);
    assert.equal(await batchQty(t, batchId), 0);
    assert.equal(await batchQty(t, lh.json().movements[1].batchId), 45);
    await assertLedger(t);
  });

  it('scope: a township moves only its own stock, and reads county stock', async () => {
    const town = await t.as('town-lianmuqin');
    const visible = (await town.get('/api/v1/stock/batches?pageSize=200')).json();
    const warehouses = new Set(visible.items.map((b: { warehouseId: string }) => b.warehouseId));
    assert.ok(warehouses.has(LMQ_WH) && warehouses.has(COUNTY_WH));
    assert.ok(!warehouses.has(demoId('warehouse-lukeqin')));
    const own = await town.post('/api/v1/stock/issue', { batchId: demoId('batch-lianmuqin-quilt'), quantity: 5, destination: { type: 'recipient', name: '连心社区' } });
    assert.equal(own.statusCode, 201, own.body);
    const county = await town.post('/api/v1/stock/issue', { batchId: demoId('batch-county-quilt'), quantity: 5, destination: { type: 'recipient', name: 'x' } });
    assert.equal(county.statusCode, 403);
    assert.equal((await town.post('/api/v1/stock/issue', { batchId: demoId('batch-lukeqin-tent'), quantity: 1, destination: { type: 'recipient', name: 'x' } })).statusCode, 404);
    const ent = await t.as('ent-tianshan');
    const entBatches = (await ent.get('/api/v1/stock/batches')).json();
    assert.ok(entBatches.items.every((b: { warehouseId: string }) => b.warehouseId === demoId('warehouse-agreement')));
    assert.ok(entBatches.total >= 1);
  });

  it('finds warehouses holding the needed items, nearest first, and which of them cover everything', async () => {
    const q = `/api/v1/warehouses/with-items?lon=89.97&lat=42.90&items=${TENT}:200,${QUILT}:500`;
    const any = (await admin.get(q)).json() as { id: string; distanceM: number; coversAll: boolean; items: { available: number; needed: number }[] }[];
    assert.ok(any.length >= 2);
    for (let i = 1; i < any.length; i++) assert.ok(any[i]!.distanceM >= any[i - 1]!.distanceM);
    assert.ok(any.some((w) => w.id === COUNTY_WH && w.coversAll));
    assert.ok(any.some((w) => w.id === LMQ_WH && !w.coversAll), 'the township point holds some but not enough');
    const all = (await admin.get(`${q}&all=true`)).json() as { id: string; coversAll: boolean }[];
    assert.ok(all.length >= 1 && all.every((w) => w.coversAll));
    assert.ok(!all.some((w) => w.id === LMQ_WH));
  });

  it('lists stock alerts in scope and notifies the warehouse manager when stock falls below its minimum', async () => {
    const alerts = (await admin.get('/api/v1/stock/alerts?days=60')).json() as { kind: string; warehouseId: string; materialName: string }[];
    assert.ok(alerts.some((a) => a.kind === 'below_minimum' && a.warehouseId === COUNTY_WH && a.materialName === '瓶装饮用水'));
    assert.ok(alerts.some((a) => a.kind === 'expiring'), 'demo stock expiring within 60 days of the seeding day');
    const town = await t.as('town-lianmuqin');
    const mine = (await town.get('/api/v1/stock/alerts?days=60')).json() as { warehouseId: string }[];
    assert.ok(mine.every((a) => [LMQ_WH, COUNTY_WH].includes(a.warehouseId)));
    const before = (await town.get('/api/v1/notifications')).json().unread;
    const r = await town.post('/api/v1/stock/issue', { batchId: demoId('batch-lianmuqin-tent'), quantity: 5, destination: { type: 'recipient', name: '连心社区' } });
    assert.equal(r.statusCode, 201, r.body);
    const after = (await town.get('/api/v1/notifications')).json();
    assert.equal(after.unread, before + 1);
    assert.match(after.items[0].title, /库存低于最低储备：连木沁镇应急物资储备点 救灾帐篷/);
    assert.equal((await town.put(`/api/v1/warehouses/${LMQ_WH}/minimums/${TENT}`, { minQuantity: 10 })).statusCode, 204);
    assert.equal((await town.put(`/api/v1/warehouses/${COUNTY_WH}/minimums/${TENT}`, { minQuantity: 10 })).statusCode, 403);
    const mins = (await town.get(`/api/v1/warehouses/${LMQ_WH}/minimums`)).json() as { materialId: string; minQuantity: number; usable: number; below: boolean }[];
    assert.deepEqual(mins.map((m) => [m.materialId, m.minQuantity, m.usable, m.below]), [[TENT, 10, 25, false]]);
    assert.equal((await town.get(`/api/v1/warehouses/${demoId('warehouse-shanshan')}/minimums`)).statusCode, 404, 'another township\'s warehouse');
  });

  it('random movement sequences keep quantity = Σ movements ≥ 0 (property-based)', async () => {
    const rk = await admin.post('/api/v1/stock/receive', { warehouseId: COUNTY_WH, materialId: QUILT, batchNo: 'T-PROP-1', quantity: 10 });
    const source = rk.json().movements[0].batchId;
    const op = fc.oneof(
      fc.record({ kind: fc.constant('receive' as const), qty: fc.integer({ min: 1, max: 50 }) }),
      fc.record({ kind: fc.constant('issue' as const), qty: fc.integer({ min: 1, max: 60 }) }),
      fc.record({ kind: fc.constant('transfer' as const), qty: fc.integer({ min: 1, max: 60 }) }),
      fc.record({ kind: fc.constant('scrap' as const), qty: fc.integer({ min: 1, max: 20 }) }),
      fc.record({ kind: fc.constant('adjust' as const), qty: fc.integer({ min: 0, max: 80 }) }),
    );
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
      for (const o of ops) {
        const expectedBefore = await batchQty(t, source);
        let r;
        if (o.kind === 'receive') r = await admin.post('/api/v1/stock/receive', { warehouseId: COUNTY_WH, materialId: QUILT, batchNo: 'T-PROP-1', quantity: o.qty });
        else if (o.kind === 'issue') r = await admin.post('/api/v1/stock/issue', { batchId: source, quantity: o.qty, destination: { type: 'recipient', name: 'p' } });
        else if (o.kind === 'transfer') r = await admin.post('/api/v1/stock/transfer', { batchId: source, quantity: o.qty, toWarehouseId: LMQ_WH });
        else if (o.kind === 'scrap') r = await admin.post('/api/v1/stock/scrap', { batchId: source, quantity: o.qty, reason: 'p' });
        else r = await admin.post('/api/v1/stock/adjust', { batchId: source, countedQuantity: o.qty, reason: 'p' });
        const after = await batchQty(t, source);
        const decreases = o.kind === 'issue' || o.kind === 'transfer' || o.kind === 'scrap';
        if (decreases && o.qty > expectedBefore) {
          assert.equal(r.statusCode, 409);
          assert.equal(after, expectedBefore);
        } else if (o.kind === 'adjust' && o.qty === expectedBefore) {
          assert.equal(r.statusCode, 409);
        } else {
          assert.equal(r.statusCode, 201, r.body);
        }
      }
      await assertLedger(t);
    }), { numRuns: 12, seed: 650421 });
  });
});
