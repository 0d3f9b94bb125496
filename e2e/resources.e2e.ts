import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { choose, closeDrawers as closeAll, login, openBrowser, shot, startServer, type Server, recordPageErrors } from './helpers.ts';

/**
 * Emergency resources in a real browser against the real server: a rescue team is created, opened and
 * sent out (status history), the resource map answers a nearest-teams query, and a township sees only
 * its own and county-level teams.
 */
describe('resources UI (headless Chromium)', () => {
  let server: Server;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  const errors: string[] = [];
  const teamName = '测试水域救援队';
  const reason = '端到端测试：前往鄯善镇处置内涝';

  const closeDrawers = () => closeAll(page);

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

  it('creates a rescue team, opens it and changes its status to 出动', async () => {
    await page.getByTestId('nav-teams').click();
    await page.getByTestId('teams-table-row').first().waitFor();
    await page.getByTestId('teams-create').click();
    await page.getByTestId('team-form').waitFor();
    // Client-side validation first.
    await page.getByTestId('team-form-submit').click();
    await page.locator('.ant-form-item-explain-error').first().waitFor();
    await page.getByTestId('team-form-name').fill(teamName);
    await choose(page, 'team-form-category', '社会救援力量');
    await choose(page, 'team-form-specialties', '水域救援', { multiple: true });
    await page.getByTestId('team-form-headcount').fill('12');
    await choose(page, 'team-form-regionCode', '鄯善县', { tree: true });
    await page.getByTestId('team-form-lng').fill('89.95');
    await page.getByTestId('team-form-lat').fill('42.88');
    await page.getByTestId('team-form-submit').click();
    await page.locator('.ant-message').getByText(`已创建队伍 ${teamName}`).waitFor();
    await page.locator('.ant-drawer-open [data-testid="team-form"]').waitFor({ state: 'detached' });

    await page.getByTestId('teams-table-search').locator('input').fill(teamName);
    await page.getByTestId('teams-table-search').locator('input').press('Enter');
    const row = page.getByTestId('teams-table-row').filter({ hasText: teamName });
    await row.waitFor();
    assert.match(await row.innerText(), /社会救援力量/);
    assert.match(await row.innerText(), /水域救援/);
    assert.match(await row.innerText(), /待命/);
    await shot(page, 'e2e-r1-teams');

    await row.getByTestId('team-open').click();
    await page.getByTestId('team-detail').waitFor();
    await page.getByTestId('team-detail-fields').getByText('鄯善县', { exact: true }).waitFor();
    await page.getByTestId('team-status-change').click();
    await choose(page, 'team-status-select', '出动');
    await page.getByTestId('team-status-reason').fill(reason);
    await page.getByTestId('team-status-submit').click();
    await page.locator('.ant-message').getByText('队伍状态已变更为 出动').waitFor();
    const history = page.getByTestId('team-status-history');
    await history.getByText(reason).waitFor();
    assert.match(await history.getByTestId('team-status-history-item').first().innerText(), /待命[\s\S]*出动/);
    await shot(page, 'e2e-r2-team-detail');
    await closeDrawers();
    await page.getByTestId('teams-table-row').filter({ hasText: teamName }).getByText('出动').waitFor();
  });

  /** Searches a list and waits until every row shown contains the text. */
  const search = async (table: string, q: string) => {
    const input = page.getByTestId(`${table}-search`).locator('input');
    await input.fill(q);
    await input.press('Enter');
    await page.waitForFunction(({ id, text }) => {
      const rows = [...document.querySelectorAll(`[data-testid="${id}-row"]`)];
      return rows.length > 0 && rows.every((r) => r.textContent?.includes(text));
    }, { id: table, text: q });
  };

  it('registers an expert, finds it, and marks it 任务中 through the edit form', async () => {
    await closeDrawers();
    const expert = '测试专家王工';
    await page.getByTestId('nav-experts').click();
    await page.getByTestId('experts-table-row').first().waitFor();
    await page.getByTestId('experts-create').click();
    await page.getByTestId('expert-form').waitFor();
    await page.getByTestId('expert-form-name').fill(expert);
    await choose(page, 'expert-form-fields', '11B03 暴雨', { typed: '暴雨', multiple: true, shown: '暴雨' });
    await page.getByTestId('expert-form-title').fill('高级工程师');
    await page.getByTestId('expert-form-phone').fill('13900001234');
    await choose(page, 'expert-form-regionCode', '鄯善县', { tree: true });
    await page.getByTestId('expert-form-submit').click();
    await page.locator('.ant-message').getByText(`已创建专家 ${expert}`).waitFor();
    await search('experts-table', expert);
    const row = page.getByTestId('experts-table-row').filter({ hasText: expert });
    assert.match(await row.innerText(), /可调用/);
    await row.getByTestId('expert-edit').click();
    await choose(page, 'expert-form-availability', '任务中');
    await page.getByTestId('expert-form-submit').click();
    await page.locator('.ant-message').getByText(`已保存专家 ${expert}`).waitFor();
    await row.getByText('任务中').waitFor();
    await shot(page, 'e2e-r4-experts');
  });

  it('registers a large machine under maintenance and finds it with the status filter', async () => {
    await closeDrawers();
    const machine = '测试排涝挖掘机';
    await page.getByTestId('nav-equipment').click();
    await page.getByTestId('equipment-table-row').first().waitFor();
    await page.getByTestId('equipment-create').click();
    await page.getByTestId('equipment-form').waitFor();
    await page.getByTestId('equipment-form-name').fill(machine);
    await page.getByTestId('equipment-form-type').locator('input').fill('挖掘机');
    await page.getByTestId('equipment-form-model').fill('PC200');
    await page.getByTestId('equipment-form-quantity').fill('2');
    await choose(page, 'equipment-form-status', '维修保养');
    await choose(page, 'equipment-form-regionCode', '鄯善镇', { tree: true, typed: '鄯善镇' });
    await page.getByTestId('equipment-form-submit').click();
    await page.locator('.ant-message').getByText(`已创建装备 ${machine}`).waitFor();
    await choose(page, 'equipment-filter-status', '维修保养');
    await search('equipment-table', machine);
    const row = page.getByTestId('equipment-table-row').filter({ hasText: machine });
    assert.match(await row.innerText(), /维修保养/);
    assert.match(await row.innerText(), /挖掘机/);
    await row.getByTestId('equipment-open').click();
    await page.getByTestId('equipment-detail-fields').getByText('PC200').waitFor();
    await shot(page, 'e2e-r5-equipment');
    await closeDrawers();
  });

  it('the resource map finds the three nearest 综合救援 teams in order of distance', async () => {
    await closeDrawers();
    await page.getByTestId('nav-resource-map').click();
    await page.locator('[data-testid="resource-map-state"][data-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
    assert.equal(await page.getByTestId('map-error').count(), 0, 'WebGL map rendered');
    const panel = page.getByTestId('nearest-panel');
    await panel.getByTestId('nearest-lng').fill('89.97');
    await panel.getByTestId('nearest-lat').fill('42.90');
    await choose(page, 'nearest-specialties', '综合救援', { multiple: true });
    await panel.getByTestId('nearest-k').fill('3');
    await panel.getByTestId('nearest-submit').click();
    await page.getByTestId('nearest-result').nth(2).waitFor();
    const rows = page.getByTestId('nearest-result');
    assert.equal(await rows.count(), 3);
    const distances: number[] = [];
    for (let i = 0; i < 3; i++) {
      distances.push(Number(await rows.nth(i).getAttribute('data-distance-m')));
      assert.match(await rows.nth(i).innerText(), /\d+\.\d 公里/);
    }
    assert.ok(distances[0]! <= distances[1]! && distances[1]! <= distances[2]!, `increasing distances ${distances.join(', ')}`);
    assert.ok(distances[0]! < distances[2]!, `not all equal: ${distances.join(', ')}`);
    await page.waitForTimeout(800); // the fit animation
    await shot(page, 'e2e-r3-map-nearest');
    assert.deepEqual(errors, [], 'no page errors, server errors or failed assets');
  });

  it('a township sees its own and county-level teams, not another township\'s', async () => {
    await browser.context.clearCookies();
    await login(page, server.url, 'town-lianmuqin');
    await page.getByTestId('nav-teams').click();
    await page.getByTestId('teams-table-row').first().waitFor();
    const search = page.getByTestId('teams-table-search').locator('input');
    await search.fill('应急救援');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/teams?') && r.url().includes('q=')),
      search.press('Enter'),
    ]);
    const body = (await res.json()) as { items: { name: string }[] };
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="teams-table-row"]').length === n, body.items.length);
    const names = (await page.getByTestId('teams-table-row').allInnerTexts()).join('\n');
    assert.match(names, /鄯善县综合应急救援大队/);
    assert.match(names, /连木沁镇应急救援志愿者队/);
    assert.doesNotMatch(names, /鄯善镇应急救援志愿者队/);
    assert.deepEqual(errors, [], 'no page errors, server errors or failed assets');
  });
});
