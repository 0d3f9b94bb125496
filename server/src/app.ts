import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { Config } from './config.ts';
import type { Database } from './platform/db.ts';
import { registerAuth } from './platform/auth.ts';
import { AppError, registerErrorHandling, sendProblem } from './platform/errors.ts';
import { registerOwnerType } from './platform/owners.ts';
import { documentMultipart } from './platform/http.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { userRoutes } from './modules/users/routes.ts';
import { usersResource } from './modules/users/service.ts';
import { orgRoutes } from './modules/orgs/routes.ts';
import { orgsResource } from './modules/orgs/service.ts';
import { regionRoutes } from './modules/regions/routes.ts';
import { regionsResource } from './modules/regions/service.ts';
import { dictionaryRoutes } from './modules/dictionaries/routes.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { attachmentRoutes } from './modules/attachments/routes.ts';
import { notificationRoutes } from './modules/notifications/routes.ts';
import { tokenRoutes } from './modules/tokens/routes.ts';
import { systemRoutes } from './modules/system/routes.ts';
import { resourceRoutes } from './modules/resources/routes.ts';
import { hazardRoutes } from './modules/hazards/routes.ts';
import { hazardCheckRoutes } from './modules/hazards/check-routes.ts';
import { hazardPublicRoutes } from './modules/hazards/public-routes.ts';
import { monitoringRoutes } from './modules/monitoring/routes.ts';
import { alarmsResource, sensorsResource } from './modules/monitoring/service.ts';
import { publicReportsResource } from './modules/hazards/public-reports.ts';
import { enterprisesResource, hazardsResource, majorHazardsResource, riskPointsResource } from './modules/hazards/service.ts';
import { teamsResource, expertsResource, equipmentResource, warehousesResource, sheltersResource } from './modules/resources/service.ts';

export interface BuildOptions {
  config: Config;
  db: Database;
  logger?: boolean;
}

/**
 * Builds the whole application on an open, migrated database: platform plugins first, then each
 * module's routes. The only place that knows every module.
 */
