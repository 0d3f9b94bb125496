import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page, Response } from 'playwright-core';
import { choose, closeDrawers, login, openBrowser, recordPageErrors, shot, startServer, type Server } from './helpers.ts';

/**
 * Monitoring part 1 in a real browser against the real server (issue 5): the enterprise account
 * ent-tianshan registers a liquid-level sensor (高 8, 高高 9 m) on 监测点 and reads its device token
 * from the once-only modal; the test, as the device, posts a reading of 8.6 m with that token; on
 * 报警中心 the 高报 case appears under 未消警; the enterprise acknowledges it (确认), gives its
 * disposal feedback (工艺波动 + measures) and closes it (消警) → 已消警 with a timeline of 4 entries.
 */

interface SensorBody { id: string; code: string; type: string; unit: string; high: number | null; highHigh: number | null; enterpriseName: string | null; deviceToken: string | null }
interface AlarmBody { id: string; status: string; level: string; value: number | null; threshold: number | null; feedback: { cause: string; measures: string } | null }

describe('monitoring UI: sensors and the alarm centre (headless Chromium)', () => {
  let server: Server;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  const errors: string[] = [];
  const stamp = Date.now().toString(36).slice(-5).toUpperCase();
  const code = `TS-LT-E2E${stamp}`;
  const name = `1 号甲醇储罐液位${stamp}`;
  const measures = `降低进料量，液位回落至 7.5 m 以下；已通知中控室加强巡检${stamp}`;
  let orgName = '';
  let sensor: SensorBody;
  let token = '';
  let alarm: AlarmBody;

  const getJson = <T>(path: string) => page.evaluate(async (u) => {
    const r = await fetch(u, { headers: { Accept: 'application/json' } });
    if (!r.ok) throw new Error(`${r.status} ${u}`);
    return r.json();
  }, path) as Promise<T>;
  /** Clicks and waits for the POST to `path`; when none comes, fails with what the page shows. */
  const clickPost = async (testId: string, path: string, label: string, method = 'POST'): Promise<Response> => {
    const res = page.waitForResponse((r: Response) => r.request().method() === method && new URL(r.url()).pathname === path, { timeout: 15_000 });
    await page.getByTestId(testId).click();
    try {
      return await res;
    } catch (err) {
      await shot(page, `e2e-m-failed-${label}`);
      const shown = await page.locator('.ant-form-item-explain-error, .ant-alert-title').allInnerTexts();
      throw new Error(`no ${method} ${path} after ${testId}; the page shows: ${shown.join(' | ') || '(nothing)'}`, { cause: err });
    }
  };
  /** An antd InputNumber by test id (the id may sit on the input or on its wrapper). */
  const numberInput = (testId: string) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
  const drawerTitle = () => page.getByTestId('alarm-detail-drawer').locator('.ant-drawer-title');

  before(async () => {
    server = await startServer();
    browser = await openBrowser();
    page = browser.page;
    recordPageErrors(page, errors);
    await login(page, server.url, 'ent-tianshan');
    orgName = (await getJson<{ user: { orgName: string } }>('/api/v1/auth/me')).user.orgName;
    assert.match(orgName, /天山化工/);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('registers a liquid-level sensor on 监测点 and shows its device token once', async () => {
    await page.getByTestId('nav-sensors').click();
    await page.getByTestId('sensors-page').waitFor();
    await page.getByTestId('sensors-create').click();
    await page.getByTestId('sensor-drawer').waitFor();
    await choose(page, 'sensor-enterprise', orgName);
    await page.getByTestId('sensor-code').fill(code);
    await choose(page, 'sensor-type', '液位');
    // The unit follows the type.
    assert.equal(await page.getByTestId('sensor-unit').inputValue(), 'm');
    await page.getByTestId('sensor-name').fill(name);
    await numberInput('sensor-high').fill('8');
    await numberInput('sensor-highHigh').fill('9');
    await shot(page, 'e2e-m1-register');
    const res = await clickPost('sensor-form-submit', '/api/v1/sensors', 'register');
    assert.equal(res.status(), 201, await res.text());
    sensor = (await res.json()) as SensorBody;
    assert.equal(sensor.code, code);
    assert.equal(sensor.type, 'liquid_level');
    assert.equal(sensor.unit, 'm');
    assert.equal(sensor.high, 8);
    assert.equal(sensor.highHigh, 9);
    assert.equal(sensor.enterpriseName, orgName);

    const modal = page.getByTestId('sensor-token-modal');
    await modal.getByText('只显示这一次').waitFor();
    token = (await page.getByTestId('sensor-token').innerText()).trim();
    assert.equal(token, sensor.deviceToken, 'the modal shows the token the server returned');
    assert.ok(token.length >= 20);
    assert.equal(await modal.locator('.ant-typography-copy').count(), 1, 'a copy button');
    await shot(page, 'e2e-m2-token');
    await page.getByTestId('sensor-token-done').click();
    await modal.waitFor({ state: 'hidden' });

    // The new sensor is in the list: thresholds summary and 正常 (no reading yet).
    const search = page.getByTestId('sensors-table-search').locator('input');
    await search.fill(code);
    await search.press('Enter');
    const row = page.getByTestId('sensors-table-row').filter({ hasText: code });
    await row.waitFor();
    assert.equal((await row.getByTestId('sensor-thresholds').innerText()).trim(), '高 8 / 高高 9 m');
    assert.equal(await row.getByTestId('sensor-status-tag').getAttribute('data-status'), 'normal');
  });

  it('a device reading of 8.6 m raises a 高报 case', async () => {
    const ts = new Date(Date.now() - 60_000).toISOString();
    const r = await fetch(`${server.url}/api/v1/ingest/readings`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ readings: [{ sensor: code, ts, value: 8.6 }] }),
    });
    const body = await r.text();
    assert.equal(r.status, 200, body);
    const result = JSON.parse(body) as { accepted: number; rejected: number };
    assert.equal(result.accepted, 1, body);

    // The sensor page shows the alarm state and the last value.
    await page.getByTestId('sensors-table-reload').click();
    const row = page.getByTestId('sensors-table-row').filter({ hasText: code });
    await row.getByTestId('sensor-status-tag').and(page.locator('[data-status="alarm"]')).waitFor();
    assert.match(await row.getByTestId('sensor-status-tag').innerText(), /报警.*高报/);
    assert.match(await row.getByTestId('sensor-last-value').innerText(), /8\.6 m/);
    await shot(page, 'e2e-m3a-sensor-alarm');
    // Its detail drawer lists the alarm.
    await row.getByTestId('sensor-open').click();
    await page.getByTestId('sensor-detail-name').getByText(name).waitFor();
    await page.getByTestId('sensor-alarms').getByText('高报').waitFor();
    await shot(page, 'e2e-m3-sensor-detail');
    await closeDrawers(page);
  });

  it('the enterprise acknowledges, gives feedback and closes the alarm on 报警中心', async () => {
    await page.getByTestId('nav-alarms').click();
    await page.getByTestId('alarms-page').waitFor();
    const row = page.getByTestId('alarms-table-row').filter({ hasText: code });
    await row.waitFor();
    assert.equal(await row.getByTestId('alarm-level-tag').innerText(), '高报');
    assert.equal(await row.getByTestId('alarm-status-tag').innerText(), '待确认');
    assert.match(await row.innerText(), /8\.6.*\/\s*8\s*m/);
    // 高报 rows are orange.
    const bg = await row.locator('td').first().evaluate((td) => getComputedStyle(td).backgroundColor);
    assert.equal(bg, 'rgb(255, 247, 237)');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'e2e-m4-alarms');

    await row.getByTestId('alarm-open').click();
    await page.getByTestId('alarm-detail-sensor').getByText(code).waitFor();
    alarm = await getJson<AlarmBody>(`/api/v1/alarms?sensorId=${sensor.id}`).then((p) => (p as unknown as { items: AlarmBody[] }).items[0]!);
    assert.equal(alarm.level, 'high');
    assert.equal(alarm.value, 8.6);
    assert.equal(alarm.threshold, 8);
    const actions = `/api/v1/alarms/${alarm.id}/actions`;

    // 确认
    await page.getByTestId('alarm-action-acknowledge').click();
    await page.getByTestId('alarm-action-drawer').waitFor();
    let res = await clickPost('alarm-action-form-submit', actions, 'acknowledge');
    assert.equal(res.status(), 200, await res.text());
    assert.equal(((await res.json()) as AlarmBody).status, 'acknowledged');
    await drawerTitle().getByText('已确认').waitFor();

    // 处置反馈: the form wants measures first.
    await page.getByTestId('alarm-action-feedback').click();
    await page.getByTestId('alarm-action-drawer').waitFor();
    await choose(page, 'alarm-cause', '工艺波动');
    await page.getByTestId('alarm-action-form-submit').click();
    await page.getByTestId('alarm-action-drawer').getByText('请填写处置措施').waitFor();
    await page.getByTestId('alarm-measures').fill(measures);
    await shot(page, 'e2e-m5-feedback');
    res = await clickPost('alarm-action-form-submit', actions, 'feedback');
    assert.equal(res.status(), 200, await res.text());
    const fb = (await res.json()) as AlarmBody;
    assert.equal(fb.status, 'feedback');
    assert.equal(fb.feedback?.cause, 'process_fluctuation');
    assert.equal(fb.feedback?.measures, measures);
    await drawerTitle().getByText('已反馈').waitFor();
    await page.getByTestId('alarm-feedback').getByText('工艺波动').waitFor();
    // The owner may not return its own feedback: no 退回 button.
    assert.equal(await page.getByTestId('alarm-action-return').count(), 0);

    // 消警
    await page.getByTestId('alarm-action-close').click();
    await page.getByTestId('alarm-action-drawer').waitFor();
    res = await clickPost('alarm-action-form-submit', actions, 'close');
    assert.equal(res.status(), 200, await res.text());
    assert.equal(((await res.json()) as AlarmBody).status, 'closed');
    await drawerTitle().getByText('已消警').waitFor();

    const items = page.getByTestId('alarm-timeline-item');
    await items.nth(3).waitFor();
    assert.equal(await items.count(), 4);
    assert.deepEqual(
      await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-action'))),
      ['raise', 'acknowledge', 'feedback', 'close'],
    );
    assert.equal(await page.getByTestId('alarm-action-close').count(), 0, 'no more steps once closed');
    await shot(page, 'e2e-m6-closed');
    await closeDrawers(page);

    // Off the 未消警 tab, on 已消警.
    await page.getByTestId('alarms-table-reload').click();
    await page.getByTestId('alarms-table-row').filter({ hasText: code }).waitFor({ state: 'detached' });
    await page.getByTestId('alarms-tab-closed').click();
    const closed = page.getByTestId('alarms-table-row').filter({ hasText: code });
    await closed.waitFor();
    assert.equal(await closed.getByTestId('alarm-status-tag').innerText(), '已消警');
    // A closed case is no longer highlighted.
    assert.equal(await closed.locator('td').first().evaluate((td) => getComputedStyle(td).backgroundColor), 'rgba(0, 0, 0, 0)');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'e2e-m7-closed-tab');
  });

  it('edits the thresholds: the server refuses 高 above 高高 on the field, then saves', async () => {
    await page.getByTestId('nav-sensors').click();
    const search = page.getByTestId('sensors-table-search').locator('input');
    await search.fill(code);
    await search.press('Enter');
    const row = page.getByTestId('sensors-table-row').filter({ hasText: code });
    await row.getByTestId('sensor-open').click();
    await page.getByTestId('sensor-detail-name').getByText(name).waitFor();
    await page.getByTestId('sensor-edit').click();
    await page.getByTestId('sensor-drawer').waitFor();
    assert.equal(await numberInput('sensor-high').inputValue(), '8');
    await numberInput('sensor-high').fill('9.5');
    let res = await clickPost('sensor-form-submit', `/api/v1/sensors/${sensor.id}`, 'edit-bad', 'PATCH');
    assert.equal(res.status(), 400, await res.text());
    await page.getByTestId('sensor-drawer').locator('.ant-form-item-explain-error').getByText('高高报警值必须大于高报警值').waitFor();
    await shot(page, 'e2e-m8-threshold-refused');
    await numberInput('sensor-high').fill('8.5');
    res = await clickPost('sensor-form-submit', `/api/v1/sensors/${sensor.id}`, 'edit', 'PATCH');
    assert.equal(res.status(), 200, await res.text());
    await page.getByTestId('sensor-drawer').waitFor({ state: 'hidden' });
    await page.getByTestId('sensor-detail').getByTestId('sensor-thresholds').getByText('高 8.5 / 高高 9 m').waitFor();
    await closeDrawers(page);
    await row.getByTestId('sensor-thresholds').getByText('高 8.5 / 高高 9 m').waitFor();
  });

  it('shows no page errors', () => {
    assert.deepEqual(errors, []);
  });
});
