import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const SHOTS = path.join(ROOT, '.tmp', 'screenshots');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

export interface Server {
  url: string;
  stop(): Promise<void>;
}

/** The real server (`yingji serve --demo`, built UI, embedded database) on a fresh data dir. */
export async function startServer(): Promise<Server> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-e2e-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', 'serve', '--demo'], {
    cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d) => { log += d; });
  child.stderr!.on('data', (d) => { log += d; });
  const url = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${log}`);
    if (Date.now() - t0 > 180_000) throw new Error(`server not healthy after 180 s: ${log}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  if (!(await fetch(url)).headers.get('content-type')?.includes('text/html')) throw new Error('the UI is not built (web/dist)');
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Headless Debian Chromium (WebGL works with these flags; see ecosystem notes). */
export async function openBrowser(): Promise<{ context: BrowserContext; page: Page; close(): Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    locale: 'zh-CN',
    viewport: { width: 1440, height: 900 },
    // The app turns antd's animations off for reduced-motion users: no click lands on a sliding menu.
    reducedMotion: 'reduce',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context, page,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
}

export async function login(page: Page, base: string, username = 'admin', password = 'yingji-demo'): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('side-nav').waitFor();
}

/** Closes every open drawer with its close button and waits until none is left (Escape can race a focused select). */
export async function closeDrawers(page: Page): Promise<void> {
  for (let i = 0; i < 3 && (await page.locator('.ant-drawer-open').count()) > 0; i++) {
    await page.locator('.ant-drawer-open .ant-drawer-close').last().click();
    await page.waitForTimeout(400);
  }
  await page.locator('.ant-drawer-mask').first().waitFor({ state: 'detached', timeout: 5000 }).catch(() => undefined);
  if ((await page.locator('.ant-drawer-open').count()) > 0) throw new Error('a drawer did not close');
}

const OPEN_DROPDOWN = '.ant-select-dropdown:not(.ant-select-dropdown-hidden)';

/**
 * Chooses an option of the antd select (or tree select) with data-testid `testId` and waits until the
 * select shows it and its dropdown has gone. On a loaded machine a click can land while the dropdown
 * is still moving in and select nothing; the gesture is then repeated (at most three times) and the
 * outcome is still checked. For multi-selects the dropdown stays open: pass `multiple`.
 */
export async function choose(page: Page, testId: string, option: string, opts: { typed?: string; shown?: string; tree?: boolean; multiple?: boolean } = {}): Promise<void> {
  const select = page.getByTestId(testId);
  const target = opts.tree
    ? page.locator(`${OPEN_DROPDOWN} .ant-select-tree-title`).getByText(option, { exact: true })
    : page.locator(`${OPEN_DROPDOWN} .ant-select-item-option[title="${option}"]`);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (!(await target.isVisible())) {
      await select.click();
      if (opts.typed) await page.keyboard.type(opts.typed);
    }
    await target.click();
    const ok = await select.getByText(opts.shown ?? option).first().waitFor({ timeout: 3000 }).then(() => true, () => false);
    if (ok) {
      if (opts.multiple) await page.keyboard.press('Escape');
      await page.locator(OPEN_DROPDOWN).first().waitFor({ state: 'hidden', timeout: 3000 }).catch(() => undefined);
      return;
    }
  }
  throw new Error(`could not choose ${option} in ${testId}`);
}

/** Collects what a page must never show into `errors`: uncaught script errors, 5xx answers, missing UI assets. */
export function recordPageErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', (r) => { if (r.status() >= 500 || (r.url().includes('/assets/') && r.status() >= 400)) errors.push(`${r.status()} ${r.url()}`); });
}
