import { Type, type Static } from 'typebox';
import { write, type ServiceCtx } from '../../platform/context.ts';
import { outOfScope, validationFailed } from '../../platform/errors.ts';
import { nullable } from '../../platform/values.ts';
import { usableBatchSql } from './warehouses.ts';
import { readSetting, writeSetting } from '../../platform/settings.ts';

// Coverage figures (保障能力): how many relocated people the current stock supports, by a per-person
// kit kept in settings, against the plan's target, per township and for the county; rescue teams per
// 10,000 residents; shelter places. Stock counts physical and agreement (协议代储) reserves that have
// not expired; capacity reserves (产能储备) are production capacity, not stock, and are left out.

export const COVERAGE_SETTING = 'resources.coverage';

export const CoverageSettingsSchema = Type.Object({
  kit: Type.Array(Type.Object({
    materialId: Type.String({ format: 'uuid' }),
    perPerson: Type.Number({ exclusiveMinimum: 0, maximum: 1000, description: '每人所需数量（按物资计量单位）' }),
  }, { additionalProperties: false }), { maxItems: 50, description: '人均保障物资标准' }),
  targets: Type.Array(Type.Object({
    regionCode: Type.String({ pattern: '^[0-9]{12}$' }),
    people: Type.Integer({ minimum: 0, maximum: 10_000_000, description: '规划保障人数' }),
  }, { additionalProperties: false }), { maxItems: 500, description: '预案/规划保障目标（人）' }),
}, { additionalProperties: false });
export type CoverageSettings = Static<typeof CoverageSettingsSchema>;

const KitItemSchema = Type.Object({
  materialId: Type.String(), materialName: Type.String(), spec: nullable(Type.String()), unit: Type.String(), perPerson: Type.Number(),
});
export const CoverageRowSchema = Type.Object({
  regionCode: Type.String(), regionName: Type.String(), level: Type.String(), population: nullable(Type.Integer()),
  supportable: nullable(Type.Integer({ description: '现有库存可保障人数（未设置物资标准时为空）' })),
  limitingMaterial: nullable(Type.String({ description: '限制保障人数的物资' })),
  target: nullable(Type.Integer()), ratio: nullable(Type.Number({ description: '可保障人数 / 目标' })),
  items: Type.Array(Type.Object({ materialId: Type.String(), available: Type.Number(), supports: Type.Integer() })),
  teams: Type.Integer(), teamHeadcount: Type.Integer(), teamsPer10k: nullable(Type.Number()),
  shelterCapacity: Type.Integer(), shelterOccupancy: Type.Integer(),
});
export const CoverageSchema = Type.Object({ kit: Type.Array(KitItemSchema), targets: CoverageSettingsSchema.properties.targets, rows: Type.Array(CoverageRowSchema) });
export type Coverage = Static<typeof CoverageSchema>;
type Row = Static<typeof CoverageRowSchema>;

async function storedSettings(ctx: ServiceCtx): Promise<CoverageSettings> {
  return (await readSetting<CoverageSettings>(ctx.db, COVERAGE_SETTING)) ?? { kit: [], targets: [] };
}

/** The kit (shared) and the targets of the regions the actor may see (none for organisation accounts). */
export async function coverageSettings(ctx: ServiceCtx): Promise<CoverageSettings> {
  const s = await storedSettings(ctx);
  const { regionCodes, orgId } = ctx.actor.scope;
  return { kit: s.kit, targets: orgId !== null ? [] : s.targets.filter((t) => regionCodes === null || regionCodes.includes(t.regionCode)) };
}

