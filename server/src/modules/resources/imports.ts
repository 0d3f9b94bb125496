import type { Static } from 'typebox';
import { canWriteAt } from '../../platform/actor.ts';
import type { ServiceCtx } from '../../platform/context.ts';
import type { GeoPoint } from '../../platform/geo.ts';
import type { ImportColumn, ImportRow, ImportRowCtx, ImportSpec } from '../../platform/import.ts';
import { Params, scopeCondition } from '../../platform/query.ts';
import { orgsResource } from '../orgs/service.ts';
import { createEquipment, EQUIPMENT_STATUS_LABELS, EQUIPMENT_TYPES, EquipmentCreateSchema, type EquipmentCreate } from './equipment.ts';
import { AVAILABILITY_LABELS, createExpert, ExpertCreateSchema, type ExpertCreate } from './experts.ts';
import { receiveStock, RESERVE_MODE_LABELS, ReceiveSchema } from './stock.ts';
import { createTeam, TEAM_CATEGORY_LABELS, TeamCreateSchema, type TeamCreate } from './teams.ts';
import { createShelter, SHELTER_FACILITY_LABELS, SHELTER_KIND_LABELS, SHELTER_SPACE_LABELS, ShelterCreateSchema, type ShelterCreate } from './shelters.ts';
import { createMaterial, createWarehouse, MaterialCreateSchema, WAREHOUSE_LEVEL_LABELS, WAREHOUSE_SCOPE, WarehouseCreateSchema, type WarehouseCreate } from './warehouses.ts';

// xlsx import specs of the resource ledgers (issue 3 item 8). The engine — template, reading, the
// all-or-nothing transaction and the error report — is platform/import.ts; a spec says which columns
// a ledger has and how a row becomes the body of its existing create function (which checks scope
// and audits each row). Names are resolved to ids here: region by name or code, organisation by
// name or credit code, dictionary items by code or name, warehouse and material by name.

// ---- shared columns ---------------------------------------------------------------------------

const region = (example: string): ImportColumn => ({
  key: 'regionCode', zh: '所属区域', en: 'Region', required: true, example, width: 18,
  note: ['区域名称（如 鄯善镇；村名重复时写“乡镇/村”，如 鄯善镇/牧业队）或 12 位统计用区划代码', 'Region name (e.g. 鄯善镇; for repeated village names “township/village”) or its 12-digit statistical code'],
});
const org = (zh = '所属单位'): ImportColumn => ({
  key: 'orgId', zh, en: 'Organisation', width: 26,
  note: ['单位全称、简称或 18 位统一社会信用代码；可不填', 'Full or short name, or the 18-character unified social credit code; optional'],
});
const phone = (key: string, zh: string, en: string, example?: string): ImportColumn => ({ key, zh, en, example, width: 16, note: ['数字、空格、+ 或 -，5–20 位', 'Digits, spaces, + or -, 5–20 characters'] });
const lngLat = (field: string): ImportColumn[] => [
  { key: 'lng', zh: '经度', en: 'Longitude', type: 'number', fields: [field], note: ['WGS-84 经度（如 90.21），与纬度同时填写', 'WGS-84 longitude (e.g. 90.21), together with the latitude'] },
  { key: 'lat', zh: '纬度', en: 'Latitude', type: 'number', note: ['WGS-84 纬度（如 42.87）', 'WGS-84 latitude (e.g. 42.87)'] },
];
const note: ImportColumn = { key: 'note', zh: '备注', en: 'Note', width: 30 };
const dictNote: [string, string] = ['可填代码或名称，见“可选值”表', 'Code or name, see the allowed-values sheet'];

// ---- specs ------------------------------------------------------------------------------------

