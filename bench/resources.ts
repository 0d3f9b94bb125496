import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { openDatabase, type Database } from '../server/src/platform/db.ts';
import { migrate } from '../server/src/platform/migrate.ts';
import { seedDemo } from '../server/src/demo/seed.ts';
import { alternate, freePort, percentile, report } from './lib.ts';

/**
 * k-nearest teams over 100k teams, and warehouses holding given items over 20k warehouses (60k
 * batches), through the API (GET /api/v1/teams/nearest, signed in as the
 * duty officer, one request at a time: latency, not throughput), against the very SQL statement the
 * endpoint issued, replayed directly on a pg connection. API calls and replays alternate, so both
 * series see the same load on a shared machine. Real PostgreSQL (DATABASE_URL).
 */
export async function nearestScenario(databaseUrl: string): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-bench-nearest-'));
  let db: Database | null = null;
  try {
    db = await openDatabase({ databaseUrl, dataDir, poolSize: 4 });
    await migrate(db);
    await seedDemo(db);
    await db.query(`
      INSERT INTO team (name, category, specialties, headcount, region_code, base, status)
      SELECT '测试队伍' || g, 'volunteer',
             ARRAY[(ARRAY['S01','S02','S03','S04','S05','S06','S07','S08','S09','S10','S11','S12','S13'])[1 + g % 13], 'S01'],
             10 + g % 40, t.codes[1 + g % array_length(t.codes, 1)],
             ST_SetSRID(ST_MakePoint(89.6 + random() * 2.2, 41.3 + random() * 2.2), 4326),
             (ARRAY['standby','standby','standby','deployed','resting'])[1 + g % 5]
        FROM generate_series(1, 100000) g, (SELECT array_agg(code) AS codes FROM region) t`);
    // 20k warehouses with three batches each, for warehouses-with-items.
    await db.query(`
      INSERT INTO warehouse (name, level, region_code, location)
      SELECT '测试仓库' || g, 'village', t.codes[1 + g % array_length(t.codes, 1)], ST_SetSRID(ST_MakePoint(89.6 + random() * 2.2, 41.3 + random() * 2.2), 4326)
        FROM generate_series(1, 20000) g, (SELECT array_agg(code) AS codes FROM region) t`);
    await db.query(`
      INSERT INTO stock_batch (warehouse_id, material_id, batch_no, quantity)
      SELECT w.id, m.id, 'B1', (random() * 500)::int FROM warehouse w
        CROSS JOIN LATERAL (SELECT id FROM material ORDER BY md5(w.id::text || name) LIMIT 3) m WHERE w.name LIKE '测试仓库%'`);
    await db.query('ANALYZE');
    const port = await freePort();
    const config = loadConfig({}, { dataDir, port, webDist: path.join(dataDir, 'none') });
    const captured: { sql: string; params: readonly unknown[] }[] = [];
    const real = db.query.bind(db);
    let capture = false;
    (db as { query: Database['query'] }).query = (async (sql: string, params?: readonly unknown[]) => {
      if (capture && /<->/.test(sql)) captured.push({ sql, params: params ?? [] });
      return real(sql, params);
    }) as Database['query'];
    const app = await buildApp({ config, db });
    await app.listen({ host: '127.0.0.1', port });
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'duty', password: 'yingji-demo' }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const point = (i: number) => [89.7 + ((i * 37) % 200) / 100, 41.5 + ((i * 53) % 180) / 100];
    const { rows: mats } = await real<{ id: string }>("SELECT id FROM material ORDER BY name LIMIT 2");
    const items = mats.map((m, i) => `${m.id}:${i === 0 ? 100 : 50}`).join(',');
    const url = (i: number) => {
      const [lon, lat] = point(i);
      return `http://127.0.0.1:${port}/api/v1/teams/nearest?lon=${lon}&lat=${lat}&k=3&specialty=S02`;
    };
    const whUrl = (i: number) => {
      const [lon, lat] = point(i);
      return `http://127.0.0.1:${port}/api/v1/warehouses/with-items?lon=${lon}&lat=${lat}&k=5&radiusKm=30&items=${items}`;
    };
    const N = 2000;
    const nearest = async (i: number) => {
      const r = await fetch(url(i), { headers: { cookie } });
      const body = (await r.json()) as unknown[];
      if (r.status !== 200 || body.length !== 3) throw new Error(`nearest returned ${r.status} with ${body.length} teams`);
    };
    for (let i = 0; i < 200; i++) await nearest(i);
    capture = true;
    await nearest(0);
    capture = false;
    (db as { query: Database['query'] }).query = real;
    if (captured.length !== 1) throw new Error(`nearest ran ${captured.length} statements; the reference replays one`);
    const stmt = captured[0]!;
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const replay = (s: { sql: string; params: readonly unknown[] }) => async (i: number) => {
      const [lon, lat] = point(i);
      const params = [...s.params];
      params[0] = lon;
      params[1] = lat;
      await client.query(s.sql, params);
    };
    const teams = await alternate(N, 200, nearest, replay(stmt));
    report('nearest_teams_p50', percentile(teams.api, 50), 'ms', percentile(teams.direct, 50));
    report('nearest_teams_p95', percentile(teams.api, 95), 'ms', percentile(teams.direct, 95));

    // Warehouses holding two items within 30 km, nearest first.
    const withItems = async (i: number) => {
      const r = await fetch(whUrl(i), { headers: { cookie } });
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`with-items returned ${r.status}`);
    };
    for (let i = 0; i < 100; i++) await withItems(i);
    const whCaptured: { sql: string; params: readonly unknown[] }[] = [];
    (db as { query: Database['query'] }).query = (async (sql: string, params?: readonly unknown[]) => {
      if (/WITH need AS/.test(sql)) whCaptured.push({ sql, params: params ?? [] });
      return real(sql, params);
    }) as Database['query'];
    await withItems(0);
    (db as { query: Database['query'] }).query = real;
    if (whCaptured.length !== 1) throw new Error(`with-items ran ${whCaptured.length} statements; the reference replays one`);
    const wh = await alternate(1000, 100, withItems, replay(whCaptured[0]!));
    await client.end();
    report('warehouses_with_items_p50', percentile(wh.api, 50), 'ms', percentile(wh.direct, 50));
    report('warehouses_with_items_p95', percentile(wh.api, 95), 'ms', percentile(wh.direct, 95));
    await app.close();
  } finally {
    await db?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