/** The county's figures (county row first, then its townships and parks), limited to the actor's regions. */
export async function coverage(ctx: ServiceCtx): Promise<Coverage> {
  const settings = await storedSettings(ctx);
  const scope = ctx.actor.scope;
  const { rows: kit } = await ctx.db.query<Static<typeof KitItemSchema>>(
    `SELECT m.id AS "materialId", m.name AS "materialName", m.spec, m.unit, k."perPerson"
       FROM jsonb_to_recordset($1::jsonb) AS k("materialId" uuid, "perPerson" float8)
       JOIN material m ON m.id = k."materialId" ORDER BY m.category_code, m.name`,
    [JSON.stringify(settings.kit)]);
  // Organisation-scoped accounts (enterprises, teams) have no region figures to see.
  if (scope.orgId !== null) return { kit, targets: [], rows: [] };
  const { rows: regions } = await ctx.db.query<{ code: string; name: string; level: string; path: string; population: number | null }>(
    `SELECT code, name, level, path, population FROM region
      WHERE parent_code IS NULL OR parent_code IN (SELECT code FROM region WHERE parent_code IS NULL)
      ORDER BY parent_code NULLS FIRST, sort, code`);
  const visible = regions.filter((r) => scope.regionCodes === null || scope.regionCodes.includes(r.code));
  if (!visible.length) return { kit, targets: [], rows: [] };
  const codes = visible.map((r) => r.code);
  // Each figure sums over the region's subtree (path prefix); one grouped query per kind of figure.
  const within = (alias: string, col: string) => `JOIN region ${alias} ON ${alias}.code = ${col} JOIN region g ON ${alias}.path LIKE g.path || '%' AND g.code = ANY($1::text[])`;
  const [stock, teams, shelters] = await Promise.all([
    ctx.db.query<{ code: string; materialId: string; available: number }>(
      `SELECT g.code, b.material_id AS "materialId", sum(b.quantity)::float8 AS available
         FROM stock_batch b JOIN warehouse w ON w.id = b.warehouse_id ${within('wr', 'w.region_code')}
        WHERE b.material_id = ANY($2::uuid[]) AND ${usableBatchSql('b')}
        GROUP BY g.code, b.material_id`, [codes, kit.map((k) => k.materialId)]),
    ctx.db.query<{ code: string; n: number; headcount: number }>(
      `SELECT g.code, count(*)::int AS n, coalesce(sum(t.headcount), 0)::int AS headcount FROM team t ${within('tr', 't.region_code')} GROUP BY g.code`, [codes]),
    ctx.db.query<{ code: string; capacity: number; occupancy: number }>(
      `SELECT g.code, sum(s.capacity)::int AS capacity, sum(s.occupancy)::int AS occupancy FROM shelter s ${within('sr', 's.region_code')} GROUP BY g.code`, [codes]),
  ]);
  const targets = new Map(settings.targets.map((t) => [t.regionCode, t.people]));
  const rows = visible.map((r): Row => {
    const items = kit.map((k) => {
      const available = stock.rows.find((s) => s.code === r.code && s.materialId === k.materialId)?.available ?? 0;
      return { materialId: k.materialId, available, supports: Math.floor(available / k.perPerson + 1e-9) };
    });
    let limiting: (typeof items)[number] | null = null;
    for (const i of items) if (!limiting || i.supports < limiting.supports) limiting = i;
    const supportable = limiting ? limiting.supports : null;
    const target = targets.get(r.code) ?? null;
    const team = teams.rows.find((x) => x.code === r.code);
    const shelter = shelters.rows.find((x) => x.code === r.code);
    return {
      regionCode: r.code, regionName: r.name, level: r.level, population: r.population, supportable,
      limitingMaterial: limiting ? kit.find((k) => k.materialId === limiting.materialId)!.materialName : null,
      target, ratio: supportable !== null && target ? Math.round((supportable / target) * 1000) / 1000 : null, items,
      teams: team?.n ?? 0, teamHeadcount: team?.headcount ?? 0,
      teamsPer10k: r.population ? Math.round(((team?.n ?? 0) / r.population) * 1e4 * 100) / 100 : null,
      shelterCapacity: shelter?.capacity ?? 0, shelterOccupancy: shelter?.occupancy ?? 0,
    };
  });
  return { kit, targets: settings.targets.filter((t) => codes.includes(t.regionCode)), rows };
}

/** County-level accounts set the per-person kit and the plan targets; audited. */
export async function setCoverageSettings(ctx: ServiceCtx, input: CoverageSettings): Promise<CoverageSettings> {
  const en = ctx.locale === 'en-US';
  if (ctx.actor.scope.regionCodes !== null || ctx.actor.scope.orgId !== null) throw outOfScope(en ? 'county coverage settings' : '县级保障标准');
  await write(ctx, async (tx, audit) => {
    const ids = input.kit.map((k) => k.materialId);
    if (new Set(ids).size !== ids.length) throw validationFailed([{ path: 'kit', message: en ? 'each material once' : '同一物资只能设置一次' }]);
    const { rows: mats } = await tx.query<{ id: string }>('SELECT id FROM material WHERE id = ANY($1::uuid[])', [ids]);
    const missing = input.kit.findIndex((k) => !mats.some((m) => m.id === k.materialId));
    if (missing >= 0) throw validationFailed([{ path: `kit/${missing}/materialId`, message: en ? 'unknown material' : '物资目录中没有该物资' }]);
    const codes = input.targets.map((t) => t.regionCode);
    if (new Set(codes).size !== codes.length) throw validationFailed([{ path: 'targets', message: en ? 'each region once' : '同一区域只能设置一个目标' }]);
    const { rows: regs } = await tx.query<{ code: string }>('SELECT code FROM region WHERE code = ANY($1::text[])', [codes]);
    const unknown = input.targets.findIndex((t) => !regs.some((r) => r.code === t.regionCode));
    if (unknown >= 0) throw validationFailed([{ path: `targets/${unknown}/regionCode`, message: en ? 'unknown region' : '区域不存在' }]);
    const before = await storedSettings({ ...ctx, db: tx });
    await writeSetting(tx, COVERAGE_SETTING, input);
    await audit({ action: 'settings', entityType: 'system', entityId: COVERAGE_SETTING, summary: '修改应急物资人均保障标准与保障目标', before, after: input });
  });
  return storedSettings(ctx);
}