export const teamImport: ImportSpec<TeamCreate> = {
  kind: 'teams', name: '救援队伍', nameEn: 'Rescue teams', entityType: 'team', schema: TeamCreateSchema,
  columns: [
    { key: 'name', zh: '队伍名称', en: 'Team name', required: true, example: '鄯善镇水域救援示例队', width: 28 },
    { key: 'category', zh: '队伍类别', en: 'Category', required: true, type: 'enum', labels: TEAM_CATEGORY_LABELS, example: '社会救援力量', width: 18 },
    { key: 'specialties', zh: '专长', en: 'Specialties', required: true, type: 'list', options: dictOptions('team_specialty'), example: '水域救援、综合救援', note: dictNote, width: 24 },
    { key: 'headcount', zh: '编制人数', en: 'Headcount', required: true, type: 'integer', example: 20 },
    region('鄯善镇'), org(),
    { key: 'leaderName', zh: '负责人', en: 'Leader', example: '张示例' },
    phone('leaderPhone', '负责人电话', 'Leader phone', '13800000000'), phone('dutyPhone', '值班电话', 'Duty phone'),
    { key: 'baseAddress', zh: '驻地地址', en: 'Base address', width: 30 },
    ...lngLat('base'), note,
  ],
  toBody: async ({ lng, lat, ...row }, rc) => ({
    ...row, specialties: await dictCodes(rc, 'specialties', 'team_specialty', row.specialties), regionCode: await regionCode(rc, row.regionCode),
    orgId: await orgId(rc, row.orgId), base: point(rc, lng, lat),
  }) as TeamCreate,
  duplicate: { columns: ['name', 'regionCode'], key: (b) => `${b.regionCode}|${b.name}`, exists: (ctx, b) => existsAt(ctx, b, 'SELECT 1 FROM team WHERE region_code = $1 AND name = $2', [b.regionCode, b.name]) },
  create: createTeam,
};

export const expertImport: ImportSpec<ExpertCreate> = {
  kind: 'experts', name: '应急专家', nameEn: 'Experts', entityType: 'expert', schema: ExpertCreateSchema,
  columns: [
    { key: 'name', zh: '姓名', en: 'Name', required: true, example: '王示例' },
    { key: 'fields', zh: '专业领域', en: 'Fields', required: true, type: 'list', options: dictOptions('event_type'), example: '11B03 暴雨、11D01 滑坡', note: ['GB/T 35561 事件类型，可填代码或名称，多个用顿号分隔', 'GB/T 35561 event types, code or name, several separated by 、'], width: 26 },
    { key: 'title', zh: '职称', en: 'Title', example: '高级工程师' },
    { key: 'employer', zh: '工作单位', en: 'Employer', width: 26 },
    org(), phone('phone', '电话', 'Phone', '13900000000'), region('鄯善县'),
    { key: 'availability', zh: '可用状态', en: 'Availability', type: 'enum', labels: AVAILABILITY_LABELS, note: ['不填为“可调用”', 'Empty means available'] },
    ...lngLat('location'), note,
  ],
  toBody: async ({ lng, lat, ...row }, rc) => ({
    ...row, fields: await dictCodes(rc, 'fields', 'event_type', row.fields), regionCode: await regionCode(rc, row.regionCode),
    orgId: await orgId(rc, row.orgId), location: point(rc, lng, lat),
  }) as ExpertCreate,
  duplicate: {
    columns: ['name', 'regionCode', 'phone'], key: (b) => `${b.regionCode}|${b.name}|${b.phone ?? ''}`,
    exists: (ctx, b) => existsAt(ctx, b, "SELECT 1 FROM expert WHERE region_code = $1 AND name = $2 AND coalesce(phone, '') = $3", [b.regionCode, b.name, b.phone ?? '']),
  },
  create: createExpert,
};

export const equipmentImport: ImportSpec<EquipmentCreate> = {
  kind: 'equipment', name: '大型装备', nameEn: 'Large equipment', entityType: 'equipment', schema: EquipmentCreateSchema,
  columns: [
    { key: 'name', zh: '装备名称', en: 'Name', required: true, example: '示例排水抢险车', width: 24 },
    { key: 'type', zh: '类型', en: 'Type', required: true, options: () => EQUIPMENT_TYPES, openList: true, example: '排水抢险车', note: ['常见类型见下拉列表，也可填写其他类型', 'Pick a common type or type another one'] },
    { key: 'model', zh: '型号', en: 'Model' },
    { key: 'quantity', zh: '数量', en: 'Quantity', required: true, type: 'integer', example: 1 },
    { key: 'status', zh: '状态', en: 'Status', type: 'enum', labels: EQUIPMENT_STATUS_LABELS, note: ['不填为“可调用”', 'Empty means available'] },
    region('鄯善县'), org(),
    { key: 'contactName', zh: '联系人', en: 'Contact' }, phone('contactPhone', '联系电话', 'Contact phone', '13700000000'),
    ...lngLat('location'), note,
  ],
  toBody: async ({ lng, lat, ...row }, rc) => ({ ...row, regionCode: await regionCode(rc, row.regionCode), orgId: await orgId(rc, row.orgId), location: point(rc, lng, lat) }) as EquipmentCreate,
  duplicate: {
    columns: ['name', 'model', 'regionCode', 'orgId'], key: (b) => `${b.regionCode}|${b.orgId ?? ''}|${b.name}|${b.model ?? ''}`,
    exists: (ctx, b) => existsAt(ctx, b, "SELECT 1 FROM equipment WHERE region_code = $1 AND name = $2 AND coalesce(model, '') = $3 AND org_id IS NOT DISTINCT FROM $4::uuid", [b.regionCode, b.name, b.model ?? '', b.orgId ?? null]),
  },
  create: createEquipment,
};

