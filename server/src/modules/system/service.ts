import type { Db } from '../../platform/db.ts';
import { readSetting } from '../../platform/settings.ts';

/** Facts for health checks, metrics and the UI's metadata. */
export async function dbUp(db: Db): Promise<boolean> {
  try {
    await db.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

export async function activeSessions(db: Db): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM user_session WHERE expires_at > now()');
  return rows[0]?.n ?? 0;
}

/** Applied migrations; throws while the database is unreachable. */
export async function migrationCount(db: Db): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
  return rows[0]?.n ?? 0;
}

/** The demo marker written by the demo seed (null outside demo installs). */
export async function demoInfo(db: Db): Promise<unknown> {
  return readSetting(db, 'demo');
}
