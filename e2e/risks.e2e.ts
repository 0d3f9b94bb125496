import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page, Response } from 'playwright-core';
import { creditCodeCheckChar } from '../contracts/credit-code.ts';
import { choose, closeDrawers as closeAll, login, openBrowser, shot, startServer, type Server, recordPageErrors } from './helpers.ts';

/**
 * Dual prevention, part 1 in a real browser against the real server: an enterprise is registered (the
 * form refuses a credit code with a wrong check character before asking the server), an LEC risk point
 * makes it 重大 (red), a 液氯 storage unit is graded by GB 18218 and the page shows the server's grade,
 * the four-colour map shows the summary and coloured markers, and an enterprise account sees only itself.
 */

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A credit code for a Shanshan enterprise (91 = enterprise, 650421 = 鄯善县) with a correct check character, and one with a wrong one. */
function creditCodes(): { valid: string; invalid: string } {
  let body = '';
  for (let i = 0; i < 9; i++) body += CHARSET[Math.floor(Math.random() * CHARSET.length)];
  const first17 = `91650421${body}`;
  const check = creditCodeCheckChar(first17)!;
  const wrong = CHARSET[(CHARSET.indexOf(check) + 1) % CHARSET.length]!;
  return { valid: first17 + check, invalid: first17 + wrong };
}

/** GB 18218-2018 α for the people exposed within 500 m (domain.md §5.2). */
function alphaFor(people: number): number {
  if (people >= 100) return 2;
  if (people >= 50) return 1.5;
  if (people >= 30) return 1.2;
  if (people >= 1) return 1;
  return 0.5;
}

/** Grade from R: 一级 ≥ 100, 二级 ≥ 50, 三级 ≥ 10, else 四级. */
const gradeFor = (r: number) => (r >= 100 ? 1 : r >= 50 ? 2 : r >= 10 ? 3 : 4);
const GRADE_ZH = { 1: '一级', 2: '二级', 3: '三级', 4: '四级' } as const;

interface EnterpriseBody { id: string; name: string; riskLevel: string | null; creditCode: string }
interface RiskPointBody { score: number; level: string; colour: string }
interface HazardBody { s: number; alpha: number; r: number; grade: number | null; chemicals: { criticalQuantityT: number; beta: number }[] }
interface SummaryBody { key: string; name: string; enterprises: number; major: number }

