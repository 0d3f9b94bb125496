import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { openDatabase, type Database } from '../server/src/platform/db.ts';
import { migrate } from '../server/src/platform/migrate.ts';
import { EXPORT_BATCH_ROWS } from '../server/src/platform/query.ts';
import { seedDemo } from '../server/src/demo/seed.ts';
import { creditCodeCheckChar } from '../server/src/modules/orgs/rules.ts';
import { freePort, percentile, report } from './lib.ts';

/**
 * The hazard ledger at county scale on real PostgreSQL: 1M hazards over 5,000 enterprises.
 *  - ledger_page_p95: GET /api/v1/hazards (a township account, status + grade filters, page 1–50, 20 rows)
 *  - ledger_stats_p95: GET /api/v1/hazards/stats?by=region&then=status (township × status; the bureau, the whole county)
 *  - ledger_export: rows/s of GET /api/v1/hazards/export.xlsx for 200k rows (the bureau, one filter), median of 3
 * The reference is the very SQL the endpoint issued, replayed directly on pg connections (the page and
 * its count in parallel, as the pool runs them); for the export, the export's own cursor statement read
 * directly the same way (median of 3, alternating with the API).
 * API calls and replays alternate, so both see the same load on a shared machine.
 */
const execFileP = promisify(execFile);

