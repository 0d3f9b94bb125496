import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { embeddedDir, openDatabase, openEmbeddedFromDump } from './db.ts';

/** Finds a PostgreSQL client tool, preferring the Debian PostgreSQL 15 binaries. */
function pgTool(name: string): string {
  const debian = `/usr/lib/postgresql/15/bin/${name}`;
  return fs.existsSync(debian) ? debian : name;
}

/**
 * Backup. PostgreSQL: pg_dump custom format. Embedded: a gzip tarball of the PGlite data directory
 * made by PGlite itself (dumpDataDir), a consistent snapshot. Attachments live in DATA_DIR/attachments
 * and are copied by the operator with the file (see README, "Backup").
 */
export async function backup(opts: { databaseUrl: string | null; dataDir: string; file: string }): Promise<void> {
  if (opts.databaseUrl) {
    const r = spawnSync(pgTool('pg_dump'), ['--format=custom', '--no-owner', `--file=${opts.file}`, opts.databaseUrl], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`pg_dump failed (exit ${r.status})`);
    return;
  }
  assertNotRunning(opts.dataDir);
  const db = await openDatabase({ databaseUrl: null, dataDir: opts.dataDir });
  try {
    const blob = await db.pglite!.dumpDataDir('gzip');
    fs.writeFileSync(opts.file, Buffer.from(await blob.arrayBuffer()));
  } finally {
    await db.close();
  }
}

export async function restore(opts: { databaseUrl: string | null; dataDir: string; file: string }): Promise<string | null> {
  if (!fs.existsSync(opts.file)) throw new Error(`no such file: ${opts.file}`);
  if (opts.databaseUrl) {
    // pg_restore --clean cannot drop the constraints of a partitioned table's partitions (it tries
    // the partitions' first), so the whole schema is replaced instead, in one transaction: the dump
    // as a script into psql after DROP/CREATE SCHEMA public. A failure anywhere rolls it all back.
    const script = spawn(pgTool('pg_restore'), ['--no-owner', '--file=-', opts.file], { stdio: ['ignore', 'pipe', 'inherit'] });
    const psql = spawn(pgTool('psql'), ['--no-psqlrc', '--quiet', '--single-transaction', '--set=ON_ERROR_STOP=1',
      '--command=DROP SCHEMA public CASCADE', '--command=CREATE SCHEMA public', '--file=-', `--dbname=${opts.databaseUrl}`], { stdio: ['pipe', 'ignore', 'inherit'] });
    script.stdout.pipe(psql.stdin);
    const exit = (p: ReturnType<typeof spawn>) => new Promise<number | null>((resolve, reject) => { p.on('error', reject); p.on('close', resolve); });
    const [a, b] = await Promise.all([exit(script), exit(psql)]);
    if (a !== 0 || b !== 0) throw new Error(`restore failed (pg_restore exit ${a}, psql exit ${b})`);
    return null;
  }
  assertNotRunning(opts.dataDir);
  const dir = embeddedDir(opts.dataDir)!;
  let moved: string | null = null;
  if (fs.existsSync(dir)) {
    moved = `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(dir, moved);
  }
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const dump = new Blob([fs.readFileSync(opts.file)]);
  const db = await openEmbeddedFromDump(dump, dir);
  await db.query('SELECT 1');
  await db.close();
  return moved;
}

export function pidFile(dataDir: string): string {
  return path.join(dataDir, 'yingji.pid');
}

/** The embedded database belongs to one process: refuse maintenance while a server holds it. */
export function assertNotRunning(dataDir: string): void {
  const f = pidFile(dataDir);
  if (!fs.existsSync(f)) return;
  const pid = Number(fs.readFileSync(f, 'utf8').trim());
  if (pid && pid !== process.pid) {
    try {
      process.kill(pid, 0);
    } catch {
      return; // stale pid file
    }
    throw new Error(`the server (pid ${pid}) is using ${dataDir}; stop it first`);
  }
}
