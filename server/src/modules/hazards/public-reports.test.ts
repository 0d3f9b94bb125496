import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../app.ts';
import { auditCount, buildTestApp, type Client, type TestApp } from '../../../test/helpers.ts';
import { demoId } from '../../demo/ids.ts';

const LIANMUQIN = '650421103000';
const SHANSHAN = '650421100000';
const COUNTY = '650421000000';
const STORAGE = demoId('ent-09'); // 鄯善县连木沁危险品仓储有限公司 (G 59), in 连木沁镇
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);

let ipSeq = 0;
/** A fresh client address per scenario (the request limit is per address). */
const newIp = () => `198.51.100.${++ipSeq}`;

const isProblem = (r: LightMyRequestResponse) => assert.match(String(r.headers['content-type']), /^application\/problem\+json/);

function multipart(filename: string, content: Buffer) {
  const boundary = '----yingjitest';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('public reports (群众举报): receipt, lookup, abuse limits, triage into a hazard or dismissal', () => {
  let t: TestApp;
  let admin: Client;
  let town: Client;
  let centre: [number, number];
  before(async () => {
    t = await buildTestApp();
    admin = await t.as('admin');
    town = await t.as('town-lianmuqin');
    const { rows } = await t.db.query<{ lon: number; lat: number }>('SELECT ST_X(centre) AS lon, ST_Y(centre) AS lat FROM region WHERE code = $1', [LIANMUQIN]);
    centre = [rows[0]!.lon, rows[0]!.lat];
  });
  after(async () => { await t.close(); });

  const submit = (body: object, ip: string, app = t.app) => app.inject({ method: 'POST', url: '/public/reports', payload: body, remoteAddress: ip });
  const lookup = (code: string) => t.app.inject({ url: `/public/reports/${code}` });
  const report = (over: Record<string, unknown> = {}) => ({ description: '村口空地有人私自储存大量液化气钢瓶，离民房很近', ...over });
  const staffFind = async (c: Client, code: string) => (await c.get(`/api/v1/reports?q=${code}`)).json().items[0] as { id: string; regionCode: string; contactName: string | null; photoIds: string[] } | undefined;

  it('an anonymous report gets a receipt; the lookup says 已受理 without personal data; the place gives the township; audited without the address', async () => {
    const regions = (await t.app.inject({ url: '/public/reports/regions' })).json() as { code: string; name: string }[];
    assert.ok(regions.some((x) => x.code === LIANMUQIN && x.name === '连木沁镇'), 'townships to choose from, without signing in');
    const ip = newIp();
    const n = await auditCount(t.db);
    const r = await submit(report({ location: { type: 'Point', coordinates: centre }, locationText: '连木沁镇村口' }), ip);
    assert.equal(r.statusCode, 201, r.body);
    const { receiptCode } = r.json();
    assert.match(receiptCode, /^[2-9A-HJKMNP-Z]{10}$/);
    assert.equal(await auditCount(t.db), n + 1);
    const look = await lookup(receiptCode.toLowerCase());
    assert.equal(look.statusCode, 200);
    assert.equal(look.json().status, 'new');
    assert.equal(look.json().statusLabel, '已受理，待核查');
    assert.match(look.json().outcome, /已受理/);
    assert.ok(!look.body.includes('连木沁镇村口'), 'the lookup shows no place either');
    assert.equal((await lookup('ABCDEFGHJK')).statusCode, 404);
    const seen = await staffFind(town, receiptCode);
    assert.equal(seen?.regionCode, LIANMUQIN, 'derived from the point with ST_Contains on the township outline');
    assert.equal(await staffFind(await t.as('town-shanshan'), receiptCode), undefined, 'another township does not see it');
    assert.equal((await (await t.as('ent-loulan')).get('/api/v1/reports')).json().total, 0, 'an enterprise sees no reports at all');
    const { rows } = await t.db.query<{ ip_hash: string }>('SELECT ip_hash FROM public_report WHERE receipt_code = $1', [receiptCode]);
    assert.match(rows[0]!.ip_hash, /^[0-9a-f]{64}$/);
    assert.notEqual(rows[0]!.ip_hash, createHash('sha256').update(ip).digest('hex'), 'a keyed hash, not a plain one');
    const { rows: a } = await t.db.query<{ ip: string | null; actor_name: string }>("SELECT ip, actor_name FROM audit_log WHERE entity_type = 'public_report' ORDER BY seq DESC LIMIT 1");
    assert.deepEqual(a[0], { ip: null, actor_name: '公众举报' });
  });

  it('a report with a contact: staff of the township see the contact, the lookup never does', async () => {
    const r = await submit(report({ description: '连木沁镇一家小作坊把油漆稀料堆在居民楼楼道里', regionCode: LIANMUQIN, contactName: '李女士', contactPhone: '13912345678' }), newIp());
    assert.equal(r.statusCode, 201, r.body);
    const code = r.json().receiptCode;
    const staff = await staffFind(town, code);
    assert.equal(staff?.contactName, '李女士');
    const look = await lookup(code);
    assert.ok(!look.body.includes('李女士') && !look.body.includes('13912345678'));
    const bad = await submit(report({ regionCode: '650421999999' }), newIp());
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].path, 'regionCode');
  });

  it('refuses a filled honeypot, a too short text and the same text twice from one address — problem+json in Chinese', async () => {
    const ip = newIp();
    const n = await auditCount(t.db);
    const bot = await submit(report({ website: 'http://spam.example' }), ip);
    assert.equal(bot.statusCode, 400);
    isProblem(bot);
    assert.deepEqual(bot.json().errors, [{ path: 'website', message: '此项必须留空' }]);
    const short = await submit({ description: '有隐患' }, newIp());
    assert.equal(short.statusCode, 400);
    assert.match(short.json().detail, /描述至少 10 个字符/);
    const padded = await submit({ description: '有        隐   患     ' }, newIp());
    assert.equal(padded.statusCode, 400, 'spaces do not count');
    assert.match(padded.json().detail, /问题描述至少 10 个字/);
    assert.equal((await submit(report({ description: '镇上加油站夜里往塑料桶里加汽油' }), ip)).statusCode, 201);
    const dup = await submit(report({ description: '镇上加油站夜里往塑料桶里加汽油  ' }), ip);
    assert.equal(dup.statusCode, 409);
    isProblem(dup);
    assert.match(dup.json().detail, /一小时内已提交过相同内容的举报/);
    assert.equal((await submit(report({ description: '镇上加油站夜里往塑料桶里加汽油' }), newIp())).statusCode, 201, 'the same text from someone else is a report');
    assert.equal(await auditCount(t.db), n + 2);
  });

  it('limits one address to 5 requests per 10 minutes, and to 10 reports a day even across restarts', async () => {
    const ip = newIp();
    for (let i = 0; i < 5; i++) assert.equal((await submit(report({ description: `第 ${i} 条：河道边的化工桶又被人倒了废液` }), ip)).statusCode, 201);
    const sixth = await submit(report({ description: '第 5 条：河道边的化工桶又被人倒了废液' }), ip);
    assert.equal(sixth.statusCode, 429);
    isProblem(sixth);
    assert.equal(sixth.json().detail, '请求过于频繁，请稍后再试');
    // A restarted server forgets the in-memory window but not the daily count in the database.
    const restart = async () => {
      const app = await buildApp({ config: t.config, db: t.db });
      await app.ready();
      return app;
    };
    const second = await restart();
    try {
      for (let i = 5; i < 10; i++) assert.equal((await submit(report({ description: `第 ${i} 条：河道边的化工桶又被人倒了废液` }), ip, second)).statusCode, 201);
    } finally {
      await second.close();
    }
    const third = await restart();
    try {
      const capped = await submit(report({ description: '第 10 条：河道边的化工桶又被人倒了废液' }), ip, third);
      assert.equal(capped.statusCode, 429);
      assert.equal(capped.json().limit, 'daily');
      assert.equal((await submit(report({ description: '另一个人：河道边的化工桶又被人倒了废液' }), newIp(), third)).statusCode, 201);
    } finally {
      await third.close();
    }
  });

  it('photos: images only, from the reporting address, at most three; staff see them and they follow the report into the hazard', async () => {
    const ip = newIp();
    const code = (await submit(report({ description: '连木沁镇危险品仓库外墙根堆放了破损的化学品桶', regionCode: LIANMUQIN }), ip)).json().receiptCode as string;
    const up = (file: string, content: Buffer, from = ip) => t.app.inject({ method: 'POST', url: `/public/reports/${code}/photos`, remoteAddress: from, ...multipart(file, content) });
    const ok = await up('现场.png', PNG);
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().photos, 1);
    const pdf = await up('材料.pdf', Buffer.from('%PDF-1.4 test'));
    assert.equal(pdf.statusCode, 415);
    isProblem(pdf);
    assert.equal((await up('x.png', PNG, newIp())).statusCode, 409, 'another address cannot add photos');
    assert.equal((await up('2.png', PNG)).statusCode, 201);
    assert.equal((await up('3.png', PNG)).statusCode, 201);
    const fourth = await up('4.png', PNG);
    assert.equal(fourth.statusCode, 409);
    assert.match(fourth.json().detail, /最多 3 张照片/);
    const r = (await staffFind(town, code))!;
    assert.equal(r.photoIds.length, 3);
    assert.equal((await town.get(`/api/v1/attachments/${r.photoIds[0]}/content`)).statusCode, 200);
    assert.equal((await (await t.as('ent-tianshan')).get(`/api/v1/attachments/${r.photoIds[0]}`)).statusCode, 404);
    const h = await town.post(`/api/v1/reports/${r.id}/triage`, { enterpriseId: STORAGE, title: '仓库外堆放破损化学品桶', category: 'environment', grade: 'general' });
    assert.equal(h.statusCode, 201, h.body);
    const photos = (await town.get(`/api/v1/attachments?ownerType=hazard&ownerId=${h.json().id}`)).json();
    assert.equal(photos.length, 3);
  });

  it('triage turns a report into a hazard (source 群众举报); the reporter reads the hazard code and status; a second decision is refused', async () => {
    const code = (await submit(report({ description: '仓储公司后院槽车停放区漏油，地面一大片油污', regionCode: LIANMUQIN, contactName: '张师傅' }), newIp())).json().receiptCode as string;
    const r = (await staffFind(town, code))!;
    const shanshan = await t.as('town-shanshan');
    const ent = await t.as('ent-tianshan');
    const n = await auditCount(t.db);
    assert.equal((await shanshan.post(`/api/v1/reports/${r.id}/triage`, { title: '越权', category: 'other', grade: 'general' })).statusCode, 404);
    assert.equal((await ent.get(`/api/v1/reports/${r.id}`)).statusCode, 404, 'the enterprise never sees who reported it');
    const h = await town.post(`/api/v1/reports/${r.id}/triage`, { enterpriseId: STORAGE, title: '槽车停放区漏油', category: 'equipment', grade: 'general' });
    assert.equal(h.statusCode, 201, h.body);
    assert.equal(h.json().source, 'public_report');
    assert.equal(h.json().enterpriseId, STORAGE);
    assert.equal(h.json().status, 'pending');
    assert.match(h.json().description, /槽车停放区漏油/);
    assert.equal(await auditCount(t.db), n + 2, 'the hazard and the triage');
    const ledger = (await admin.get(`/api/v1/hazards?source=public_report&enterpriseId=${STORAGE}&pageSize=200`)).json();
    assert.ok(ledger.items.some((x: { id: string }) => x.id === h.json().id));
    const look = (await lookup(code)).json();
    assert.equal(look.status, 'triaged');
    assert.equal(look.hazard.code, h.json().code);
    assert.equal(look.hazard.statusLabel, '待整改');
    assert.equal(look.outcome, `已登记为隐患 ${h.json().code}，当前状态：待整改。`);
    assert.ok(!JSON.stringify(look).includes('连木沁危险品仓储') && !JSON.stringify(look).includes('张师傅'), 'no names in the outcome');
    const again = await town.post(`/api/v1/reports/${r.id}/dismiss`, { reason: '重复' });
    assert.equal(again.statusCode, 409);
    assert.equal((await (await t.as('reg-transport')).get(`/api/v1/reports/${r.id}`)).statusCode, 200, 'a regulator sees reports that became hazards of its industries');
    assert.equal((await (await t.as('reg-industry')).get(`/api/v1/reports/${r.id}`)).statusCode, 404);
  });

  it('dismissal needs a reason, which the reporter reads; a report without a place is the county\'s to handle', async () => {
    const code = (await submit(report({ description: '听说县里有家工厂晚上偷偷生产，不知道在哪里' }), newIp())).json().receiptCode as string;
    assert.equal(await staffFind(town, code), undefined, 'no place: not a township\'s report');
    const staff = await t.as('staff');
    const r = (await staffFind(staff, code))!;
    assert.equal(r.regionCode, COUNTY);
    const n = await auditCount(t.db);
    const none = await staff.post(`/api/v1/reports/${r.id}/dismiss`, {});
    assert.equal(none.statusCode, 400);
    isProblem(none);
    const blank = await staff.post(`/api/v1/reports/${r.id}/dismiss`, { reason: '   ' });
    assert.equal(blank.statusCode, 400);
    assert.match(blank.json().detail, /请填写不予立案的理由/);
    assert.equal(await auditCount(t.db), n);
    const ok = await staff.post(`/api/v1/reports/${r.id}/dismiss`, { reason: '线索不具体，无法核实；欢迎补充地点后重新举报。' });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().status, 'dismissed');
    assert.equal(await auditCount(t.db), n + 1);
    const look = (await lookup(code)).json();
    assert.equal(look.statusLabel, '已办结，不予立案');
    assert.equal(look.outcome, '经核查不予立案：线索不具体，无法核实；欢迎补充地点后重新举报。');
    // A county report triaged into a township hazard.
    const code2 = (await submit(report({ description: '鄯善镇老街有家饭馆用液化气罐摆在门口，没有防护' }), newIp())).json().receiptCode as string;
    const r2 = (await staffFind(staff, code2))!;
    const h = await staff.post(`/api/v1/reports/${r2.id}/triage`, { regionCode: SHANSHAN, title: '饭馆门口露天摆放液化气罐', category: 'environment', grade: 'general' });
    assert.equal(h.statusCode, 201, h.body);
    assert.equal(h.json().regionCode, SHANSHAN);
    assert.equal(h.json().enterpriseId, null);
    assert.equal((await staff.get('/api/v1/reports/export.xlsx')).statusCode, 200);
  });
});
