import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import client from 'prom-client';
import { pickLocale } from '../../platform/i18n.ts';
import { ROLE_LABELS, ROLES } from '../../platform/permissions.ts';
import { ORG_TYPE_LABELS, ORG_TYPES } from '../orgs/service.ts';
import { ownerTypes } from '../../platform/owners.ts';
import { activeSessions, dbUp, demoInfo, migrationCount } from './service.ts';

const VERSION = '0.1.0';
const HealthSchema = Type.Object({ status: Type.String(), db: Type.String(), migrations: Type.Integer(), version: Type.String() });

/** Health, Prometheus metrics and UI metadata (labels, modules, demo flag). */
export async function systemRoutes(app: FastifyInstance): Promise<void> {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'yingji_' });
  const httpDuration = new client.Histogram({
    name: 'yingji_http_request_duration_seconds', help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const, buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [registry],
  });
  new client.Gauge({
    name: 'yingji_db_up', help: 'Database reachable (1) and which driver', labelNames: ['kind'] as const, registers: [registry],
    async collect() {
      this.set({ kind: app.db.kind }, (await dbUp(app.db)) ? 1 : 0);
    },
  });
  new client.Gauge({
    name: 'yingji_active_sessions', help: 'Unexpired user sessions', registers: [registry],
    async collect() {
      this.set(await activeSessions(app.db));
    },
  });
  app.addHook('onResponse', async (req, reply) => {
    httpDuration.observe({ method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  app.get('/healthz', {
    config: { public: true },
    schema: {
      tags: ['系统'], summary: '健康检查（迁移完成后为就绪）',
      response: { 200: HealthSchema, 503: HealthSchema },
    },
  }, async (_req, reply) => {
    try {
      return { status: 'ok', db: app.db.kind, migrations: await migrationCount(app.db), version: VERSION };
    } catch {
      return reply.status(503).send({ status: 'unavailable', db: app.db.kind, migrations: 0, version: VERSION });
    }
  });

  app.get('/metrics', { config: { public: true }, schema: { tags: ['系统'], summary: 'Prometheus 指标' } }, async (_req, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });

  app.get('/api/v1/meta', {
    config: { public: true },
    schema: { tags: ['系统'], summary: '界面元数据：角色、单位类型、已建模块、演示模式' },
  }, async (req) => {
    const en = pickLocale(req.headers['accept-language']) === 'en-US' ? 1 : 0;
    return {
      version: VERSION,
      demo: await demoInfo(app.db),
      roles: ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][en] })),
      orgTypes: ORG_TYPES.map((t) => ({ value: t, label: ORG_TYPE_LABELS[t][en] })),
      attachmentOwnerTypes: ownerTypes(),
      modules: ['platform'],
    };
  });
}
