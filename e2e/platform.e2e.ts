import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { login, openBrowser, shot, startServer, type Server, choose, recordPageErrors } from './helpers.ts';

/**
 * The platform shell in a real browser against the real server: sign in, every page opens and does
 * its main task, a user is created, the language switches and persists, the audit log shows the entry.
 */
describe('platform UI (headless Chromium)', () => {
  let server: Server;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  const errors: string[] = [];
  const username = `e2e.user${Date.now().toString(36)}`;

  before(async () => {
    server = await startServer();
    browser = await openBrowser();
    page = browser.page;
    recordPageErrors(page, errors);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('refuses a wrong password with the server\'s message, then signs in', async () => {
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-demo-hint').waitFor();
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('not-the-password1');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').getByText('用户名或密码错误').waitFor();
    await shot(page, 'e2e-01-login-error');
    await login(page, server.url);
    await page.getByTestId('demo-tag').waitFor();
    assert.match(await page.getByTestId('product-name').innerText(), /鄯善县/);
  });

  it('the workbench shows counts and renders the offline basemap', async () => {
    await page.getByTestId('dashboard').waitFor();
    await page.locator('[data-testid="dashboard-map-state"][data-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
    assert.equal(await page.getByTestId('map-error').count(), 0, 'WebGL map rendered');
    await shot(page, 'e2e-02-dashboard');
  });

  it('creates a user on the users page and sees it in the list and its history', async () => {
    await page.getByTestId('nav-users').click();
    await page.getByTestId('users-table-row').first().waitFor();
    await page.getByTestId('users-create').click();
    await page.getByTestId('user-form').waitFor();
    // Client-side validation before anything is sent.
    await page.getByTestId('user-form-submit').click();
    await page.locator('.ant-form-item-explain-error').first().waitFor();
    await page.getByTestId('user-form-username').fill(username);
    await page.getByTestId('user-form-displayName').fill('端到端测试员');
    await page.getByTestId('user-form-password').fill('abc12345');
    await choose(page, 'user-form-roles', '值班员', { multiple: true });
    await page.getByTestId('user-form-phone').fill('0995-1234567');
    await page.getByTestId('user-form-submit').click();
    await page.locator('.ant-message').getByText('已创建用户').waitFor();
    await page.locator('.ant-drawer-open [data-testid="user-form"]').waitFor({ state: 'detached' });
    await page.getByTestId('users-table-search').locator('input').fill(username);
    await page.getByTestId('users-table-search').locator('input').press('Enter');
    await page.getByTestId('users-table-row').filter({ hasText: username }).waitFor();
    await page.getByTestId('users-table-row').filter({ hasText: username }).getByTestId('user-open').click();
    await page.getByTestId('history-item').first().waitFor();
    await shot(page, 'e2e-03-user-created');
    await page.keyboard.press('Escape');
  });

  it('switches to English and back, and the choice survives a reload', async () => {
    await page.getByTestId('lang-en').click();
    await page.getByTestId('nav-users').getByText('Users').waitFor();
    await page.reload();
    await page.getByTestId('nav-users').getByText('Users').waitFor();
    await shot(page, 'e2e-04-english');
    await page.getByTestId('lang-zh').click();
    await page.getByTestId('nav-users').getByText('用户').waitFor();
  });

  it('finds the creation in the audit log and verifies the hash chain', async () => {
    await page.getByTestId('nav-audit').click();
    const row = page.getByTestId('audit-table-row').filter({ hasText: `新建用户 ${username}` }).first();
    await row.waitFor();
    await page.getByTestId('audit-verify').click();
    await page.getByTestId('audit-verify-result').waitFor();
    assert.match(await page.getByTestId('audit-verify-result').innerText(), /通过|完整|OK|正常/);
    await shot(page, 'e2e-05-audit');
    await page.keyboard.press('Escape');
    await page.locator('.ant-modal-wrap').first().waitFor({ state: 'hidden' });
  });

  it('organisations, regions, dictionaries and tokens pages open and show data', async () => {
    await page.getByTestId('nav-orgs').click();
    await page.getByTestId('orgs-table-row').first().waitFor();
    await page.getByTestId('nav-regions').click();
    await page.getByTestId('region-tree-node').first().waitFor();
    await page.getByTestId('region-tree-node').filter({ hasText: '连木沁镇' }).first().click();
    await page.getByTestId('region-detail-code').getByText('650421103000').waitFor();
    await page.getByTestId('region-approx').waitFor();
    await shot(page, 'e2e-06-regions');
    await page.getByTestId('nav-dictionaries').click();
    await page.getByTestId('dict-tab-industry').click();
    await page.getByText('化学原料和化学制品制造业').first().waitFor();
    await page.getByTestId('nav-tokens').click();
    await page.getByTestId('tokens-page').waitFor();
    assert.deepEqual(errors, [], 'no page errors, server errors or failed assets');
  });

  it('an administrator adds a village under a township, edits it and sees its change history', async () => {
    await page.getByTestId('nav-regions').click();
    await page.getByTestId('region-tree-node').first().waitFor();
    await page.getByTestId('region-tree-node').filter({ hasText: '连木沁镇' }).first().click();
    await page.getByTestId('region-detail-code').getByText('650421103000').waitFor();
    await page.getByTestId('region-create').click();
    await page.getByTestId('region-form').waitFor();
    // A code outside the township's range is refused before anything is sent.
    await page.getByTestId('region-form-code').fill('650421104990');
    await page.getByTestId('region-form-submit').click();
    await page.getByTestId('region-form').locator('.ant-form-item-explain-error').getByText('650421103', { exact: false }).first().waitFor();
    await page.getByTestId('region-form-code').fill('650421103990');
    await page.getByTestId('region-form-name').fill('测试新村');
    await page.getByTestId('region-form-kind').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="村"]').click();
    await page.getByTestId('region-form-lng').fill('89.97');
    await page.getByTestId('region-form-lat').fill('42.90');
    await page.getByTestId('region-form-population').fill('800');
    await page.getByTestId('region-form-submit').click();
    await page.locator('.ant-message').getByText('已新建区域 测试新村').waitFor();
    // The new village is selected and shown in the refreshed tree.
    await page.getByTestId('region-detail-code').getByText('650421103990').waitFor();
    const node = page.locator('[data-testid="region-tree-node"][data-code="650421103990"]');
    await node.waitFor();
    assert.match(await node.innerText(), /测试新村/);
    assert.equal(await page.getByTestId('region-create').count(), 0, 'a village has no sub-regions');

    // Edit: population 800 → 900, and a boundary from a GeoJSON file (a FeatureCollection with one feature).
    await page.getByTestId('region-edit').click();
    await page.getByTestId('region-form').waitFor();
    assert.equal(await page.getByTestId('region-form-name').inputValue(), '测试新村');
    await page.getByTestId('region-form-population').fill('900');
    const square = [[89.96, 42.89], [89.98, 42.89], [89.98, 42.91], [89.96, 42.91], [89.96, 42.89]];
    await page.getByTestId('region-form-boundary-file').setInputFiles({
      name: '测试新村.geojson', mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: '测试新村' }, geometry: { type: 'Polygon', coordinates: [square] } }] })),
    });
    await page.getByTestId('region-form-boundary-new').getByText('4 个顶点', { exact: false }).waitFor();
    await page.getByTestId('region-form-submit').click({ trial: true }); // the drawer has finished sliding in
    await shot(page, 'e2e-06b-region-edit');
    await page.getByTestId('region-form-submit').click();
    await page.locator('.ant-message').getByText('已保存区域 测试新村').waitFor();
    await page.getByTestId('region-detail-population').getByText('900', { exact: true }).waitFor();
    await page.getByTestId('region-approx').waitFor();
    await page.getByTestId('region-history-tab').click();
    await page.getByTestId('region-history').getByTestId('history-item').filter({ hasText: '修改区域 测试新村' }).waitFor();
    assert.equal(await page.getByTestId('region-history').getByTestId('history-item').count(), 2, 'created and updated');
    assert.deepEqual(errors, [], 'no page errors, server errors or failed assets');
  });

  it('a township user sees only its own township', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('user-menu-logout').click();
    await login(page, server.url, 'town-shanshan');
    await page.getByTestId('nav-regions').click();
    await page.getByTestId('region-tree-node').first().waitFor();
    const nodes = await page.getByTestId('region-tree-node').allInnerTexts();
    assert.ok(nodes.some((n) => n.includes('鄯善镇')));
    assert.ok(!nodes.some((n) => n.includes('连木沁')), nodes.join(','));
    assert.equal(await page.getByTestId('nav-tokens').count(), 0, 'admin-only pages are not offered');
    await shot(page, 'e2e-07-township');
  });
});
