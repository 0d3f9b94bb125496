import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { choose, login, openBrowser, shot, startServer, type Server, recordPageErrors } from './helpers.ts';

/**
 * Shelters, coverage and the resource map in a real browser against the real server: a shelter is
 * created, opened and filled beyond its capacity only after the explicit override with a reason; 导入
 * opens the import modal and downloads the shelters template (the import itself: import.e2e.ts); the
 * coverage page shows the county's target and supportable people; the map shows clustered layers and
 * answers "shelters with room" and "warehouses holding these items" for a clicked point.
 */
describe('shelters, coverage and resource map UI (headless Chromium)', () => {
  let server: Server;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  const errors: string[] = [];
  const name = '测试社区应急避难点';
  const overrideReason = '端到端测试：暴雨转移，邻近场所已满';

  const distances = async (testId: string) => {
    const rows = page.getByTestId(testId);
    const out: number[] = [];
    for (let i = 0; i < (await rows.count()); i++) out.push(Number(await rows.nth(i).getAttribute('data-distance-m')));
    return out;
  };
  const assertIncreasing = (d: number[], what: string) => {
    for (let i = 1; i < d.length; i++) assert.ok(d[i - 1]! <= d[i]!, `${what}: increasing distances ${d.join(', ')}`);
    assert.ok(d[0]! < d[d.length - 1]!, `${what}: not all equal ${d.join(', ')}`);
  };

  before(async () => {
    server = await startServer();
    browser = await openBrowser();
    page = browser.page;
    recordPageErrors(page, errors);
    await login(page, server.url);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates a shelter for 10, checks in 8, is refused 5 more until the override is confirmed with a reason', async () => {
    await page.getByTestId('nav-shelters').click();
    await page.getByTestId('shelters-table-row').first().waitFor();
    await page.getByTestId('shelters-create').click();
    await page.getByTestId('shelter-form').waitFor();
    await page.getByTestId('shelter-form-name').fill(name);
    await choose(page, 'shelter-form-kind', '紧急');
    await choose(page, 'shelter-form-regionCode', '鄯善镇', { tree: true, typed: '鄯善镇' });
    await page.getByTestId('shelter-form-address').fill('鄯善镇新城东路社区广场');
    await page.getByTestId('shelter-form-lng').fill('90.23');
    await page.getByTestId('shelter-form-lat').fill('42.87');
    await page.getByTestId('shelter-form-capacity').fill('10');
    await page.getByTestId('shelter-form-areaM2').fill('60');
    await page.getByTestId('shelter-form-facilities').getByText('供水').click();
    await page.getByTestId('shelter-form-facilities').getByText('厕所').click();
    await page.getByTestId('shelter-form-managerName').fill('社区网格员 王丽');
    await page.getByTestId('shelter-form-managerPhone').fill('13899500001');
    await shot(page, 'e2e-sh1-shelter-form');
    await page.getByTestId('shelter-form-submit').click();
    await page.locator('.ant-message').getByText(`已创建避难场所 ${name}`).waitFor();
    await page.locator('.ant-drawer-open [data-testid="shelter-form"]').waitFor({ state: 'detached' });

    const search = page.getByTestId('shelters-table-search').locator('input');
    await search.fill(name);
    await search.press('Enter');
    const row = page.getByTestId('shelters-table-row').filter({ hasText: name });
    await row.waitFor();
    assert.match(await row.innerText(), /紧急/);
    assert.match(await row.innerText(), /鄯善镇/);
    assert.match(await row.innerText(), /关闭/);
    assert.match(await row.getByTestId('shelter-occupancy-text').innerText(), /^0\/10/);

    await row.getByTestId('shelter-open-link').click();
    const drawer = page.getByTestId('shelter-detail');
    await drawer.waitFor();
    await drawer.getByTestId('shelter-closed-hint').waitFor();
    await drawer.getByTestId('shelter-open').click();
    await page.getByTestId('shelter-status-reason').fill('端到端测试：启用');
    await page.getByTestId('shelter-status-submit').click();
    await page.locator('.ant-message').getByText('避难场所已开放').waitFor();
    await drawer.getByTestId('shelter-close').waitFor();

    await drawer.getByTestId('shelter-count').fill('8');
    await drawer.getByTestId('shelter-reason').fill('鄯善镇东区转移群众');
    await drawer.getByTestId('shelter-check-in').click();
    await page.locator('.ant-message').getByText('已登记入住 8 人，现安置 8/10 人').waitFor();
    assert.match(await drawer.getByTestId('shelter-occupancy-panel').getByTestId('shelter-occupancy-text').innerText(), /^8\/10/);

    // Five more would exceed the capacity: refused, with the server's message and the override offer.
    await drawer.getByTestId('shelter-count').fill('5');
    await drawer.getByTestId('shelter-check-in').click();
    const alert = drawer.getByTestId('shelter-capacity-alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /容量 10 人，已安置 8 人，再入住 5 人将超出 3 人/);
    assert.match(await drawer.getByTestId('shelter-occupancy-panel').getByTestId('shelter-occupancy-text').innerText(), /^8\/10/, 'nothing recorded');
    await shot(page, 'e2e-sh2-capacity-exceeded');

    // Confirming without a reason is stopped in the form.
    await drawer.getByTestId('shelter-reason').fill('');
    await drawer.getByTestId('shelter-override').click();
    await drawer.getByTestId('shelter-check-in').click();
    await drawer.locator('.ant-form-item-explain-error').getByText('超容安置须填写原因').waitFor();
    await drawer.getByTestId('shelter-reason').fill(overrideReason);
    await drawer.getByTestId('shelter-check-in').click();
    await page.locator('.ant-message').getByText('已登记入住 5 人，现安置 13/10 人').waitFor();
    const occupancy = drawer.getByTestId('shelter-occupancy-panel').getByTestId('shelter-occupancy');
    assert.match(await occupancy.getByTestId('shelter-occupancy-text').innerText(), /^13\/10 · 超容 3 人/);
    assert.equal(await occupancy.getAttribute('data-over'), 'true');
    assert.equal(await drawer.getByTestId('shelter-capacity-alert').count(), 0, 'the alert is gone after the override');

    // The log: newest first, the override row carries its tag and reason.
    const log = drawer.getByTestId('shelter-log');
    await log.getByText(overrideReason).waitFor();
    const first = log.getByTestId('shelter-log-row').first();
    assert.equal(await first.getAttribute('data-override'), 'true');
    assert.equal(await first.getAttribute('data-kind'), 'check_in');
    assert.match(await first.innerText(), /入住[\s\S]*超容[\s\S]*\+5[\s\S]*13\/10/);
    assert.equal(await log.getByTestId('shelter-log-row').count(), 3, 'open, 8 in, 5 in (override)');
    assert.equal(await log.getByTestId('shelter-log-override').count(), 1);
    await shot(page, 'e2e-sh3-shelter-override');

    await drawer.getByTestId('shelter-tab-history').click();
    await drawer.getByTestId('history-item').filter({ hasText: '超容安置' }).first().waitFor();
    await page.locator('.ant-drawer-open .ant-drawer-close').last().click();
    await page.locator('.ant-drawer-open').first().waitFor({ state: 'detached' });
    const after = page.getByTestId('shelters-table-row').filter({ hasText: name });
    await after.getByTestId('shelter-occupancy-text').getByText(/^13\/10/).waitFor();
    assert.equal(await after.getByTestId('shelter-free-cell').innerText(), '0');
    await search.fill('');
    await search.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="shelters-table-row"]').length > 5);
    await shot(page, 'e2e-sh4-shelters');
    assert.deepEqual(errors, [], 'no page errors, server errors or failed assets');
  });

  it('导入 opens the import modal and the shelters template downloads', async () => {
    await page.getByTestId('nav-shelters').click();
    await page.getByTestId('shelters-table-row').first().waitFor();
    await page.getByTestId('shelters-import').click();
    const modal = page.getByTestId('import-modal');
    await modal.waitFor();
    const [dl] = await Promise.all([page.waitForEvent('download'), modal.getByTestId('import-template').click()]);
    assert.match(dl.suggestedFilename(), /^应急避难场所导入模板-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await dl.path());
    const ws = wb.worksheets[0]!;
    assert.equal(ws.name, '应急避难场所');
    assert.equal(String(ws.getCell('A1').value), '*场所名称');
    await shot(page, 'e2e-sh4b-shelters-import');
    await page.getByTestId('import-close').click();
    await modal.waitFor({ state: 'detached' });
    assert.deepEqual(errors, [], 'no page errors, server errors or failed assets');
  });

  it('the coverage page shows the county target of 1200 and the people its stock supports', async () => {
    await page.getByTestId('nav-coverage').click();
    const county = page.locator('[data-testid="coverage-row"][data-level="county"]');
    await county.waitFor();
    assert.equal(await page.getByTestId('coverage-row').first().getAttribute('data-level'), 'county', 'the county comes first');
    assert.equal(await county.getByTestId('coverage-target').innerText(), '1,200');
    const supportable = await county.getByTestId('coverage-supportable').innerText();
    assert.match(supportable, /^\d{1,3}(,\d{3})*$/, `a supportable figure: ${supportable}`);
    const ratio = Number(await county.getByTestId('coverage-ratio').getAttribute('data-ratio'));
    assert.ok(Math.abs(ratio - Number(supportable.replace(/,/g, '')) / 1200) < 0.001, `ratio ${ratio} = supportable / target`);
    assert.ok((await page.getByTestId('coverage-row').count()) > 5, 'townships and parks follow');
    await page.getByTestId('coverage-chart').locator('canvas').first().waitFor();
    await shot(page, 'e2e-sh5-coverage');
    await page.getByTestId('coverage-chart').scrollIntoViewIfNeeded();
    await shot(page, 'e2e-sh5a-coverage-chart');
    // The county-level admin may edit the kit and the targets: the drawer shows the current settings.
    await page.getByTestId('coverage-settings-open').click();
    await page.getByTestId('coverage-kit-row').nth(3).waitFor();
    assert.equal(await page.getByTestId('coverage-kit-row').count(), 4);
    assert.equal(await page.getByTestId('coverage-target-row').count(), 4);
    await page.getByTestId('coverage-kit-row').first().getByText('救灾帐篷', { exact: false }).waitFor();
    await page.waitForTimeout(400); // the drawer's slide-in
    await shot(page, 'e2e-sh5b-coverage-settings');
    await page.getByTestId('coverage-settings-form-cancel').click();
    await page.locator('.ant-drawer-open').first().waitFor({ state: 'detached' });
    assert.deepEqual(errors, [], 'no page errors, server errors or failed assets');
  });

  it('the resource map clusters the shelters layer and finds shelters with room and warehouses holding tents, nearest first', async () => {
    await page.getByTestId('nav-resource-map').click();
    await page.locator('[data-testid="resource-map-state"][data-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
    assert.equal(await page.getByTestId('map-error').count(), 0, 'WebGL map rendered');
    await page.getByTestId('resource-layer-shelters-count').getByText(/^1[0-9]$/).waitFor();
    await page.getByTestId('resource-layer-shelters').click();
    await page.getByTestId('map-cluster-count').first().waitFor({ timeout: 15_000 });
    await page.waitForTimeout(500); // the fit animation
    await shot(page, 'e2e-sh6-map-clusters');

    // A cluster click zooms in (the scale bar changes).
    const scale = page.locator('[data-testid="resource-map"] .maplibregl-ctrl-scale');
    const before = await scale.innerText();
    const box = (await page.getByTestId('map-cluster-count').first().boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForFunction((s) => document.querySelector('[data-testid="resource-map"] .maplibregl-ctrl-scale')?.textContent !== s, before);

    // Pick a point on the map where no feature is (a feature click would open its card instead).
    const canvas = (await page.getByTestId('resource-map-canvas').boundingBox())!;
    const lng = page.getByTestId('nearest-lng');
    for (const [fx, fy] of [[0.5, 0.85], [0.2, 0.8], [0.8, 0.2], [0.15, 0.3], [0.85, 0.75]] as const) {
      await page.mouse.click(canvas.x + canvas.width * fx, canvas.y + canvas.height * fy);
      await page.waitForTimeout(300);
      if (await lng.inputValue()) break;
    }
    assert.match(await lng.inputValue(), /^\d+(\.\d+)?$/, 'the map click set the point');

    await page.getByTestId('nearby-tab-shelters').click();
    await page.getByTestId('nearby-sh-minfree').fill('500');
    await page.getByTestId('nearby-sh-submit').click();
    await page.getByTestId('nearby-sh-result').nth(2).waitFor();
    const d = await distances('nearby-sh-result');
    assert.equal(d.length, 5, 'k = 5 by default');
    assertIncreasing(d, 'shelters');
    for (const free of await page.getByTestId('nearby-sh-result').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-free'))))) assert.ok(free >= 500, `free ${free} ≥ 500`);
    assert.match(await page.getByTestId('nearby-sh-result').first().innerText(), /余位 [\d,]+ \/ 容量 [\d,]+/);
    await page.waitForTimeout(800); // the fit animation
    await shot(page, 'e2e-sh7-map-shelters-with-room');

    // A result opens its card, and the card links to the record.
    await page.getByTestId('nearby-sh-result').first().click();
    const card = page.getByTestId('resource-feature-card');
    await card.waitFor();
    assert.equal(await card.getAttribute('data-kind'), 'shelter');
    await card.getByTestId('resource-feature-open').click();
    await page.getByTestId('shelter-detail').waitFor();
    await page.locator('.ant-drawer-open .ant-drawer-close').last().click();
    await page.locator('.ant-drawer-open').first().waitFor({ state: 'detached' });

    await page.getByTestId('resource-feature-close').click();
    await page.getByTestId('nearby-tab-warehouses').click();
    await choose(page, 'nearby-item-material', '救灾帐篷 · 12 m² 单帐篷（顶）', { typed: '帐篷', shown: '救灾帐篷' });
    await page.getByTestId('nearby-item-qty').fill('20');
    await page.getByTestId('nearby-wh-submit').click();
    await page.getByTestId('nearby-wh-result').nth(2).waitFor();
    assertIncreasing(await distances('nearby-wh-result'), 'warehouses');
    assert.match(await page.getByTestId('nearby-wh-item').first().innerText(), /救灾帐篷：可用 [\d,]+ \/ 需 20 顶/);
    await page.waitForTimeout(800);
    await shot(page, 'e2e-sh8-map-warehouses-with-items');
    assert.deepEqual(errors, [], 'no page errors, server errors or failed assets');
  });
});
