import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT } from '../../test/helpers.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address() as net.AddressInfo;
      s.close(() => resolve(a.port));
    });
  });
}

/**
 * Acknowledged writes survive a crash: the server is killed with SIGKILL right after answering, and
 * the restarted server still has the records and an intact audit chain.
 */
describe('durability across a crash', () => {
  let dir: string;
  let env: Record<string, string>;
  let child: ChildProcess | null = null;
  let base = '';

  async function start(): Promise<void> {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', 'serve', '--demo'], {
      cwd: ROOT, env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'error' }, stdio: 'ignore',
    });
    const t0 = Date.now();
    for (;;) {
      assert.ok(Date.now() - t0 < 180_000, 'server did not become healthy');
      try {
        if ((await fetch(`${base}/healthz`)).ok) return;
      } catch { /* starting */ }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-crash-'));
    env = { DATA_DIR: dir, DATABASE_URL: '' };
    if (process.env.DATABASE_URL) {
      const u = new URL(process.env.DATABASE_URL);
      const name = `yingji_crash_${process.pid}`;
      execFileSync('psql', [process.env.DATABASE_URL, '-qc', `DROP DATABASE IF EXISTS ${name}`, '-c', `CREATE DATABASE ${name}`]);
      u.pathname = `/${name}`;
      env.DATABASE_URL = u.toString();
    }
  });
  after(() => {
    child?.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps acknowledged records after SIGKILL', async () => {
    await start();
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'yingji-demo' }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await fetch(`${base}/api/v1/orgs`, {
        method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
        body: JSON.stringify({ name: `崩溃测试单位${i}`, type: 'social_org', regionCode: '650421100000' }),
      });
      assert.equal(r.status, 201);
      ids.push(((await r.json()) as { id: string }).id);
    }
    child!.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    await start();
    const again = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'yingji-demo' }) });
    const c2 = (again.headers.get('set-cookie') ?? '').split(';')[0]!;
    for (const id of ids) assert.equal((await fetch(`${base}/api/v1/orgs/${id}`, { headers: { cookie: c2 } })).status, 200, `org ${id} survived`);
    const v = (await (await fetch(`${base}/api/v1/audit/verify`, { headers: { cookie: c2 } })).json()) as { ok: boolean; rows: number };
    assert.equal(v.ok, true);
    assert.ok(v.rows >= 7);
    child!.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
    child = null;
  });
});
