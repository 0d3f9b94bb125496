import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page, Response } from 'playwright-core';
import { choose, closeDrawers, login, openBrowser, shot, startServer, type Server } from './helpers.ts';

/**
 * The hazard closed loop in a real browser against the real server (issue 4, e2e): the enterprise
 * account ent-tianshan records a hazard from its self-check; the park's township account
 * park-industrial opens it from the ledger and assigns the rectification (responsible unit, person,
 * deadline) → 整改中; the enterprise submits it with a photo → 待验收; the park verifies it → 已销号.
 * The ledger lists it under 已销号 and the statistics by 状态 count one more closed hazard.
 */

// A 1×1 PNG (the attachment service recognises images by their first bytes).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

interface HazardBody { id: string; code: string; status: string; enterpriseName: string | null; plan: { responsibleUnit?: string; responsiblePerson?: string } | null }
interface StatsRow { key: string; found: number; closed: number }

type Session = Awaited<ReturnType<typeof openBrowser>>;

const pad = (n: number) => String(n).padStart(2, '0');
/** `YYYY-MM-DD HH:mm:ss` in the browser's (= this machine's) time zone, as the antd date picker types it. */
function pickerDateTime(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

describe('hazard closed loop UI (headless Chromium)', () => {
  let server: Server;
  let ent: Session;
  let park: Session;
  const errors: string[] = [];
  const stamp = Date.now().toString(36).slice(-5).toUpperCase();
  const title = `储罐区可燃气体报警器失效${stamp}`;
  let hazard: HazardBody;
  let closedBefore = 0;

  const watch = (p: Page) => {
    p.on('pageerror', (e) => errors.push(e.message));
    p.on('response', (r) => { if (r.status() >= 500 || (r.url().includes('/assets/') && r.status() >= 400)) errors.push(`${r.status()} ${r.url()}`); });
  };
  const getJson = <T>(p: Page, path: string) => p.evaluate(async (u) => {
    const r = await fetch(u, { headers: { Accept: 'application/json' } });
    if (!r.ok) throw new Error(`${r.status} ${u}`);
    return r.json();
  }, path) as Promise<T>;
  /** Clicks and waits for the POST to `path`; when none comes, fails with what the page shows. */
  const clickPost = async (p: Page, testId: string, path: string, name: string): Promise<Response> => {
    const res = p.waitForResponse((r: Response) => r.request().method() === 'POST' && new URL(r.url()).pathname === path, { timeout: 15_000 });
    await p.getByTestId(testId).click();
    try {
      return await res;
    } catch (err) {
      await shot(p, `e2e-h-failed-${name}`);
      const shown = await p.locator('.ant-form-item-explain-error, .ant-alert-title').allInnerTexts();
      throw new Error(`no POST ${path} after ${testId}; the page shows: ${shown.join(' | ') || '(nothing)'}`, { cause: err });
    }
  };
  /** Opens the hazard from the ledger: search by its code, click the code. */
  const openFromLedger = async (p: Page) => {
    await p.getByTestId('nav-hazards').click();
    await p.getByTestId('hazards-page').waitFor();
    await p.getByTestId('hazards-tab-all').click();
    const search = p.getByTestId('hazards-table-search').locator('input');
    await search.fill(hazard.code);
    await search.press('Enter');
    const row = p.getByTestId('hazards-table-row').filter({ hasText: hazard.code });
    await row.waitFor();
    await row.getByTestId('hazard-open').click();
    await p.getByTestId('hazard-detail-title').getByText(title).waitFor();
  };
  const closedCount = async (p: Page) => {
    const rows = await getJson<StatsRow[]>(p, '/api/v1/hazards/stats?by=status');
    return rows.find((r) => r.key === 'closed')?.closed ?? 0;
  };

  before(async () => {
    server = await startServer();
    ent = await openBrowser();
    park = await openBrowser();
    watch(ent.page);
    watch(park.page);
    await login(ent.page, server.url, 'ent-tianshan');
    await login(park.page, server.url, 'park-industrial');
  });
  after(async () => {
    await ent?.close();
    await park?.close();
    await server?.stop();
  });

  it('the enterprise records a hazard from its self-check (待整改)', async () => {
    const p = ent.page;
    const me = await getJson<{ user: { orgName: string } }>(p, '/api/v1/auth/me');
    closedBefore = await closedCount(park.page);
    await p.getByTestId('nav-hazards').click();
    await p.getByTestId('hazards-table-row').first().waitFor();
    await p.getByTestId('hazards-create').click();
    await p.getByTestId('hazard-drawer').waitFor();
    await choose(p, 'hazard-form-enterprise', me.user.orgName);
    await p.getByTestId('hazard-form-title').fill(title);
    await p.getByTestId('hazard-form-description').fill('罐区东侧 2 台可燃气体检测报警器故障，自查发现，尚未修复。');
    await choose(p, 'hazard-form-source', '企业自查');
    await shot(p, 'e2e-h1-register');
    const res = await clickPost(p, 'hazard-form-submit', '/api/v1/hazards', 'register');
    assert.equal(res.status(), 201, await res.text());
    hazard = (await res.json()) as HazardBody;
    assert.equal(hazard.status, 'pending');
    assert.equal(hazard.enterpriseName, me.user.orgName);
    // The new hazard opens in the detail drawer, with the recording on its timeline.
    await p.getByTestId('hazard-detail-title').getByText(title).waitFor();
    await p.getByTestId('hazard-detail-drawer').getByText('待整改').first().waitFor();
    assert.equal(await p.getByTestId('hazard-action-submit').count(), 0, 'nothing to submit before the rectification is assigned');
    await closeDrawers(p);
  });

  it('the park opens it from the ledger and assigns the rectification → 整改中', async () => {
    const p = park.page;
    await openFromLedger(p);
    await p.getByTestId('hazard-action-assign').click();
    await p.getByTestId('hazard-action-drawer').waitFor();
    await p.getByTestId('plan-responsible-unit').fill('鄯善天山化工 储运车间');
    await p.getByTestId('plan-responsible-person').fill('王建国');
    await p.getByTestId('plan-measures').fill('更换 2 台报警器并联调 DCS。');
    const deadline = pickerDateTime(new Date(Date.now() + 14 * 86_400_000));
    const picker = p.getByTestId('plan-deadline');
    await picker.click();
    await picker.fill(deadline);
    await picker.press('Enter');
    assert.equal(await picker.inputValue(), deadline);
    await shot(p, 'e2e-h2-assign');
    const res = await clickPost(p, 'hazard-action-form-submit', `/api/v1/hazards/${hazard.id}/actions`, 'assign');
    assert.equal(res.status(), 200, await res.text());
    const body = (await res.json()) as HazardBody;
    assert.equal(body.status, 'rectifying');
    assert.equal(body.plan?.responsiblePerson, '王建国');
    await p.getByTestId('hazard-detail-drawer').locator('.ant-drawer-title').getByText('整改中').waitFor();
    assert.equal(await p.getByTestId('plan-item-responsibility').getAttribute('data-done'), 'true');
    assert.equal(await p.getByTestId('plan-item-deadline').getAttribute('data-done'), 'true');
    assert.equal(await p.getByTestId('plan-item-contingency').getAttribute('data-done'), 'false');
    await p.getByTestId('hazard-detail-drawer').getByText('王建国').first().waitFor();
    await closeDrawers(p);
  });

  it('the enterprise submits the rectification with a photo → 待验收', async () => {
    const p = ent.page;
    await openFromLedger(p);
    await p.getByTestId('hazard-action-submit').click();
    await p.getByTestId('hazard-action-drawer').waitFor();
    await p.getByTestId('action-note').fill('已更换报警器并完成联调测试。');
    await p.locator('.ant-drawer-open input[type=file]').setInputFiles({ name: 'after.png', mimeType: 'image/png', buffer: PNG });
    await p.locator('.ant-drawer-open .ant-upload-list-item').first().waitFor();
    const res = await clickPost(p, 'hazard-action-form-submit', `/api/v1/hazards/${hazard.id}/actions`, 'submit');
    assert.equal(res.status(), 200, await res.text());
    assert.equal(((await res.json()) as HazardBody).status, 'verifying');
    await p.getByTestId('hazard-detail-drawer').locator('.ant-drawer-title').getByText('待验收').waitFor();
    await p.getByRole('tab', { name: /处理过程/ }).click();
    const submitted = p.locator('[data-testid="hazard-timeline-item"][data-action="submit"]');
    await submitted.getByText('已更换报警器并完成联调测试。').waitFor();
    await submitted.getByTestId('hazard-timeline-photo').first().waitFor();
    await shot(p, 'e2e-h3-submitted-timeline');
    assert.equal(await p.getByTestId('hazard-action-verify_pass').count(), 0, 'the enterprise does not verify its own rectification');
    await closeDrawers(p);
  });

  it('the park verifies it → 已销号, listed under 已销号 and counted as closed in the statistics', async () => {
    const p = park.page;
    await openFromLedger(p);
    await p.getByTestId('hazard-action-verify_pass').click();
    await p.getByTestId('hazard-action-drawer').waitFor();
    await p.getByTestId('action-note').fill('现场复核，报警器工作正常。');
    const res = await clickPost(p, 'hazard-action-form-submit', `/api/v1/hazards/${hazard.id}/actions`, 'verify');
    assert.equal(res.status(), 200, await res.text());
    assert.equal(((await res.json()) as HazardBody).status, 'closed');
    await p.getByTestId('hazard-detail-drawer').locator('.ant-drawer-title').getByText('已销号').waitFor();
    await p.getByRole('tab', { name: /处理过程/ }).click();
    for (const action of ['report', 'assign', 'submit', 'verify_pass']) {
      await p.locator(`[data-testid="hazard-timeline-item"][data-action="${action}"]`).waitFor();
    }
    await shot(p, 'e2e-h4-closed-timeline');
    await closeDrawers(p);

    // The ledger's 已销号 tab lists it; the 待整改 tab does not.
    await p.getByTestId('hazards-tab-closed').click();
    await p.getByTestId('hazards-table-row').filter({ hasText: hazard.code }).waitFor();
    await p.getByTestId('hazards-tab-pending').click();
    await p.getByTestId('hazards-table').locator('.ant-empty').waitFor();
    assert.equal(await p.getByTestId('hazards-table-row').filter({ hasText: hazard.code }).count(), 0);
    await p.getByTestId('hazards-tab-closed').click();
    await p.getByTestId('hazards-table-row').filter({ hasText: hazard.code }).waitFor();
    await shot(p, 'e2e-h5-ledger-closed');

    // Statistics by 状态: the closed row shows one more than before.
    await p.getByTestId('nav-hazard-stats').click();
    await p.getByTestId('hazard-stats-by-status').click();
    const closedRow = p.locator('[data-testid="hazard-stats-row"][data-key="closed"]');
    await closedRow.getByTestId('hazard-stats-name').getByText('已销号').waitFor();
    const shown = Number(await closedRow.getByTestId('hazard-stats-closed').innerText());
    assert.equal(shown, closedBefore + 1, `closed before ${closedBefore}, shown now ${shown}`);
    assert.equal(await closedCount(p), closedBefore + 1);
    await p.getByTestId('hazard-stats-chart').locator('canvas').waitFor();
    await shot(p, 'e2e-h6-stats-status');

    // 乡镇 × 状态: the park's closed hazards, crossed, add up to the same total as before.
    await p.getByTestId('hazard-stats-by-region').click();
    await choose(p, 'hazard-stats-then', '状态');
    await p.locator('[data-testid="hazard-stats-row"][data-key2="closed"]').first().waitFor();
    const crossed = await p.locator('[data-testid="hazard-stats-row"][data-key2="closed"]').getByTestId('hazard-stats-found').allInnerTexts();
    assert.equal(crossed.map(Number).reduce((a, b) => a + b, 0), closedBefore + 1, 'closed hazards over all townships');
    assert.ok((await p.getByTestId('hazard-stats-name2').first().innerText()).length > 0);
    await p.getByTestId('hazard-stats-chart').locator('canvas').waitFor();
    await shot(p, 'e2e-h7-stats-region-status');
    assert.deepEqual(errors, []);
  });

  it('a member of the public reports without signing in; the park accepts it as a hazard; the receipt shows the outcome', async () => {
    const anon = await openBrowser();
    try {
      const p = anon.page;
      watch(p);
      await p.goto(`${server.url}/report`);
      await p.getByTestId('public-report-page').waitFor();
      const regions = await getJson<{ code: string; name: string }[]>(p, '/public/reports/regions');
      const parkRegion = regions.find((r) => r.name.includes('工业园区'));
      assert.ok(parkRegion, `a park among ${regions.map((r) => r.name).join(',')}`);
      const text = `园区北门外化工桶露天堆放，有刺鼻气味${stamp}`;
      await p.getByTestId('public-report-description').fill(text);
      await choose(p, 'public-report-region', parkRegion.name, { typed: '工业园区' }).catch(async (err: unknown) => {
        await shot(p, 'e2e-h-failed-public-region');
        throw err;
      });
      await p.getByTestId('public-report-place').fill('园区北门外空地');
      const res = await clickPost(p, 'public-report-submit', '/public/reports', 'public-report');
      assert.equal(res.status(), 201, await res.text());
      const { receiptCode } = (await res.json()) as { receiptCode: string };
      await p.getByTestId('public-report-receipt').getByText(receiptCode).waitFor();
      await shot(p, 'e2e-h7-public-receipt');

      // The park's staff accepts it: a hazard (source 群众举报) in 待整改.
      const s = park.page;
      await s.getByTestId('nav-reports').click();
      const row = s.getByTestId('reports-table-row').filter({ hasText: receiptCode });
      await row.waitFor();
      await row.getByTestId('report-triage').click();
      await s.getByTestId('report-triage-drawer').waitFor();
      await s.getByTestId('triage-title').fill(`化工桶露天堆放${stamp}`);
      const tr = await clickPost(s, 'report-triage-form-submit', `/api/v1/reports/${await rowId(s, receiptCode)}/triage`, 'triage');
      assert.equal(tr.status(), 201, await tr.text());
      const created = (await tr.json()) as HazardBody & { source: string };
      assert.equal(created.status, 'pending');
      assert.equal(created.source, 'public_report');
      // The list shows 待处理 reports by default: the accepted one moves to 已受理, linked to its hazard.
      await row.waitFor({ state: 'detached' });
      await choose(s, 'reports-filter-status', '已受理');
      await row.getByText(created.code).waitFor();
      await shot(s, 'e2e-h8-reports-triaged');

      // The reporter looks the outcome up with the receipt code.
      await p.goto(`${server.url}/report`);
      await p.getByRole('tab', { name: '查询结果' }).click();
      await p.getByTestId('public-lookup-code').fill(receiptCode.toLowerCase());
      await p.getByTestId('public-lookup-submit').click();
      await p.getByTestId('public-lookup-status').getByText('已核实，转为隐患处理').waitFor();
      await shot(p, 'e2e-h9-public-lookup');
      assert.deepEqual(errors, []);
    } finally {
      await anon.close();
    }
  });
});

/** The id of the report with this receipt code, as the staff list returns it. */
async function rowId(p: Page, receiptCode: string): Promise<string> {
  return p.evaluate(async (code) => {
    const r = await fetch(`/api/v1/reports?q=${code}`, { headers: { Accept: 'application/json' } });
    const body = (await r.json()) as { items: { id: string; receiptCode: string }[] };
    return body.items.find((i) => i.receiptCode === code)!.id;
  }, receiptCode);
}
