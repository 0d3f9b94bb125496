// Helpers for scripts/test.mjs: finding test files, classifying them into suites,
// reading the TAP summary of node's test runner, and formatting the result lines.
// Kept free of side effects so they can be unit-tested.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const SUITES = ['embedded', 'postgres', 'e2e'];

/** server/**\/*.test.ts and scripts/**\/*.test.mjs: the unit/integration suites (embedded + postgres). */
export function isUnitTest(rel) {
  return (rel.startsWith('server/') && rel.endsWith('.test.ts')) || (rel.startsWith('scripts/') && rel.endsWith('.test.mjs'));
}

/** e2e/**\/*.e2e.ts: the browser suite. */
export function isE2eTest(rel) {
  return rel.startsWith('e2e/') && rel.endsWith('.e2e.ts');
}

function walk(root, rel, out) {
  let entries;
  try {
    entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) walk(root, r, out);
    else if (e.isFile()) out.push(r);
  }
}

/**
 * Repo-relative paths (forward slashes) of all files that git would track:
 * `git ls-files --cached --others --exclude-standard`, minus files deleted in
 * the working tree (still listed as cached). Falls back to walking server/,
 * scripts/ and e2e/ when git is unusable (not installed, no .git).
 */
export function listRepoFiles(repo) {
  // safe.directory on the command line: root in a checkout owned by another user
  // (common in CI) otherwise gets "detected dubious ownership".
  const r = spawnSync('git', ['-c', `safe.directory=${repo}`, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repo,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status === 0) {
    const files = [...new Set(r.stdout.split('\0').filter(Boolean))];
    return { files: files.filter((f) => fs.existsSync(path.join(repo, f))).sort(), source: 'git' };
  }
  const out = [];
  for (const top of ['server', 'scripts', 'e2e']) walk(repo, top, out);
  const why = (r.error?.message ?? r.stderr ?? '').trim().split('\n')[0];
  return { files: out.sort(), source: `directory walk (git ls-files failed: ${why})` };
}

/**
 * Applies `npm test -- <paths>` restrictions. Each path (relative to `baseDir`)
 * may be a file or a directory; returns repo-relative paths of the selected test
 * files, or throws for a path that does not exist or selects nothing.
 */
export function restrictToPaths(allTests, paths, { repo, baseDir }) {
  const selected = new Set();
  for (const p of paths) {
    const abs = path.resolve(baseDir, p);
    if (!fs.existsSync(abs)) throw new Error(`no such file or directory: ${p}`);
    const rel = path.relative(repo, abs).split(path.sep).join('/');
    if (rel.startsWith('..')) throw new Error(`outside the repository: ${p}`);
    if (fs.statSync(abs).isDirectory()) {
      const prefix = rel === '' ? '' : `${rel}/`;
      const inDir = allTests.filter((f) => f.startsWith(prefix));
      if (inDir.length === 0) throw new Error(`no test files under ${p}`);
      inDir.forEach((f) => selected.add(f));
    } else {
      // An explicitly named file runs even if it does not follow the naming pattern.
      selected.add(rel);
    }
  }
  return [...selected].sort();
}

/**
 * Reads the final summary of a TAP report from node's test runner
 * (`# tests N`, `# pass N`, `# fail N`, `# cancelled N`, `# skipped N`, `# todo N`).
 * The last occurrence of each key wins (diagnostic lines earlier in the file may
 * contain look-alikes). Returns null when there is no summary (runner crashed).
 */
export function parseTapSummary(text) {
  const lines = text.split('\n');
  const found = {};
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = /^# (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) (\d+(?:\.\d+)?)\s*$/.exec(lines[i]);
    if (m && !(m[1] in found)) found[m[1]] = Number(m[2]);
    if ('tests' in found && 'pass' in found && 'fail' in found) break;
  }
  if (!('pass' in found) || !('fail' in found)) return null;
  return {
    tests: found.tests ?? 0,
    pass: found.pass,
    fail: found.fail,
    cancelled: found.cancelled ?? 0,
    skipped: found.skipped ?? 0,
    todo: found.todo ?? 0,
  };
}

/**
 * One result line per suite. A result is one of
 *   { name, status: 'ran', passed, failed, skipped, note? }
 *   { name, status: 'skipped', reason }            (allowed to be skipped)
 *   { name, status: 'unavailable', reason, failed } (required but could not run: a failure)
 *   { name, status: 'error', reason, failed }       (set-up failed, e.g. cluster start or web build)
 *   { name, status: 'not-selected' }
 */
export function formatSuiteLine(r) {
  switch (r.status) {
    case 'ran':
      return `suite ${r.name}: ran, ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}${r.note ? ` (${r.note})` : ''}`;
    case 'skipped':
      return `suite ${r.name}: skipped (${r.reason})`;
    case 'unavailable':
      return `suite ${r.name}: FAILED, could not run (${r.reason}) and YINGJI_REQUIRE_ALL_SUITES=1 requires it`;
    case 'error':
      return `suite ${r.name}: FAILED (${r.reason})${r.passed ? `, ${r.passed} passed` : ''}`;
    case 'not-selected':
      return `suite ${r.name}: not selected (YINGJI_SUITES)`;
    default:
      return `suite ${r.name}: ${r.status}`;
  }
}

export function totals(results) {
  const t = { passed: 0, failed: 0, skipped: 0 };
  for (const r of results) {
    t.passed += r.passed ?? 0;
    t.failed += r.failed ?? 0;
    t.skipped += r.skipped ?? 0;
  }
  return t;
}

/** The very last line of `npm test`. */
export function formatTotals(t) {
  return `${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ''}`;
}
