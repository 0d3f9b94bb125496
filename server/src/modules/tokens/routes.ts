import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { ctxOf, IdParams, registerListRoutes } from '../../platform/http.ts';
import { createToken, revokeToken, TokenCreateSchema, TokenSchema, tokensResource } from './service.ts';

const TAG = 'API 令牌';

export async function tokenRoutes(app: FastifyInstance): Promise<void> {
  registerListRoutes(app, { prefix: '/api/v1/tokens', tag: TAG, def: tokensResource, item: TokenSchema, permission: 'tokens:write', exportName: 'API令牌' });
  app.post('/api/v1/tokens', {
    config: { permission: 'tokens:write' },
    schema: { tags: [TAG], summary: '创建 API 令牌（明文仅返回一次）', body: TokenCreateSchema, response: { 201: Type.Object({ id: Type.String(), token: Type.String() }) } },
  }, async (req, reply) => reply.status(201).send(await createToken(ctxOf(req), req.body as Static<typeof TokenCreateSchema>)));
  app.delete('/api/v1/tokens/:id', {
    config: { permission: 'tokens:write' },
    schema: { tags: [TAG], summary: '吊销 API 令牌', params: IdParams, response: { 204: Type.Null() } },
  }, async (req, reply) => {
    await revokeToken(ctxOf(req), (req.params as { id: string }).id);
    return reply.status(204).send();
  });
}
