import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type Client, type TestApp } from '../../../test/helpers.ts';
import { demoId } from '../../demo/ids.ts';

const TIANSHAN = demoId('ent-01');
const DIMS = ['industry', 'region', 'grade', 'status', 'source', 'month', 'enterprise'] as const;
const WIDE = 'from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z'; // forces the scan of the hazard table
type Row = { key: string; key2?: string; found: number; closed: number; open: number; overdue: number; avgCloseDays: number | null; closureRate: number };
const byKey = (rows: Row[]) => Object.fromEntries(rows.map((r) => [`${r.key}|${r.key2 ?? ''}`, r]));

/** The tally as it should be: recomputed from the hazard table. */
const RECOMPUTE = `
  SELECT h.region_code, o.industry_codes, h.grade, h.status, h.source, date_trunc('month', h.found_at AT TIME ZONE 'Asia/Shanghai')::date AS found_month,
         CASE WHEN h.status IN ('pending','rectifying') THEN (h.deadline AT TIME ZONE 'Asia/Shanghai')::date END AS deadline_day,
         count(*)::int AS n, round(coalesce(sum(EXTRACT(EPOCH FROM h.closed_at - h.found_at)) FILTER (WHERE h.status = 'closed'), 0)::numeric, 0) AS secs
    FROM hazard h LEFT JOIN org o ON o.id = h.org_id GROUP BY 1, 2, 3, 4, 5, 6, 7`;
const STORED = `SELECT region_code, industry_codes, grade, status, source, found_month, deadline_day, n, round(close_secs::numeric, 0) AS secs FROM hazard_tally WHERE n <> 0`;

