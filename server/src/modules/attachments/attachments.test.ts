import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditCount, buildTestApp, type Client, type TestApp } from '../../../test/helpers.ts';
import { demoId } from '../../demo/ids.ts';
import { sniffMime } from './service.ts';

function multipart(fields: Record<string, string>, file?: { name: string; type: string; data: Buffer }): { payload: Buffer; type: string } {
  const b = 'TeStBoUnDaRy';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${b}--\r\n`));
  return { payload: Buffer.concat(parts), type: `multipart/form-data; boundary=${b}` };
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

describe('attachments', () => {
  let t: TestApp;
  let ent: Client;
  const upload = (c: Client, fields: Record<string, string>, file?: { name: string; type: string; data: Buffer }) => {
    const m = multipart(fields, file);
    return t.app.inject({ method: 'POST', url: '/api/v1/attachments', payload: m.payload, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': m.type } });
  };
  before(async () => {
    t = await buildTestApp({ attachmentMaxBytes: 1024 });
    ent = await t.as('ent-tianshan');
  });
  after(async () => { await t.close(); });

  it('recognises files by content, not by the claimed type', () => {
    assert.equal(sniffMime(PDF, 'a.pdf'), 'application/pdf');
    assert.equal(sniffMime(Buffer.from('MZ\x90\x00'), 'evil.pdf'), null);
    assert.equal(sniffMime(Buffer.from([0x50, 0x4b, 3, 4]), 'a.xlsx'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.equal(sniffMime(Buffer.from([0x50, 0x4b, 3, 4]), 'a.jar'), null);
  });

  it('stores an upload content-addressed on disk, audits it, and serves it back to the owner\'s scope', async () => {
    const n = await auditCount(t.db);
    const r = await upload(ent, { ownerType: 'org', ownerId: demoId('ent-01') }, { name: '安全生产许可证.pdf', type: 'application/pdf', data: PDF });
    assert.equal(r.statusCode, 201, r.body);
    const a = r.json();
    assert.equal(a.mimeType, 'application/pdf');
    assert.equal(a.filename, '安全生产许可证.pdf');
    const onDisk = `${t.config.dataDir}/attachments/${a.sha256.slice(0, 2)}/${a.sha256.slice(2, 4)}/${a.sha256}`;
    assert.deepEqual(fs.readFileSync(onDisk), PDF);
    assert.equal(await auditCount(t.db), n + 1);
    const dl = await ent.get(`/api/v1/attachments/${a.id}/content`);
    assert.equal(dl.statusCode, 200);
    assert.deepEqual(dl.rawPayload, PDF);
    const list = (await ent.get(`/api/v1/attachments?ownerType=org&ownerId=${demoId('ent-01')}`)).json();
    assert.equal(list.length, 1);
    // Same content again: one file on disk, two records.
    assert.equal((await upload(ent, { ownerType: 'org', ownerId: demoId('ent-01') }, { name: 'copy.pdf', type: 'application/pdf', data: PDF })).statusCode, 201);
    // Another enterprise cannot see it.
    const other = await t.as('ent-loulan');
    assert.equal((await other.get(`/api/v1/attachments/${a.id}/content`)).statusCode, 404);
    assert.equal((await other.get(`/api/v1/attachments?ownerType=org&ownerId=${demoId('ent-01')}`)).statusCode, 404);
  });

  it('refuses uploads to records outside scope, wrong types and oversize files, changing nothing', async () => {
    const n = await auditCount(t.db);
    const out = await upload(ent, { ownerType: 'org', ownerId: demoId('ent-02') }, { name: 'x.pdf', type: 'application/pdf', data: PDF });
    assert.equal(out.statusCode, 404);
    const exe = await upload(ent, { ownerType: 'org', ownerId: demoId('ent-01') }, { name: 'x.pdf', type: 'application/pdf', data: Buffer.from('MZ\x90\x00 not a pdf') });
    assert.equal(exe.statusCode, 415);
    assert.match(exe.json().detail, /不支持的文件类型/);
    const big = await upload(ent, { ownerType: 'org', ownerId: demoId('ent-01') }, { name: 'big.pdf', type: 'application/pdf', data: Buffer.concat([PDF, Buffer.alloc(2048, 32)]) });
    assert.equal(big.statusCode, 413);
    const nofields = await upload(ent, {}, { name: 'x.pdf', type: 'application/pdf', data: PDF });
    assert.equal(nofields.statusCode, 400);
    assert.equal(await auditCount(t.db), n);
    assert.deepEqual(fs.readdirSync(`${t.config.dataDir}/attachments/tmp`), [], 'no temp files left behind');
  });
});
