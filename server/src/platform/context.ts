import type { Actor } from './actor.ts';
import { appendAudit, type AuditEntry } from './audit.ts';
import type { Db } from './db.ts';
import type { Locale } from './i18n.ts';

/** What every service function receives: the database, who is acting, and request facts for audit. */
export interface ServiceCtx {
  db: Db;
  actor: Actor;
  locale: Locale;
  requestId?: string;
  ip?: string;
}

/**
 * The one write path. Opens a transaction, runs the change, and appends the audit rows it records in
 * the same transaction. A write that records no audit entry is refused (rolled back), so no service
 * can change data without an audit trail.
 */
export async function write<T>(
  ctx: ServiceCtx,
  fn: (tx: Db, audit: (e: AuditEntry) => Promise<void>) => Promise<T>,
): Promise<T> {
  return ctx.db.transaction(async (tx) => {
    let recorded = 0;
    const audit = async (e: AuditEntry) => {
      await appendAudit(tx, ctx.actor, e, { requestId: ctx.requestId, ip: ctx.ip });
      recorded++;
    };
    const result = await fn(tx, audit);
    if (recorded === 0) throw new Error('write() finished without an audit entry');
    return result;
  });
}

/** Fields that differ between two snapshots, for compact audit before/after. */
export function diff<T extends Record<string, unknown>>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof T>) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) {
      b[k] = before[k];
      a[k] = after[k];
    }
  }
  return { before: b, after: a };
}
