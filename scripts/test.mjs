#!/usr/bin/env node
// `npm test`: runs the test suites with node's own test runner and sums them up.
//
//   npm test                                  all suites
//   npm test -- server/foo.test.ts e2e/       only these files / directories
//   npm test -- --test-name-pattern=login     extra flags (use the `--flag=value` form) go to `node --test`
//   YINGJI_SUITES=embedded,postgres npm test  only these suites
//   YINGJI_REQUIRE_ALL_SUITES=1 npm test      a suite that cannot run is a failure (CI)
//
// Suites:
//   embedded  server/**/*.test.ts + scripts/**/*.test.mjs, DATABASE_URL removed (embedded PGlite)
//   postgres  the same files against a fresh throwaway PostgreSQL 15 + PostGIS (scripts/pg-cluster.mjs)
//   e2e       e2e/**/*.e2e.ts with /usr/bin/chromium, after building the web UI (scripts/build-web.mjs)
//
// Node 20's runner needs explicit file names (a glob fails, a directory silently
// runs nothing), so files are listed with git. Each suite runs with two reporters:
// spec on the terminal, TAP into a temp file whose final `# pass/# fail` lines are
// counted. The last line printed is always `N passed, N failed[, N skipped]`.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { postgresAvailable, resolveDir, startCluster, stopCluster, TEST_NAME } from './pg-cluster.mjs';
import {
  SUITES, formatSuiteLine, formatTotals, isE2eTest, isUnitTest, listRepoFiles, parseTapSummary, restrictToPaths, totals,
} from './lib/suites.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = '/usr/bin/chromium';
const BUILD_WEB = path.join(REPO, 'scripts', 'build-web.mjs');
const REQUIRE_ALL = ['1', 'true', 'yes'].includes((process.env.YINGJI_REQUIRE_ALL_SUITES ?? '').toLowerCase());

const say = (msg) => process.stdout.write(`${msg}\n`);
const note = (msg) => process.stderr.write(`[test] ${msg}\n`);

// ---------------------------------------------------------------------------
// Interruption: children run in their own process group, so a signal to us is
// forwarded to the whole group (node's runner, its per-file processes, browsers).

let interrupted = null;
let current = null; // the running child process

function killGroup(child, sig) {
  try {
    process.kill(-child.pid, sig);
  } catch {
    /* already gone */
  }
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (interrupted) {
      note(`${sig} again: killing the tests`);
      if (current) killGroup(current, 'SIGKILL');
      return;
    }
    interrupted = sig;
    note(`${sig} received: stopping the tests and cleaning up (send it again to force)`);
    if (current) {
      const child = current;
      killGroup(child, 'SIGTERM');
      setTimeout(() => killGroup(child, 'SIGKILL'), 5000).unref();
    }
  });
}

/** Runs a command with live output; resolves to { code, signal }. */
function run(cmd, args, env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: REPO, env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
    current = child;
    child.once('error', (e) => {
      current = null;
      note(`${cmd}: ${e.message}`);
      resolve({ code: 127, signal: null });
    });
    child.once('exit', (code, signal) => {
      current = null;
      // Leftovers of the group (e.g. a browser a test forgot to close) must not outlive the suite.
      killGroup(child, 'SIGKILL');
      resolve({ code, signal });
    });
  });
}

function envWith(overrides) {
  const env = { ...process.env };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** One `node --test` run over `files`; returns a suite result with counts from the TAP report. */
async function runNodeTests(name, files, { env, concurrency, nodeFlags }) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-test-'));
  const tap = path.join(tmp, `${name}.tap`);
  const args = [
    '--import', 'tsx',
    '--test',
    `--test-concurrency=${concurrency}`,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...nodeFlags,
    ...files,
  ];
  const { code, signal } = await run(process.execPath, args, env);
  let summary = null;
  try {
    summary = parseTapSummary(fs.readFileSync(tap, 'utf8'));
  } catch {
    /* no report: handled below */
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  const exit = signal ?? `exit ${code}`;
  if (!summary) {
    return { name, status: 'error', reason: `node --test produced no summary, ${exit}`, passed: 0, failed: 1, skipped: 0 };
  }
  const r = {
    name,
    status: 'ran',
    passed: summary.pass,
    failed: summary.fail + summary.cancelled, // cancelled = timed out or aborted: a failure
    skipped: summary.skipped + summary.todo,
  };
  if (code !== 0 && r.failed === 0) {
    r.failed = 1;
    r.note = `node --test ended with ${exit} without reporting a failing test`;
  }
  if (interrupted) r.note = 'interrupted';
  return r;
}

/** Result for a suite that cannot run: a failure when all suites are required. */
function cannotRun(name, reason) {
  return REQUIRE_ALL ? { name, status: 'unavailable', reason, failed: 1 } : { name, status: 'skipped', reason };
}

// ---------------------------------------------------------------------------

function parseCli(argv) {
  const flags = [];
  const paths = [];
  let onlyPaths = false;
  for (const a of argv) {
    if (!onlyPaths && a === '--') onlyPaths = true;
    else if (!onlyPaths && a.startsWith('-')) flags.push(a);
    else paths.push(a);
  }
  return { flags, paths };
}

function selectedSuites() {
  const raw = process.env.YINGJI_SUITES?.trim();
  if (!raw) return new Set(SUITES);
  const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !SUITES.includes(n));
  if (unknown.length) throw new Error(`YINGJI_SUITES: unknown suite(s) ${unknown.join(', ')} (known: ${SUITES.join(', ')})`);
  return new Set(names);
}

