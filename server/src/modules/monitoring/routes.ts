import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../platform/errors.ts';
import { ctxOf, IdParams, registerListRoutes } from '../../platform/http.ts';
import { pickLocale } from '../../platform/i18n.ts';
import {
  actOnAlarm, AlarmActionSchema, AlarmEventSchema, AlarmSchema, alarmsResource, alarmTimeline, getAlarm, type AlarmActionInput,
  createSensor, getSensor, IngestBodySchema, isDeviceToken, IngestResultSchema, ingestReadings, SensorCreateSchema, SensorSchema, sensorsResource, SensorUpdateSchema, updateSensor,
  type IngestBody, type SensorCreate, type SensorUpdate,
} from './service.ts';

const TAG = '监测预警';
const id = (req: { params: unknown }) => (req.params as { id: string }).id;

/** The device token: `Authorization: Bearer <token>` or `X-Device-Token: <token>`. */
function deviceToken(headers: Record<string, string | string[] | undefined>): string | null {
  const auth = headers.authorization;
  if (typeof auth === 'string' && /^Bearer\s+\S+$/i.test(auth)) return auth.replace(/^Bearer\s+/i, '');
  const t = headers['x-device-token'];
  return typeof t === 'string' && t.length > 0 ? t : null;
}

export async function monitoringRoutes(app: FastifyInstance): Promise<void> {
  registerListRoutes(app, { prefix: '/api/v1/sensors', tag: TAG, def: sensorsResource, item: SensorSchema, permission: 'monitoring:read', exportName: '监测点' });
  app.get('/api/v1/sensors/:id', { config: { permission: 'monitoring:read' }, schema: { tags: [TAG], summary: '监测点详情', params: IdParams, response: { 200: SensorSchema } } },
    async (req) => getSensor(ctxOf(req), id(req)));
  app.post('/api/v1/sensors', {
    config: { permission: 'sensors:write' },
    schema: {
      tags: [TAG], summary: '登记监测点（返回设备令牌，仅此一次显示）', body: SensorCreateSchema,
      response: { 201: Type.Intersect([SensorSchema, Type.Object({ deviceToken: Type.Union([Type.String(), Type.Null()], { description: '设备令牌；与已有设备共用时为 null' }) })]) },
    },
  }, async (req, reply) => reply.status(201).send(await createSensor(ctxOf(req), req.body as SensorCreate)));
  app.patch('/api/v1/sensors/:id', {
    config: { permission: 'sensors:write' },
    schema: { tags: [TAG], summary: '修改监测点（阈值修改留痕）', params: IdParams, body: SensorUpdateSchema, response: { 200: SensorSchema } },
  }, async (req) => updateSensor(ctxOf(req), id(req), req.body as SensorUpdate));

  // Alarm cases and the 消警 loop (who may do each step: rules.alarmTransition).
  registerListRoutes(app, { prefix: '/api/v1/alarms', tag: TAG, def: alarmsResource, item: AlarmSchema, permission: 'monitoring:read', exportName: '报警记录' });
  app.get('/api/v1/alarms/:id', { config: { permission: 'monitoring:read' }, schema: { tags: [TAG], summary: '报警详情', params: IdParams, response: { 200: AlarmSchema } } },
    async (req) => getAlarm(ctxOf(req), id(req)));
  app.get('/api/v1/alarms/:id/timeline', { config: { permission: 'monitoring:read' }, schema: { tags: [TAG], summary: '报警处置时间线', params: IdParams, response: { 200: Type.Array(AlarmEventSchema) } } },
    async (req) => alarmTimeline(ctxOf(req), id(req)));
  app.post('/api/v1/alarms/:id/actions', {
    config: { permission: 'monitoring:read' },
    schema: { tags: [TAG], summary: '报警处置：确认 / 处置反馈 / 退回 / 消警（真实险情须监管部门或应急局消警）', params: IdParams, body: AlarmActionSchema, response: { 200: AlarmSchema } },
  }, async (req) => actOnAlarm(ctxOf(req), id(req), req.body as AlarmActionInput));

  app.post('/api/v1/ingest/readings', {
    config: { public: true, deviceAuth: true },
    bodyLimit: 512 * 1024,
    schema: {
      tags: [TAG],
      summary: '设备上报读数（批量，≤ 500 条；设备令牌认证；逐条返回 accepted / duplicate / rejected，accepted 即已提交）',
      description: 'Authorization: Bearer <设备令牌>（或 X-Device-Token）。每条：sensor 监测点编码，ts 采集时间（ISO 8601 或 Unix 毫秒），value 数值，quality good|bad。同一监测点同一时间的读数只存一次（重发为 duplicate）。',
      security: [], body: IngestBodySchema, response: { 200: IngestResultSchema },
    },
    // The credential first (401), then the body (400), as for every other route.
    preValidation: async (req) => {
      const token = deviceToken(req.headers);
      const en = pickLocale(req.headers['accept-language']) === 'en-US';
      if (!token) throw new AppError(401, 'unauthenticated', { detail: en ? 'a device token is required' : '缺少设备令牌' });
      if (!(await isDeviceToken(app.db, token))) throw new AppError(401, 'unauthenticated', { detail: en ? 'unknown device token' : '设备令牌无效' });
    },
  }, async (req) => ingestReadings(app.db, deviceToken(req.headers)!, req.body as IngestBody, pickLocale(req.headers['accept-language'])));
}
