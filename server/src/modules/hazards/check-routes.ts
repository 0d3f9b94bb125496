import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { ctxOf, IdParams, registerListRoutes } from '../../platform/http.ts';
import { attachmentDisposition } from '../../platform/xlsx.ts';
import {
  applicableTemplates, CheckCreateSchema, CheckRecordSchema, checksResource, CheckTemplateCreateSchema, CheckTemplateSchema, checkTemplatesResource,
  CheckTemplateUpdateSchema, createCheckTemplate, deleteCheckTemplate, enterpriseQr, getCheck, getCheckTemplate, hazardFromCheckItem, ItemHazardSchema,
  recordCheck, updateCheckTemplate, type CheckCreate, type CheckTemplateCreate, type ItemHazard,
} from './checks.ts';
import { HazardSchema } from './hazards.ts';

const TAG = '双重预防';
const id = (req: { params: unknown }) => (req.params as { id: string }).id;
const ItemParams = Type.Object({ id: Type.String({ format: 'uuid' }), no: Type.Integer({ minimum: 1, maximum: 999 }) });

/** Checks (隐患排查): checklists per industry, check records, failed item → hazard, the enterprise QR code. */
export async function hazardCheckRoutes(app: FastifyInstance): Promise<void> {
  registerListRoutes(app, { prefix: '/api/v1/check-templates', tag: TAG, def: checkTemplatesResource, item: CheckTemplateSchema, permission: 'risks:read', exportName: '检查表' });
  app.get('/api/v1/check-templates/:id', { config: { permission: 'risks:read' }, schema: { tags: [TAG], summary: '检查表详情', params: IdParams, response: { 200: CheckTemplateSchema } } },
    async (req) => getCheckTemplate(ctxOf(req), id(req)));
  app.post('/api/v1/check-templates', {
    config: { permission: 'hazards:write' },
    schema: { tags: [TAG], summary: '新建检查表（县应急局；行业部门限本行业）', body: CheckTemplateCreateSchema, response: { 201: CheckTemplateSchema } },
  }, async (req, reply) => reply.status(201).send(await createCheckTemplate(ctxOf(req), req.body as CheckTemplateCreate)));
  app.patch('/api/v1/check-templates/:id', {
    config: { permission: 'hazards:write' },
    schema: { tags: [TAG], summary: '修改检查表（已有检查记录不受影响）', params: IdParams, body: CheckTemplateUpdateSchema, response: { 200: CheckTemplateSchema } },
  }, async (req) => updateCheckTemplate(ctxOf(req), id(req), req.body as Static<typeof CheckTemplateUpdateSchema>));
  app.delete('/api/v1/check-templates/:id', {
    config: { permission: 'hazards:write' },
    schema: { tags: [TAG], summary: '删除未使用的检查表', params: IdParams, response: { 204: Type.Null() } },
  }, async (req, reply) => {
    await deleteCheckTemplate(ctxOf(req), id(req));
    return reply.status(204).send();
  });
  app.get('/api/v1/enterprises/:id/check-templates', {
    config: { permission: 'risks:read' },
    schema: { tags: [TAG], summary: '适用于该企业的检查表（行业、危化品、通用）', params: IdParams, response: { 200: Type.Array(CheckTemplateSchema) } },
  }, async (req) => applicableTemplates(ctxOf(req), id(req)));

  registerListRoutes(app, { prefix: '/api/v1/checks', tag: TAG, def: checksResource, item: CheckRecordSchema, permission: 'risks:read', exportName: '检查记录' });
  app.get('/api/v1/checks/:id', { config: { permission: 'risks:read' }, schema: { tags: [TAG], summary: '检查记录详情', params: IdParams, response: { 200: CheckRecordSchema } } },
    async (req) => getCheck(ctxOf(req), id(req)));
  app.post('/api/v1/checks', {
    config: { permission: 'hazards:write' },
    schema: { tags: [TAG], summary: '登记检查（类型按登记人角色：企业自查、监督检查、网格员巡查；应急局可登记专家检查）', body: CheckCreateSchema, response: { 201: CheckRecordSchema } },
  }, async (req, reply) => reply.status(201).send(await recordCheck(ctxOf(req), req.body as CheckCreate)));
  app.post('/api/v1/checks/:id/items/:no/hazard', {
    config: { permission: 'hazards:write' },
    schema: { tags: [TAG], summary: '不符合项一键转为隐患（待整改）', params: ItemParams, body: ItemHazardSchema, response: { 201: HazardSchema } },
  }, async (req, reply) => {
    const p = req.params as Static<typeof ItemParams>;
    return reply.status(201).send(await hazardFromCheckItem(ctxOf(req), p.id, p.no, (req.body ?? {}) as ItemHazard));
  });

  app.get('/api/v1/enterprises/:id/qr.svg', {
    config: { permission: 'enterprises:read' },
    schema: { tags: [TAG], summary: '企业二维码（SVG，扫码打开企业档案并开始检查）', params: IdParams },
  }, async (req, reply) => {
    const configured = app.config.publicBaseUrl;
    const { svg, name } = await enterpriseQr(ctxOf(req), id(req), configured || `${req.protocol}://${req.host}`);
    return reply
      .header('content-type', 'image/svg+xml; charset=utf-8')
      .header('content-disposition', attachmentDisposition(`${name}-二维码.svg`).replace(/^attachment/, 'inline'))
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, max-age=300')
      .send(svg);
  });
}
