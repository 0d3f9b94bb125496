#!/usr/bin/env node
// Builds the web UI (web/ → web/dist) with the Vite JS API, but only when it is stale:
// web/dist/index.html missing, or older than any source under web/ (src, index.html, vite.config.ts,
// tsconfig.json) or package-lock.json. `--force` always builds. Prints one line.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const webDir = path.join(root, 'web');
const distIndex = path.join(webDir, 'dist', 'index.html');
const force = process.argv.includes('--force');

/** Newest mtime (ms) of the files under dir, skipping build output and dependencies. */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (entry.isFile()) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

function staleReason() {
  if (force) return 'forced';
  if (!fs.existsSync(distIndex)) return 'no previous build';
  const built = fs.statSync(distIndex).mtimeMs;
  const lock = path.join(root, 'package-lock.json');
  if (fs.existsSync(lock) && fs.statSync(lock).mtimeMs > built) return 'package-lock.json changed';
  if (newestMtime(webDir) > built) return 'sources changed';
  return null;
}

const reason = staleReason();
if (!reason) {
  console.log('web: up to date (web/dist)');
} else {
  const started = Date.now();
  const { build } = await import('vite');
  try {
    await build({ configFile: path.join(webDir, 'vite.config.ts'), logLevel: 'warn' });
  } catch (err) {
    console.error(`web: build failed (${reason}):`, err instanceof Error ? err.message : err);
    process.exit(1);
  }
  // Touch index.html so the freshness check compares against the end of this build.
  const now = new Date();
  fs.utimesSync(distIndex, now, now);
  console.log(`web: built web/dist in ${((Date.now() - started) / 1000).toFixed(1)} s (${reason})`);
}
