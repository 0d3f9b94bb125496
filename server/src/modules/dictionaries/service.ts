import { Type, type Static } from 'typebox';
import { write, type ServiceCtx } from '../../platform/context.ts';
import type { ResourceDef } from '../../platform/query.ts';
import { pickLabel } from '../../platform/i18n.ts';

export const DICTS = ['event_type', 'industry', 'material_category', 'org_type', 'role', 'team_specialty'] as const;
export const DICT_LABELS: Record<string, [string, string, string]> = {
  event_type: ['突发事件类型', 'Event types', 'GB/T 35561-2017'],
  industry: ['国民经济行业分类', 'Industries', 'GB/T 4754-2017'],
  material_category: ['应急物资分类', 'Material categories', 'GB/T 38565-2020'],
  org_type: ['单位类型', 'Organisation types', ''],
  role: ['角色', 'Roles', ''],
  team_specialty: ['救援队伍专长', 'Rescue team specialties', ''],
};

export const DictItemSchema = Type.Object({
  dict: Type.String(),
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  level: Type.Integer(),
  sort: Type.Integer(),
  note: Type.Union([Type.String(), Type.Null()]),
});
export type DictItem = Static<typeof DictItemSchema>;

export const DictItemUpsertSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  nameEn: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  parentCode: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
  level: Type.Optional(Type.Integer({ minimum: 1, maximum: 9 })),
  sort: Type.Optional(Type.Integer()),
  note: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
}, { additionalProperties: false });

/** Dictionaries are national reference data: readable by every signed-in user. */
export const dictResource: ResourceDef<DictItem> = {
  name: 'dictionaries',
  from: 'dict_item d',
  select: `d.dict, d.code, d.name, d.name_en AS "nameEn", d.parent_code AS "parentCode", d.level, d.sort, d.note`,
  idColumn: "d.dict || ':' || d.code",
  scope: 'reference',
  filters: {
    dict: { sql: 'd.dict', op: 'eq', enum: DICTS, description: '字典' },
    parentCode: { sql: 'd.parent_code', op: 'eq', description: '上级代码' },
    level: { sql: 'd.level', op: 'eq', type: 'integer', description: '层级' },
  },
  sorts: { code: 'd.code', name: 'd.name', sort: 'd.sort' },
  defaultSort: 'code',
  search: ['d.code', 'd.name', 'd.name_en'],
  columns: [
    { key: 'dict', zh: '字典', en: 'Dictionary', format: (v, _r, l) => pickLabel(DICT_LABELS, v, l) },
    { key: 'code', zh: '代码', en: 'Code' },
    { key: 'name', zh: '名称', en: 'Name', width: 30 },
    { key: 'nameEn', zh: '英文名称', en: 'English name', width: 30 },
    { key: 'parentCode', zh: '上级代码', en: 'Parent' },
    { key: 'level', zh: '层级', en: 'Level' },
    { key: 'note', zh: '备注', en: 'Note', width: 30 },
  ],
};

export async function dictSummary(ctx: ServiceCtx): Promise<{ dict: string; name: string; standard: string; count: number }[]> {
  const { rows } = await ctx.db.query<{ dict: string; count: number }>('SELECT dict, count(*)::int AS count FROM dict_item GROUP BY dict ORDER BY dict');
  const en = ctx.locale === 'en-US';
  return rows.map((r) => ({ dict: r.dict, name: DICT_LABELS[r.dict]?.[en ? 1 : 0] ?? r.dict, standard: DICT_LABELS[r.dict]?.[2] ?? '', count: r.count }));
}

export async function upsertDictItem(ctx: ServiceCtx, dict: string, code: string, input: Static<typeof DictItemUpsertSchema>): Promise<DictItem> {
  return write(ctx, async (tx, audit) => {
    const { rows: prev } = await tx.query<DictItem>(`SELECT ${dictResource.select} FROM dict_item d WHERE dict = $1 AND code = $2`, [dict, code]);
    const { rows } = await tx.query<DictItem>(
      `INSERT INTO dict_item AS d (dict, code, name, name_en, parent_code, level, sort, note) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
       ON CONFLICT (dict, code) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, parent_code = EXCLUDED.parent_code,
         level = EXCLUDED.level, sort = EXCLUDED.sort, note = EXCLUDED.note
       RETURNING ${dictResource.select}`,
      [dict, code, input.name, input.nameEn ?? null, input.parentCode ?? null, input.level ?? 1, input.sort ?? 0, input.note ?? null]);
    await audit({ action: prev[0] ? 'update' : 'create', entityType: 'dict_item', entityId: `${dict}:${code}`, summary: `字典 ${dict} ${code} ${input.name}`, before: prev[0], after: rows[0] });
    return rows[0]!;
  });
}