async function main() {
  const { flags, paths } = parseCli(process.argv.slice(2));
  const suites = selectedSuites();

  if (!fs.existsSync(path.join(REPO, 'node_modules', 'tsx'))) {
    throw new Error('node_modules/tsx is missing: run `npm ci` first');
  }

  const listing = listRepoFiles(REPO);
  if (listing.source !== 'git') note(`test files found by ${listing.source}`);
  let unit = listing.files.filter(isUnitTest);
  let e2e = listing.files.filter(isE2eTest);
  const restricted = paths.length > 0;
  if (restricted) {
    // npm runs scripts from the package root; INIT_CWD is where `npm test` was typed.
    const selected = restrictToPaths([...unit, ...e2e], paths, { repo: REPO, baseDir: process.env.INIT_CWD ?? process.cwd() });
    const looksE2e = (f) => isE2eTest(f) || f.endsWith('.e2e.ts');
    unit = selected.filter((f) => !looksE2e(f));
    e2e = selected.filter(looksE2e);
  }

  const results = [];
  const noFiles = (name, what) =>
    // Files deselected on the command line are a choice, not a missing suite.
    restricted ? { name, status: 'skipped', reason: 'no selected files' } : cannotRun(name, `no test files matching ${what}`);
  const unitWhat = 'server/**/*.test.ts, scripts/**/*.test.mjs';
  const header = (name, files, extra) =>
    say(`\n==> suite ${name}: ${files.length} file${files.length === 1 ? '' : 's'}${extra ? `, ${extra}` : ''}`);

  // -- embedded -------------------------------------------------------------
  if (!suites.has('embedded')) results.push({ name: 'embedded', status: 'not-selected' });
  else if (interrupted) results.push({ name: 'embedded', status: 'skipped', reason: 'interrupted' });
  else if (unit.length === 0) results.push(noFiles('embedded', unitWhat));
  else {
    header('embedded', unit, 'embedded PGlite (DATABASE_URL unset)');
    results.push(await runNodeTests('embedded', unit, {
      env: envWith({ DATABASE_URL: undefined, YINGJI_TEST_SUITE: 'embedded' }),
      concurrency: 2,
      nodeFlags: flags,
    }));
  }

  // -- postgres -------------------------------------------------------------
  const pg = postgresAvailable();
  if (!suites.has('postgres')) results.push({ name: 'postgres', status: 'not-selected' });
  else if (interrupted) results.push({ name: 'postgres', status: 'skipped', reason: 'interrupted' });
  else if (unit.length === 0) results.push(noFiles('postgres', unitWhat));
  else if (!pg.ok) results.push(cannotRun('postgres', pg.reason));
  else {
    const dir = resolveDir(undefined, TEST_NAME);
    const log = (m) => note(`pg-cluster: ${m}`);
    let r;
    try {
      const cluster = await startCluster({ name: TEST_NAME, fresh: true, log });
      header('postgres', unit, `PostgreSQL 15 at ${cluster.url}`);
      if (!interrupted) {
        r = await runNodeTests('postgres', unit, {
          env: envWith({ DATABASE_URL: cluster.url, YINGJI_TEST_SUITE: 'postgres' }),
          concurrency: 2,
          nodeFlags: flags,
        });
      } else r = { name: 'postgres', status: 'skipped', reason: 'interrupted' };
    } catch (e) {
      r = { name: 'postgres', status: 'error', reason: `cluster did not start: ${e.message.split('\n')[0]}`, failed: 1 };
      note(e.message);
    } finally {
      try {
        await stopCluster(dir, { log });
      } catch (e) {
        note(`could not stop the cluster in ${dir}: ${e.message}`);
      }
    }
    // Keep the data dir (and its server log) after a failure; otherwise remove it.
    if (r.failed) note(`PostgreSQL server log: ${path.join(dir, 'log')}`);
    else fs.rmSync(dir, { recursive: true, force: true });
    results.push(r);
  }

  // -- e2e ------------------------------------------------------------------
  if (!suites.has('e2e')) results.push({ name: 'e2e', status: 'not-selected' });
  else if (interrupted) results.push({ name: 'e2e', status: 'skipped', reason: 'interrupted' });
  else if (e2e.length === 0) results.push(noFiles('e2e', 'e2e/**/*.e2e.ts'));
  else if (!fs.existsSync(CHROMIUM)) results.push(cannotRun('e2e', `chromium not installed (${CHROMIUM})`));
  else {
    header('e2e', e2e, `chromium ${CHROMIUM}`);
    const env = envWith({ DATABASE_URL: undefined, YINGJI_TEST_SUITE: 'e2e' });
    let built = { code: 0, signal: null };
    if (fs.existsSync(BUILD_WEB)) {
      say('building the web UI: node scripts/build-web.mjs');
      built = await run(process.execPath, [BUILD_WEB], env);
    } else {
      say('scripts/build-web.mjs not found: skipping the web build');
    }
    if (interrupted) results.push({ name: 'e2e', status: 'skipped', reason: 'interrupted' });
    else if (built.code !== 0) {
      results.push({ name: 'e2e', status: 'error', reason: `web build failed, ${built.signal ?? `exit ${built.code}`}`, failed: 1 });
    } else {
      results.push(await runNodeTests('e2e', e2e, { env, concurrency: 1, nodeFlags: flags }));
    }
  }

  // -- summary --------------------------------------------------------------
  const t = totals(results);
  say('');
  for (const r of results) say(formatSuiteLine(r));
  if (interrupted) say(`interrupted by ${interrupted}`);
  say(formatTotals(t));
  if (interrupted) return interrupted === 'SIGINT' ? 130 : 143;
  return t.failed > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`[test] error: ${e.message}\n`);
    say('0 passed, 1 failed');
    process.exitCode = 1;
  },
);
