import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { ctxOf, registerListRoutes } from '../../platform/http.ts';
import { DICTS, DictItemSchema, DictItemUpsertSchema, dictResource, dictSummary, upsertDictItem } from './service.ts';

const TAG = '数据字典';

export async function dictionaryRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/v1/dictionaries', {
    config: { permission: 'dicts:read' },
    schema: {
      tags: [TAG], summary: '字典清单',
      response: { 200: Type.Array(Type.Object({ dict: Type.String(), name: Type.String(), standard: Type.String(), count: Type.Integer() })) },
    },
  }, async (req) => dictSummary(ctxOf(req)));

  registerListRoutes(app, { prefix: '/api/v1/dictionaries/items', tag: TAG, def: dictResource, item: DictItemSchema, permission: 'dicts:read', exportName: '数据字典' });

  const P = Type.Object({ dict: Type.String({ enum: [...DICTS] }), code: Type.String({ pattern: '^[0-9A-Za-z_]{1,20}$' }) });
  app.put('/api/v1/dictionaries/:dict/items/:code', {
    config: { permission: 'dicts:write' },
    schema: { tags: [TAG], summary: '新增或修改字典项', params: P, body: DictItemUpsertSchema, response: { 200: DictItemSchema } },
  }, async (req) => {
    const p = req.params as Static<typeof P>;
    return upsertDictItem(ctxOf(req), p.dict, p.code, req.body as Static<typeof DictItemUpsertSchema>);
  });
}
