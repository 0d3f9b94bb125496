import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './db.ts';

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '..', '..', 'migrations');

export interface MigrationResult {
  applied: string[];
  total: number;
}

/**
 * Applies server/migrations/NNNN_*.sql in name order, each in its own transaction, recorded in
 * schema_migrations. The same files run on PGlite and PostgreSQL. A landed file must never change:
 * its checksum is recorded and a mismatch stops start-up.
 */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const files = fs.readdirSync(dir).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  const { rows } = await db.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations');
  const done = new Map(rows.map((r) => [r.name, r.checksum]));
  const applied: string[] = [];
  const { createHash } = await import('node:crypto');
  for (const file of files) {
    const sql = fs.readFileSync(path.join(dir, file), 'utf8');
    const checksum = createHash('sha256').update(sql).digest('hex');
    const prior = done.get(file);
    if (prior !== undefined) {
      if (prior !== checksum) throw new Error(`migration ${file} was edited after it was applied (checksum mismatch); add a new migration instead`);
      continue;
    }
    await db.transaction(async (tx) => {
      await tx.exec(sql);
      await tx.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [file, checksum]);
    });
    applied.push(file);
  }
  return { applied, total: files.length };
}

