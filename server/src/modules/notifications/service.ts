import { Type, type Static } from 'typebox';
import type { ServiceCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';

export const NotificationSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  body: Type.Union([Type.String(), Type.Null()]),
  link: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type Notification = Static<typeof NotificationSchema>;

/**
 * Queues in-app notifications inside the caller's transaction (modules call this from their write
 * path, so the notice exists exactly when the change does).
 */
export async function notify(tx: Db, userIds: string[], n: { title: string; body?: string; link?: string }): Promise<void> {
  if (!userIds.length) return;
  await tx.query(
    `INSERT INTO notification (user_id, title, body, link) SELECT u, $2, $3, $4 FROM unnest($1::uuid[]) AS u`,
    [userIds, n.title, n.body ?? null, n.link ?? null]);
}

/**
 * Like notify(), but skips users who already received a notice with the same title within the last
 * `withinHours` (daily sweeps: one notice per subject a day). Returns how many users were notified.
 */
export async function notifyOnce(tx: Db, userIds: string[], n: { title: string; body?: string; link?: string }, withinHours: number): Promise<number> {
  if (!userIds.length) return 0;
  const { rows } = await tx.query<{ user_id: string }>(
    `SELECT DISTINCT user_id FROM notification WHERE user_id = ANY($1::uuid[]) AND title = $2 AND created_at > now() - make_interval(hours => $3)`,
    [userIds, n.title, withinHours]);
  const fresh = userIds.filter((u) => !rows.some((r) => r.user_id === u));
  await notify(tx, fresh, n);
  return fresh.length;
}

/** The actor's own notifications, newest first; plus the unread count. */
export async function listNotifications(ctx: ServiceCtx, unreadOnly: boolean): Promise<{ items: Notification[]; unread: number }> {
  const { rows } = await ctx.db.query<Notification & { createdAt: Date; readAt: Date | null }>(
    `SELECT id, title, body, link, created_at AS "createdAt", read_at AS "readAt" FROM notification
      WHERE user_id = $1 ${unreadOnly ? 'AND read_at IS NULL' : ''} ORDER BY created_at DESC LIMIT 100`, [ctx.actor.id]);
  const { rows: c } = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM notification WHERE user_id = $1 AND read_at IS NULL', [ctx.actor.id]);
  return {
    items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), readAt: r.readAt ? r.readAt.toISOString() : null })),
    unread: c[0]?.n ?? 0,
  };
}

/** Marking one's own notice read is a personal UI state change, not a business write: not audited. */
export async function markRead(ctx: ServiceCtx, id: string | 'all'): Promise<void> {
  if (id === 'all') {
    await ctx.db.query('UPDATE notification SET read_at = now() WHERE user_id = $1 AND read_at IS NULL', [ctx.actor.id]);
    return;
  }
  const r = await ctx.db.query('UPDATE notification SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2', [id, ctx.actor.id]);
  if (r.rowCount === 0) throw notFound();
}