export const warehouseImport: ImportSpec<WarehouseCreate> = {
  kind: 'warehouses', name: '应急物资仓库', nameEn: 'Warehouses', entityType: 'warehouse', schema: WarehouseCreateSchema,
  columns: [
    { key: 'name', zh: '仓库名称', en: 'Warehouse', required: true, example: '鄯善镇示例储备点', width: 26 },
    { key: 'level', zh: '级别', en: 'Level', required: true, type: 'enum', labels: WAREHOUSE_LEVEL_LABELS, example: '乡镇储备点' },
    region('鄯善镇'), org('所属单位（协议代储企业）'),
    { key: 'managerName', zh: '管理员', en: 'Manager' }, phone('managerPhone', '管理员电话', 'Manager phone', '13600000000'),
    { key: 'address', zh: '地址', en: 'Address', width: 30 },
    ...lngLat('location'),
    { key: 'areaM2', zh: '面积（㎡）', en: 'Area (m²)', type: 'number' }, note,
  ],
  toBody: async ({ lng, lat, ...row }, rc) => ({ ...row, regionCode: await regionCode(rc, row.regionCode), orgId: await orgId(rc, row.orgId), location: point(rc, lng, lat) }) as WarehouseCreate,
  duplicate: { columns: ['name', 'regionCode'], key: (b) => `${b.regionCode}|${b.name}`, exists: (ctx, b) => existsAt(ctx, b, 'SELECT 1 FROM warehouse WHERE region_code = $1 AND name = $2', [b.regionCode, b.name]) },
  create: createWarehouse,
};

type MaterialCreate = Static<typeof MaterialCreateSchema>;
export const materialImport: ImportSpec<MaterialCreate> = {
  kind: 'materials', name: '物资目录', nameEn: 'Material catalogue', entityType: 'material', schema: MaterialCreateSchema,
  columns: [
    { key: 'categoryCode', zh: '物资分类', en: 'Category', required: true, options: dictOptions('material_category'), example: '1010100 救灾帐篷', note: ['GB/T 38565 分类：7 位代码或名称，见“可选值”表', 'GB/T 38565 category: 7-digit code or name, see the allowed-values sheet'], width: 22 },
    { key: 'name', zh: '物资名称', en: 'Material', required: true, example: '示例救灾帐篷', width: 22 },
    { key: 'spec', zh: '规格', en: 'Spec', example: '12 ㎡' },
    { key: 'unit', zh: '单位', en: 'Unit', required: true, example: '顶' },
    { key: 'shelfLifeDays', zh: '保质期（天）', en: 'Shelf life (days)', type: 'integer' }, note,
  ],
  toBody: async (row, rc) => ({ ...row, categoryCode: (await dictCodes(rc, 'categoryCode', 'material_category', row.categoryCode))?.[0] }) as MaterialCreate,
  create: createMaterial,
};

