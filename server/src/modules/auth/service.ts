import { hash, verify } from '@node-rs/argon2';
import type { Config } from '../../config.ts';
import { systemActor, type Actor } from '../../platform/actor.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { invalidateAuthCache, randomToken, sha256 } from '../../platform/auth.ts';

/** argon2id with the library defaults (m=19 MiB, t=2), ≈ 10 ms a hash on this machine. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export function verifyPassword(stored: string, password: string): Promise<boolean> {
  return verify(stored, password).catch(() => false);
}

interface LoginUser {
  id: string;
  username: string;
  password_hash: string | null;
  status: string;
  failed_attempts: number;
  locked_until: Date | null;
  region_code: string;
  org_id: string | null;
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  userId: string;
}

// A fixed hash so unknown usernames cost the same time as known ones.
let dummyHash: Promise<string> | null = null;

/**
 * Password login. Failures are counted per account; after `loginMaxFailures` in a row the account is
 * locked for `loginLockMinutes`. Every outcome that changes the account is audited.
 */
export async function login(
  db: Db, cfg: Config, username: string, password: string, meta: { ip?: string; userAgent?: string; requestId?: string },
): Promise<LoginResult> {
  const { rows } = await db.query<LoginUser>(
    `SELECT id, username, password_hash, status, failed_attempts, locked_until, region_code, org_id
       FROM app_user WHERE username = $1`,
    [username.trim().toLowerCase()],
  );
  const u = rows[0];
  if (!u || !u.password_hash) {
    dummyHash ??= hashPassword('not-a-password');
    await verifyPassword(await dummyHash, password);
    throw new AppError(401, 'bad_credentials');
  }
  const actor: Actor = { ...systemActor(u.username), kind: 'user', id: u.id, name: u.username };
  // A locked account answers "locked" whatever the password, so guessing stops while it is locked.
  if (u.locked_until && u.locked_until.getTime() > Date.now()) {
    throw new AppError(423, 'account_locked', { minutes: Math.ceil((u.locked_until.getTime() - Date.now()) / 60_000) });
  }
  const ok = await verifyPassword(u.password_hash, password);
  // A disabled account is only revealed to someone who knows its password.
  if (ok && u.status !== 'active') throw new AppError(403, 'account_disabled');
  const req = { requestId: meta.requestId, ip: meta.ip };
  if (!ok) {
    let failures = 0;
    let lock = false;
    await db.transaction(async (tx) => {
      // Counted atomically in the database: parallel wrong guesses cannot overwrite each other's count.
      const { rows: counted } = await tx.query<{ failed_attempts: number }>(
        'UPDATE app_user SET failed_attempts = failed_attempts + 1 WHERE id = $1 RETURNING failed_attempts', [u.id]);
      failures = counted[0]?.failed_attempts ?? 1;
      lock = failures >= cfg.loginMaxFailures;
      if (lock) {
        await tx.query('UPDATE app_user SET failed_attempts = 0, locked_until = now() + make_interval(mins => $2) WHERE id = $1', [u.id, cfg.loginLockMinutes]);
      }
      await appendAudit(tx, actor, {
        action: lock ? 'account_locked' : 'login_failed', entityType: 'user', entityId: u.id,
        regionCode: u.region_code, orgId: u.org_id, summary: lock ? `连续 ${failures} 次登录失败，账号锁定` : `登录失败（第 ${failures} 次）`,
        after: { failedAttempts: lock ? 0 : failures, locked: lock },
      }, req);
    });
    if (lock) throw new AppError(423, 'account_locked', { minutes: cfg.loginLockMinutes });
    throw new AppError(401, 'bad_credentials');
  }
  const token = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = new Date(Date.now() + cfg.sessionTtlHours * 3600_000);
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO user_session (id, user_id, csrf_token, ip, user_agent, expires_at) VALUES ($1,$2,$3,$4,$5,$6)`,
      [sha256(token), u.id, csrfToken, meta.ip ?? null, meta.userAgent?.slice(0, 300) ?? null, expiresAt],
    );
    await tx.query('UPDATE app_user SET failed_attempts = 0, locked_until = NULL, last_login_at = now() WHERE id = $1', [u.id]);
    await appendAudit(tx, actor, {
      action: 'login', entityType: 'user', entityId: u.id, regionCode: u.region_code, orgId: u.org_id, summary: '登录',
    }, req);
  });
  return { token, csrfToken, expiresAt, userId: u.id };
}

export async function logout(db: Db, actor: Actor, meta: { requestId?: string; ip?: string }): Promise<void> {
  if (!actor.sessionId) return;
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM user_session WHERE id = $1', [actor.sessionId]);
    await appendAudit(tx, actor, {
      action: 'logout', entityType: 'user', entityId: actor.id, regionCode: actor.regionCode, orgId: actor.orgId, summary: '退出登录',
    }, meta);
  });
  invalidateAuthCache({ sessionId: actor.sessionId });
}

/** Removes expired sessions (called periodically by the server). */
export async function purgeExpiredSessions(db: Db): Promise<number> {
  const r = await db.query('DELETE FROM user_session WHERE expires_at < now()');
  return r.rowCount;
}
