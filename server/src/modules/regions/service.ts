import { Type, type Static } from 'typebox';
import { invalidateRegionCache } from '../../platform/actor.ts';
import { write, diff, type ServiceCtx } from '../../platform/context.ts';
import { AppError, duplicate, notFound, outOfScope, validationFailed } from '../../platform/errors.ts';
import { asGeoJson, GeoPointSchema, GeoPolygonSchema, multiPolygonSql } from '../../platform/geo.ts';
import { Params, scopeCondition, type ResourceDef } from '../../platform/query.ts';
import { pickLabel } from '../../platform/i18n.ts';

export const REGION_LEVELS = ['province', 'prefecture', 'county', 'township', 'village'] as const;
export const LEVEL_LABELS: Record<string, [string, string]> = {
  province: ['省级', 'Province'], prefecture: ['地级', 'Prefecture'], county: ['县级', 'County'],
  township: ['乡级（乡镇/园区）', 'Township / park'], village: ['村级（村/社区）', 'Village / community'],
};

export const RegionSchema = Type.Object({
  code: Type.String(),
  gbCode: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  level: Type.String({ enum: [...REGION_LEVELS] }),
  kind: Type.String(),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  parentName: Type.Union([Type.String(), Type.Null()]),
  centre: Type.Union([GeoPointSchema, Type.Null()]),
  hasBoundary: Type.Boolean(),
  boundaryApprox: Type.Boolean(),
  codeOfficial: Type.Boolean(),
  population: Type.Union([Type.Integer(), Type.Null()]),
  areaKm2: Type.Union([Type.Number(), Type.Null()]),
  childCount: Type.Integer(),
  isDemo: Type.Boolean(),
});
export type Region = Static<typeof RegionSchema>;

export const RegionDetailSchema = Type.Object({ ...RegionSchema.properties, boundary: Type.Union([GeoPolygonSchema, Type.Null()]) });

export const RegionCreateSchema = Type.Object({
  code: Type.String({ pattern: '^[0-9]{12}$', description: '12 位统计用区划代码' }),
  name: Type.String({ minLength: 1, maxLength: 50 }),
  kind: Type.String({ minLength: 1, maxLength: 10, description: '村、社区、镇、乡、园区 …' }),
  parentCode: Type.String({ pattern: '^[0-9]{12}$' }),
  centre: Type.Optional(Type.Union([GeoPointSchema, Type.Null()])),
  population: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 100_000_000 }), Type.Null()])),
  codeOfficial: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
export const RegionUpdateSchema = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  kind: Type.Optional(Type.String({ minLength: 1, maxLength: 10 })),
  centre: Type.Optional(Type.Union([GeoPointSchema, Type.Null()])),
  boundary: Type.Optional(Type.Union([GeoPolygonSchema, Type.Null()])),
  boundaryApprox: Type.Optional(Type.Boolean()),
  population: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 100_000_000 }), Type.Null()])),
}, { additionalProperties: false });

const SELECT = `g.code, g.gb_code AS "gbCode", g.name, g.level, g.kind, g.parent_code AS "parentCode", pr.name AS "parentName",
  ${asGeoJson('g.centre')} AS centre, (g.boundary IS NOT NULL) AS "hasBoundary", g.boundary_approx AS "boundaryApprox",
  g.code_official AS "codeOfficial", g.population, g.area_km2 AS "areaKm2",
  (SELECT count(*)::int FROM region c WHERE c.parent_code = g.code) AS "childCount", g.is_demo AS "isDemo"`;

export const regionsResource: ResourceDef<Region> = {
  name: 'regions',
  from: 'region g LEFT JOIN region pr ON pr.code = g.parent_code',
  select: SELECT,
  idColumn: 'g.code',
  scope: { region: 'g.code' },
  filters: {
    level: { sql: 'g.level', op: 'eq', enum: REGION_LEVELS, description: '层级' },
    parentCode: { sql: 'g.parent_code', op: 'eq', description: '上级区域代码' },
    codePrefix: { sql: 'g.code', op: 'prefix', description: '代码前缀' },
  },
  sorts: { code: 'g.code', name: 'g.name', population: 'g.population', level: 'g.level' },
  defaultSort: 'code',
  search: ['g.name', 'g.code'],
  columns: [
    { key: 'code', zh: '统计用区划代码', en: 'Code', width: 16 },
    { key: 'name', zh: '名称', en: 'Name' },
    { key: 'level', zh: '层级', en: 'Level', format: (v, _r, l) => pickLabel(LEVEL_LABELS, v, l) },
    { key: 'kind', zh: '类别', en: 'Kind' },
    { key: 'parentName', zh: '上级区域', en: 'Parent' },
    { key: 'population', zh: '人口', en: 'Population' },
    { key: 'centre', zh: '中心点', en: 'Centre', format: (v) => (v ? (v as { coordinates: number[] }).coordinates.join(',') : null) },
    { key: 'boundaryApprox', zh: '边界为近似', en: 'Approx. boundary' },
  ],
};