type Receipt = Static<typeof ReceiveSchema>;
export const stockImport: ImportSpec<Receipt> = {
  kind: 'stock', name: '物资入库', nameEn: 'Stock receipts', entityType: 'stock_batch', schema: ReceiveSchema, scopeColumn: 'warehouseId',
  columns: [
    { key: 'warehouseId', zh: '仓库', en: 'Warehouse', required: true, example: '鄯善县应急物资储备库', note: ['仓库名称（须在您的数据范围内）', 'Warehouse name (within your data scope)'], width: 26,
      options: warehouseOptions, openList: true },
    { key: 'materialId', zh: '物资', en: 'Material', required: true, example: '棉被', note: ['物资目录中的名称；同名多规格时填写“规格”列', 'Name in the material catalogue; fill in the spec when the name has several'], width: 20,
      options: async (ctx) => (await ctx.db.query<{ name: string }>('SELECT DISTINCT name FROM material ORDER BY name')).rows.map((r) => r.name), openList: true },
    { key: 'spec', zh: '规格', en: 'Spec', fields: [] },
    { key: 'batchNo', zh: '批次号', en: 'Batch', required: true, example: 'SL-2025-001' },
    { key: 'quantity', zh: '数量', en: 'Quantity', required: true, type: 'number', example: 100 },
    { key: 'productionDate', zh: '生产日期', en: 'Produced', type: 'date', example: '2025-01-01' },
    { key: 'expiryDate', zh: '有效期至', en: 'Expires', type: 'date' },
    { key: 'reserveMode', zh: '储备方式', en: 'Reserve mode', type: 'enum', labels: RESERVE_MODE_LABELS, note: ['不填为“实物储备”', 'Empty means physical'] },
    { key: 'docNo', zh: '入库单号', en: 'Document no.', required: true, example: 'RK-2025-0001', width: 20,
      note: ['4–40 位字母、数字、- 或 _；同一单号可有多行。导入必须填写：已入账的单号会被拒绝，同一文件不会重复入库', '4–40 letters, digits, - or _; rows may share one. Required for imports: a number already booked is refused, so the same file cannot be booked twice'] },
    { key: 'reason', zh: '事由', en: 'Reason', width: 24 },
  ],
  toBody: async ({ spec, ...row }, rc) => ({
    ...row, warehouseId: await warehouseId(rc, row.warehouseId), materialId: await materialId(rc, row.materialId, spec),
  }) as Receipt,
  // Re-importing the same receipts would double the stock: the document number is required, and one
  // already booked into the same warehouse is refused (numbers of other warehouses are not disclosed).
  duplicate: {
    columns: ['docNo'],
    exists: async (ctx, b) => (await ctx.db.query('SELECT 1 FROM stock_movement WHERE doc_no = $1 AND warehouse_id = $2::uuid LIMIT 1', [b.docNo ?? '', b.warehouseId])).rows.length > 0,
  },
  create: receiveStock,
};

/** Every resource ledger that can be imported, in menu order. */
export const shelterImport: ImportSpec<ShelterCreate> = {
  kind: 'shelters', name: '应急避难场所', nameEn: 'Shelters', entityType: 'shelter', schema: ShelterCreateSchema,
  columns: [
    { key: 'name', zh: '场所名称', en: 'Shelter', required: true, example: '鄯善镇示例广场避难场所', width: 28 },
    { key: 'kind', zh: '类别', en: 'Class', required: true, type: 'enum', labels: SHELTER_KIND_LABELS, example: '固定避难场所' },
    { key: 'space', zh: '空间类型', en: 'Space', type: 'enum', labels: SHELTER_SPACE_LABELS, note: ['不填为“室外”', 'Empty means outdoor'] },
    region('鄯善镇'), org(),
    { key: 'address', zh: '地址', en: 'Address', width: 30 },
    ...lngLat('location'),
    { key: 'areaM2', zh: '有效面积（㎡）', en: 'Effective area (m²)', type: 'number', example: 3000 },
    { key: 'capacity', zh: '容量（人）', en: 'Capacity', required: true, type: 'integer', example: 1000 },
    { key: 'facilities', zh: '设施', en: 'Facilities', type: 'list', example: '供水、供电、厕所', width: 26,
      note: [`可选：${Object.values(SHELTER_FACILITY_LABELS).map((p) => p[0]).join('、')}，多个用顿号分隔`, `Any of ${Object.values(SHELTER_FACILITY_LABELS).map((p) => p[1]).join(', ')}, separated by commas`] },
    { key: 'managerName', zh: '管理员', en: 'Manager' }, phone('managerPhone', '管理员电话', 'Manager phone', '13700000000'), note,
  ],
  toBody: async ({ lng, lat, ...row }, rc) => ({
    ...row, regionCode: await regionCode(rc, row.regionCode), orgId: await orgId(rc, row.orgId), location: point(rc, lng, lat),
    // Facilities by code, Chinese or English name; anything else is left for the schema to reject.
    facilities: Array.isArray(row.facilities)
      ? row.facilities.map((f) => Object.entries(SHELTER_FACILITY_LABELS).find(([code, names]) => [code, ...names].some((n) => n.toLowerCase() === String(f).toLowerCase()))?.[0] ?? String(f))
      : undefined,
  }) as ShelterCreate,
  duplicate: { columns: ['name', 'regionCode'], key: (b) => `${b.regionCode}|${b.name}`, exists: (ctx, b) => existsAt(ctx, b, 'SELECT 1 FROM shelter WHERE region_code = $1 AND name = $2', [b.regionCode, b.name]) },
  create: createShelter,
};

