import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { openDatabase, type Database } from '../server/src/platform/db.ts';
import { migrate } from '../server/src/platform/migrate.ts';
import { seedDemo } from '../server/src/demo/seed.ts';
import { freePort, report, throughput } from './lib.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Milliseconds from spawning `npm start` to GET /healthz answering 200. */
async function coldStart(dataDir: string): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn('npm', ['start', '--silent'], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: '' }, stdio: 'ignore', detached: true });
  try {
    for (;;) {
      if (performance.now() - t0 > 300_000) throw new Error('npm start did not become healthy in 300 s');
      try {
        const r = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (r.status === 200) return performance.now() - t0;
      } catch { /* not listening yet */ }
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

/** The floor under a cold start: a bare Node process opening the embedded database (+ PostGIS when new). */
function pgliteOpen(dataDir: string, fresh: boolean): number {
  const script = `
    import { PGlite } from '@electric-sql/pglite';
    import { postgis } from '@electric-sql/pglite-postgis';
    const t0 = performance.now();
    const db = await PGlite.create({ dataDir: ${JSON.stringify(path.join(dataDir, 'pg'))}, extensions: { postgis } });
    ${fresh ? "await db.exec('CREATE EXTENSION IF NOT EXISTS postgis');" : "await db.query('SELECT 1');"}
    await db.close();`;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('pglite reference failed');
  return performance.now() - t0;
}

export async function coldStartScenarios(): Promise<void> {
  spawnSync(process.execPath, ['scripts/build-web.mjs'], { cwd: ROOT, stdio: 'ignore' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-bench-'));
  const refDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-bench-ref-'));
  try {
    const empty = await coldStart(dir);
    const emptyRef = pgliteOpen(refDir, true);
    report('cold_start_empty', empty, 'ms', emptyRef);
    const seeded = await coldStart(dir);
    const seededRef = pgliteOpen(refDir, false);
    report('cold_start_seeded', seeded, 'ms', seededRef);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(refDir, { recursive: true, force: true });
  }
}

/**
 * A scoped list endpoint over 100k organisations, as a township user over HTTP, against the very
 * SQL statements the endpoint issued, run directly on the same database with the same concurrency.
 */
export async function scopedListScenario(databaseUrl: string | null): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-bench-list-'));
  let db: Database | null = null;
  try {
    db = await openDatabase({ databaseUrl, dataDir, poolSize: 16 });
    await migrate(db);
    await seedDemo(db);
    await db.query(`
      INSERT INTO org (name, type, region_code, industry_codes, contact_name, contact_phone, location)
      SELECT '鄯善县测试企业' || g || '号有限公司', 'enterprise', t.codes[1 + g % array_length(t.codes, 1)], ARRAY['C', '26'],
             '联系人' || g, '0995-' || lpad((g % 100000)::text, 7, '0'), ST_SetSRID(ST_MakePoint(89.6 + (g % 1000) / 500.0, 42.5 + (g % 997) / 997.0), 4326)
        FROM generate_series(1, 100000) g, (SELECT array_agg(code ORDER BY code) AS codes FROM region WHERE level = 'village') t`);
    await db.query('ANALYZE');
    const port = await freePort();
    const config = loadConfig({}, { dataDir, port, webDist: path.join(dataDir, 'none') });
    // Record the SQL the list endpoint sends, to replay it directly.
    const captured: { sql: string; params: readonly unknown[] }[] = [];
    const real = db.query.bind(db);
    let capture = false;
    (db as { query: Database['query'] }).query = (async (sql: string, params?: readonly unknown[]) => {
      if (capture && /FROM org o/.test(sql)) captured.push({ sql, params: params ?? [] });
      return real(sql, params);
    }) as Database['query'];
    const app = await buildApp({ config, db });
    await app.listen({ host: '127.0.0.1', port });
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'town-shanshan', password: 'yingji-demo' }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const url = (i: number) => `http://127.0.0.1:${port}/api/v1/orgs?page=${1 + (i % 50)}&pageSize=20&sort=name&type=enterprise`;
    const first = await (await fetch(url(0), { headers: { cookie } })).json() as { total: number };
    if (first.total < 10_000) throw new Error(`scope returned ${first.total} rows: expected the township's share of 100k`);
    const N = 1500;
    const C = 8;
    await throughput(100, C, async (i) => { await (await fetch(url(i), { headers: { cookie } })).arrayBuffer(); }); // warm-up
    capture = true;
    await fetch(url(0), { headers: { cookie } }).then((r) => r.arrayBuffer());
    capture = false;
    const httpRate = await throughput(N, C, async (i) => {
      const r = await fetch(url(i), { headers: { cookie } });
      if (r.status !== 200) throw new Error(`HTTP ${r.status}`);
      await r.arrayBuffer();
    });
    // Replay exactly what one request sent (the page query and the count, concurrently as the endpoint does).
    const direct = databaseUrl ? new pg.Pool({ connectionString: databaseUrl, max: C }) : null;
    const exec = (sql: string, params: unknown[]) => (direct ? direct.query(sql, params) : real(sql, params));
    const run = async (i: number) => {
      await Promise.all(captured.map((c) => {
        const params = [...c.params];
        if (/LIMIT/.test(c.sql)) params[params.length - 1] = (i % 50) * 20;
        return exec(c.sql, params);
      }));
    };
    await throughput(100, C, run);
    const sqlRate = await throughput(N, C, run);
    await direct?.end();
    report(`scoped_list_100k_${db.kind}`, httpRate, 'req/s', sqlRate);
    await app.close();
  } finally {
    await db?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
