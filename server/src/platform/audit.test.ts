import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { systemActor } from './actor.ts';
import { appendAudit, canonicalJson, verifyAuditChain } from './audit.ts';
import { buildTestApp, type TestApp } from '../../test/helpers.ts';

describe('audit log', () => {
  let t: TestApp;
  before(async () => { t = await buildTestApp(); });
  after(async () => { await t.close(); });

  it('canonical JSON does not depend on key order', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } }), canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }));
  });

  it('refuses to append outside a transaction', async () => {
    await assert.rejects(appendAudit(t.db, systemActor(), { action: 'x', entityType: 'y', entityId: null }), /inside the write transaction/);
  });

  it('chains rows and verifies a clean log', async () => {
    await t.db.transaction(async (tx) => {
      for (let i = 0; i < 5; i++) await appendAudit(tx, systemActor('test'), { action: 'update', entityType: 'thing', entityId: String(i), after: { n: i, at: new Date(0), nested: { z: 1, a: [1.5, 'x'] } } });
    });
    const r = await verifyAuditChain(t.db);
    assert.equal(r.ok, true, JSON.stringify(r.problems));
    assert.ok(r.rows >= 6);
  });

  it('the database refuses UPDATE and DELETE on audit rows', async () => {
    await assert.rejects(t.db.query("UPDATE audit_log SET summary = 'x' WHERE seq = 1"), /append-only/);
    await assert.rejects(t.db.query('DELETE FROM audit_log WHERE seq = 1'), /append-only/);
  });

  it('detects an edited row and a deleted row once the trigger is bypassed', async () => {
    // An attacker with superuser rights can disable the trigger; the hash chain still tells.
    await t.db.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await t.db.query(`UPDATE audit_log SET after = '{"n": 99}'::jsonb WHERE seq = 3`);
    let r = await verifyAuditChain(t.db);
    assert.equal(r.ok, false);
    assert.ok(r.problems.some((p) => p.seq === 3 && /edited/.test(p.problem)), JSON.stringify(r.problems));
    await t.db.query('DELETE FROM audit_log WHERE seq = 5');
    r = await verifyAuditChain(t.db);
    assert.ok(r.problems.some((p) => p.seq === 6 && /deleted/.test(p.problem)), JSON.stringify(r.problems));
    assert.ok(r.problems.some((p) => p.seq === 6 && /prev_hash/.test(p.problem)));
    await t.db.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
  });
});
