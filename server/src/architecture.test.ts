import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

const SRC = import.meta.dirname;
const ROOT = path.resolve(SRC, '..', '..');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

function imports(file: string): string[] {
  const src = fs.readFileSync(file, 'utf8');
  return [...src.matchAll(/(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)]
    .map((m) => m[1] ?? m[2] ?? '')
    .filter((s) => s.startsWith('.'))
    .map((s) => path.resolve(path.dirname(file), s));
}

const rel = (p: string) => path.relative(ROOT, p);

/** The dependency rules of ARCHITECTURE.md, checked mechanically. */
describe('architecture: dependency direction', () => {
  it('platform/ imports nothing from modules/, demo/ or app.ts', () => {
    const bad: string[] = [];
    for (const f of files(path.join(SRC, 'platform')).filter((f) => !f.endsWith('.test.ts'))) {
      for (const i of imports(f)) {
        if (i.startsWith(path.join(SRC, 'modules')) || i.startsWith(path.join(SRC, 'demo')) || i === path.join(SRC, 'app.ts')) bad.push(`${rel(f)} → ${rel(i)}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('a module uses another module only through its service or rules, never its routes', () => {
    const bad: string[] = [];
    const modules = path.join(SRC, 'modules');
    for (const f of files(modules).filter((f) => !f.endsWith('.test.ts'))) {
      const own = path.relative(modules, f).split(path.sep)[0]!;
      for (const i of imports(f)) {
        if (!i.startsWith(modules)) continue;
        const [mod, file] = path.relative(modules, i).split(path.sep);
        if (mod !== own && !['service.ts', 'rules.ts'].includes(file ?? '')) bad.push(`${rel(f)} → ${rel(i)}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('routes never run SQL: queries live in services and the platform', () => {
    const bad = files(path.join(SRC, 'modules'))
      .filter((f) => f.endsWith('routes.ts'))
      .filter((f) => /\.query\(|\.exec\(|\.transaction\(/.test(fs.readFileSync(f, 'utf8')))
      .map(rel);
    assert.deepEqual(bad, []);
  });

  it('a module\'s rules.ts is pure: it imports only contracts/ (or types)', () => {
    const bad: string[] = [];
    for (const f of files(path.join(SRC, 'modules')).filter((f) => path.basename(f) === 'rules.ts')) {
      const src = fs.readFileSync(f, 'utf8');
      // `import type` is erased at run time; anything else must come from contracts/.
      const runtime = [...src.matchAll(/^(?:import|export)\s(?!type\s)[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);
      for (const i of runtime) {
        const target = i.startsWith('.') ? path.resolve(path.dirname(f), i) : i;
        if (!target.startsWith(path.join(ROOT, 'contracts'))) bad.push(`${rel(f)} → ${i.startsWith('.') ? rel(target) : i}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('contracts/ depend on nothing of the server or the web', () => {
    const bad = files(path.join(ROOT, 'contracts')).flatMap((f) => imports(f).map((i) => `${rel(f)} → ${rel(i)}`));
    assert.deepEqual(bad, []);
  });

  it('migrations are numbered, unique and never edited once applied (checksums are recorded)', () => {
    const names = fs.readdirSync(path.join(ROOT, 'server', 'migrations')).filter((f) => f.endsWith('.sql')).sort();
    const numbers = names.map((n) => n.slice(0, 4));
    assert.equal(new Set(numbers).size, numbers.length, 'one file per number');
    for (const n of names) assert.match(n, /^\d{4}_[a-z0-9_]+\.sql$/);
  });
});
