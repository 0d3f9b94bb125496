import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type Client, type TestApp } from '../../../test/helpers.ts';
import { demoId } from '../../demo/ids.ts';

const TENT = demoId('material-tent');
const QUILT = demoId('material-quilt');

interface Found { id: string; distanceM: number; coversAll: boolean; items: { materialId: string; available: number; needed: number }[] }

describe('GET /api/v1/warehouses/with-items', () => {
  let t: TestApp;
  let admin: Client;
  before(async () => {
    t = await buildTestApp();
    admin = await t.as('admin');
  });
  after(async () => { await t.close(); });

  const base = `/api/v1/warehouses/with-items?lon=89.97&lat=42.90&items=${TENT}:1,${QUILT}:1`;

  it('a radius keeps exactly the warehouses within it, nearest first', async () => {
    const all = (await admin.get(`${base}&k=50`)).json() as Found[];
    assert.ok(all.length >= 3, `demo data holds tents or quilts in several warehouses (${all.length})`);
    for (let i = 1; i < all.length; i++) assert.ok(all[i]!.distanceM >= all[i - 1]!.distanceM);
    // A radius between the second and the third answer: the first two, and nothing farther.
    const radiusKm = (all[1]!.distanceM + all[2]!.distanceM) / 2 / 1000;
    const near = (await admin.get(`${base}&k=50&radiusKm=${radiusKm}`)).json() as Found[];
    assert.deepEqual(near.map((w) => w.id), all.slice(0, 2).map((w) => w.id));
    const none = (await admin.get(`${base}&k=50&radiusKm=${Math.max(0.001, all[0]!.distanceM / 2 / 1000)}`)).json() as Found[];
    assert.deepEqual(none, []);
  });

  it('k cuts the list after the k nearest that qualify', async () => {
    const all = (await admin.get(`${base}&k=50`)).json() as Found[];
    const two = (await admin.get(`${base}&k=2`)).json() as Found[];
    assert.deepEqual(two, all.slice(0, 2));
  });

  it('reports available and needed per item, and skips warehouses holding none of them', async () => {
    const found = (await admin.get(`${base}&k=50`)).json() as Found[];
    for (const w of found) {
      assert.deepEqual(w.items.map((i) => i.materialId).sort(), [TENT, QUILT].sort());
      assert.ok(w.items.some((i) => i.available > 0));
      assert.equal(w.coversAll, w.items.every((i) => i.available >= i.needed));
    }
    const { rows } = await t.db.query<{ n: number }>(
      `SELECT count(DISTINCT b.warehouse_id)::int AS n FROM stock_batch b JOIN warehouse w ON w.id = b.warehouse_id
        WHERE w.location IS NOT NULL AND b.material_id = ANY($1::uuid[]) AND b.quantity > 0 AND (b.expiry_date IS NULL OR b.expiry_date >= current_date)`, [[TENT, QUILT]]);
    assert.equal(found.length, Math.min(50, rows[0]!.n), 'every warehouse with usable stock of either item, and only those');
  });
});
