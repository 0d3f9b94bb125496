import { Type, type Static } from 'typebox';
import { canWriteAt } from '../../platform/actor.ts';
import { diff, write, type ServiceCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound, outOfScope, validationFailed } from '../../platform/errors.ts';
import { asGeoJson, GeoPointSchema, optionalPointSql } from '../../platform/geo.ts';
import { getResource, type ResourceDef } from '../../platform/query.ts';
import { isoTime, nullable } from '../../platform/values.ts';
import { pickLabel } from '../../platform/i18n.ts';

export const TEAM_CATEGORIES = ['comprehensive', 'professional', 'enterprise', 'social', 'volunteer'] as const;
export const TEAM_CATEGORY_LABELS: Record<string, [string, string]> = {
  comprehensive: ['综合性救援队伍', 'Comprehensive'], professional: ['专业救援队伍', 'Professional'],
  enterprise: ['企业专职救援队伍', 'Enterprise full-time'], social: ['社会救援力量', 'Social'], volunteer: ['志愿者队伍', 'Volunteer'],
};
export const TEAM_STATUSES = ['standby', 'deployed', 'resting'] as const;
export const TEAM_STATUS_LABELS: Record<string, [string, string]> = {
  standby: ['待命', 'Standby'], deployed: ['出动', 'Deployed'], resting: ['休整', 'Resting'],
};

/** County-level resources (placed at the root region) are visible to every township: they can be sent to it. */
export const SHARED_AT_ROOT = (col: string) => `${col} IN (SELECT code FROM region WHERE parent_code IS NULL)`;


export const TeamSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  category: Type.String({ enum: [...TEAM_CATEGORIES] }),
  specialties: Type.Array(Type.String()),
  headcount: Type.Integer(),
  memberCount: Type.Integer(),
  regionCode: Type.String(),
  regionName: Type.String(),
  orgId: Type.Union([Type.String(), Type.Null()]),
  orgName: Type.Union([Type.String(), Type.Null()]),
  leaderName: Type.Union([Type.String(), Type.Null()]),
  leaderPhone: Type.Union([Type.String(), Type.Null()]),
  dutyPhone: Type.Union([Type.String(), Type.Null()]),
  baseAddress: Type.Union([Type.String(), Type.Null()]),
  base: Type.Union([GeoPointSchema, Type.Null()]),
  status: Type.String({ enum: [...TEAM_STATUSES] }),
  statusChangedAt: Type.String({ format: 'date-time' }),
  note: Type.Union([Type.String(), Type.Null()]),
  isDemo: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Team = Static<typeof TeamSchema>;

const PHONE = Type.String({ pattern: '^[0-9+\\- ]{5,20}$' });
export const TeamCreateSchema = Type.Object({
  name: Type.String({ minLength: 2, maxLength: 100 }),
  category: Type.String({ enum: [...TEAM_CATEGORIES] }),
  specialties: Type.Array(Type.String({ pattern: '^S[0-9]{2}$' }), { minItems: 1, maxItems: 16, uniqueItems: true }),
  headcount: Type.Integer({ minimum: 0, maximum: 100000 }),
  regionCode: Type.String({ pattern: '^[0-9]{12}$' }),
  orgId: Type.Optional(nullable(Type.String({ format: 'uuid' }))),
  leaderName: Type.Optional(nullable(Type.String({ maxLength: 30 }))),
  leaderPhone: Type.Optional(nullable(PHONE)),
  dutyPhone: Type.Optional(nullable(PHONE)),
  baseAddress: Type.Optional(nullable(Type.String({ maxLength: 200 }))),
  base: Type.Optional(nullable(GeoPointSchema)),
  note: Type.Optional(nullable(Type.String({ maxLength: 1000 }))),
}, { additionalProperties: false });
export type TeamCreate = Static<typeof TeamCreateSchema>;
export const TeamUpdateSchema = Type.Partial(TeamCreateSchema, { additionalProperties: false });
export type TeamUpdate = Static<typeof TeamUpdateSchema>;
export const TeamStatusSchema = Type.Object({
  status: Type.String({ enum: [...TEAM_STATUSES] }),
  reason: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false });