export const RESOURCE_IMPORTS: ImportSpec[] = [teamImport, expertImport, equipmentImport, warehouseImport, materialImport, stockImport, shelterImport];

// ---- lookups (memoised per import through rc.once) -------------------------------------------

const str = (v: ImportRow[string]) => (v === undefined ? undefined : String(v).trim());

/** A duplicate is only reported where the actor may write; elsewhere create refuses the row for scope. */
async function existsAt(ctx: ServiceCtx, b: { regionCode: string; orgId?: string | null }, sql: string, params: unknown[]): Promise<boolean> {
  if (!canWriteAt(ctx.actor.scope, b.regionCode, b.orgId ?? null)) return false;
  return (await ctx.db.query(sql, params)).rows.length > 0;
}

function dictOptions(dict: string): (ctx: ServiceCtx) => Promise<string[]> {
  return async (ctx) => {
    const { rows } = await ctx.db.query<{ code: string; name: string; name_en: string | null }>('SELECT code, name, name_en FROM dict_item WHERE dict = $1 ORDER BY sort, code', [dict]);
    return rows.map((r) => `${r.code} ${ctx.locale === 'en-US' ? r.name_en ?? r.name : r.name}`);
  };
}

/** Dictionary codes from codes, names or “code name” (as listed in the template). */
async function dictCodes(rc: ImportRowCtx, key: string, dict: string, v: ImportRow[string]): Promise<string[] | undefined> {
  if (v === undefined) return undefined;
  const index = await rc.once(`dict:${dict}`, async () => {
    const { rows } = await rc.ctx.db.query<{ code: string; name: string; name_en: string | null }>('SELECT code, name, name_en FROM dict_item WHERE dict = $1', [dict]);
    const m = new Map<string, string>();
    for (const r of rows) for (const k of [r.name, r.name_en, `${r.code} ${r.name}`, r.code]) if (k) m.set(k.toLowerCase(), r.code);
    return m;
  });
  const values = Array.isArray(v) ? v : [String(v)];
  const codes = values.map((x) => index.get(x.trim().toLowerCase()) ?? index.get(x.trim().split(/\s+/)[0]!.toLowerCase()));
  const unknown = values.filter((_, i) => !codes[i]);
  if (unknown.length) return rc.fail(key, rc.en ? `Unknown: ${unknown.join(', ')} (use a code or name from the allowed-values sheet)` : `未知的取值：${unknown.join('、')}（请填写“可选值”表中的代码或名称）`);
  return codes as string[];
}

interface RegionNode { code: string; name: string; parent: string | null }

/** Region by 12-digit code, name, or a “township/village” path for repeated names. */
async function regionCode(rc: ImportRowCtx, v: ImportRow[string]): Promise<string | undefined> {
  const s = str(v);
  if (!s) return undefined;
  const all = await rc.once('regions', async () => {
    const { rows } = await rc.ctx.db.query<RegionNode>('SELECT code, name, parent_code AS parent FROM region');
    return new Map(rows.map((r) => [r.code, r]));
  });
  if (/^\d{12}$/.test(s)) return all.has(s) ? s : rc.fail('regionCode', rc.en ? `No region with code ${s}` : `没有区划代码为 ${s} 的区域`);
  const path = s.split(/\s*[/／>＞]\s*/).filter(Boolean);
  const hits = [...all.values()].filter((r) => {
    let node: RegionNode | undefined = r;
    for (let i = path.length - 1; i >= 0; i--) {
      if (!node || node.name !== path[i]) return false;
      node = node.parent ? all.get(node.parent) : undefined;
    }
    return true;
  });
  if (hits.length === 1) return hits[0]!.code;
  if (!hits.length) return rc.fail('regionCode', rc.en ? `No region named “${s}”` : `未找到区域“${s}”`);
  return rc.fail('regionCode', rc.en ? `“${s}” names ${hits.length} regions: write “township/village” or the 12-digit code` : `“${s}”有 ${hits.length} 个同名区域，请写成“乡镇/村”或填写 12 位区划代码`);
}

