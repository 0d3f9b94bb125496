import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { ctxOf, IdParams } from '../../platform/http.ts';
import { listNotifications, markRead, NotificationSchema } from './service.ts';

const TAG = '站内通知';

export async function notificationRoutes(app: FastifyInstance): Promise<void> {
  const Q = Type.Object({ unread: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
  app.get('/api/v1/notifications', {
    schema: { tags: [TAG], summary: '我的通知', querystring: Q, response: { 200: Type.Object({ items: Type.Array(NotificationSchema), unread: Type.Integer() }) } },
  }, async (req) => listNotifications(ctxOf(req), (req.query as Static<typeof Q>).unread === true));

  app.post('/api/v1/notifications/:id/read', {
    schema: { tags: [TAG], summary: '标记已读', params: IdParams, response: { 204: Type.Null() } },
  }, async (req, reply) => {
    await markRead(ctxOf(req), (req.params as { id: string }).id);
    return reply.status(204).send();
  });

  app.post('/api/v1/notifications/read-all', {
    schema: { tags: [TAG], summary: '全部标记已读', response: { 204: Type.Null() } },
  }, async (req, reply) => {
    await markRead(ctxOf(req), 'all');
    return reply.status(204).send();
  });
}
