import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { AppError, validationFailed } from '../../platform/errors.ts';
import { ctxOf, IdParams, registerListRoutes } from '../../platform/http.ts';
import { pickLocale } from '../../platform/i18n.ts';
import { HazardSchema } from './hazards.ts';
import {
  addPublicReportPhoto, dismissReport, DismissSchema, getPublicReport, PublicReportCreateSchema, PublicReportSchema, publicReportsResource, publicReportStatus,
  PublicReportStatusSchema, ReceiptSchema, REPORT_LIMITS, reportRegions, submitPublicReport, triageReport, TriageSchema, type PublicCaller, type PublicReportCreate, type Triage,
} from './public-reports.ts';

const TAG = '双重预防';
const ReceiptParams = Type.Object({ receiptCode: Type.String({ minLength: 10, maxLength: 10, pattern: '^[0-9A-Za-z]{10}$' }) });

/** Public reports (群众举报): the anonymous side under /public, the staff side under /api/v1/reports. */
export async function hazardPublicRoutes(app: FastifyInstance): Promise<void> {
  const caller = (req: FastifyRequest): PublicCaller => ({
    db: app.db, ip: req.ip, locale: pickLocale(req.headers['accept-language']), requestId: req.id,
    addressSecret: app.config.reportIpSecret,
  });

  app.post('/public/reports', {
    config: { public: true, rateLimit: { max: REPORT_LIMITS.windowMax, timeWindow: `${REPORT_LIMITS.windowMinutes} minutes` } },
    bodyLimit: 16 * 1024,
    schema: {
      tags: [TAG], summary: '群众举报（无需登录；匿名或留联系方式；返回回执码）', security: [], body: PublicReportCreateSchema, response: { 201: ReceiptSchema },
    },
  }, async (req, reply) => reply.status(201).send(await submitPublicReport(caller(req), req.body as PublicReportCreate)));

  app.get('/public/reports/regions', {
    config: { public: true },
    schema: { tags: [TAG], summary: '举报时可选的乡镇（园区）', security: [], response: { 200: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })) } },
  }, async () => reportRegions(app.db));

  app.get('/public/reports/:receiptCode', {
    config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: { tags: [TAG], summary: '凭回执码查询举报处理结果（不含个人信息）', security: [], params: ReceiptParams, response: { 200: PublicReportStatusSchema } },
  }, async (req) => publicReportStatus(app.db, (req.params as Static<typeof ReceiptParams>).receiptCode, pickLocale(req.headers['accept-language'])));

  app.post('/public/reports/:receiptCode/photos', {
    config: {
      public: true, rateLimit: { max: 10, timeWindow: '10 minutes' },
      multipart: { file: `照片（JPEG/PNG/WebP，≤ ${REPORT_LIMITS.photoBytes / 1048576} MB；提交举报后一小时内，最多 ${REPORT_LIMITS.photosPerReport} 张）` },
    },
    schema: { tags: [TAG], summary: '为举报上传照片', security: [], consumes: ['multipart/form-data'], params: ReceiptParams, response: { 201: Type.Object({ photos: Type.Integer() }) } },
  }, async (req, reply) => {
    const c = caller(req);
    const part = await req.file({ limits: { fileSize: REPORT_LIMITS.photoBytes, files: 1 } });
    if (!part) throw validationFailed([{ path: 'file', message: c.locale === 'en-US' ? 'file is required' : '请选择要上传的照片' }]);
    let content: Buffer;
    try {
      content = await part.toBuffer();
    } catch (e) {
      if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'payload_too_large', { limit: `${REPORT_LIMITS.photoBytes / 1048576} MB` });
      throw e;
    }
    const r = await addPublicReportPhoto({ ...c, dataDir: app.config.dataDir }, (req.params as Static<typeof ReceiptParams>).receiptCode, part.filename, content);
    return reply.status(201).send(r);
  });

  registerListRoutes(app, { prefix: '/api/v1/reports', tag: TAG, def: publicReportsResource, item: PublicReportSchema, permission: 'risks:read', exportName: '群众举报' });
  app.get('/api/v1/reports/:id', { config: { permission: 'risks:read' }, schema: { tags: [TAG], summary: '举报详情（含联系方式与照片）', params: IdParams, response: { 200: PublicReportSchema } } },
    async (req) => getPublicReport(ctxOf(req), (req.params as { id: string }).id));
  app.post('/api/v1/reports/:id/triage', {
    config: { permission: 'hazards:write' },
    schema: { tags: [TAG], summary: '举报核实为隐患（来源：群众举报，待整改）', params: IdParams, body: TriageSchema, response: { 201: HazardSchema } },
  }, async (req, reply) => reply.status(201).send(await triageReport(ctxOf(req), (req.params as { id: string }).id, req.body as Triage,
    { dataDir: app.config.dataDir, maxBytes: app.config.attachmentMaxBytes })));
  app.post('/api/v1/reports/:id/dismiss', {
    config: { permission: 'hazards:write' },
    schema: { tags: [TAG], summary: '举报不予立案（理由举报人可见）', params: IdParams, body: DismissSchema, response: { 200: PublicReportSchema } },
  }, async (req) => dismissReport(ctxOf(req), (req.params as { id: string }).id, req.body as Static<typeof DismissSchema>));
}
