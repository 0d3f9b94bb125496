import type { Db } from './db.ts';

/**
 * System settings (system_setting: one JSON value per key). The platform owns the table; modules keep
 * their settings under their own keys ('resources.coverage', 'hazards.escalation', 'demo') through
 * these two functions. Writes run in the caller's transaction, so they commit with the caller's audit.
 */
export async function readSetting<T>(db: Db, key: string): Promise<T | null> {
  const { rows } = await db.query<{ value: T }>('SELECT value FROM system_setting WHERE key = $1', [key]);
  return rows[0]?.value ?? null;
}

export async function writeSetting(db: Db, key: string, value: unknown): Promise<void> {
  await db.query(
    `INSERT INTO system_setting (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [key, JSON.stringify(value)]);
}
