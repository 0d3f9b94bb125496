import type { FastifyInstance } from 'fastify';
import { ctxOf, IdParams, registerListRoutes } from '../../platform/http.ts';
import { createOrg, getOrg, OrgCreateSchema, OrgSchema, orgsResource, OrgUpdateSchema, updateOrg, type OrgCreate, type OrgUpdate } from './service.ts';

const TAG = '组织机构';

export async function orgRoutes(app: FastifyInstance): Promise<void> {
  registerListRoutes(app, { prefix: '/api/v1/orgs', tag: TAG, def: orgsResource, item: OrgSchema, permission: 'orgs:read', exportName: '组织机构' });

  app.get('/api/v1/orgs/:id', {
    config: { permission: 'orgs:read' },
    schema: { tags: [TAG], summary: '单位详情', params: IdParams, response: { 200: OrgSchema } },
  }, async (req) => getOrg(ctxOf(req), (req.params as { id: string }).id));

  app.post('/api/v1/orgs', {
    config: { permission: 'orgs:write' },
    schema: { tags: [TAG], summary: '新建单位', body: OrgCreateSchema, response: { 201: OrgSchema } },
  }, async (req, reply) => reply.status(201).send(await createOrg(ctxOf(req), req.body as OrgCreate)));

  app.patch('/api/v1/orgs/:id', {
    config: { permission: 'orgs:write' },
    schema: { tags: [TAG], summary: '修改单位', params: IdParams, body: OrgUpdateSchema, response: { 200: OrgSchema } },
  }, async (req) => updateOrg(ctxOf(req), (req.params as { id: string }).id, req.body as OrgUpdate));
}