/** Organisation (within the actor's scope) by full name, short name or unified social credit code. */
async function orgId(rc: ImportRowCtx, v: ImportRow[string]): Promise<string | undefined> {
  const s = str(v);
  if (!s) return undefined;
  const rows = await rc.once(`org:${s}`, async () => {
    const p = new Params();
    const needle = p.add(s);
    return (await rc.ctx.db.query<{ id: string }>(
      `SELECT o.id FROM org o WHERE (o.name = ${needle} OR o.short_name = ${needle} OR o.credit_code = upper(${needle})) AND ${scopeCondition(rc.ctx.actor.scope, orgsResource.scope, p)}`, p.values)).rows;
  });
  if (rows.length === 1) return rows[0]!.id;
  return rc.fail('orgId', rows.length
    ? (rc.en ? `“${s}” matches several organisations: use the credit code` : `“${s}”对应多个单位，请填写统一社会信用代码`)
    : (rc.en ? `No organisation “${s}” within your data scope` : `未找到单位“${s}”（或不在您的数据范围内）`));
}

/** Names of the warehouses the actor may write to, for the template's drop-down. */
async function warehouseOptions(ctx: ServiceCtx): Promise<string[]> {
  const p = new Params();
  const { rows } = await ctx.db.query<{ name: string; region_code: string; org_id: string | null }>(
    `SELECT w.name, w.region_code, w.org_id FROM warehouse w WHERE ${scopeCondition(ctx.actor.scope, WAREHOUSE_SCOPE, p)} ORDER BY w.level, w.name`, p.values);
  return rows.filter((w) => canWriteAt(ctx.actor.scope, w.region_code, w.org_id)).map((w) => w.name);
}

/** Warehouse the actor can see, by name (or id). */
async function warehouseId(rc: ImportRowCtx, v: ImportRow[string]): Promise<string | undefined> {
  const s = str(v);
  if (!s) return undefined;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s)) return s;
  const rows = await rc.once(`warehouse:${s}`, async () => {
    const p = new Params();
    return (await rc.ctx.db.query<{ id: string }>(`SELECT w.id FROM warehouse w WHERE w.name = ${p.add(s)} AND ${scopeCondition(rc.ctx.actor.scope, WAREHOUSE_SCOPE, p)}`, p.values)).rows;
  });
  if (rows.length === 1) return rows[0]!.id;
  return rc.fail('warehouseId', rows.length
    ? (rc.en ? `Several warehouses are named “${s}”` : `有多个名为“${s}”的仓库`)
    : (rc.en ? `No warehouse “${s}” within your data scope` : `未找到仓库“${s}”（或不在您的数据范围内）`));
}

/** Catalogue material by name, narrowed by spec when the name has several. */
async function materialId(rc: ImportRowCtx, v: ImportRow[string], specV: ImportRow[string]): Promise<string | undefined> {
  const s = str(v);
  if (!s) return undefined;
  const spec = str(specV);
  const all = await rc.once(`material:${s}`, async () =>
    (await rc.ctx.db.query<{ id: string; spec: string | null }>('SELECT id, spec FROM material WHERE name = $1 ORDER BY spec', [s])).rows);
  const rows = spec ? all.filter((m) => m.spec === spec) : all;
  if (rows.length === 1) return rows[0]!.id;
  if (!all.length) return rc.fail('materialId', rc.en ? `“${s}” is not in the material catalogue` : `物资目录中没有“${s}”`);
  if (!rows.length) return rc.fail('materialId', rc.en ? `“${s}” has no spec “${spec}” (specs: ${all.map((m) => m.spec ?? '—').join(', ')})` : `“${s}”没有规格“${spec}”（现有规格：${all.map((m) => m.spec ?? '无').join('、')}）`);
  return rc.fail('materialId', rc.en ? `“${s}” has several specs (${all.map((m) => m.spec ?? '—').join(', ')}): fill in the spec` : `“${s}”有多个规格（${all.map((m) => m.spec ?? '无').join('、')}），请填写“规格”列`);
}

/** A WGS-84 point from the two columns; both or neither. */
function point(rc: ImportRowCtx, lng: ImportRow[string], lat: ImportRow[string]): GeoPoint | undefined {
  if (lng === undefined && lat === undefined) return undefined;
  if (typeof lng !== 'number' || typeof lat !== 'number') return rc.fail(lng === undefined ? 'lng' : 'lat', rc.en ? 'Enter both longitude and latitude' : '经度和纬度须同时填写');
  return { type: 'Point', coordinates: [lng, lat] };
}