export async function ledgerScenario(databaseUrl: string): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-bench-ledger-'));
  let db: Database | null = null;
  try {
    db = await openDatabase({ databaseUrl, dataDir, poolSize: 4 });
    await migrate(db);
    await seedDemo(db);
    // 5,000 enterprises with valid credit codes over every township-level region.
    const orgs = Array.from({ length: 5000 }, (_, i) => {
      const body = `91650421MB${String(i).padStart(7, '0')}`;
      return body + creditCodeCheckChar(body)!;
    });
    await db.query(
      `INSERT INTO org (name, type, region_code, industry_codes, credit_code)
       SELECT '测试企业' || n, 'enterprise', t.codes[1 + n % array_length(t.codes, 1)],
              string_to_array((ARRAY['C,26', 'B,08', 'F,51', 'G,59', 'E,47'])[1 + n % 5], ','), c
         FROM unnest($1::text[]) WITH ORDINALITY AS x(c, n),
              (SELECT array_agg(code) AS codes FROM region WHERE level = 'village') t`, [orgs]);
    await db.query(`
      INSERT INTO hazard (code, org_id, region_code, title, description, category, grade, source, found_by_name, found_at, status, deadline, closed_at)
      SELECT 'BH' || g, o.id, o.region_code, '测试隐患 ' || g, '基准测试数据', (ARRAY['equipment','operation','environment','management','other'])[1 + g % 5],
             CASE WHEN g % 97 = 0 THEN 'major' ELSE 'general' END, (ARRAY['self_check','inspection','public_report','sensor_alarm','other'])[1 + g % 5],
             '基准', f, s,
             CASE WHEN s = 'pending' THEN NULL ELSE f + interval '15 days' END,
             CASE WHEN s = 'closed' THEN f + interval '10 days' END
        FROM generate_series(1, 1000000) g
        JOIN LATERAL (SELECT now() - (g % 365) * interval '1 day' AS f,
                             (ARRAY['closed','closed','closed','closed','closed','closed','rectifying','verifying','pending','closed'])[1 + g % 10] AS s) x ON true
        JOIN LATERAL (SELECT id, region_code FROM org WHERE credit_code = ($1::text[])[1 + g % 5000]) o ON true`, [orgs]);
    await db.query('ANALYZE');
    const port = await freePort();
    const config = loadConfig({}, { dataDir, port, webDist: path.join(dataDir, 'none') });
    const real = db.query.bind(db);
    const app = await buildApp({ config, db });
    await app.listen({ host: '127.0.0.1', port });
    const base = `http://127.0.0.1:${port}`;
    const login = async (username: string) => {
      const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'yingji-demo' }) });
      return (r.headers.get('set-cookie') ?? '').split(';')[0]!;
    };
    const town = await login('town-lianmuqin');
    const bureau = await login('staff');
    const clients = [new pg.Client({ connectionString: databaseUrl }), new pg.Client({ connectionString: databaseUrl })];
    for (const c of clients) await c.connect();

    /** The statements one API call issues (matching `pattern`), replayed as the pool runs them (in parallel). */
    const capture = async (call: () => Promise<void>, pattern: RegExp) => {
      const got: { sql: string; params: readonly unknown[] }[] = [];
      (db as { query: Database['query'] }).query = (async (sql: string, params?: readonly unknown[]) => {
        if (pattern.test(sql)) got.push({ sql, params: params ?? [] });
        return real(sql, params);
      }) as Database['query'];
      await call();
      (db as { query: Database['query'] }).query = real;
      if (!got.length) throw new Error(`no statement matched ${pattern}`);
      return async () => { await Promise.all(got.map((s, i) => clients[i % clients.length]!.query(s.sql, [...s.params]))); };
    };
    const timeAlternating = async (n: number, warm: number, api: (i: number) => Promise<void>, direct: () => Promise<void>) => {
      const a: number[] = [];
      const d: number[] = [];
      for (let i = 0; i < warm + n; i++) {
        let t0 = performance.now();
        await api(i);
        if (i >= warm) a.push(performance.now() - t0);
        t0 = performance.now();
        await direct();
        if (i >= warm) d.push(performance.now() - t0);
      }
      return { a, d };
    };

    // Ledger page: a township, open hazards of one grade, paging through the first 50 pages.
    const pageUrl = (i: number) => `${base}/api/v1/hazards?status=rectifying&grade=general&page=${1 + (i % 50)}&pageSize=20`;
    const page = async (i: number) => {
      const r = await fetch(pageUrl(i), { headers: { cookie: town } });
      const body = (await r.json()) as { items: unknown[] };
      if (r.status !== 200 || body.items.length !== 20) throw new Error(`ledger page ${r.status}`);
    };
    for (let i = 0; i < 50; i++) await page(i);
    const pageDirect = await capture(() => page(0), /FROM hazard h/);
    const p = await timeAlternating(500, 20, page, pageDirect);
    report('ledger_page_p95', percentile(p.a, 95), 'ms', percentile(p.d, 95));

    // Statistics by township × status for the whole county (1M hazards).
    const stats = async () => {
      const r = await fetch(`${base}/api/v1/hazards/stats?by=region&then=status`, { headers: { cookie: bureau } });
      const body = (await r.json()) as { found: number }[];
      if (r.status !== 200 || body.reduce((s, x) => s + x.found, 0) < 1_000_000) throw new Error(`stats ${r.status}`);
    };
    for (let i = 0; i < 5; i++) await stats();
    const statsDirect = await capture(stats, /WITH a AS MATERIALIZED/);
    const s = await timeAlternating(40, 3, stats, statsDirect);
    report('ledger_stats_p95', percentile(s.a, 95), 'ms', percentile(s.d, 95));

    // Export (closed self-check hazards of one category: 200k rows) as a streamed xlsx.
    const exportUrl = `${base}/api/v1/hazards/export.xlsx?status=closed&source=self_check&category=equipment`;
    const { rows: cnt } = await real<{ n: number }>(
      "SELECT count(*)::int AS n FROM hazard WHERE status = 'closed' AND source = 'self_check' AND category = 'equipment'");
    const rowsOut = Math.min(cnt[0]!.n, 2_000_000);
    // The download runs in a child process, as a browser would be another process: reading 10+ MB
    // in this one would take the server's own thread. The child times request → last byte.
    const exportOnce = async () => {
      const script = `const t0 = performance.now(); const r = await fetch(process.argv[1], { headers: { cookie: process.argv[2] } });
        let n = 0; for await (const c of r.body) n += c.length; console.log(JSON.stringify({ status: r.status, bytes: n, ms: performance.now() - t0 }));`;
      const { stdout } = await execFileP(process.execPath, ['--input-type=module', '-e', script, exportUrl, bureau], { maxBuffer: 1 << 20 });
      const got = JSON.parse(stdout) as { status: number; bytes: number; ms: number };
      if (got.status !== 200 || got.bytes < 1000) throw new Error(`export ${got.status}`);
      return rowsOut / (got.ms / 1000);
    };
    // Reference: the very cursor statement the export declared, read on a plain connection the
    // same way (FETCH EXPORT_BATCH_ROWS until done) — no formatting, no xlsx, no HTTP.
    let declared: { sql: string; params: readonly unknown[] } | null = null;
    // (the export runs in a transaction: its statements go through the transaction's client)
    const realTx = db.transaction.bind(db);
    (db as { transaction: Database['transaction'] }).transaction = ((fn: (tx: Parameters<Parameters<Database['transaction']>[0]>[0]) => Promise<unknown>) =>
      realTx((tx) => fn(new Proxy(tx, {
        get(target, key) {
          if (key !== 'query') return Reflect.get(target, key);
          return (sql: string, params?: readonly unknown[]) => {
            if (/DECLARE yj_export/.test(sql)) declared = { sql, params: params ?? [] };
            return target.query(sql, params as unknown[]);
          };
        },
      })))) as Database['transaction'];
    await exportOnce();
    (db as { transaction: Database['transaction'] }).transaction = realTx;
    if (!declared) throw new Error('the export declared no cursor');
    const stmt = declared as { sql: string; params: readonly unknown[] };
    const c = clients[0]!;
    const readOnce = async () => {
      const t0 = performance.now();
      await c.query('BEGIN');
      await c.query(stmt.sql, [...stmt.params]);
      for (;;) { const { rows } = await c.query(`FETCH ${EXPORT_BATCH_ROWS} FROM yj_export`); if (rows.length < EXPORT_BATCH_ROWS) break; }
      await c.query('COMMIT');
      return rowsOut / ((performance.now() - t0) / 1000);
    };
    const api: number[] = [];
    const ref: number[] = [];
    for (let i = 0; i < 3; i++) { api.push(await exportOnce()); ref.push(await readOnce()); }
    const apiRate = percentile(api, 50);
    const refRate = percentile(ref, 50);
    report('ledger_export', apiRate, 'rows/s', refRate);
    for (const cl of clients) await cl.end();
    await app.close();
  } finally {
    await db?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
