#!/usr/bin/env node
// Throwaway PostgreSQL 15 + PostGIS cluster on loopback, built from the Debian
// binaries in /usr/lib/postgresql/15/bin. Used by the test runner, CI and benchmarks.
//
// CLI:
//   node scripts/pg-cluster.mjs start [--fresh] [--dir DIR] [--port N]
//   node scripts/pg-cluster.mjs stop [--clean] [--dir DIR]
//   node scripts/pg-cluster.mjs status [--dir DIR]
//   node scripts/pg-cluster.mjs url [--dir DIR]
//
// `start` logs progress on stderr and prints `DATABASE_URL=postgres://...` as the
// last (and only) stdout line, so `export "$(node scripts/pg-cluster.mjs start)"` works.
// `url` prints the bare URL of the running cluster.
//
// Module:
//   import { startCluster, stopCluster, clusterStatus, postgresAvailable } from './pg-cluster.mjs';
//   const c = await startCluster({ fresh: true });   // { url, dir, port, stop() }
//   ...; await c.stop();
//
// The cluster is for tests only: durability is switched off (fsync, full_page_writes,
// synchronous_commit), authentication is `trust` for everyone on 127.0.0.1.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PG_BIN = '/usr/lib/postgresql/15/bin';
export const POSTGIS_CONTROL = '/usr/share/postgresql/15/extension/postgis.control';
export const DEFAULT_PORT = 54329;
export const DATABASE = 'yingji';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TMP = path.join(REPO, '.tmp');
export const DEFAULT_NAME = 'pg'; // default data dir: .tmp/pg
export const TEST_NAME = 'pg-test'; // the test runner's own dir, so `npm test` never wipes a dev cluster
const PG_USER = 'postgres'; // OS user that owns the data dir when we run as root
const CONF_FILE = 'yingji.conf'; // our settings, included from postgresql.conf
// sun_path is 108 bytes including the terminating NUL.
const MAX_SOCKET_PATH = 107;

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
const defaultLog = (msg) => process.stderr.write(`[pg-cluster] ${msg}\n`);

/** Environment for the PostgreSQL tools: no stray PG* variables, a locale that always exists. */
function toolEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PG')) env[k] = v;
  env.LC_ALL = 'C.UTF-8';
  env.LANG = 'C.UTF-8';
  return env;
}

/**
 * Runs a PostgreSQL tool; as root it runs as the `postgres` OS user (initdb and
 * pg_ctl refuse to run as root). cwd is `/` because the caller's cwd may not be
 * readable by `postgres`. Returns the spawnSync result.
 */
function runTool(tool, args, { asOwner = true, timeoutMs = 120_000 } = {}) {
  const bin = path.join(PG_BIN, tool);
  const [cmd, argv] = asOwner && isRoot() ? ['runuser', ['-u', PG_USER, '--', bin, ...args]] : [bin, args];
  const r = spawnSync(cmd, argv, { cwd: '/', env: toolEnv(), encoding: 'utf8', timeout: timeoutMs });
  if (r.error) throw new Error(`${tool}: ${r.error.message}`);
  return r;
}

function runToolOrThrow(tool, args, opts) {
  const r = runTool(tool, args, opts);
  if (r.status !== 0) {
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
    throw new Error(`${tool} ${args.join(' ')} failed (exit ${r.status ?? r.signal})${out ? `:\n${out}` : ''}`);
  }
  return r;
}

/** Can PostgreSQL 15 + PostGIS run here? Never throws. */
export function postgresAvailable() {
  for (const tool of ['postgres', 'initdb', 'pg_ctl', 'psql']) {
    if (!fs.existsSync(path.join(PG_BIN, tool))) {
      return { ok: false, reason: `${path.join(PG_BIN, tool)} not found (install the Debian package postgresql-15)` };
    }
  }
  if (!fs.existsSync(POSTGIS_CONTROL)) {
    return { ok: false, reason: `${POSTGIS_CONTROL} not found (install the Debian package postgresql-15-postgis-3)` };
  }
  if (isRoot()) {
    const id = spawnSync('id', ['-u', PG_USER], { encoding: 'utf8' });
    if (id.status !== 0) return { ok: false, reason: `running as root but there is no '${PG_USER}' OS user to own the cluster` };
    const ru = spawnSync('runuser', ['--help'], { encoding: 'utf8' });
    if (ru.error) return { ok: false, reason: 'running as root but runuser(1) is not available' };
  }
  return { ok: true, reason: '' };
}

