import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { openDatabase, openEmbeddedFromDump, type Database } from '../src/platform/db.ts';
import { migrate, MIGRATIONS_DIR } from '../src/platform/migrate.ts';
import { seedDemo, REGIONS_FILE } from '../src/demo/seed.ts';
import { DEMO_PASSWORD } from '../src/demo/data.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CACHE = path.join(ROOT, '.tmp', 'test-templates');

/** Migrations + demo data fingerprint: a template is reused only while these are unchanged. */
function fingerprint(): string {
  const h = createHash('sha256');
  for (const f of fs.readdirSync(MIGRATIONS_DIR).sort()) h.update(f).update(fs.readFileSync(path.join(MIGRATIONS_DIR, f)));
  h.update(fs.readFileSync(REGIONS_FILE));
  const demo = path.join(ROOT, 'server', 'src', 'demo');
  for (const f of fs.readdirSync(demo).sort()) h.update(fs.readFileSync(path.join(demo, f)));
  return h.digest('hex').slice(0, 16);
}

/**
 * A fresh database with migrations and the demo county, per test file. Embedded: created once
 * (CREATE EXTENSION postgis costs seconds) and cached as a PGlite data-dir tarball, then loaded into
 * an in-memory instance. PostgreSQL (DATABASE_URL set): a template database cloned per file.
 */
export async function freshDatabase(): Promise<Database> {
  const fp = fingerprint();
  const url = process.env.DATABASE_URL;
  if (url) return freshPostgres(url, fp);
  const file = path.join(CACHE, `pglite-${fp}.tar.gz`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(CACHE, { recursive: true });
    const db = await openDatabase({ databaseUrl: null, dataDir: ':memory:' });
    await migrate(db);
    await seedDemo(db);
    const blob = await db.pglite!.dumpDataDir('gzip');
    await db.close();
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
    fs.renameSync(tmp, file); // atomic: concurrent test files never read a half-written template
  }
  const db = await openEmbeddedFromDump(new Blob([fs.readFileSync(file)]), null);
  await migrate(db); // no-op unless a migration was added after the template
  return db;
}

async function freshPostgres(url: string, fp: string): Promise<Database> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const tpl = `yingji_tpl_${fp}`;
  try {
    await admin.query('SELECT pg_advisory_lock(4242)');
    const { rows } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [tpl]);
    if (!rows.length) {
      await admin.query(`CREATE DATABASE ${tpl}`);
      const db = await openDatabase({ databaseUrl: withDb(url, tpl), dataDir: ':memory:' });
      await migrate(db);
      await seedDemo(db);
      await db.close();
    }
    const name = `yingji_t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${tpl}`);
    const db = await openDatabase({ databaseUrl: withDb(url, name), dataDir: ':memory:' });
    const close = db.close.bind(db);
    // Drop the per-file database when the test closes it.
    (db as { close: () => Promise<void> }).close = async () => {
      await close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await c.end();
    };
    return db;
  } finally {
    await admin.query('SELECT pg_advisory_unlock(4242)').catch(() => undefined);
    await admin.end();
  }
}

function withDb(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  config: Config;
  /** Signs in a demo account and returns a client that sends its cookie and CSRF header. */
  as(username: string, password?: string): Promise<Client>;
  close(): Promise<void>;
}

export interface Client {
  username: string;
  cookie: string;
  csrf: string;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  delete(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export async function buildTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const db = await freshDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-test-'));
  const config = loadConfig({}, { dataDir, webDist: path.join(dataDir, 'no-web'), ...overrides });
  const app = await buildApp({ config, db });
  await app.ready();
  return {
    app, db, config,
    async as(username, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.filter((c) => c.name === 'yingji_session').map((c) => `${c.name}=${c.value}`).join('; ');
      const csrf = (res.json() as { csrfToken: string }).csrfToken;
      const send = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE') => (url: string, body?: unknown, headers: Record<string, string> = {}) =>
        app.inject({ method, url, ...(body === undefined ? {} : { payload: body as object }), headers: { cookie, 'x-csrf-token': csrf, ...headers } });
      return {
        username, cookie, csrf,
        get: (url, headers) => send('GET')(url, undefined, headers),
        post: send('POST'), patch: send('PATCH'), put: send('PUT'),
        delete: (url, headers) => send('DELETE')(url, undefined, headers),
      };
    },
    async close() {
      await app.close();
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Number of audit rows, to prove a write was (or was not) audited. */
export async function auditCount(db: Database): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
  return rows[0]?.n ?? 0;
}

export { ROOT };
