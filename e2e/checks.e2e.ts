import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page, Response } from 'playwright-core';
import { choose, closeDrawers, login, openBrowser, recordPageErrors, shot, startServer, type Server } from './helpers.ts';

/**
 * Hazard checks (隐患排查) in a real browser against the real server: the admin creates a checklist of
 * two items for hazchem enterprises; the QR code's URL (/risks/enterprises?open=<id>&check=1) opens a
 * demo hazchem enterprise's file with the check form started for it; the check is recorded with one
 * 不符合 item (the form refuses it without a note first); on 检查记录 the failed item becomes a hazard
 * in one step, whose link opens it in the ledger as 待整改; the enterprise's QR code image loads.
 */

interface EnterpriseBody { id: string; name: string; hazchem: boolean }
interface TemplateBody { id: string; name: string; forHazchem: boolean; items: { no: number; content: string; basis: string; grade?: string; category?: string }[] }
interface CheckBody { id: string; enterpriseId: string; templateId: string; kind: string; failCount: number; passCount: number; results: { no: number; result: string; note: string | null }[] }
interface HazardBody { id: string; code: string; status: string; title: string; grade: string; category: string; source: string }

describe('hazard checks UI (headless Chromium)', () => {
  let server: Server;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  const errors: string[] = [];
  const stamp = Date.now().toString(36).slice(-5).toUpperCase();
  const tplName = `储罐区专项检查表${stamp}`;
  const item1 = { content: '储罐区防火堤完好，排水阀常闭', basis: '《储罐区防火堤设计规范》（GB 50351）' };
  const item2 = { content: '储罐区可燃气体检测报警器完好并按期标定', basis: '《石油化工可燃气体和有毒气体检测报警设计标准》（GB/T 50493）' };
  const failNote = `2 号罐东侧报警器显示故障，已超过标定周期${stamp}`;
  let enterprise: EnterpriseBody;
  let template: TemplateBody;
  let check: CheckBody;
  let hazard: HazardBody;

  const getJson = <T>(path: string) => page.evaluate(async (u) => {
    const r = await fetch(u, { headers: { Accept: 'application/json' } });
    if (!r.ok) throw new Error(`${r.status} ${u}`);
    return r.json();
  }, path) as Promise<T>;
  /** Clicks and waits for the POST to `path`; when none comes, fails with what the page shows. */
  const clickPost = async (testId: string, path: string, name: string): Promise<Response> => {
    const res = page.waitForResponse((r: Response) => r.request().method() === 'POST' && new URL(r.url()).pathname === path, { timeout: 15_000 });
    await page.getByTestId(testId).click();
    try {
      return await res;
    } catch (err) {
      await shot(page, `e2e-c-failed-${name}`);
      const shown = await page.locator('.ant-form-item-explain-error, .ant-alert-title').allInnerTexts();
      throw new Error(`no POST ${path} after ${testId}; the page shows: ${shown.join(' | ') || '(nothing)'}`, { cause: err });
    }
  };

  before(async () => {
    server = await startServer();
    browser = await openBrowser();
    page = browser.page;
    recordPageErrors(page, errors);
    await login(page, server.url);
    const list = await getJson<{ items: EnterpriseBody[] }>('/api/v1/enterprises?hazchem=true&sort=name&pageSize=50');
    enterprise = list.items.find((e) => e.name.includes('天山')) ?? list.items[0]!;
    assert.ok(enterprise?.hazchem, 'a demo hazchem enterprise');
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the admin creates a checklist of two items for hazchem enterprises', async () => {
    await page.getByTestId('nav-check-templates').click();
    await page.getByTestId('check-templates-page').waitFor();
    await page.getByTestId('check-templates-table-row').first().waitFor();
    await page.getByTestId('check-templates-create').click();
    await page.getByTestId('check-template-drawer').waitFor();
    await page.getByTestId('check-template-form-name').fill(tplName);
    await page.getByTestId('check-template-form-hazchem').click();
    await page.getByTestId('check-template-form-description').fill('储罐区日常专项检查（端到端测试）');
    await page.getByTestId('check-template-item-content-1').fill(item1.content);
    await page.getByTestId('check-template-item-basis-1').fill(item1.basis);
    await page.getByTestId('check-template-item-add').click();
    await page.getByTestId('check-template-item-content-2').fill(item2.content);
    await page.getByTestId('check-template-item-basis-2').fill(item2.basis);
    await choose(page, 'check-template-item-grade-2', '重大隐患');
    await choose(page, 'check-template-item-category-2', '物的不安全状态');
    assert.deepEqual(await page.getByTestId('check-template-item-no').allInnerTexts(), ['1', '2'], 'items are numbered by position');
    await shot(page, 'e2e-c1-template-form');
    const res = await clickPost('check-template-form-submit', '/api/v1/check-templates', 'template');
    assert.equal(res.status(), 201, await res.text());
    template = (await res.json()) as TemplateBody;
    assert.equal(template.forHazchem, true);
    assert.deepEqual(template.items.map((i) => [i.no, i.content, i.basis, i.grade ?? null, i.category ?? null]), [
      [1, item1.content, item1.basis, null, null],
      [2, item2.content, item2.basis, 'major', 'equipment'],
    ]);
    // Listed, and opening it shows the items with their legal basis.
    const row = page.getByTestId('check-templates-table-row').filter({ hasText: tplName });
    await row.waitFor();
    await row.getByTestId('check-template-open').click();
    await page.getByTestId('check-template-drawer-items').getByText(item2.basis).waitFor();
    await shot(page, 'e2e-c2-template-drawer');
    await closeDrawers(page);
  });

  it('the QR code URL opens the enterprise file with the check form started for it', async () => {
    await page.goto(`${server.url}/risks/enterprises?open=${enterprise.id}&check=1`);
    await page.getByTestId('enterprise-detail').getByText(enterprise.name).first().waitFor();
    await page.getByTestId('check-drawer').waitFor();
    await page.getByTestId('check-form-enterprise').getByText(enterprise.name).waitFor();
    assert.match(await page.getByTestId('check-form-enterprise').getAttribute('class') ?? '', /ant-select-disabled/, 'the enterprise is fixed');
    // The URL no longer starts a check (a reload does not open a second form).
    await page.waitForURL((u) => !u.searchParams.has('check'));
    await page.getByTestId('enterprise-tab-checks').waitFor();
  });

  it('a check is recorded with one 不符合 item, which needs a note', async () => {
    await choose(page, 'check-form-template', tplName);
    const items = page.getByTestId('check-item');
    await items.nth(1).waitFor();
    assert.equal(await items.count(), 2);
    await page.getByTestId('check-form-items').getByText(item2.basis).waitFor();
    await page.getByTestId('check-form-all-pass').click();
    await page.getByTestId('check-item-2-result').getByText('不符合').click();
    await page.getByTestId('check-form-participants').fill('王建国（企业安全员）');
    await page.getByTestId('check-form-summary').fill('储罐区专项检查，发现 1 项问题。');

    // Without a note the form refuses before asking the server.
    let posted = false;
    const onRequest = (r: { method(): string; url(): string }) => { if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/checks') posted = true; };
    page.on('request', onRequest);
    await page.getByTestId('check-form-submit').click();
    await page.getByTestId('check-drawer').getByText('不符合项须填写情况说明（至少 2 个字）').waitFor();
    page.off('request', onRequest);
    assert.equal(posted, false, 'no request while a failed item has no note');
    await shot(page, 'e2e-c3-check-form-note-required');

    await page.getByTestId('check-item-2-note').fill(failNote);
    assert.match(await page.getByTestId('check-form-progress').innerText(), /已填写 2\/2 项.*符合 1 · 不符合 1 · 不涉及 0/);
    await shot(page, 'e2e-c4-check-form');
    const res = await clickPost('check-form-submit', '/api/v1/checks', 'check');
    assert.equal(res.status(), 201, await res.text());
    check = (await res.json()) as CheckBody;
    assert.equal(check.enterpriseId, enterprise.id);
    assert.equal(check.templateId, template.id);
    assert.equal(check.kind, 'inspection', 'the admin records a 监督检查');
    assert.deepEqual(check.results.map((r) => [r.no, r.result, r.note]), [[1, 'pass', null], [2, 'fail', failNote]]);
    // The new record opens over the file, and the file's tab lists it.
    await page.getByTestId('check-detail-drawer').getByTestId('check-detail-template').getByText(tplName).waitFor();
    await closeDrawers(page);
  });

  it('on 检查记录 the failed item becomes a hazard (待整改) whose link opens it in the ledger', async () => {
    await page.getByTestId('nav-checks').click();
    await page.getByTestId('checks-page').waitFor();
    await page.getByTestId('checks-filter-failed').click();
    const row = page.getByTestId('checks-table-row').filter({ hasText: tplName });
    await row.waitFor();
    await row.getByTestId('check-open-failures').getByText('1 项待转隐患').waitFor();
    await page.getByTestId('checks-table').locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    await shot(page, 'e2e-c5-checks-list');
    await row.getByTestId('check-open').click();
    await page.waitForURL((u) => u.searchParams.get('open') === check.id);
    const drawer = page.getByTestId('check-detail-drawer');
    await drawer.getByTestId('check-detail-fail-count').getByText('1').waitFor();
    const failed = drawer.locator('[data-testid="check-detail-item"][data-no="2"]');
    assert.equal(await failed.getAttribute('data-result'), 'fail');
    await failed.getByText(failNote).waitFor();
    assert.equal(await drawer.locator('[data-testid="check-detail-item"][data-no="1"]').getByTestId('check-item-to-hazard').count(), 0, 'a passed item is no hazard');
    await failed.getByTestId('check-item-to-hazard').click();
    const modal = page.getByTestId('check-hazard-modal');
    await modal.getByTestId('check-hazard-title').waitFor();
    assert.equal(await modal.getByTestId('check-hazard-title').inputValue(), item2.content, 'the title is the item');
    await modal.getByTestId('check-hazard-grade').getByText('重大隐患').waitFor();
    await modal.getByTestId('check-hazard-category').getByText('物的不安全状态').waitFor();
    await shot(page, 'e2e-c6-to-hazard');
    const res = await clickPost('check-hazard-submit', `/api/v1/checks/${check.id}/items/2/hazard`, 'to-hazard');
    assert.equal(res.status(), 201, await res.text());
    hazard = (await res.json()) as HazardBody;
    assert.equal(hazard.status, 'pending');
    assert.equal(hazard.grade, 'major');
    assert.equal(hazard.category, 'equipment');
    assert.equal(hazard.source, 'inspection');
    // The item now shows the hazard's code and status instead of the button.
    const link = failed.getByTestId('check-item-hazard-link');
    await link.getByText(hazard.code).waitFor();
    await failed.getByTestId('check-item-hazard').getByText('待整改').waitFor();
    assert.equal(await failed.getByTestId('check-item-to-hazard').count(), 0);
    await shot(page, 'e2e-c7-check-detail-converted');
    const stored = await getJson<CheckBody & { hazardCount: number; openFailures: number }>(`/api/v1/checks/${check.id}`);
    assert.equal(stored.hazardCount, 1);
    assert.equal(stored.openFailures, 0);

    await link.click();
    await page.waitForURL((u) => u.pathname === '/hazards' && u.searchParams.get('open') === hazard.id);
    const hd = page.getByTestId('hazard-detail-drawer');
    await hd.getByTestId('hazard-detail-title').getByText(hazard.title).waitFor();
    await hd.locator('.ant-drawer-title').getByText('待整改').waitFor();
    await hd.getByText(enterprise.name).first().waitFor();
    await shot(page, 'e2e-c8-hazard-in-ledger');
    await closeDrawers(page);
  });

  it("the enterprise file lists the check and shows the enterprise's QR code", async () => {
    await page.goto(`${server.url}/risks/enterprises?open=${enterprise.id}`);
    const drawer = page.getByTestId('enterprise-detail');
    await drawer.getByText(enterprise.name).first().waitFor();
    await page.getByTestId('enterprise-tab-checks').click();
    const row = page.getByTestId('enterprise-check-row').filter({ hasText: tplName });
    await row.waitFor();
    assert.equal(await page.getByTestId('check-drawer').count(), 0, 'no check form without check=1');
    await page.getByTestId('enterprise-detail-qr').click();
    const img = page.getByTestId('enterprise-qr-image');
    await img.waitFor();
    await page.waitForFunction(() => {
      const el = document.querySelector<HTMLImageElement>('[data-testid="enterprise-qr-image"]');
      return !!el && el.complete && el.naturalWidth > 0;
    });
    const natural = await img.evaluate((el: HTMLImageElement) => el.naturalWidth);
    assert.ok(natural > 100, `the QR image has loaded (naturalWidth ${natural})`);
    await shot(page, 'e2e-c9-qr');
    await page.getByTestId('enterprise-qr-modal').locator('.ant-modal-close').click();
    await closeDrawers(page);
    assert.deepEqual(errors, []);
  });

  it('the check pages speak English after the language switch', async () => {
    await page.evaluate(() => localStorage.setItem('yingji.locale', 'en-US'));
    await page.goto(`${server.url}/hazards/checks?open=${check.id}`);
    await page.getByTestId('checks-page').getByText('Hazard checks · records').waitFor();
    const drawer = page.getByTestId('check-detail-drawer');
    await drawer.locator('[data-testid="check-detail-item"][data-no="2"]').getByText('Fail').waitFor();
    await drawer.getByTestId('check-kind-tag').getByText('Inspection').first().waitFor();
    await shot(page, 'e2e-c10-english');
    await page.evaluate(() => localStorage.setItem('yingji.locale', 'zh-CN'));
    assert.deepEqual(errors, []);
  });
});