describe('hazard statistics: the tally kept by triggers gives the figures of a full scan', () => {
  let t: TestApp;
  let admin: Client;
  before(async () => {
    t = await buildTestApp();
    admin = await t.as('admin');
  });
  after(async () => { await t.close(); });

  const tallyMatchesTable = async (why: string) => {
    const key = (r: Record<string, unknown>) => JSON.stringify(r);
    const want = (await t.db.query(`${RECOMPUTE} ORDER BY 1, 2, 3, 4, 5, 6, 7`)).rows.map(key).sort();
    const got = (await t.db.query(`${STORED} ORDER BY 1, 2, 3, 4, 5, 6, 7`)).rows.map(key).sort();
    assert.deepEqual(got, want, why);
  };

  /** Every dimension and pair, for one account: the tally's answer equals the scan's. */
  const sameAsScan = async (c: Client, who: string) => {
    for (const by of DIMS) {
      for (const then of [undefined, ...DIMS.filter((d) => d !== by)]) {
        const qs = `by=${by}${then ? `&then=${then}` : ''}`;
        const fast = (await c.get(`/api/v1/hazards/stats?${qs}`)).json() as Row[];
        const scan = (await c.get(`/api/v1/hazards/stats?${qs}&${WIDE}`)).json() as Row[];
        assert.deepEqual(byKey(fast), byKey(scan), `${who} ${qs}`);
      }
    }
  };

  it('the demo data: every dimension and every pair agree for the county, a township and a department', async () => {
    await tallyMatchesTable('after migration and demo seed');
    await sameAsScan(admin, 'admin');
    await sameAsScan(await t.as('town-lianmuqin'), 'township');
    await sameAsScan(await t.as('reg-industry'), 'industry department');
  });

  it('writes of every kind keep the tally exact: new hazards, transitions, deadlines due today, an enterprise changing industry, bulk SQL', async () => {
    const ent = await t.as('ent-tianshan');
    const park = await t.as('park-industrial');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await ent.post('/api/v1/hazards', { enterpriseId: TIANSHAN, title: `统计测试 ${i}`, description: '统计测试隐患', category: 'equipment', grade: 'general', source: 'self_check' });
      assert.equal(r.statusCode, 201, r.body);
      ids.push(r.json().id);
    }
    const assign = await park.post(`/api/v1/hazards/${ids[0]}/actions`, { type: 'assign', plan: { responsibleUnit: '设备部', responsiblePerson: '吕振华', deadline: new Date(Date.now() + 7 * 86_400_000).toISOString() } });
    assert.equal(assign.statusCode, 200, assign.body);
    await tallyMatchesTable('after reports and an assignment');
    // Due today, one already past (overdue now) and one later today: only the clock tells them apart.
    await t.db.query("UPDATE hazard SET status = 'rectifying', deadline = now() - interval '1 second' WHERE id = $1", [ids[1]]);
    await t.db.query("UPDATE hazard SET status = 'rectifying', deadline = now() + interval '1 minute' WHERE id = $1", [ids[2]]);
    await tallyMatchesTable('after deadline changes');
    const before = (await admin.get('/api/v1/hazards/stats?by=status')).json() as Row[];
    assert.equal(before.find((r) => r.key === 'rectifying')!.overdue, (await admin.get('/api/v1/hazards/count?status=rectifying&overdue=true')).json().total);
    // The enterprise's industries change: its hazards move to the new industry keys.
    await t.db.query("UPDATE org SET industry_codes = '{G,59}' WHERE id = $1", [TIANSHAN]);
    await tallyMatchesTable('after an industry change');
    await t.db.query("UPDATE org SET industry_codes = '{C,26}' WHERE id = $1", [TIANSHAN]);
    // A bulk statement touching many rows at once, then a delete.
    await t.db.query("UPDATE hazard SET grade = CASE WHEN grade = 'general' THEN 'major' ELSE 'general' END WHERE source = 'inspection'");
    await t.db.query('DELETE FROM hazard_event WHERE hazard_id = $1', [ids[0]]);
    await t.db.query('DELETE FROM hazard WHERE id = $1', [ids[0]]);
    await tallyMatchesTable('after bulk update and delete');
    await sameAsScan(admin, 'admin after writes');
  });

  it('month ranges: whole months from the tally equal the same span scanned to the second', async () => {
    const months = ((await admin.get('/api/v1/hazards/stats?by=month')).json() as Row[]).map((r) => r.key);
    assert.ok(months.length >= 6);
    const [a, b] = [months[1]!, months[months.length - 2]!];
    const start = new Date(`${a}-01T00:00:00+08:00`).toISOString();
    const [y, m] = b.split('-').map(Number) as [number, number];
    const end = new Date(new Date(`${y + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01T00:00:00+08:00`).getTime() - 1).toISOString();
    for (const by of ['region', 'status', 'month'] as const) {
      const fast = (await admin.get(`/api/v1/hazards/stats?by=${by}&fromMonth=${a}&toMonth=${b}`)).json() as Row[];
      const scan = (await admin.get(`/api/v1/hazards/stats?by=${by}&from=${encodeURIComponent(start)}&to=${encodeURIComponent(end)}`)).json() as Row[];
      assert.deepEqual(byKey(fast), byKey(scan), by);
      if (by === 'month') assert.deepEqual(fast.map((r) => r.key), months.filter((k) => k >= a && k <= b));
    }
  });

  it('township × status: rows carry both keys and add up to the one-dimension figures; bad input is refused', async () => {
    const cross = (await admin.get('/api/v1/hazards/stats?by=region&then=status')).json() as (Row & { name2: string })[];
    const single = byKey((await admin.get('/api/v1/hazards/stats?by=region')).json() as Row[]);
    const sums: Record<string, number> = {};
    for (const r of cross) {
      assert.ok(['pending', 'rectifying', 'verifying', 'closed'].includes(r.key2!));
      assert.ok(r.name2.length > 0);
      sums[r.key] = (sums[r.key] ?? 0) + r.found;
    }
    for (const [k, n] of Object.entries(sums)) assert.equal(n, single[`${k}|`]!.found, k);
    // Per responsible unit (for assessments): most overdue first, each figure the ledger's count.
    const units = (await admin.get('/api/v1/hazards/stats?by=enterprise')).json() as (Row & { name: string })[];
    assert.ok(units[0]!.overdue > 0 && units.every((u, i) => i === 0 || units[i - 1]!.overdue >= u.overdue));
    const top = units.find((u) => u.key !== '—')!;
    assert.equal(top.overdue, (await admin.get(`/api/v1/hazards/count?enterpriseId=${top.key}&overdue=true`)).json().total);
    assert.equal(top.found, (await admin.get(`/api/v1/hazards/count?enterpriseId=${top.key}`)).json().total);
    const same = await admin.get('/api/v1/hazards/stats?by=status&then=status');
    assert.equal(same.statusCode, 400);
    assert.equal(same.json().errors[0].path, 'then');
    assert.equal(same.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal((await admin.get('/api/v1/hazards/stats?by=status&fromMonth=2026-13')).statusCode, 400);
    assert.equal((await admin.get('/api/v1/hazards/stats?by=status&fromMonth=2026-05&toMonth=2026-04')).statusCode, 400);
  });
});
