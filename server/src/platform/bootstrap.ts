import { hash } from '@node-rs/argon2';
import { systemActor } from './actor.ts';
import { appendAudit } from './audit.ts';
import type { Db } from './db.ts';

/**
 * Creates an administrator from the CLI (outside demo mode there are no default passwords). When the
 * region tree is empty, the county root region is created first from --county-code/--county-name.
 */
export async function createFirstAdmin(
  db: Db,
  o: { username: string; displayName: string; password: string; countyCode?: string; countyName?: string },
): Promise<{ id: string; regionCode: string }> {
  if (!/^[a-z0-9_.-]{3,32}$/.test(o.username)) throw new Error('username: 3–32 lowercase letters, digits, _ . -');
  if (o.password.length < 8 || !/[A-Za-z]/.test(o.password) || !/[0-9]/.test(o.password)) throw new Error('password: at least 8 characters with letters and digits');
  const passwordHash = await hash(o.password);
  return db.transaction(async (tx) => {
    let { rows: roots } = await tx.query<{ code: string }>('SELECT code FROM region WHERE parent_code IS NULL ORDER BY code LIMIT 1');
    if (!roots[0]) {
      if (!o.countyCode || !o.countyName) throw new Error('the region tree is empty: pass --county-code and --county-name');
      const code = o.countyCode.length === 6 ? `${o.countyCode}000000` : o.countyCode;
      if (!/^[0-9]{12}$/.test(code)) throw new Error('--county-code: 6-digit GB/T 2260 or 12-digit statistical code');
      await tx.query(`INSERT INTO region (code, gb_code, name, level, kind, path) VALUES ($1, $2, $3, 'county', '县', $4)`, [code, code.slice(0, 6), o.countyName, code]);
      await appendAudit(tx, systemActor('cli'), { action: 'create', entityType: 'region', entityId: code, regionCode: code, summary: `创建根区域 ${o.countyName}` });
      roots = [{ code }];
    }
    const regionCode = roots[0]!.code;
    const { rows: dup } = await tx.query('SELECT 1 FROM app_user WHERE username = $1', [o.username]);
    if (dup.length) throw new Error(`user ${o.username} already exists`);
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO app_user (username, display_name, password_hash, roles, region_code, password_changed_at) VALUES ($1,$2,$3,'{admin}',$4, now()) RETURNING id`,
      [o.username, o.displayName, passwordHash, regionCode]);
    const id = rows[0]!.id;
    await appendAudit(tx, systemActor('cli'), { action: 'create', entityType: 'user', entityId: id, regionCode, summary: `命令行创建管理员 ${o.username}`, after: { username: o.username, roles: ['admin'] } });
    return { id, regionCode };
  });
}
