import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { ctxOf, pageSchema, registerListRoutes } from '../../platform/http.ts';
import { AuditEntrySchema, auditResource, entityHistory, verify } from './service.ts';

const TAG = '审计日志';

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  registerListRoutes(app, { prefix: '/api/v1/audit', tag: TAG, def: auditResource, item: AuditEntrySchema, permission: 'audit:read', exportName: '审计日志' });

  const P = Type.Object({ entityType: Type.String({ pattern: '^[a-z_]{1,40}$' }), entityId: Type.String({ minLength: 1, maxLength: 100 }) });
  const Q = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false });
  // A record's history is readable by anyone who can read the record (scope decides), not only audit:read.
  app.get('/api/v1/history/:entityType/:entityId', {
    schema: { tags: [TAG], summary: '单条记录的变更历史', params: P, querystring: Q, response: { 200: pageSchema(AuditEntrySchema) } },
  }, async (req) => {
    const p = req.params as Static<typeof P>;
    return entityHistory(ctxOf(req), p.entityType, p.entityId, (req.query as Static<typeof Q>).page);
  });

  app.get('/api/v1/audit/verify', {
    config: { permission: 'audit:read' },
    schema: {
      tags: [TAG], summary: '校验审计哈希链（管理员）',
      response: { 200: Type.Object({ ok: Type.Boolean(), rows: Type.Integer(), headSeq: Type.Integer(), headHash: Type.String(), problems: Type.Array(Type.Object({ seq: Type.Integer(), problem: Type.String() })) }) },
    },
  }, async (req) => verify(ctxOf(req)));
}