/** Can the `postgres` OS user reach (search) this directory? Always true when not root. */
function ownerCanReach(dir) {
  if (!isRoot()) return true;
  return spawnSync('runuser', ['-u', PG_USER, '--', 'test', '-x', dir], { cwd: '/' }).status === 0;
}

/**
 * The data directory to use. An explicit dir is used as given. Otherwise
 * `.tmp/<name>` under the repo (name: 'pg', or 'pg-test' for the test runner),
 * replaced by a per-repo directory under the system temp dir when, running as
 * root, the `postgres` user cannot traverse the repo (e.g. a checkout under
 * /root). Deterministic, so start/stop/status agree.
 */
export function resolveDir(dir, name = DEFAULT_NAME) {
  if (dir) return path.resolve(dir);
  fs.mkdirSync(TMP, { recursive: true });
  if (ownerCanReach(TMP)) return path.join(TMP, name);
  const hash = createHash('sha256').update(REPO).digest('hex').slice(0, 10);
  return path.join(os.tmpdir(), `yingji-${name}-${hash}`);
}

function urlFor(port) {
  return `postgres://postgres@127.0.0.1:${port}/${DATABASE}`;
}

/** Reads postmaster.pid: [pid, datadir, start time, port, socket dir, listen addr, shmem key, status]. */
function readPidFile(dir) {
  try {
    const lines = fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n');
    return { pid: Number(lines[0]), port: Number(lines[3]) };
  } catch {
    return null;
  }
}

/**
 * Is `pid` a live process? A killed postmaster lingers as a zombie until init
 * reaps it (seen here: about a second); kill(pid, 0) still succeeds for a zombie,
 * and so do pg_ctl's and the postmaster's own "already running" checks.
 */
function isAlive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    return e.code === 'EPERM';
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc: trust kill()
  }
}

/** Removes the lock files of a postmaster that is dead (or a zombie), so a new one can start. */
function removeStaleLocks(dir) {
  const info = readPidFile(dir);
  if (!info || isAlive(info.pid)) return;
  for (const f of fs.readdirSync(dir)) {
    if (f === 'postmaster.pid' || /^\.s\.PGSQL\.\d+(\.lock)?$/.test(f)) fs.rmSync(path.join(dir, f), { force: true });
  }
}

/** Status of the cluster in `dir`: { running, initialized, dir, port?, pid?, url? }. */
export function clusterStatus(dir, { name } = {}) {
  dir = resolveDir(dir, name);
  const initialized = fs.existsSync(path.join(dir, 'PG_VERSION'));
  if (!initialized || !postgresAvailable().ok) return { running: false, initialized, dir };
  // pg_ctl status: 0 = running, 3 = not running, 4 = no usable data dir.
  const r = runTool('pg_ctl', ['-D', dir, 'status']);
  if (r.status !== 0) return { running: false, initialized, dir };
  const pid = readPidFile(dir);
  if (!pid || !pid.port || !isAlive(pid.pid)) return { running: false, initialized, dir };
  return { running: true, initialized, dir, pid: pid.pid, port: pid.port, url: urlFor(pid.port) };
}

function portFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

async function choosePort(requested, log) {
  if (requested) {
    if (!(await portFree(requested))) throw new Error(`port ${requested} on 127.0.0.1 is in use`);
    return requested;
  }
  for (let p = DEFAULT_PORT; p < DEFAULT_PORT + 50; p++) {
    if (await portFree(p)) {
      if (p !== DEFAULT_PORT) log(`port ${DEFAULT_PORT} is busy, using ${p}`);
      return p;
    }
  }
  throw new Error(`no free port in ${DEFAULT_PORT}..${DEFAULT_PORT + 49} on 127.0.0.1`);
}

function chownToOwner(p) {
  if (!isRoot()) return;
  const r = spawnSync('chown', ['-R', `${PG_USER}:`, p], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`chown -R ${PG_USER} ${p} failed: ${r.stderr}`);
}

