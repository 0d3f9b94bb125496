import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { ctxOf, IdParams, registerListRoutes } from '../../platform/http.ts';
import {
  addLicence, createEnterprise, createMajorHazard, createRiskPoint, EnterpriseCreateSchema, enterprisesResource, EnterpriseSchema, EnterpriseUpdateSchema,
  getEnterprise, getMajorHazard, getRiskPoint, LicenceCreateSchema, LicenceSchema, listLicences, MajorHazardCreateSchema, majorHazardReference,
  MajorHazardReferenceSchema, majorHazardsResource, MajorHazardSchema, MajorHazardUpdateSchema, removeLicence, RiskPointCreateSchema, riskPointsResource,
  RiskPointSchema, RiskPointUpdateSchema, riskReference, RiskReferenceSchema, riskSummary, RiskSummaryRowSchema, updateEnterprise, updateMajorHazard,
  updateRiskPoint, type EnterpriseCreate, type EnterpriseUpdate, type MajorHazardCreate, type RiskPointCreate,
  actOnHazard, getHazard, HazardActionSchema, HazardCreateSchema, HazardEventSchema, hazardsResource, HazardSchema, hazardTimeline, publicSupervisedList,
  PublicSupervisedSchema, reportHazard, hazardStats, HazardStatsQuerySchema, HazardStatsRowSchema, superviseHazard, SuperviseSchema, type HazardActionInput, type HazardCreate,
} from './service.ts';

const TAG = '双重预防';
const id = (req: { params: unknown }) => (req.params as { id: string }).id;