export const TEAM_SELECT = `t.id, t.name, t.category, t.specialties, t.headcount,
  (SELECT count(*)::int FROM team_member m WHERE m.team_id = t.id) AS "memberCount",
  t.region_code AS "regionCode", r.name AS "regionName", t.org_id AS "orgId", o.name AS "orgName",
  t.leader_name AS "leaderName", t.leader_phone AS "leaderPhone", t.duty_phone AS "dutyPhone",
  t.base_address AS "baseAddress", ${asGeoJson('t.base')} AS base, t.status, t.status_changed_at AS "statusChangedAt",
  t.note, t.is_demo AS "isDemo", t.created_at AS "createdAt", t.updated_at AS "updatedAt"`;
export const TEAM_FROM = 'team t JOIN region r ON r.code = t.region_code LEFT JOIN org o ON o.id = t.org_id';
export const TEAM_SCOPE = { region: 't.region_code', org: 't.org_id', sharedWhen: SHARED_AT_ROOT('t.region_code') };
export const toTeam = (r: Record<string, unknown>): Team =>
  ({ ...r, statusChangedAt: isoTime(r.statusChangedAt), createdAt: isoTime(r.createdAt), updatedAt: isoTime(r.updatedAt) }) as Team;

export const teamsResource: ResourceDef<Team> = {
  name: 'teams',
  from: TEAM_FROM,
  select: TEAM_SELECT,
  idColumn: 't.id',
  scope: TEAM_SCOPE,
  filters: {
    category: { sql: 't.category', op: 'eq', enum: TEAM_CATEGORIES, description: '队伍类别' },
    status: { sql: 't.status', op: 'eq', enum: TEAM_STATUSES, description: '状态' },
    specialty: { sql: 't.specialties', op: 'contains', description: '专长（team_specialty 代码）' },
    regionCode: { sql: 't.region_code', op: 'eq', description: '所属区域（精确）' },
  },
  sorts: { name: 't.name', headcount: 't.headcount', status: 't.status', updatedAt: 't.updated_at' },
  defaultSort: 'name',
  search: ['t.name', 't.leader_name', 't.base_address'],
  columns: [
    { key: 'name', zh: '队伍名称', en: 'Team', width: 30 },
    { key: 'category', zh: '类别', en: 'Category', format: (v, _r, l) => pickLabel(TEAM_CATEGORY_LABELS, v, l) },
    { key: 'specialties', zh: '专长', en: 'Specialties' },
    { key: 'headcount', zh: '人数', en: 'Headcount' },
    { key: 'status', zh: '状态', en: 'Status', format: (v, _r, l) => pickLabel(TEAM_STATUS_LABELS, v, l) },
    { key: 'regionName', zh: '所属区域', en: 'Region' },
    { key: 'orgName', zh: '所属单位', en: 'Organisation', width: 30 },
    { key: 'leaderName', zh: '负责人', en: 'Leader' },
    { key: 'leaderPhone', zh: '负责人电话', en: 'Leader phone' },
    { key: 'dutyPhone', zh: '值班电话', en: 'Duty phone' },
    { key: 'baseAddress', zh: '驻地', en: 'Base', width: 30 },
    { key: 'base', zh: '驻地坐标', en: 'Base coordinates', format: (v) => (v ? (v as { coordinates: number[] }).coordinates.join(',') : null) },
  ],
  map: toTeam,
};

export async function getTeam(ctx: ServiceCtx, id: string): Promise<Team> {
  const t = await getResource(ctx.db, ctx.actor, teamsResource, id);
  if (!t) throw notFound();
  return t;
}

async function checkSpecialties(ctx: ServiceCtx, tx: Db, codes: string[]): Promise<void> {
  const { rows } = await tx.query<{ code: string }>("SELECT code FROM dict_item WHERE dict = 'team_specialty' AND code = ANY($1::text[])", [codes]);
  const unknown = codes.filter((c) => !rows.some((r) => r.code === c));
  if (unknown.length) throw validationFailed([{ path: 'specialties', message: ctx.locale === 'en-US' ? `unknown specialty ${unknown.join(', ')}` : `未知专长代码：${unknown.join('、')}` }]);
}

function assertWritable(ctx: ServiceCtx, regionCode: string, orgId: string | null): void {
  if (!canWriteAt(ctx.actor.scope, regionCode, orgId)) throw outOfScope(regionCode);
}

function params(input: TeamCreate): unknown[] {
  return [input.name, input.category, input.specialties, input.headcount, input.regionCode, input.orgId ?? null, input.leaderName ?? null,
    input.leaderPhone ?? null, input.dutyPhone ?? null, input.baseAddress ?? null,
    input.base?.coordinates[0] ?? null, input.base?.coordinates[1] ?? null, input.note ?? null];
}