describe('dual prevention UI (headless Chromium)', () => {
  let server: Server;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  const errors: string[] = [];
  const posts: string[] = [];
  const stamp = Date.now().toString(36).slice(-5).toUpperCase();
  const entName = `鄯善县端到端测试化工有限公司${stamp}`;
  const codes = creditCodes();
  const pointName = `液氯汽化工段${stamp}`;
  const hazardName = `液氯储罐区${stamp}`;

  const closeDrawers = () => closeAll(page);
  /** Submits a form and waits for its POST; when none comes, fails with the form's messages and a screenshot. */
  const submitPost = async (submitTestId: string, path: string): Promise<Response> => {
    const res = page.waitForResponse((r: Response) => r.request().method() === 'POST' && new URL(r.url()).pathname === path, { timeout: 15_000 });
    await page.getByTestId(submitTestId).click();
    try {
      return await res;
    } catch (err) {
      await shot(page, `e2e-k-failed-${submitTestId}`);
      const shown = await page.locator('.ant-form-item-explain-error, .ant-alert-title').allInnerTexts();
      throw new Error(`no POST ${path} after ${submitTestId}; the form shows: ${shown.join(' | ') || '(nothing)'}`, { cause: err });
    }
  };

  before(async () => {
    server = await startServer();
    browser = await openBrowser();
    page = browser.page;
    recordPageErrors(page, errors);
    page.on('request', (r) => { if (r.method() === 'POST') posts.push(new URL(r.url()).pathname); });
    await login(page, server.url);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('registers an enterprise; a credit code with a wrong check character is refused by the form first', async () => {
    await page.getByTestId('nav-enterprises').click();
    await page.getByTestId('enterprises-table-row').first().waitFor();
    await page.getByTestId('enterprises-create').click();
    await page.getByTestId('enterprise-form').waitFor();

    await page.getByTestId('enterprise-form-name').fill(entName);
    await page.getByTestId('enterprise-form-creditCode').fill(codes.invalid);
    await choose(page, 'enterprise-form-regionCode', '鄯善镇', { tree: true });
    await choose(page, 'enterprise-form-industryCodes', 'C 制造业', { typed: 'C 制造业', multiple: true });
    await page.getByTestId('enterprise-form-submit').click();
    const creditItem = page.locator('.ant-form-item').filter({ has: page.getByTestId('enterprise-form-creditCode') });
    await creditItem.locator('.ant-form-item-explain-error').getByText('统一社会信用代码校验位不正确（GB 32100）').waitFor();
    assert.ok(!posts.includes('/api/v1/enterprises'), 'the invalid code never reached the server');
    await shot(page, 'e2e-k1-credit-code-refused');

    await page.getByTestId('enterprise-form-creditCode').fill(codes.valid);
    await choose(page, 'enterprise-form-scale', '中型');
    await page.getByTestId('enterprise-form-employees').fill('180');
    await page.getByTestId('enterprise-form-hazchem').click();
    await page.getByTestId('enterprise-form-safetyManager').fill('测试安全员');
    await page.getByTestId('enterprise-form-safetyManagerPhone').fill('13900001111');
    await page.getByTestId('enterprise-form-lng').fill('90.215');
    await page.getByTestId('enterprise-form-lat').fill('42.865');
    const res = await submitPost('enterprise-form-submit', '/api/v1/enterprises');
    assert.equal(res.status(), 201, await res.text());
    const created = (await res.json()) as EnterpriseBody;
    assert.equal(created.creditCode, codes.valid);
    assert.equal(created.riskLevel, null);
    await page.locator('.ant-message').getByText(`已创建企业档案 ${entName}`).waitFor();
    await page.locator('.ant-drawer-open [data-testid="enterprise-form"]').waitFor({ state: 'detached' });

    await page.getByTestId('enterprises-table-search').locator('input').fill(codes.valid);
    await page.getByTestId('enterprises-table-search').locator('input').press('Enter');
    const row = page.getByTestId('enterprises-table-row').filter({ hasText: entName });
    // Wait for the search result itself (the unfiltered page, which may also show the new row, is replaced).
    const found = await page.waitForFunction((code) => {
      const rows = [...document.querySelectorAll('[data-testid="enterprises-table-row"]')];
      return rows.length > 0 && rows.every((r) => r.textContent?.includes(code));
    }, codes.valid, { timeout: 15_000 }).then(() => true, () => false);
    assert.ok(found, 'the table shows the search result');
    assert.equal(await page.getByTestId('enterprises-table-row').count(), 1, 'the search by credit code finds exactly the new enterprise');
    assert.match(await row.innerText(), new RegExp(codes.valid));
    assert.match(await row.innerText(), /鄯善镇/);
    assert.equal(await row.getByTestId('risk-level-tag').getAttribute('data-level'), 'none');
    assert.match(await row.getByTestId('risk-level-tag').innerText(), /未评估/);
    await shot(page, 'e2e-k2-enterprise-listed');
  });

  it('an LEC risk point L=6, E=6, C=15 gives D = 540 → 重大风险 (red), and the enterprise turns 重大', async () => {
    const row = page.getByTestId('enterprises-table-row').filter({ hasText: entName });
    await row.getByTestId('enterprise-open').click();
    await page.getByTestId('enterprise-detail').waitFor();
    await page.getByTestId('enterprise-detail-fields').getByText(codes.valid).waitFor();
    await page.waitForTimeout(400); // the drawer's slide-in, for the screenshot
    await shot(page, 'e2e-k3a-enterprise-detail');

    // A licence that runs out in 30 days is 临期 (expiring).
    await page.getByTestId('enterprise-tab-licences').click();
    await page.getByTestId('licence-form').waitFor();
    const validTo = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('licence-number').fill(`（新）WH安许证字〔2026〕${stamp}`);
    await page.getByTestId('licence-issuer').fill('新疆维吾尔自治区应急管理厅');
    await page.getByTestId('licence-validTo').click();
    await page.keyboard.type(validTo);
    await page.keyboard.press('Enter');
    const licence = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/licences'));
    await page.getByTestId('licence-add').click();
    const added = (await (await licence).json()) as { status: string; validTo: string };
    assert.equal(added.validTo, validTo);
    assert.equal(added.status, 'expiring');
    const licenceRow = page.getByTestId('licence-row').filter({ hasText: stamp });
    await licenceRow.waitFor();
    assert.equal(await licenceRow.getByTestId('licence-status').innerText(), '临期');
    await page.getByTestId('enterprise-tab-history').click();
    await page.getByTestId('history-item').filter({ hasText: '新增证照' }).waitFor();
    await page.getByTestId('history-item').filter({ hasText: '建立企业档案' }).waitFor();
    await shot(page, 'e2e-k3b-enterprise-history');

    await page.getByTestId('enterprise-tab-points').click();
    await page.getByTestId('enterprise-point-add').click();
    await page.getByTestId('risk-point-form').waitFor();

    await page.getByTestId('risk-point-form-name').fill(pointName);
    await page.getByTestId('risk-point-form-position').fill('液氯汽化器');
    const factors = page.getByTestId('risk-point-form-hazardFactors');
    await factors.click();
    for (const f of ['液氯泄漏', '汽化器超压']) {
      await page.keyboard.type(f);
      await page.keyboard.press('Enter');
      await factors.getByText(f).waitFor();
    }
    await page.keyboard.press('Escape');
    await choose(page, 'risk-point-form-accidentTypes', '中毒和窒息', { typed: '中毒', multiple: true });
    await choose(page, 'risk-point-form-L', '6 — 相当可能');
    await choose(page, 'risk-point-form-E', '6 — 每天工作时间内暴露');
    await choose(page, 'risk-point-form-C', '15 — 非常严重,一人死亡');
    await page.getByTestId('risk-point-form-controlMeasures').fill('双人巡检；泄漏报警联锁；应急吸收装置');
    await choose(page, 'risk-point-form-responsibleLevel', '车间级');
    await page.getByTestId('risk-point-form-responsiblePerson').fill('王工');
    const res = await submitPost('risk-point-form-submit', '/api/v1/risk-points');
    assert.equal(res.status(), 201, await res.text());
    const point = (await res.json()) as RiskPointBody;
    assert.equal(point.score, 6 * 6 * 15);
    assert.equal(point.level, 'major');
    assert.equal(point.colour, 'red');

    // The drawer stays open on the saved point and shows the server's result.
    const result = page.getByTestId('risk-point-result');
    await result.waitFor();
    assert.equal(await result.getAttribute('data-score'), '540');
    assert.match(await page.getByTestId('risk-point-result-score').innerText(), /L=6 × E=6 × C=15 = 540/);
    const tag = page.getByTestId('risk-point-result-level');
    assert.equal(await tag.getAttribute('data-level'), 'major');
    assert.equal(await tag.innerText(), '重大风险');
    assert.equal(await tag.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(229, 57, 53)');
    await shot(page, 'e2e-k3-risk-point-result');
    await closeDrawers();

    // The enterprise's level derives from its points: 重大 in the list.
    await page.getByTestId('enterprises-table-reload').click();
    const listTag = page.getByTestId('enterprises-table-row').filter({ hasText: entName }).locator('[data-testid="risk-level-tag"][data-level="major"]');
    await listTag.waitFor();
    assert.equal(await listTag.innerText(), '重大风险');
    assert.equal(await listTag.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(229, 57, 53)');
    await shot(page, 'e2e-k4-enterprise-major');

    // The risk point list filtered by 重大风险 holds the new point.
    await page.getByTestId('nav-risk-points').click();
    await page.getByTestId('risk-points-table-row').first().waitFor();
    const filtered = page.waitForResponse((r) => r.url().includes('/api/v1/risk-points?') && r.url().includes('level=major'));
    await choose(page, 'risk-points-filter-level', '重大风险');
    const majors = (await (await filtered).json()) as { items: { name: string; level: string }[] };
    assert.ok(majors.items.every((p) => p.level === 'major'));
    assert.ok(majors.items.some((p) => p.name === pointName));
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="risk-points-table-row"]').length === n, majors.items.length);
    const pointRow = page.getByTestId('risk-points-table-row').filter({ hasText: pointName });
    assert.match(await pointRow.innerText(), /LEC\s*540/);
    assert.match(await pointRow.innerText(), /中毒和窒息/);
    await shot(page, 'e2e-k4b-risk-points');
  });

  it('a 液氯 storage unit (20 t, 60 people) shows the grade the server computes by GB 18218', async () => {
    await page.getByTestId('nav-major-hazards').click();
    await page.getByTestId('major-hazards-table-row').first().waitFor();
    await page.getByTestId('major-hazards-create').click();
    await page.getByTestId('major-hazard-form').waitFor();
    await choose(page, 'major-hazard-form-enterpriseId', entName, { typed: stamp });
    await page.getByTestId('major-hazard-form-name').fill(hazardName);
    await page.getByTestId('major-hazard-form-exposedPeople').fill('60');

    const chemical = page.getByTestId('major-hazard-chemical-row').first();
    // Picking a named chemical fills its category and CAS and shows Table 1's Q as the default. A pick
    // that lands while the dropdown is still moving in selects nothing: repeat it (at most 3 times).
    const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) [data-testid="chemical-option"][data-value="液氯"]');
    const j3 = chemical.getByTestId('major-hazard-chemical-category').getByText(/^J3 /);
    for (let i = 0; i < 3; i++) {
      if (!(await option.isVisible())) {
        await chemical.getByTestId('major-hazard-chemical-name').click();
        await page.keyboard.press('ControlOrMeta+a');
        await page.keyboard.type('液氯');
      }
      await option.click();
      if (await j3.waitFor({ timeout: 5000 }).then(() => true, () => false)) break;
    }
    await j3.waitFor();
    assert.equal(await chemical.getByTestId('major-hazard-chemical-cas').inputValue(), '7782-50-5');
    assert.equal(await chemical.getByTestId('major-hazard-chemical-critical').getAttribute('placeholder'), '默认 5');
    await chemical.getByTestId('major-hazard-chemical-quantity').fill('20');

    const res = await submitPost('major-hazard-form-submit', '/api/v1/major-hazards');
    assert.equal(res.status(), 201, await res.text());
    const h = (await res.json()) as HazardBody;
    // GB 18218-2018: Q(氯) = 5 t (Table 1), β(氯) = 4 (Table 3), α = 1.5 for 50–99 people → R = 1.5 × 4 × 20 / 5.
    const expectedR = alphaFor(60) * 4 * (20 / 5);
    assert.equal(h.chemicals[0]!.criticalQuantityT, 5);
    assert.equal(h.chemicals[0]!.beta, 4);
    assert.equal(h.alpha, alphaFor(60));
    assert.equal(h.s, 4);
    assert.equal(h.r, expectedR);
    assert.equal(h.grade, gradeFor(expectedR));

    const result = page.getByTestId('major-hazard-result');
    await result.waitFor();
    assert.equal(await result.getAttribute('data-grade'), String(h.grade));
    assert.equal(Number(await result.getAttribute('data-r')), h.r);
    assert.equal(await page.getByTestId('major-hazard-result-r').innerText(), String(h.r));
    assert.equal(await page.getByTestId('major-hazard-result-alpha').innerText(), '1.5');
    const grade = page.getByTestId('major-hazard-result-grade');
    assert.equal(await grade.innerText(), GRADE_ZH[h.grade as 1 | 2 | 3 | 4]);
    assert.equal(await grade.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(253, 216, 53)', '三级 is yellow');
    await shot(page, 'e2e-k5-major-hazard-result');
    await closeDrawers();

    await page.getByTestId('major-hazards-table-search').locator('input').fill(hazardName);
    await page.getByTestId('major-hazards-table-search').locator('input').press('Enter');
    const row = page.getByTestId('major-hazards-table-row').filter({ hasText: hazardName });
    await row.waitFor();
    assert.equal(await row.getByTestId('hazard-grade-tag').innerText(), GRADE_ZH[h.grade as 1 | 2 | 3 | 4]);
    assert.match(await row.innerText(), /液氯 20 t/);
    await shot(page, 'e2e-k5b-major-hazards');
  });

  it('the four-colour map shows the summary by township and industry and coloured markers that open their card', async () => {
    await closeDrawers(); // independent of how the previous test ended
    await page.getByTestId('nav-risk-map').click();
    await page.getByTestId('risk-summary-row').first().waitFor({ timeout: 60_000 });
    // The server's figures, read with the page's own session (not by catching the page's request,
    // which can complete before a listener is in place when the page comes from the cache).
    const rows = (await (await page.request.get(`${server.url}/api/v1/risks/summary?by=region`)).json()) as SummaryBody[];
    await page.locator('[data-testid="risk-map-state"][data-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
    assert.equal(await page.getByTestId('map-error').count(), 0, 'WebGL map rendered');

    // The table shows the server's rows; 鄯善镇 counts our enterprise as 重大.
    const town = rows.find((r) => r.name === '鄯善镇');
    assert.ok(town && town.major >= 1, `鄯善镇 has a 重大 enterprise: ${JSON.stringify(town)}`);
    await page.getByTestId('risk-summary-row').first().waitFor();
    assert.equal(await page.getByTestId('risk-summary-row').count(), rows.length);
    const townRow = page.locator(`[data-testid="risk-summary-row"][data-key="${town.key}"]`);
    assert.equal(await townRow.getByTestId('risk-summary-major').getAttribute('data-count'), String(town.major));
    assert.equal(await townRow.getByTestId('risk-summary-major').evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(229, 57, 53)');
    await page.getByTestId('risk-summary-chart').locator('canvas').first().waitFor();

    const byIndustry = page.waitForResponse((r) => r.url().includes('/api/v1/risks/summary?by=industry'));
    await page.getByTestId('risk-summary-by').getByText('按行业').click();
    const industryRows = (await (await byIndustry).json()) as SummaryBody[];
    const manufacturing = industryRows.find((r) => r.key === 'C');
    assert.ok(manufacturing && manufacturing.major >= 1, 'our 制造业 enterprise is 重大');
    await page.locator('[data-testid="risk-summary-row"][data-key="C"]').getByText('制造业').waitFor();

    // A red marker: find its pixels in a screenshot of the map (outside the legend) and click it.
    await page.waitForTimeout(800); // the fit animation
    const mapBox = (await page.getByTestId('risk-map').boundingBox())!;
    const legendBox = (await page.getByTestId('risk-map-legend').boundingBox())!;
    const png = await page.getByTestId('risk-map').screenshot();
    const hit = await page.evaluate(async ({ b64, legend }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const g = c.getContext('2d')!;
      g.drawImage(img, 0, 0);
      const d = g.getImageData(0, 0, c.width, c.height).data;
      // No named helper functions in here: tsx would wrap them in a __name() the page does not have.
      const ratio = img.width / legend.mapWidth;
      for (let y = 2; y < c.height - 2; y++) {
        for (let x = 2; x < c.width - 2; x++) {
          const inLegend = x >= legend.x * ratio && x <= (legend.x + legend.w) * ratio && y >= legend.y * ratio && y <= (legend.y + legend.h) * ratio;
          if (inLegend) continue;
          let all = true;
          for (let dy = -2; dy <= 2 && all; dy++) {
            for (let dx = -2; dx <= 2 && all; dx++) {
              const i = ((y + dy) * c.width + (x + dx)) * 4;
              all = Math.abs(d[i]! - 229) < 20 && Math.abs(d[i + 1]! - 57) < 20 && Math.abs(d[i + 2]! - 53) < 20;
            }
          }
          if (all) return { x: x / ratio, y: y / ratio };
        }
      }
      return null;
    }, { b64: png.toString('base64'), legend: { x: legendBox.x - mapBox.x, y: legendBox.y - mapBox.y, w: legendBox.width, h: legendBox.height, mapWidth: mapBox.width } });
    assert.ok(hit, 'a red (#e53935) marker is drawn on the map');
    await shot(page, 'e2e-k6-risk-map');
    await page.mouse.click(mapBox.x + hit.x, mapBox.y + hit.y);
    const card = page.getByTestId('risk-map-card');
    await card.waitFor();
    assert.equal(await card.getAttribute('data-level'), 'major', 'the red marker is a 重大 enterprise');
    assert.equal(await card.getByTestId('risk-map-card-level').innerText(), '重大风险');
    await shot(page, 'e2e-k7-risk-map-card');
    await card.getByTestId('risk-map-card-open').click();
    await page.getByTestId('enterprise-detail').waitFor();
    assert.equal(await page.getByTestId('enterprise-detail-title-level').getAttribute('data-level'), 'major');
    await closeDrawers();
    assert.deepEqual(errors, [], 'no page errors, server errors or failed assets');
  });

  it('an enterprise account sees only its own enterprise', async () => {
    await browser.context.clearCookies();
    await login(page, server.url, 'ent-tianshan');
    const list = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/enterprises' && r.request().method() === 'GET');
    await page.getByTestId('nav-enterprises').click();
    const body = (await (await list).json()) as { items: EnterpriseBody[]; total: number };
    assert.equal(body.total, 1);
    assert.equal(body.items[0]!.name, '鄯善县天山化工有限责任公司');
    await page.getByTestId('enterprises-table-row').first().waitFor();
    assert.equal(await page.getByTestId('enterprises-table-row').count(), 1);
    assert.match(await page.getByTestId('enterprises-table-row').innerText(), /鄯善县天山化工有限责任公司/);
    assert.equal(await page.getByTestId('enterprises-create').count(), 0, 'an enterprise does not register others');
    // Searching for the enterprise created above finds nothing.
    await page.getByTestId('enterprises-table-search').locator('input').fill(codes.valid);
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/enterprises?') && r.url().includes('q=')),
      page.getByTestId('enterprises-table-search').locator('input').press('Enter'),
    ]);
    assert.equal(((await res.json()) as { total: number }).total, 0);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="enterprises-table-row"]').length === 0);
    await shot(page, 'e2e-k8-enterprise-account');

    // Its risk points and its one marker on the four-colour map.
    const points = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/risk-points' && r.request().method() === 'GET');
    await page.getByTestId('nav-risk-points').click();
    const pointsBody = (await (await points).json()) as { items: { enterpriseName: string }[]; total: number };
    assert.ok(pointsBody.total > 0);
    assert.ok(pointsBody.items.every((p) => p.enterpriseName === '鄯善县天山化工有限责任公司'));
    await page.getByTestId('risk-points-table-row').first().waitFor();
    assert.equal(await page.getByTestId('risk-points-table-row').count(), pointsBody.items.length);
    await page.getByTestId('nav-risk-map').click();
    await page.locator('[data-testid="risk-map-count"][data-count="1"]').waitFor();
    await page.getByTestId('risk-summary-row').first().waitFor();
    assert.equal(await page.getByTestId('risk-summary-row').count(), 1, 'the summary counts only its own township');
    assert.deepEqual(errors, [], 'no page errors, server errors or failed assets');
  });
});
