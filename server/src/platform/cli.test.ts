import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT } from '../../test/helpers.ts';

const CLI = path.join(ROOT, 'server', 'src', 'cli.ts');

function yingji(args: string[], env: Record<string, string>): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 180_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/**
 * The operator's CLI on a real data directory (embedded) or database (DATABASE_URL):
 * create-admin on an empty install, audit verify, backup and restore.
 */
describe('yingji CLI', () => {
  let dir: string;
  let env: Record<string, string>;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-cli-'));
    env = { DATA_DIR: dir };
    if (process.env.DATABASE_URL) {
      // A database of its own on the test cluster.
      const u = new URL(process.env.DATABASE_URL);
      const name = `yingji_cli_${process.pid}`;
      execFileSync('psql', [process.env.DATABASE_URL, '-qc', `DROP DATABASE IF EXISTS ${name}`, '-c', `CREATE DATABASE ${name}`]);
      u.pathname = `/${name}`;
      env.DATABASE_URL = u.toString();
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('create-admin refuses a weak password and creates the root region and admin on an empty install', () => {
    const weak = yingji(['create-admin', '--username', 'chief', '--county-code', '650421', '--county-name', '鄯善县'], { ...env, YINGJI_ADMIN_PASSWORD: 'short' });
    assert.notEqual(weak.status, 0);
    assert.match(weak.out, /password/);
    const ok = yingji(['create-admin', '--username', 'chief', '--county-code', '650421', '--county-name', '鄯善县'], { ...env, YINGJI_ADMIN_PASSWORD: 'Chief2026pass' });
    assert.equal(ok.status, 0, ok.out);
    assert.match(ok.out, /administrator chief created .* in region 650421000000/);
  });

  it('audit verify, backup and restore round-trip', () => {
    const v = yingji(['audit', 'verify'], env);
    assert.equal(v.status, 0, v.out);
    assert.match(v.out, /audit chain OK: 2 rows/);
    const file = path.join(dir, 'backup.bin');
    const b = yingji(['backup', file], env);
    assert.equal(b.status, 0, b.out);
    assert.ok(fs.statSync(file).size > 1000);
    // A change after the backup is gone after the restore.
    const c = yingji(['create-admin', '--username', 'deputy'], { ...env, YINGJI_ADMIN_PASSWORD: 'Deputy2026pass' });
    assert.equal(c.status, 0, c.out);
    const r = yingji(['restore', file], env);
    assert.equal(r.status, 0, r.out);
    const again = yingji(['create-admin', '--username', 'deputy'], { ...env, YINGJI_ADMIN_PASSWORD: 'Deputy2026pass' });
    assert.equal(again.status, 0, `deputy should not exist after restore: ${again.out}`);
    const v2 = yingji(['audit', 'verify'], env);
    assert.match(v2.out, /audit chain OK: 3 rows/);
  });
});