const POINT = optionalPointSql;

export async function createTeam(ctx: ServiceCtx, input: TeamCreate): Promise<Team> {
  assertWritable(ctx, input.regionCode, input.orgId ?? null);
  const id = await write(ctx, async (tx, audit) => {
    await checkSpecialties(ctx, tx, input.specialties);
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO team (name, category, specialties, headcount, region_code, org_id, leader_name, leader_phone, duty_phone, base_address, base, note)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10, ${POINT('$11', '$12')}, $13) RETURNING id`, params(input));
    const newId = rows[0]!.id;
    await audit({ action: 'create', entityType: 'team', entityId: newId, regionCode: input.regionCode, orgId: input.orgId ?? null, summary: `新建救援队伍 ${input.name}`, after: input });
    return newId;
  });
  return getTeam(ctx, id);
}

export async function updateTeam(ctx: ServiceCtx, id: string, input: TeamUpdate): Promise<Team> {
  await write(ctx, async (tx, audit) => {
    await tx.query('SELECT 1 FROM team WHERE id = $1::uuid FOR UPDATE', [id]);
    const before = await getTeam({ ...ctx, db: tx }, id);
    assertWritable(ctx, before.regionCode, before.orgId);
    const next: TeamCreate = {
      name: input.name ?? before.name, category: input.category ?? before.category, specialties: input.specialties ?? before.specialties,
      headcount: input.headcount ?? before.headcount, regionCode: input.regionCode ?? before.regionCode,
      orgId: input.orgId === undefined ? before.orgId : input.orgId,
      leaderName: input.leaderName === undefined ? before.leaderName : input.leaderName,
      leaderPhone: input.leaderPhone === undefined ? before.leaderPhone : input.leaderPhone,
      dutyPhone: input.dutyPhone === undefined ? before.dutyPhone : input.dutyPhone,
      baseAddress: input.baseAddress === undefined ? before.baseAddress : input.baseAddress,
      base: input.base === undefined ? before.base : input.base,
      note: input.note === undefined ? before.note : input.note,
    };
    assertWritable(ctx, next.regionCode, next.orgId ?? null);
    if (input.specialties) await checkSpecialties(ctx, tx, input.specialties);
    await tx.query(
      `UPDATE team SET name=$1, category=$2, specialties=$3, headcount=$4, region_code=$5, org_id=$6, leader_name=$7, leader_phone=$8,
         duty_phone=$9, base_address=$10, base=${POINT('$11', '$12')}, note=$13, updated_at=now() WHERE id=$14`, [...params(next), id]);
    const prev = { name: before.name, category: before.category, specialties: before.specialties, headcount: before.headcount, regionCode: before.regionCode, orgId: before.orgId, leaderName: before.leaderName, leaderPhone: before.leaderPhone, dutyPhone: before.dutyPhone, baseAddress: before.baseAddress, base: before.base, note: before.note };
    const d = diff(prev as Record<string, unknown>, next as Record<string, unknown>);
    await audit({ action: 'update', entityType: 'team', entityId: id, regionCode: next.regionCode, orgId: next.orgId ?? null, summary: `修改救援队伍 ${next.name}`, before: d.before, after: d.after });
  });
  return getTeam(ctx, id);
}

/**
 * Status 待命/出动/休整, with history. The bureau's duty room and commanders may set any team's status
 * they can see; others only within their own region (or, for team contacts, their own team).
 */
export async function setTeamStatus(ctx: ServiceCtx, id: string, status: string, reason?: string): Promise<Team> {
  await write(ctx, async (tx, audit) => {
    await tx.query('SELECT 1 FROM team WHERE id = $1::uuid FOR UPDATE', [id]);
    const before = await getTeam({ ...ctx, db: tx }, id);
    const commandRole = ctx.actor.roles.some((r) => ['admin', 'duty_officer', 'commander'].includes(r));
    const ownTeam = ctx.actor.roles.includes('team_contact') && ctx.actor.orgId !== null && ctx.actor.orgId === before.orgId;
    if (!commandRole && !ownTeam && !canWriteAt(ctx.actor.scope, before.regionCode, before.orgId)) throw outOfScope(before.name);
    if (before.status === status) throw new AppError(409, 'invalid_state', { detail: ctx.locale === 'en-US' ? `already ${status}` : `队伍已是${TEAM_STATUS_LABELS[status]?.[0] ?? status}状态` });
    await tx.query('UPDATE team SET status = $2, status_changed_at = now(), updated_at = now() WHERE id = $1', [id, status]);
    await tx.query('INSERT INTO team_status_change (team_id, from_status, to_status, reason, changed_by) VALUES ($1,$2,$3,$4,$5)',
      [id, before.status, status, reason ?? null, ctx.actor.kind === 'user' ? ctx.actor.id : null]);
    await audit({ action: 'status', entityType: 'team', entityId: id, regionCode: before.regionCode, orgId: before.orgId,
      summary: `队伍 ${before.name}：${TEAM_STATUS_LABELS[before.status]?.[0]} → ${TEAM_STATUS_LABELS[status]?.[0]}`, before: { status: before.status }, after: { status, reason } });
  });
  return getTeam(ctx, id);
}

export const TeamStatusChangeSchema = Type.Object({
  fromStatus: Type.String(), toStatus: Type.String(), reason: Type.Union([Type.String(), Type.Null()]),
  changedByName: Type.Union([Type.String(), Type.Null()]), changedAt: Type.String({ format: 'date-time' }),
});

export async function teamStatusHistory(ctx: ServiceCtx, id: string): Promise<Static<typeof TeamStatusChangeSchema>[]> {
  await getTeam(ctx, id);
  const { rows } = await ctx.db.query<Record<string, unknown>>(
    `SELECT c.from_status AS "fromStatus", c.to_status AS "toStatus", c.reason, u.display_name AS "changedByName", c.changed_at AS "changedAt"
       FROM team_status_change c LEFT JOIN app_user u ON u.id = c.changed_by WHERE c.team_id = $1 ORDER BY c.changed_at DESC, c.id DESC LIMIT 200`, [id]);
  return rows.map((r) => ({ ...r, changedAt: isoTime(r.changedAt) }) as Static<typeof TeamStatusChangeSchema>);
}

export const TeamMemberSchema = Type.Object({
  id: Type.String(), name: Type.String(), position: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]), skills: Type.Union([Type.String(), Type.Null()]),
});
export const TeamMemberCreateSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 30 }),
  position: Type.Optional(nullable(Type.String({ maxLength: 30 }))),
  phone: Type.Optional(nullable(PHONE)),
  skills: Type.Optional(nullable(Type.String({ maxLength: 200 }))),
}, { additionalProperties: false });

export async function listMembers(ctx: ServiceCtx, teamId: string): Promise<Static<typeof TeamMemberSchema>[]> {
  await getTeam(ctx, teamId);
  const { rows } = await ctx.db.query<Static<typeof TeamMemberSchema>>('SELECT id, name, position, phone, skills FROM team_member WHERE team_id = $1 ORDER BY created_at, name', [teamId]);
  return rows;
}

export async function addMember(ctx: ServiceCtx, teamId: string, input: Static<typeof TeamMemberCreateSchema>): Promise<Static<typeof TeamMemberSchema>> {
  const team = await getTeam(ctx, teamId);
  assertWritable(ctx, team.regionCode, team.orgId);
  return write(ctx, async (tx, audit) => {
    const { rows } = await tx.query<Static<typeof TeamMemberSchema>>(
      'INSERT INTO team_member (team_id, name, position, phone, skills) VALUES ($1,$2,$3,$4,$5) RETURNING id, name, position, phone, skills',
      [teamId, input.name, input.position ?? null, input.phone ?? null, input.skills ?? null]);
    await audit({ action: 'create', entityType: 'team_member', entityId: rows[0]!.id, regionCode: team.regionCode, orgId: team.orgId, summary: `队伍 ${team.name} 新增队员 ${input.name}`, after: { teamId, ...input } });
    return rows[0]!;
  });
}

export async function removeMember(ctx: ServiceCtx, teamId: string, memberId: string): Promise<void> {
  const team = await getTeam(ctx, teamId);
  assertWritable(ctx, team.regionCode, team.orgId);
  await write(ctx, async (tx, audit) => {
    const { rows } = await tx.query<{ name: string }>('DELETE FROM team_member WHERE id = $1::uuid AND team_id = $2 RETURNING name', [memberId, teamId]);
    if (!rows[0]) throw notFound();
    await audit({ action: 'delete', entityType: 'team_member', entityId: memberId, regionCode: team.regionCode, orgId: team.orgId, summary: `队伍 ${team.name} 移除队员 ${rows[0].name}`, before: rows[0] });
  });
}