export async function buildApp({ config, db, logger = false }: BuildOptions): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    logger: logger ? { level: config.logLevel } : false,
    // Only trust X-Forwarded-For from configured proxies: otherwise clients could fake their address
    // (audit IPs, login rate limit).
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true },
      // ajv-formats' types do not line up with Fastify's plugin signature; the runtime call is right.
      plugins: [addFormats as never],
    },
  });
  // Query strings, params and headers arrive as text, so they are coerced to the schema's types
  // ("5" → 5, a single value → array). Bodies are JSON and are validated as sent: with coercion an
  // explicit null for a nullable field would become '' or 0 (Ajv tries the union's first branch).
  const ajvOptions = { removeAdditional: false, useDefaults: true, allErrors: true } as const;
  const ajvText = new Ajv({ ...ajvOptions, coerceTypes: 'array' });
  const ajvJson = new Ajv({ ...ajvOptions, coerceTypes: false });
  for (const a of [ajvText, ajvJson]) (addFormats as unknown as (a: Ajv) => void)(a);
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? ajvJson : ajvText).compile(schema));
  app.decorate('db', db);
  app.decorate('config', config);
  registerErrorHandling(app);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: config.attachmentMaxBytes, files: 1, fields: 10 } });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Yingji 应急 API',
        version: '0.1.0',
        description: '县级应急管理综合应用平台 API。会话 Cookie（yingji_session）或 Bearer API 令牌认证；写请求使用 Cookie 时须带 x-csrf-token 头。错误为 RFC 9457 problem+json。',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'yingji_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: documentMultipart as never,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  registerAuth(app);

  // Owner types for attachments: each module registers the records that can carry files.
  registerOwnerType('user', usersResource, { read: 'users:read', write: 'users:write' }, (u) => ({ regionCode: u.regionCode, orgId: u.orgId }));
  registerOwnerType('org', orgsResource, { read: 'orgs:read', write: 'orgs:write', ownWrite: true }, (o) => ({ regionCode: o.regionCode, orgId: o.id }));
  registerOwnerType('team', teamsResource, { read: 'resources:read', write: 'resources:write', ownWrite: true }, (t) => ({ regionCode: t.regionCode, orgId: t.orgId }));
  registerOwnerType('expert', expertsResource, { read: 'resources:read', write: 'resources:write' }, (e) => ({ regionCode: e.regionCode, orgId: e.orgId }));
  registerOwnerType('equipment', equipmentResource, { read: 'resources:read', write: 'resources:write', ownWrite: true }, (q) => ({ regionCode: q.regionCode, orgId: q.orgId }));
  registerOwnerType('warehouse', warehousesResource, { read: 'resources:read', write: 'resources:write', ownWrite: true }, (w) => ({ regionCode: w.regionCode, orgId: w.orgId }));
  registerOwnerType('shelter', sheltersResource, { read: 'resources:read', write: 'resources:write', ownWrite: true }, (s) => ({ regionCode: s.regionCode, orgId: s.orgId }));
  registerOwnerType('enterprise', enterprisesResource, { read: 'enterprises:read', write: 'enterprises:write', ownWrite: true }, (e) => ({ regionCode: e.regionCode, orgId: e.id }));
  registerOwnerType('major_hazard', majorHazardsResource, { read: 'risks:read', write: 'risks:write', ownWrite: true }, (m) => ({ regionCode: m.regionCode, orgId: m.enterpriseId }));
  registerOwnerType('hazard', hazardsResource, { read: 'risks:read', write: 'hazards:write', ownWrite: true }, (h) => ({ regionCode: h.regionCode, orgId: h.enterpriseId }));
  registerOwnerType('public_report', publicReportsResource, { read: 'risks:read', write: 'hazards:write' }, (r) => ({ regionCode: r.regionCode, orgId: null }));
  registerOwnerType('risk_point', riskPointsResource, { read: 'risks:read', write: 'risks:write', ownWrite: true }, (p) => ({ regionCode: p.regionCode, orgId: p.enterpriseId }));
  registerOwnerType('region', regionsResource, { read: 'regions:read', write: 'regions:write' }, (r) => ({ regionCode: r.code, orgId: null }));
  registerOwnerType('sensor', sensorsResource, { read: 'monitoring:read', write: 'sensors:write', ownWrite: true }, (x) => ({ regionCode: x.regionCode, orgId: x.enterpriseId }));
  // Disposal photos: attached by the owning enterprise and by the supervisors who may act on the alarm.
  registerOwnerType('alarm', alarmsResource, { read: 'monitoring:read', write: 'monitoring:read', ownWrite: true }, (a) => ({ regionCode: a.regionCode, orgId: a.enterpriseId }));

  await app.register(systemRoutes);
  await app.register(authRoutes);
  await app.register(userRoutes);
  await app.register(orgRoutes);
  await app.register(regionRoutes);
  await app.register(dictionaryRoutes);
  await app.register(auditRoutes);
  await app.register(attachmentRoutes);
  await app.register(notificationRoutes);
  await app.register(tokenRoutes);
  await app.register(resourceRoutes);
  await app.register(hazardRoutes);
  await app.register(hazardCheckRoutes);
  await app.register(hazardPublicRoutes);
  await app.register(monitoringRoutes);

  await registerWebUi(app, config.webDist);
  return app;
}

/** Serves the built web UI (web/dist) with SPA fallback; API paths keep their problem+json 404. */
async function registerWebUi(app: FastifyInstance, dist: string): Promise<void> {
  if (!fs.existsSync(path.join(dist, 'index.html'))) return;
  // serve: false — files go through the public catch-all route below (the auth hook would refuse
  // routes that are not declared public); the plugin only provides reply.sendFile.
  await app.register(fastifyStatic, {
    root: dist,
    serve: false,
    setHeaders: (reply, file) => {
      if (file.endsWith('.mjs')) reply.header('content-type', 'text/javascript; charset=utf-8');
      if (file.includes(`${path.sep}assets${path.sep}`)) reply.header('cache-control', 'public, max-age=31536000, immutable');
    },
  });
  const indexHtml = fs.readFileSync(path.join(dist, 'index.html'));
  app.get('/*', { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
    const url = req.url.split('?')[0] ?? '/';
    if (url.startsWith('/api/') || url === '/metrics' || url === '/healthz') {
      return sendProblem(req, reply, new AppError(404, 'route_not_found'));
    }
    const file = path.join(dist, path.normalize(url).replace(/^(\.\.[/\\])+/, ''));
    if (url !== '/' && file.startsWith(dist) && fs.existsSync(file) && fs.statSync(file).isFile()) return reply.sendFile(path.relative(dist, file));
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml);
  });
}