function removeDir(dir, trusted) {
  // A default dir is ours; an explicit one must look like a cluster dir before we delete it.
  if (fs.existsSync(dir) && !trusted) {
    const entries = fs.readdirSync(dir);
    if (entries.length > 0 && !entries.includes('PG_VERSION') && !entries.includes(CONF_FILE) && !entries.includes('postgresql.conf')) {
      throw new Error(`refusing to delete ${dir}: it is not empty and does not look like a PostgreSQL data dir`);
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

function sqlString(s) {
  return `'${String(s).replaceAll("'", "''")}'`;
}

/** (Re)writes our settings file; the port may change between starts. */
function writeConf(dir, port) {
  const socketPath = path.join(dir, `.s.PGSQL.${port}`);
  // A deep path would overflow the unix socket path limit: then TCP only
  // (pg_ctl -w waits on postmaster.pid, not on the socket, so that is fine).
  const socketDirs = Buffer.byteLength(socketPath) <= MAX_SOCKET_PATH ? dir : '';
  const conf = [
    '# Written by scripts/pg-cluster.mjs on every start.',
    '# THROWAWAY TEST CLUSTER: durability is deliberately switched off (fsync,',
    '# full_page_writes, synchronous_commit). A crash can corrupt it. Never keep data here.',
    `listen_addresses = '127.0.0.1'`,
    `port = ${port}`,
    `unix_socket_directories = ${sqlString(socketDirs)}`,
    'fsync = off',
    'synchronous_commit = off',
    'full_page_writes = off',
    'shared_buffers = 256MB',
    'max_connections = 200',
    '',
  ].join('\n');
  const file = path.join(dir, CONF_FILE);
  fs.writeFileSync(file, conf, { mode: 0o644 });
  chownToOwner(file);
}

function initCluster(dir, log) {
  log(`initdb ${dir}`);
  fs.mkdirSync(path.dirname(dir), { recursive: true }); // parents keep the default mode
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  chownToOwner(dir);
  if (!ownerCanReach(dir)) {
    throw new Error(`the '${PG_USER}' OS user cannot reach ${dir} (a parent directory is not searchable); pass another --dir`);
  }
  // --no-sync: nothing of this cluster needs to survive a power cut.
  runToolOrThrow('initdb', ['-D', dir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  fs.appendFileSync(path.join(dir, 'postgresql.conf'), `\n# Test-cluster settings (scripts/pg-cluster.mjs)\ninclude '${CONF_FILE}'\n`);
}

function logTail(dir, lines = 30) {
  try {
    return fs.readFileSync(path.join(dir, 'log'), 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function pgStop(dir, mode) {
  return runTool('pg_ctl', ['-D', dir, '-m', mode, '-w', '-t', '60', 'stop']);
}

/**
 * Stops the cluster in `dir` (default dir when omitted). No-op when it is not
 * running. With { remove: true } the data dir is deleted afterwards.
 */
export async function stopCluster(dir, { name, remove = false, log = defaultLog } = {}) {
  const trusted = !dir;
  dir = resolveDir(dir, name);
  if (fs.existsSync(path.join(dir, 'PG_VERSION')) && postgresAvailable().ok) {
    const st = clusterStatus(dir);
    if (st.running) {
      let r = pgStop(dir, 'fast');
      if (r.status !== 0) {
        log(`fast stop failed (${(r.stderr || r.stdout).trim()}); trying immediate`);
        r = pgStop(dir, 'immediate');
      }
      if (r.status !== 0) {
        // Last resort for a wedged postmaster of this data dir (pid from its own pid file).
        const pid = readPidFile(dir)?.pid;
        if (pid) {
          log(`killing postmaster ${pid}`);
          try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
        }
      }
      log(`stopped ${dir}`);
    }
  }
  if (remove) removeDir(dir, trusted);
}

function createDatabase(port) {
  const psql = (sql) =>
    runToolOrThrow('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-tAc', sql], { asOwner: false });
  const exists = psql(`SELECT 1 FROM pg_database WHERE datname = ${sqlString(DATABASE)}`).stdout.trim() === '1';
  if (!exists) psql(`CREATE DATABASE ${DATABASE}`);
}

/**
 * Starts (creating if needed) the cluster. Options:
 *   dir   data directory (default `.tmp/<name>` under the repo)
 *   name  default-dir name: 'pg' (default) or e.g. 'pg-test'
 *   port  TCP port; default 54329, or the next free one when busy
 *   fresh delete any existing cluster in `dir` first (stopping it if it runs)
 *   log   progress logger (default: stderr)
 * Resolves to { url, dir, port, stop() }; stop() resolves when the cluster is down.
 */
export async function startCluster({ dir, name = DEFAULT_NAME, port, fresh = false, log = defaultLog } = {}) {
  const avail = postgresAvailable();
  if (!avail.ok) throw new Error(`PostgreSQL is not available: ${avail.reason}`);
  const trusted = !dir;
  dir = resolveDir(dir, name);
  if (trusted && path.dirname(dir) !== TMP) log(`the '${PG_USER}' OS user cannot reach ${TMP}; using ${dir}`);
  const handle = (p) => ({ url: urlFor(p), dir, port: p, stop: (opts) => stopCluster(dir, { log, ...opts }) });

  if (fresh) {
    await stopCluster(dir, { log });
    if (fs.existsSync(dir)) log(`removing ${dir}`);
    removeDir(dir, trusted);
  } else {
    const st = clusterStatus(dir);
    if (st.running) {
      if (port && port !== st.port) throw new Error(`cluster in ${dir} already runs on port ${st.port}, not ${port}`);
      createDatabase(st.port);
      return handle(st.port);
    }
    if (fs.existsSync(dir) && !st.initialized) {
      // Half-created by an interrupted run: start over.
      log(`removing incomplete ${dir}`);
      removeDir(dir, trusted);
    }
  }

  const p = await choosePort(port, log);
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) initCluster(dir, log);
  else removeStaleLocks(dir);
  writeConf(dir, p);
  const r = runTool('pg_ctl', ['-D', dir, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start']);
  if (r.status !== 0) {
    throw new Error(`pg_ctl start failed (exit ${r.status ?? r.signal}):\n${(r.stderr || r.stdout).trim()}\n--- ${path.join(dir, 'log')} ---\n${logTail(dir)}`);
  }
  log(`started PostgreSQL 15 on 127.0.0.1:${p} (dir ${dir})`);
  try {
    createDatabase(p);
  } catch (e) {
    await stopCluster(dir, { log });
    throw e;
  }
  return handle(p);
}

// ---------------------------------------------------------------------------
// CLI

function parseArgs(argv) {
  const out = { cmd: argv[0], fresh: false, clean: false, dir: undefined, port: undefined };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (a.includes('=')) return a.slice(a.indexOf('=') + 1);
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--fresh') out.fresh = true;
    else if (a === '--clean') out.clean = true;
    else if (a === '--dir' || a.startsWith('--dir=')) out.dir = val();
    else if (a === '--port' || a.startsWith('--port=')) {
      out.port = Number(val());
      if (!Number.isInteger(out.port) || out.port < 1 || out.port > 65535) throw new Error('--port must be 1..65535');
    } else throw new Error(`unknown argument: ${a}`);
  }
  return out;
}

const USAGE = `usage:
  node scripts/pg-cluster.mjs start [--fresh] [--dir DIR] [--port N]   start (or reuse) the cluster; last line DATABASE_URL=...
  node scripts/pg-cluster.mjs stop [--clean] [--dir DIR]               stop it (--clean also deletes the data dir)
  node scripts/pg-cluster.mjs status [--dir DIR]                       exit 0 when running, 3 when not
  node scripts/pg-cluster.mjs url [--dir DIR]                          print the URL of the running cluster
default dir: .tmp/pg under the repo; default port: ${DEFAULT_PORT} (next free one when busy)`;

async function main(argv) {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`${e.message}\n${USAGE}\n`);
    return 2;
  }
  switch (args.cmd) {
    case 'start': {
      const c = await startCluster({ dir: args.dir, port: args.port, fresh: args.fresh });
      process.stdout.write(`DATABASE_URL=${c.url}\n`);
      return 0;
    }
    case 'stop':
      await stopCluster(args.dir, { remove: args.clean });
      return 0;
    case 'status': {
      const avail = postgresAvailable();
      const st = clusterStatus(args.dir);
      if (st.running) process.stdout.write(`running: pid ${st.pid}, port ${st.port}, dir ${st.dir}\nDATABASE_URL=${st.url}\n`);
      else process.stdout.write(`not running (dir ${st.dir}${st.initialized ? '' : ', not initialised'}${avail.ok ? '' : `; ${avail.reason}`})\n`);
      return st.running ? 0 : 3;
    }
    case 'url': {
      const st = clusterStatus(args.dir);
      if (!st.running) {
        process.stderr.write(`no cluster running in ${st.dir} (start it: node scripts/pg-cluster.mjs start)\n`);
        return 3;
      }
      process.stdout.write(`${st.url}\n`);
      return 0;
    }
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return args.cmd ? 0 : 2;
    default:
      process.stderr.write(`unknown command: ${args.cmd}\n${USAGE}\n`);
      return 2;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (e) => {
      process.stderr.write(`[pg-cluster] error: ${e.message}\n`);
      process.exitCode = 1;
    },
  );
}
