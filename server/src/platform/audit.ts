import { createHash } from 'node:crypto';
import type { Actor } from './actor.ts';
import type { Db } from './db.ts';

export interface AuditEntry {
  action: string; // create | update | delete | login | logout | <domain verb>
  entityType: string;
  entityId: string | null;
  regionCode?: string | null;
  orgId?: string | null;
  summary?: string;
  before?: unknown;
  after?: unknown;
}

export interface RequestInfo {
  requestId?: string;
  ip?: string;
}

export const GENESIS_HASH = '0'.repeat(64);
// One advisory lock key for the chain: appends are serialised so seq has no gaps and each row
// links to its predecessor. A county's write rate is far below what one lock can carry.
const AUDIT_LOCK_KEY = 7_301_104;

/** JSON with recursively sorted keys; dates as ISO strings. The hash input must not depend on key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value));
}

function normalise(v: unknown): unknown {
  if (v === undefined) return null;
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(normalise);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v as Record<string, unknown>).sort()) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined) out[k] = normalise(x);
  }
  return out;
}

export interface AuditRow {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  region_code: string | null;
  org_id: string | null;
  summary: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export function rowHash(r: Omit<AuditRow, 'hash'>): string {
  const body = canonicalJson({
    seq: r.seq, at: r.at, actor_id: r.actor_id, actor_name: r.actor_name, action: r.action,
    entity_type: r.entity_type, entity_id: r.entity_id, region_code: r.region_code, org_id: r.org_id,
    summary: r.summary, before: r.before, after: r.after, request_id: r.request_id, ip: r.ip,
  });
  return createHash('sha256').update(r.prev_hash).update('\n').update(body).digest('hex');
}

/**
 * Appends one audit row in the caller's transaction (the write and its audit commit or roll back
 * together). Must be called inside db.transaction().
 */
export async function appendAudit(tx: Db, actor: Actor, e: AuditEntry, req: RequestInfo = {}): Promise<AuditRow> {
  if (!tx.inTransaction) throw new Error('appendAudit must run inside the write transaction');
  await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK_KEY]);
  const { rows } = await tx.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const last = rows[0];
  const row: Omit<AuditRow, 'hash'> = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date().toISOString(),
    // uuid columns come back lower-case: hash them the way they are stored.
    actor_id: actor.kind === 'system' ? null : actor.id?.toLowerCase() ?? null,
    actor_name: actor.name,
    action: e.action,
    entity_type: e.entityType,
    entity_id: e.entityId,
    region_code: e.regionCode ?? null,
    org_id: e.orgId?.toLowerCase() ?? null,
    summary: e.summary ?? null,
    // Round-trip through JSON so what is hashed is exactly what jsonb gives back.
    before: e.before === undefined ? null : JSON.parse(canonicalJson(e.before)),
    after: e.after === undefined ? null : JSON.parse(canonicalJson(e.after)),
    request_id: req.requestId ?? null,
    ip: req.ip ?? null,
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  const hash = rowHash(row);
  await tx.query(
    `INSERT INTO audit_log (seq, at, actor_id, actor_name, action, entity_type, entity_id, region_code, org_id,
       summary, before, after, request_id, ip, prev_hash, hash)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)`,
    [row.seq, row.at, row.actor_id, row.actor_name, row.action, row.entity_type, row.entity_id, row.region_code,
      row.org_id, row.summary, row.before === null ? null : JSON.stringify(row.before),
      row.after === null ? null : JSON.stringify(row.after), row.request_id, row.ip, row.prev_hash, hash],
  );
  return { ...row, hash };
}

export interface VerifyResult {
  ok: boolean;
  rows: number;
  headSeq: number;
  headHash: string;
  problems: { seq: number; problem: string }[];
}

/**
 * Recomputes the chain from the first row. Detects an edited row (its hash no longer matches), a
 * deleted row (a gap in seq, or the next row's prev_hash no longer links), and re-ordering.
 */
export async function verifyAuditChain(db: Db, batch = 5000): Promise<VerifyResult> {
  const problems: { seq: number; problem: string }[] = [];
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  let lastSeq = 0;
  for (;;) {
    const { rows } = await db.query<Omit<AuditRow, 'at'> & { at: Date | string }>(
      `SELECT seq, at, actor_id, actor_name, action, entity_type, entity_id, region_code, org_id, summary,
              before, after, request_id, ip, prev_hash, hash
         FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [lastSeq, batch],
    );
    if (rows.length === 0) break;
    for (const r of rows) {
      count++;
      const at = r.at instanceof Date ? r.at.toISOString() : new Date(r.at).toISOString();
      if (r.seq !== expectedSeq) problems.push({ seq: r.seq, problem: `missing rows ${expectedSeq}..${r.seq - 1} (deleted)` });
      if (r.prev_hash !== prevHash) problems.push({ seq: r.seq, problem: 'prev_hash does not link to the previous row' });
      const recomputed = rowHash({ ...r, at });
      if (recomputed !== r.hash) problems.push({ seq: r.seq, problem: 'row content does not match its hash (edited)' });
      prevHash = r.hash;
      expectedSeq = r.seq + 1;
      lastSeq = r.seq;
    }
  }
  return { ok: problems.length === 0, rows: count, headSeq: lastSeq, headHash: prevHash, problems };
}