export async function getRegion(ctx: ServiceCtx, code: string): Promise<Static<typeof RegionDetailSchema>> {
  const params = new Params();
  const scope = scopeCondition(ctx.actor.scope, { region: 'g.code' }, params);
  const { rows } = await ctx.db.query<Static<typeof RegionDetailSchema>>(
    `SELECT ${SELECT}, ${asGeoJson('g.boundary', 5)} AS boundary FROM region g LEFT JOIN region pr ON pr.code = g.parent_code
      WHERE g.code = ${params.add(code)} AND ${scope}`, params.values);
  if (!rows[0]) throw notFound();
  return rows[0];
}

export interface RegionNode {
  code: string;
  name: string;
  level: string;
  kind: string;
  children: RegionNode[];
}

/** The region tree inside the actor's scope, rooted at their own region(s). */
export async function regionTree(ctx: ServiceCtx): Promise<RegionNode[]> {
  const params = new Params();
  const scope = scopeCondition(ctx.actor.scope, { region: 'code' }, params);
  const { rows } = await ctx.db.query<{ code: string; name: string; level: string; kind: string; parent_code: string | null }>(
    `SELECT code, name, level, kind, parent_code FROM region WHERE ${scope} ORDER BY sort, code`, params.values);
  const byCode = new Map(rows.map((r) => [r.code, { code: r.code, name: r.name, level: r.level, kind: r.kind, children: [] as RegionNode[] }]));
  const roots: RegionNode[] = [];
  for (const r of rows) {
    const node = byCode.get(r.code)!;
    const parent = r.parent_code ? byCode.get(r.parent_code) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/**
 * Region outlines as a GeoJSON FeatureCollection for the map. `basemap` gives every county and
 * township outline (public geography, the offline basemap); otherwise the actor's scope applies.
 */
export async function regionGeoJson(ctx: ServiceCtx, opts: { level?: string; basemap?: boolean }): Promise<unknown> {
  const params = new Params();
  const conds = [opts.basemap ? "g.level IN ('county','township')" : scopeCondition(ctx.actor.scope, { region: 'g.code' }, params)];
  if (opts.level) conds.push(`g.level = ${params.add(opts.level)}`);
  const { rows } = await ctx.db.query<{ f: unknown }>(
    `SELECT json_build_object('type','Feature','id',g.code,
        'geometry', COALESCE(ST_AsGeoJSON(ST_SimplifyPreserveTopology(g.boundary, 0.0005), 5)::json, ST_AsGeoJSON(g.centre, 6)::json),
        'properties', json_build_object('code', g.code, 'name', g.name, 'level', g.level, 'kind', g.kind,
           'approx', g.boundary_approx, 'population', g.population)) AS f
       FROM region g WHERE ${conds.join(' AND ')} AND (g.boundary IS NOT NULL OR g.centre IS NOT NULL) ORDER BY g.level, g.code`,
    params.values);
  return { type: 'FeatureCollection', features: rows.map((r) => r.f) };
}

async function assertParentInScope(ctx: ServiceCtx, code: string): Promise<{ path: string; level: string }> {
  const params = new Params();
  const scope = scopeCondition(ctx.actor.scope, { region: 'code' }, params);
  const { rows } = await ctx.db.query<{ path: string; level: string }>(`SELECT path, level FROM region WHERE code = ${params.add(code)} AND ${scope}`, params.values);
  if (!rows[0]) throw outOfScope(code);
  return rows[0];
}

const PREFIX_LENGTH: Record<string, number> = { province: 2, prefecture: 4, county: 6, township: 9 };
const CHILD_LEVEL: Record<string, string> = { province: 'prefecture', prefecture: 'county', county: 'township', township: 'village' };

export async function createRegion(ctx: ServiceCtx, input: Static<typeof RegionCreateSchema>): Promise<Region> {
  const parent = await assertParentInScope(ctx, input.parentCode);
  const level = CHILD_LEVEL[parent.level];
  if (!level) throw new AppError(409, 'invalid_state', { detail: ctx.locale === 'en-US' ? 'villages have no sub-regions' : '村级区域下不能再设下级' });
  // Statistical codes nest: a village extends its township's 9 digits, a township its county's 6.
  const prefix = PREFIX_LENGTH[parent.level] ?? 0;
  if (input.codeOfficial !== false && input.code.slice(0, prefix) !== input.parentCode.slice(0, prefix)) {
    throw validationFailed([{ path: 'code', message: ctx.locale === 'en-US' ? `the code must start with ${input.parentCode.slice(0, prefix)}` : `代码须以上级代码前 ${prefix} 位 ${input.parentCode.slice(0, prefix)} 开头` }]);
  }
  await write(ctx, async (tx, audit) => {
    const exists = await tx.query('SELECT 1 FROM region WHERE code = $1', [input.code]);
    if (exists.rows.length) throw duplicate(ctx.locale === 'en-US' ? 'region code' : '区划代码', 'code');
    const params: unknown[] = [input.code, input.name, level, input.kind, input.parentCode, `${parent.path}/${input.code}`, input.population ?? null, input.codeOfficial ?? true];
    const centre = input.centre ? 'ST_SetSRID(ST_MakePoint($9, $10), 4326)' : 'NULL';
    if (input.centre) params.push(input.centre.coordinates[0], input.centre.coordinates[1]);
    await tx.query(`INSERT INTO region (code, name, level, kind, parent_code, path, population, code_official, centre) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,${centre})`, params);
    await audit({ action: 'create', entityType: 'region', entityId: input.code, regionCode: input.code, summary: `新建区域 ${input.name}`, after: input });
  });
  invalidateRegionCache();
  const { boundary: _b, ...r } = await getRegion(ctx, input.code);
  return r;
}

export async function updateRegion(ctx: ServiceCtx, code: string, input: Static<typeof RegionUpdateSchema>): Promise<Region> {
  await write(ctx, async (tx, audit) => {
    await tx.query('SELECT 1 FROM region WHERE code = $1 FOR UPDATE', [code]);
    const before = await getRegion({ ...ctx, db: tx }, code);
    const sets: string[] = ['updated_at = now()'];
    const params: unknown[] = [code];
    const add = (v: unknown) => { params.push(v); return `$${params.length}`; };
    if (input.name !== undefined) sets.push(`name = ${add(input.name)}`);
    if (input.kind !== undefined) sets.push(`kind = ${add(input.kind)}`);
    if (input.population !== undefined) sets.push(`population = ${add(input.population)}`);
    if (input.boundaryApprox !== undefined) sets.push(`boundary_approx = ${add(input.boundaryApprox)}`);
    if (input.centre !== undefined) {
      if (input.centre === null) sets.push('centre = NULL');
      else sets.push(`centre = ST_SetSRID(ST_MakePoint(${add(input.centre.coordinates[0])}, ${add(input.centre.coordinates[1])}), 4326)`);
    }
    if (input.boundary !== undefined) {
      if (input.boundary === null) sets.push('boundary = NULL');
      else {
        add(JSON.stringify(input.boundary));
        sets.push(`boundary = ${multiPolygonSql(params.length)}`);
        sets.push(`area_km2 = round((ST_Area(${multiPolygonSql(params.length)}::geography) / 1e6)::numeric, 2)`);
      }
    }
    await tx.query(`UPDATE region SET ${sets.join(', ')} WHERE code = $1`, params);
    const { boundary: b0, ...prev } = before;
    const next = { ...prev, ...Object.fromEntries(Object.entries(input).filter(([k]) => k !== 'boundary')) };
    const d = diff(prev as Record<string, unknown>, next as Record<string, unknown>);
    if (input.boundary !== undefined) {
      (d.before as Record<string, unknown>).boundary = b0 ? '(已有边界)' : null;
      (d.after as Record<string, unknown>).boundary = input.boundary ? '(新边界)' : null;
    }
    await audit({ action: 'update', entityType: 'region', entityId: code, regionCode: code, summary: `修改区域 ${before.name}`, before: d.before, after: d.after });
  });
  const { boundary: _b, ...r } = await getRegion(ctx, code);
  return r;
}

