import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { ctxOf, IdParams, registerListRoutes } from '../../platform/http.ts';
import { resourceImportRoutes } from './import-routes.ts';
import {
  addMember, createEquipment, createExpert, createTeam, EquipmentCreateSchema, equipmentResource, EquipmentSchema, EquipmentUpdateSchema,
  ExpertCreateSchema, expertsResource, ExpertSchema, ExpertUpdateSchema, getEquipment, getExpert, getTeam, listMembers, nearestTeams,
  NearestTeamSchema, NearestTeamsQuerySchema, removeMember, setTeamStatus, TeamCreateSchema, TeamMemberCreateSchema, TeamMemberSchema,
  teamsResource, TeamSchema, TeamStatusChangeSchema, TeamStatusSchema, teamStatusHistory, TeamUpdateSchema, updateEquipment, updateExpert,
  updateTeam, type NearestTeamsQuery, type TeamCreate, type TeamUpdate,
  AdjustSchema, adjustStock, BatchSchema, batchesResource, createMaterial, createWarehouse, getWarehouse, IssueSchema, issueStock,
  MaterialCreateSchema, MaterialSchema, materialsResource, MovementResultSchema, MovementSchema, movementsResource, ReceiveSchema,
  receiveStock, RotateSchema, rotateStock, ScrapSchema, scrapStock, TraceSchema, traceBatch, TransferSchema, transferStock,
  updateWarehouse, WarehouseCreateSchema, warehousesResource, WarehouseSchema, WarehouseUpdateSchema,
  listStockAlerts, MinimumSchema, setMinimum, StockAlertSchema, StockAlertsQuerySchema, WarehousesWithItemsQuerySchema,
  warehousesWithItems, WarehouseWithItemsSchema,
  createShelter, getShelter, nearestShelters, NearestShelterSchema, NearestSheltersQuerySchema, OccupancySchema, recordOccupancy, setShelterStatus,
  ShelterCreateSchema, shelterLog, ShelterLogSchema, sheltersResource, ShelterSchema, ShelterStatusSchema, ShelterUpdateSchema, updateShelter,
  type NearestSheltersQuery, type Occupancy,
  updateMaterial, MaterialUpdateSchema,
  listMinimums, WarehouseMinimumSchema,
  coverage, CoverageSchema, CoverageSettingsSchema, coverageSettings, setCoverageSettings, type CoverageSettings,
} from './service.ts';

const TAG = '应急资源';
const id = (req: { params: unknown }) => (req.params as { id: string }).id;