export async function hazardRoutes(app: FastifyInstance): Promise<void> {
  // Enterprise registry (一企一档)
  registerListRoutes(app, { prefix: '/api/v1/enterprises', tag: TAG, def: enterprisesResource, item: EnterpriseSchema, permission: 'enterprises:read', exportName: '企业档案' });
  app.get('/api/v1/enterprises/:id', { config: { permission: 'enterprises:read' }, schema: { tags: [TAG], summary: '企业档案', params: IdParams, response: { 200: EnterpriseSchema } } },
    async (req) => getEnterprise(ctxOf(req), id(req)));
  app.post('/api/v1/enterprises', { config: { permission: 'enterprises:write' }, schema: { tags: [TAG], summary: '登记企业（单位 + 档案，一个事务）', body: EnterpriseCreateSchema, response: { 201: EnterpriseSchema } } },
    async (req, reply) => reply.status(201).send(await createEnterprise(ctxOf(req), req.body as EnterpriseCreate)));
  app.patch('/api/v1/enterprises/:id', { config: { permission: 'enterprises:write' }, schema: { tags: [TAG], summary: '修改企业档案（乡镇、应急局或企业本身）', params: IdParams, body: EnterpriseUpdateSchema, response: { 200: EnterpriseSchema } } },
    async (req) => updateEnterprise(ctxOf(req), id(req), req.body as EnterpriseUpdate));
  app.get('/api/v1/enterprises/:id/licences', { config: { permission: 'enterprises:read' }, schema: { tags: [TAG], summary: '企业证照', params: IdParams, response: { 200: Type.Array(LicenceSchema) } } },
    async (req) => listLicences(ctxOf(req), id(req)));
  app.post('/api/v1/enterprises/:id/licences', { config: { permission: 'enterprises:write' }, schema: { tags: [TAG], summary: '新增证照', params: IdParams, body: LicenceCreateSchema, response: { 201: LicenceSchema } } },
    async (req, reply) => reply.status(201).send(await addLicence(ctxOf(req), id(req), req.body as Static<typeof LicenceCreateSchema>)));
  const LicenceParams = Type.Object({ id: Type.String({ format: 'uuid' }), licenceId: Type.String({ format: 'uuid' }) });
  app.delete('/api/v1/enterprises/:id/licences/:licenceId', { config: { permission: 'enterprises:write' }, schema: { tags: [TAG], summary: '删除证照', params: LicenceParams, response: { 204: Type.Null() } } },
    async (req, reply) => {
      const p = req.params as Static<typeof LicenceParams>;
      await removeLicence(ctxOf(req), p.id, p.licenceId);
      return reply.status(204).send();
    });

  // Major hazard sources (重大危险源, GB 18218-2018)
  app.get('/api/v1/major-hazards/reference', { config: { permission: 'risks:read' }, schema: { tags: [TAG], summary: 'GB 18218 临界量与校正系数（表 1、表 2）', response: { 200: MajorHazardReferenceSchema } } },
    async (req) => majorHazardReference(ctxOf(req).locale));
  registerListRoutes(app, { prefix: '/api/v1/major-hazards', tag: TAG, def: majorHazardsResource, item: MajorHazardSchema, permission: 'risks:read', exportName: '重大危险源' });
  app.get('/api/v1/major-hazards/:id', { config: { permission: 'risks:read' }, schema: { tags: [TAG], summary: '危险源详情', params: IdParams, response: { 200: MajorHazardSchema } } },
    async (req) => getMajorHazard(ctxOf(req), id(req)));
  app.post('/api/v1/major-hazards', { config: { permission: 'risks:write' }, schema: { tags: [TAG], summary: '登记危险源（服务端计算 S、α、R 与等级）', body: MajorHazardCreateSchema, response: { 201: MajorHazardSchema } } },
    async (req, reply) => reply.status(201).send(await createMajorHazard(ctxOf(req), req.body as MajorHazardCreate)));
  app.patch('/api/v1/major-hazards/:id', { config: { permission: 'risks:write' }, schema: { tags: [TAG], summary: '修改危险源（重新分级）', params: IdParams, body: MajorHazardUpdateSchema, response: { 200: MajorHazardSchema } } },
    async (req) => updateMajorHazard(ctxOf(req), id(req), req.body as Static<typeof MajorHazardUpdateSchema>));

  // Risk points (风险点, 一企一清单)
  app.get('/api/v1/risk-points/reference', { config: { permission: 'risks:read' }, schema: { tags: [TAG], summary: 'LEC / LS 取值、GB 6441 事故类型、风险等级', response: { 200: RiskReferenceSchema } } },
    async (req) => riskReference(ctxOf(req).locale));
  registerListRoutes(app, { prefix: '/api/v1/risk-points', tag: TAG, def: riskPointsResource, item: RiskPointSchema, permission: 'risks:read', exportName: '风险点清单' });
  app.get('/api/v1/risk-points/:id', { config: { permission: 'risks:read' }, schema: { tags: [TAG], summary: '风险点详情', params: IdParams, response: { 200: RiskPointSchema } } },
    async (req) => getRiskPoint(ctxOf(req), id(req)));
  app.post('/api/v1/risk-points', { config: { permission: 'risks:write' }, schema: { tags: [TAG], summary: '新增风险点（服务端按 LEC/LS 定级）', body: RiskPointCreateSchema, response: { 201: RiskPointSchema } } },
    async (req, reply) => reply.status(201).send(await createRiskPoint(ctxOf(req), req.body as RiskPointCreate)));
  app.patch('/api/v1/risk-points/:id', { config: { permission: 'risks:write' }, schema: { tags: [TAG], summary: '修改风险点（重新定级）', params: IdParams, body: RiskPointUpdateSchema, response: { 200: RiskPointSchema } } },
    async (req) => updateRiskPoint(ctxOf(req), id(req), req.body as Static<typeof RiskPointUpdateSchema>));

  // Hidden hazards (隐患) and the closed loop
  app.get('/api/v1/hazards/stats', { config: { permission: 'risks:read' }, schema: { tags: [TAG], summary: '隐患统计：发现、销号、销号率、超期、平均销号用时（按行业/乡镇/等级/状态/来源/月份，可两维交叉）', querystring: HazardStatsQuerySchema, response: { 200: Type.Array(HazardStatsRowSchema) } } },
    async (req) => hazardStats(ctxOf(req), req.query as Static<typeof HazardStatsQuerySchema>));
  registerListRoutes(app, { prefix: '/api/v1/hazards', tag: TAG, def: hazardsResource, item: HazardSchema, permission: 'risks:read', exportName: '隐患台账' });
  app.get('/api/v1/hazards/:id', { config: { permission: 'risks:read' }, schema: { tags: [TAG], summary: '隐患详情', params: IdParams, response: { 200: HazardSchema } } },
    async (req) => getHazard(ctxOf(req), id(req)));
  app.post('/api/v1/hazards', { config: { permission: 'hazards:write' }, schema: { tags: [TAG], summary: '登记隐患（待整改）', body: HazardCreateSchema, response: { 201: HazardSchema } } },
    async (req, reply) => reply.status(201).send(await reportHazard(ctxOf(req), req.body as HazardCreate)));
  app.post('/api/v1/hazards/:id/actions', {
    config: { permission: 'hazards:write' },
    schema: { tags: [TAG], summary: '闭环操作：下达整改 / 提交验收 / 验收销号 / 验收不通过（重大隐患须五到位）', params: IdParams, body: HazardActionSchema, response: { 200: HazardSchema } },
  }, async (req) => actOnHazard(ctxOf(req), id(req), req.body as HazardActionInput));
  app.post('/api/v1/hazards/:id/supervise', { config: { permission: 'hazards:write' }, schema: { tags: [TAG], summary: '重大隐患挂牌督办（县级）', params: IdParams, body: SuperviseSchema, response: { 200: HazardSchema } } },
    async (req) => superviseHazard(ctxOf(req), id(req), req.body as Static<typeof SuperviseSchema>));
  app.get('/api/v1/hazards/:id/timeline', { config: { permission: 'risks:read' }, schema: { tags: [TAG], summary: '隐患处理时间线', params: IdParams, response: { 200: Type.Array(HazardEventSchema) } } },
    async (req) => hazardTimeline(ctxOf(req), id(req)));
  app.get('/public/hazards/supervised', { config: { public: true }, schema: { tags: [TAG], summary: '挂牌督办重大隐患公示（不含个人信息）', response: { 200: Type.Array(PublicSupervisedSchema) } } },
    async () => publicSupervisedList({ db: app.db }));

  const SummaryQuery = Type.Object({ by: Type.Optional(Type.String({ enum: ['region', 'industry'], default: 'region' })) }, { additionalProperties: false });
  app.get('/api/v1/risks/summary', { config: { permission: 'risks:read' }, schema: { tags: [TAG], summary: '四色图汇总：按乡镇或行业统计各等级企业与风险点', querystring: SummaryQuery, response: { 200: Type.Array(RiskSummaryRowSchema) } } },
    async (req) => riskSummary(ctxOf(req), ((req.query as { by?: string }).by ?? 'region') as 'region' | 'industry'));
}
