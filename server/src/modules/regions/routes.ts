import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { ctxOf, registerListRoutes } from '../../platform/http.ts';
import {
  createRegion, getRegion, REGION_LEVELS, RegionCreateSchema, RegionDetailSchema, regionGeoJson, RegionSchema,
  regionsResource, regionTree, RegionUpdateSchema, updateRegion,
} from './service.ts';

const TAG = '行政区划';
const CodeParams = Type.Object({ code: Type.String({ pattern: '^[0-9]{12}$' }) });
// Nested nodes {code, name, level, kind, children[]}; recursive, so serialised as plain JSON.
const TreeNode = Type.Unknown({ description: '{ code, name, level, kind, children: [...] }' });

export async function regionRoutes(app: FastifyInstance): Promise<void> {
  registerListRoutes(app, { prefix: '/api/v1/regions', tag: TAG, def: regionsResource, item: RegionSchema, permission: 'regions:read', exportName: '行政区划' });

  app.get('/api/v1/regions/tree', {
    config: { permission: 'regions:read' },
    schema: { tags: [TAG], summary: '区域树（本人数据范围内）', response: { 200: Type.Array(TreeNode) } },
  }, async (req) => regionTree(ctxOf(req)));

  const GeoQuery = Type.Object({ level: Type.Optional(Type.String({ enum: [...REGION_LEVELS] })) }, { additionalProperties: false });
  app.get('/api/v1/regions/geojson', {
    config: { permission: 'regions:read' },
    schema: { tags: [TAG], summary: '区域边界/中心点 GeoJSON（本人数据范围内）', querystring: GeoQuery },
  }, async (req) => regionGeoJson(ctxOf(req), { level: (req.query as Static<typeof GeoQuery>).level }));

  app.get('/api/v1/map/basemap.geojson', {
    config: { permission: 'regions:read' },
    schema: { tags: [TAG], summary: '离线底图：县、乡镇/园区边界（近似边界已标注）' },
  }, async (req, reply) => {
    reply.header('cache-control', 'private, max-age=300');
    return regionGeoJson(ctxOf(req), { basemap: true });
  });

  app.get('/api/v1/regions/:code', {
    config: { permission: 'regions:read' },
    schema: { tags: [TAG], summary: '区域详情（含边界）', params: CodeParams, response: { 200: RegionDetailSchema } },
  }, async (req) => getRegion(ctxOf(req), (req.params as { code: string }).code));

  app.post('/api/v1/regions', {
    config: { permission: 'regions:write' },
    schema: { tags: [TAG], summary: '新建下级区域', body: RegionCreateSchema, response: { 201: RegionSchema } },
  }, async (req, reply) => reply.status(201).send(await createRegion(ctxOf(req), req.body as Static<typeof RegionCreateSchema>)));

  app.patch('/api/v1/regions/:code', {
    config: { permission: 'regions:write' },
    schema: { tags: [TAG], summary: '修改区域（名称、中心点、边界、人口）', params: CodeParams, body: RegionUpdateSchema, response: { 200: RegionSchema } },
  }, async (req) => updateRegion(ctxOf(req), (req.params as { code: string }).code, req.body as Static<typeof RegionUpdateSchema>));
}