export async function resourceRoutes(app: FastifyInstance): Promise<void> {
  // Teams (救援队伍)
  registerListRoutes(app, { prefix: '/api/v1/teams', tag: TAG, def: teamsResource, item: TeamSchema, permission: 'resources:read', exportName: '救援队伍' });
  app.get('/api/v1/teams/nearest', {
    config: { permission: 'resources:read' },
    schema: { tags: [TAG], summary: '最近的救援队伍（按专长、状态、半径，真实大地距离）', querystring: NearestTeamsQuerySchema, response: { 200: Type.Array(NearestTeamSchema) } },
  }, async (req) => nearestTeams(ctxOf(req), req.query as NearestTeamsQuery));
  app.get('/api/v1/teams/:id', {
    config: { permission: 'resources:read' },
    schema: { tags: [TAG], summary: '队伍详情', params: IdParams, response: { 200: TeamSchema } },
  }, async (req) => getTeam(ctxOf(req), id(req)));
  app.post('/api/v1/teams', {
    config: { permission: 'resources:write' },
    schema: { tags: [TAG], summary: '新建救援队伍', body: TeamCreateSchema, response: { 201: TeamSchema } },
  }, async (req, reply) => reply.status(201).send(await createTeam(ctxOf(req), req.body as TeamCreate)));
  app.patch('/api/v1/teams/:id', {
    config: { permission: 'resources:write' },
    schema: { tags: [TAG], summary: '修改救援队伍', params: IdParams, body: TeamUpdateSchema, response: { 200: TeamSchema } },
  }, async (req) => updateTeam(ctxOf(req), id(req), req.body as TeamUpdate));
  app.post('/api/v1/teams/:id/status', {
    config: { permission: 'teams:status' },
    schema: { tags: [TAG], summary: '变更队伍状态（待命/出动/休整）', params: IdParams, body: TeamStatusSchema, response: { 200: TeamSchema } },
  }, async (req) => {
    const b = req.body as Static<typeof TeamStatusSchema>;
    return setTeamStatus(ctxOf(req), id(req), b.status, b.reason);
  });
  app.get('/api/v1/teams/:id/status-history', {
    config: { permission: 'resources:read' },
    schema: { tags: [TAG], summary: '队伍状态变更记录', params: IdParams, response: { 200: Type.Array(TeamStatusChangeSchema) } },
  }, async (req) => teamStatusHistory(ctxOf(req), id(req)));
  app.get('/api/v1/teams/:id/members', {
    config: { permission: 'resources:read' },
    schema: { tags: [TAG], summary: '队员名单', params: IdParams, response: { 200: Type.Array(TeamMemberSchema) } },
  }, async (req) => listMembers(ctxOf(req), id(req)));
  app.post('/api/v1/teams/:id/members', {
    config: { permission: 'resources:write' },
    schema: { tags: [TAG], summary: '新增队员', params: IdParams, body: TeamMemberCreateSchema, response: { 201: TeamMemberSchema } },
  }, async (req, reply) => reply.status(201).send(await addMember(ctxOf(req), id(req), req.body as Static<typeof TeamMemberCreateSchema>)));
  const MemberParams = Type.Object({ id: Type.String({ format: 'uuid' }), memberId: Type.String({ format: 'uuid' }) });
  app.delete('/api/v1/teams/:id/members/:memberId', {
    config: { permission: 'resources:write' },
    schema: { tags: [TAG], summary: '移除队员', params: MemberParams, response: { 204: Type.Null() } },
  }, async (req, reply) => {
    const p = req.params as Static<typeof MemberParams>;
    await removeMember(ctxOf(req), p.id, p.memberId);
    return reply.status(204).send();
  });

  // Experts (专家)
  registerListRoutes(app, { prefix: '/api/v1/experts', tag: TAG, def: expertsResource, item: ExpertSchema, permission: 'resources:read', exportName: '应急专家' });
  app.get('/api/v1/experts/:id', { config: { permission: 'resources:read' }, schema: { tags: [TAG], summary: '专家详情', params: IdParams, response: { 200: ExpertSchema } } },
    async (req) => getExpert(ctxOf(req), id(req)));
  app.post('/api/v1/experts', { config: { permission: 'resources:write' }, schema: { tags: [TAG], summary: '新建专家', body: ExpertCreateSchema, response: { 201: ExpertSchema } } },
    async (req, reply) => reply.status(201).send(await createExpert(ctxOf(req), req.body as Static<typeof ExpertCreateSchema>)));
  app.patch('/api/v1/experts/:id', { config: { permission: 'resources:write' }, schema: { tags: [TAG], summary: '修改专家', params: IdParams, body: ExpertUpdateSchema, response: { 200: ExpertSchema } } },
    async (req) => updateExpert(ctxOf(req), id(req), req.body as Static<typeof ExpertUpdateSchema>));

  // Large equipment (大型装备)
  registerListRoutes(app, { prefix: '/api/v1/equipment', tag: TAG, def: equipmentResource, item: EquipmentSchema, permission: 'resources:read', exportName: '大型装备' });
  app.get('/api/v1/equipment/:id', { config: { permission: 'resources:read' }, schema: { tags: [TAG], summary: '装备详情', params: IdParams, response: { 200: EquipmentSchema } } },
    async (req) => getEquipment(ctxOf(req), id(req)));
  app.post('/api/v1/equipment', { config: { permission: 'resources:write' }, schema: { tags: [TAG], summary: '新建装备', body: EquipmentCreateSchema, response: { 201: EquipmentSchema } } },
    async (req, reply) => reply.status(201).send(await createEquipment(ctxOf(req), req.body as Static<typeof EquipmentCreateSchema>)));
  app.patch('/api/v1/equipment/:id', { config: { permission: 'resources:write' }, schema: { tags: [TAG], summary: '修改装备', params: IdParams, body: EquipmentUpdateSchema, response: { 200: EquipmentSchema } } },
    async (req) => updateEquipment(ctxOf(req), id(req), req.body as Static<typeof EquipmentUpdateSchema>));

  // Shelters (应急避难场所) with live occupancy
  app.get('/api/v1/shelters/nearest', {
    config: { permission: 'resources:read' },
    schema: { tags: [TAG], summary: '尚有余位的避难场所（由近到远，真实大地距离）', querystring: NearestSheltersQuerySchema, response: { 200: Type.Array(NearestShelterSchema) } },
  }, async (req) => nearestShelters(ctxOf(req), req.query as NearestSheltersQuery));
  registerListRoutes(app, { prefix: '/api/v1/shelters', tag: TAG, def: sheltersResource, item: ShelterSchema, permission: 'resources:read', exportName: '应急避难场所' });
  app.get('/api/v1/shelters/:id', { config: { permission: 'resources:read' }, schema: { tags: [TAG], summary: '避难场所详情', params: IdParams, response: { 200: ShelterSchema } } },
    async (req) => getShelter(ctxOf(req), id(req)));
  app.post('/api/v1/shelters', { config: { permission: 'resources:write' }, schema: { tags: [TAG], summary: '新建避难场所', body: ShelterCreateSchema, response: { 201: ShelterSchema } } },
    async (req, reply) => reply.status(201).send(await createShelter(ctxOf(req), req.body as Static<typeof ShelterCreateSchema>)));
  app.patch('/api/v1/shelters/:id', { config: { permission: 'resources:write' }, schema: { tags: [TAG], summary: '修改避难场所（容量不得低于当前安置人数）', params: IdParams, body: ShelterUpdateSchema, response: { 200: ShelterSchema } } },
    async (req) => updateShelter(ctxOf(req), id(req), req.body as Static<typeof ShelterUpdateSchema>));
  app.post('/api/v1/shelters/:id/status', { config: { permission: 'shelters:occupancy' }, schema: { tags: [TAG], summary: '开放或关闭避难场所', params: IdParams, body: ShelterStatusSchema, response: { 200: ShelterSchema } } },
    async (req) => {
      const b = req.body as Static<typeof ShelterStatusSchema>;
      return setShelterStatus(ctxOf(req), id(req), b.status as 'open' | 'closed', b.reason);
    });
  for (const [path, direction, summary] of [['check-in', 'in', '登记入住人数（超出容量须显式确认并说明原因，记入审计）'], ['check-out', 'out', '登记离开人数']] as const) {
    app.post(`/api/v1/shelters/:id/${path}`, { config: { permission: 'shelters:occupancy' }, schema: { tags: [TAG], summary, params: IdParams, body: OccupancySchema, response: { 200: ShelterSchema } } },
      async (req) => recordOccupancy(ctxOf(req), id(req), direction, req.body as Occupancy));
  }
  app.get('/api/v1/shelters/:id/log', { config: { permission: 'resources:read' }, schema: { tags: [TAG], summary: '开放、入住、离开记录', params: IdParams, response: { 200: Type.Array(ShelterLogSchema) } } },
    async (req) => shelterLog(ctxOf(req), id(req)));

  // Coverage figures (保障能力)
  app.get('/api/v1/resources/coverage', { config: { permission: 'resources:read' }, schema: { tags: [TAG], summary: '保障能力：现有库存可保障人数与规划目标对比、每万人队伍数、避难场所容量（县及各乡镇）', response: { 200: CoverageSchema } } },
    async (req) => coverage(ctxOf(req)));
  app.get('/api/v1/resources/coverage/settings', { config: { permission: 'resources:read' }, schema: { tags: [TAG], summary: '人均保障物资标准与保障目标', response: { 200: CoverageSettingsSchema } } },
    async (req) => coverageSettings(ctxOf(req)));
  app.put('/api/v1/resources/coverage/settings', { config: { permission: 'resources:write' }, schema: { tags: [TAG], summary: '设置人均保障物资标准与保障目标（县级）', body: CoverageSettingsSchema, response: { 200: CoverageSettingsSchema } } },
    async (req) => setCoverageSettings(ctxOf(req), req.body as CoverageSettings));

  // Warehouses (仓库), material catalogue (物资目录), stock ledger (库存台账)
  app.get('/api/v1/warehouses/with-items', {
    config: { permission: 'resources:read' },
    schema: { tags: [TAG], summary: '储有所需物资的仓库（按距离由近到远，可用量为未过期库存）', querystring: WarehousesWithItemsQuerySchema, response: { 200: Type.Array(WarehouseWithItemsSchema) } },
  }, async (req) => warehousesWithItems(ctxOf(req), req.query as Static<typeof WarehousesWithItemsQuerySchema>));
  app.get('/api/v1/stock/alerts', {
    config: { permission: 'resources:read' },
    schema: { tags: [TAG], summary: '库存预警：低于最低储备、临期、过期', querystring: StockAlertsQuerySchema, response: { 200: Type.Array(StockAlertSchema) } },
  }, async (req) => listStockAlerts(ctxOf(req), req.query as Static<typeof StockAlertsQuerySchema>));
  app.get('/api/v1/warehouses/:id/minimums', {
    config: { permission: 'resources:read' },
    schema: { tags: [TAG], summary: '仓库的最低储备设置与当前可用量', params: IdParams, response: { 200: Type.Array(WarehouseMinimumSchema) } },
  }, async (req) => listMinimums(ctxOf(req), id(req)));
  const MinParams = Type.Object({ id: Type.String({ format: 'uuid' }), materialId: Type.String({ format: 'uuid' }) });
  app.put('/api/v1/warehouses/:id/minimums/:materialId', {
    config: { permission: 'resources:write' },
    schema: { tags: [TAG], summary: '设置最低储备量（0 为取消）', params: MinParams, body: MinimumSchema, response: { 204: Type.Null() } },
  }, async (req, reply) => {
    const p = req.params as Static<typeof MinParams>;
    await setMinimum(ctxOf(req), p.id, p.materialId, (req.body as Static<typeof MinimumSchema>).minQuantity);
    return reply.status(204).send();
  });
  registerListRoutes(app, { prefix: '/api/v1/warehouses', tag: TAG, def: warehousesResource, item: WarehouseSchema, permission: 'resources:read', exportName: '应急物资仓库' });
  app.get('/api/v1/warehouses/:id', { config: { permission: 'resources:read' }, schema: { tags: [TAG], summary: '仓库详情', params: IdParams, response: { 200: WarehouseSchema } } },
    async (req) => getWarehouse(ctxOf(req), id(req)));
  app.post('/api/v1/warehouses', { config: { permission: 'resources:write' }, schema: { tags: [TAG], summary: '新建仓库', body: WarehouseCreateSchema, response: { 201: WarehouseSchema } } },
    async (req, reply) => reply.status(201).send(await createWarehouse(ctxOf(req), req.body as Static<typeof WarehouseCreateSchema>)));
  app.patch('/api/v1/warehouses/:id', { config: { permission: 'resources:write' }, schema: { tags: [TAG], summary: '修改仓库', params: IdParams, body: WarehouseUpdateSchema, response: { 200: WarehouseSchema } } },
    async (req) => updateWarehouse(ctxOf(req), id(req), req.body as Static<typeof WarehouseUpdateSchema>));
  registerListRoutes(app, { prefix: '/api/v1/materials', tag: TAG, def: materialsResource, item: MaterialSchema, permission: 'resources:read', exportName: '物资目录' });
  app.post('/api/v1/materials', { config: { permission: 'resources:write' }, schema: { tags: [TAG], summary: '物资目录新增（县级）', body: MaterialCreateSchema, response: { 201: MaterialSchema } } },
    async (req, reply) => reply.status(201).send(await createMaterial(ctxOf(req), req.body as Static<typeof MaterialCreateSchema>)));
  app.patch('/api/v1/materials/:id', { config: { permission: 'resources:write' }, schema: { tags: [TAG], summary: '修改物资目录（县级；已有库存时不能改计量单位）', params: IdParams, body: MaterialUpdateSchema, response: { 200: MaterialSchema } } },
    async (req) => updateMaterial(ctxOf(req), id(req), req.body as Static<typeof MaterialUpdateSchema>));
  registerListRoutes(app, { prefix: '/api/v1/stock/batches', tag: TAG, def: batchesResource, item: BatchSchema, permission: 'resources:read', exportName: '库存台账' });
  registerListRoutes(app, { prefix: '/api/v1/stock/movements', tag: TAG, def: movementsResource, item: MovementSchema, permission: 'resources:read', exportName: '出入库记录' });
  app.get('/api/v1/stock/batches/:id/trace', { config: { permission: 'resources:read' }, schema: { tags: [TAG], summary: '批次追溯：来源与去向', params: IdParams, response: { 200: TraceSchema } } },
    async (req) => traceBatch(ctxOf(req), id(req)));
  const ledger = [
    ['receive', '入库', ReceiveSchema, receiveStock], ['issue', '出库（至事件或领用人）', IssueSchema, issueStock],
    ['transfer', '调拨（双边同一事务）', TransferSchema, transferStock], ['adjust', '盘点调整', AdjustSchema, adjustStock],
    ['scrap', '报废', ScrapSchema, scrapStock], ['rotate', '轮换', RotateSchema, rotateStock],
  ] as const;
  for (const [path, summary, body, fn] of ledger) {
    app.post(`/api/v1/stock/${path}`, { config: { permission: 'resources:write' }, schema: { tags: [TAG], summary, body, response: { 201: MovementResultSchema } } },
      async (req, reply) => reply.status(201).send(await (fn as (c: ReturnType<typeof ctxOf>, b: unknown) => Promise<unknown>)(ctxOf(req), req.body)));
  }
  await resourceImportRoutes(app);
}
