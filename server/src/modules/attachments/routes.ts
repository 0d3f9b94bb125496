import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { validationFailed } from '../../platform/errors.ts';
import { ctxOf, IdParams } from '../../platform/http.ts';
import { attachmentDisposition } from '../../platform/xlsx.ts';
import { AttachmentSchema, attachmentFile, getAttachment, listAttachments, uploadAttachment } from './service.ts';

const TAG = '附件';

export async function attachmentRoutes(app: FastifyInstance): Promise<void> {
  app.post('/api/v1/attachments', {
    config: { permission: 'attachments:write', multipart: { ownerType: '所属记录类型', ownerId: '所属记录 ID', file: '文件（JPEG/PNG/WebP/PDF/DOCX/XLSX）' } },
    schema: {
      tags: [TAG], summary: '上传附件（multipart：ownerType、ownerId 字段在 file 之前）', consumes: ['multipart/form-data'],
      response: { 201: AttachmentSchema },
    },
  }, async (req, reply) => {
    const ctx = ctxOf(req);
    const part = await req.file({ limits: { fileSize: app.config.attachmentMaxBytes, files: 1 } });
    const en = ctx.locale === 'en-US';
    if (!part) throw validationFailed([{ path: 'file', message: en ? 'file is required' : '请选择要上传的文件' }]);
    const field = (name: string) => {
      const f = part.fields[name] as { value?: unknown } | undefined;
      return typeof f?.value === 'string' ? f.value : '';
    };
    const ownerType = field('ownerType');
    const ownerId = field('ownerId');
    if (!ownerType || !ownerId) {
      part.file.resume();
      throw validationFailed([{ path: ownerType ? 'ownerId' : 'ownerType', message: en ? 'ownerType and ownerId are required before the file' : '缺少 ownerType 或 ownerId（须在文件之前提交）' }]);
    }
    const a = await uploadAttachment(ctx, app.config.dataDir, app.config.attachmentMaxBytes, { ownerType, ownerId, filename: part.filename, stream: part.file });
    return reply.status(201).send(a);
  });

  const Q = Type.Object({ ownerType: Type.String({ maxLength: 40 }), ownerId: Type.String({ maxLength: 100 }) }, { additionalProperties: false });
  app.get('/api/v1/attachments', {
    config: { permission: 'attachments:read' },
    schema: { tags: [TAG], summary: '某条记录的附件', querystring: Q, response: { 200: Type.Array(AttachmentSchema) } },
  }, async (req) => {
    const q = req.query as Static<typeof Q>;
    return listAttachments(ctxOf(req), q.ownerType, q.ownerId);
  });

  app.get('/api/v1/attachments/:id', {
    config: { permission: 'attachments:read' },
    schema: { tags: [TAG], summary: '附件信息', params: IdParams, response: { 200: AttachmentSchema } },
  }, async (req) => getAttachment(ctxOf(req), (req.params as { id: string }).id));

  app.get('/api/v1/attachments/:id/content', {
    config: { permission: 'attachments:read' },
    schema: { tags: [TAG], summary: '下载附件', params: IdParams },
  }, async (req, reply) => {
    const a = await getAttachment(ctxOf(req), (req.params as { id: string }).id);
    const file = attachmentFile(app.config.dataDir, a);
    const inline = a.mimeType.startsWith('image/') || a.mimeType === 'application/pdf';
    return reply
      .header('content-type', a.mimeType)
      .header('content-length', String(a.sizeBytes))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, max-age=3600')
      .header('content-disposition', inline ? attachmentDisposition(a.filename).replace(/^attachment/, 'inline') : attachmentDisposition(a.filename))
      .send(fs.createReadStream(file));
  });
}
