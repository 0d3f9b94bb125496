import { Type, type Static } from 'typebox';
import { canWriteAt } from '../../platform/actor.ts';
import { diff, write, type ServiceCtx } from '../../platform/context.ts';
import { AppError, invalidState, notFound, outOfScope, validationFailed } from '../../platform/errors.ts';
import { asGeoJson, GeoPointSchema, withinMetresSql, optionalPointSql } from '../../platform/geo.ts';
import { getResource, Params, scopeCondition, type ResourceDef } from '../../platform/query.ts';
import { isoTime, nullable } from '../../platform/values.ts';
import { SHARED_AT_ROOT } from './teams.ts';
import { pickLabel } from '../../platform/i18n.ts';

// Shelters (应急避难场所). Classes follow GB 51143-2015 §4.1.1: 紧急 (minutes to hours, nearby),
// 固定 (days to weeks), 中心 (command, medical and supply hub). Occupancy is live: every check-in and
// check-out is a shelter_log row written with the new figure in one transaction under a row lock.

export const SHELTER_KINDS = ['emergency', 'fixed', 'central'] as const;
export const SHELTER_KIND_LABELS: Record<string, [string, string]> = {
  emergency: ['紧急避难场所', 'Emergency shelter'], fixed: ['固定避难场所', 'Fixed shelter'], central: ['中心避难场所', 'Central shelter'],
};
export const SHELTER_SPACES = ['indoor', 'outdoor', 'mixed'] as const;
export const SHELTER_SPACE_LABELS: Record<string, [string, string]> = { indoor: ['室内', 'Indoor'], outdoor: ['室外', 'Outdoor'], mixed: ['室内外', 'Indoor and outdoor'] };
export const SHELTER_FACILITIES = ['water', 'power', 'toilet', 'medical', 'kitchen', 'broadcast', 'fire', 'storage'] as const;
export const SHELTER_FACILITY_LABELS: Record<string, [string, string]> = {
  water: ['供水', 'Water'], power: ['供电', 'Power'], toilet: ['厕所', 'Toilets'], medical: ['医疗救护', 'Medical'],
  kitchen: ['炊事', 'Kitchen'], broadcast: ['应急广播', 'Broadcast'], fire: ['消防', 'Fire fighting'], storage: ['物资储备', 'Supplies store'],
};
export const SHELTER_STATUS_LABELS: Record<string, [string, string]> = { open: ['开放', 'Open'], closed: ['关闭', 'Closed'] };
const LOG_KINDS = ['open', 'close', 'check_in', 'check_out'] as const;
export const SHELTER_LOG_LABELS: Record<string, [string, string]> = {
  open: ['开放', 'Opened'], close: ['关闭', 'Closed'], check_in: ['入住', 'Check-in'], check_out: ['离开', 'Check-out'],
};

export const ShelterSchema = Type.Object({
  id: Type.String({ format: 'uuid' }), name: Type.String(), kind: Type.String({ enum: [...SHELTER_KINDS] }),
  space: Type.String({ enum: [...SHELTER_SPACES] }), regionCode: Type.String(), regionName: Type.String(),
  orgId: nullable(Type.String()), orgName: nullable(Type.String()), address: nullable(Type.String()), location: nullable(GeoPointSchema),
  areaM2: nullable(Type.Number()), capacity: Type.Integer(), facilities: Type.Array(Type.String()),
  managerName: nullable(Type.String()), managerPhone: nullable(Type.String()), managerUserId: nullable(Type.String()),
  status: Type.String({ enum: ['open', 'closed'] }), statusChangedAt: Type.String({ format: 'date-time' }),
  occupancy: Type.Integer(), free: Type.Integer({ description: '剩余可安置人数（超容时为 0）' }),
  perCapitaM2: nullable(Type.Number({ description: '人均有效避难面积（㎡/人，按容量计）' })),
  note: nullable(Type.String()), isDemo: Type.Boolean(), createdAt: Type.String({ format: 'date-time' }), updatedAt: Type.String({ format: 'date-time' }),
});
export type Shelter = Static<typeof ShelterSchema>;

export const ShelterCreateSchema = Type.Object({
  name: Type.String({ minLength: 2, maxLength: 100 }),
  kind: Type.String({ enum: [...SHELTER_KINDS] }),
  space: Type.Optional(Type.String({ enum: [...SHELTER_SPACES] })),
  regionCode: Type.String({ pattern: '^[0-9]{12}$' }),
  orgId: Type.Optional(nullable(Type.String({ format: 'uuid' }))),
  address: Type.Optional(nullable(Type.String({ maxLength: 200 }))),
  location: Type.Optional(nullable(GeoPointSchema)),
  areaM2: Type.Optional(nullable(Type.Number({ minimum: 0, maximum: 1e8 }))),
  capacity: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  facilities: Type.Optional(Type.Array(Type.String({ enum: [...SHELTER_FACILITIES] }), { uniqueItems: true })),
  managerName: Type.Optional(nullable(Type.String({ maxLength: 30 }))),
  managerPhone: Type.Optional(nullable(Type.String({ pattern: '^[0-9+\\- ]{5,20}$' }))),
  managerUserId: Type.Optional(nullable(Type.String({ format: 'uuid' }))),
  note: Type.Optional(nullable(Type.String({ maxLength: 1000 }))),
}, { additionalProperties: false });
export type ShelterCreate = Static<typeof ShelterCreateSchema>;
export const ShelterUpdateSchema = Type.Partial(ShelterCreateSchema, { additionalProperties: false });
export type ShelterUpdate = Static<typeof ShelterUpdateSchema>;

export const OccupancySchema = Type.Object({
  count: Type.Integer({ minimum: 1, maximum: 100_000, description: '人数' }),
  reason: Type.Optional(Type.String({ maxLength: 200, description: '说明（超容安置时必填）' })),
  override: Type.Optional(Type.Boolean({ description: '确认超出容量安置（记入审计）' })),
}, { additionalProperties: false });
export type Occupancy = Static<typeof OccupancySchema>;
export const ShelterStatusSchema = Type.Object({
  status: Type.String({ enum: ['open', 'closed'] }),
  reason: Type.Optional(Type.String({ maxLength: 200 })),
}, { additionalProperties: false });

export const ShelterLogSchema = Type.Object({
  id: Type.Integer(), kind: Type.String({ enum: [...LOG_KINDS] }), count: Type.Integer(), occupancyAfter: Type.Integer(), capacity: Type.Integer(),
  override: Type.Boolean(), reason: nullable(Type.String()), actorName: nullable(Type.String()), at: Type.String({ format: 'date-time' }),
});
export type ShelterLog = Static<typeof ShelterLogSchema>;

export const SHELTER_SCOPE = { region: 's.region_code', org: 's.org_id', sharedWhen: SHARED_AT_ROOT('s.region_code') };
const SHELTER_FROM = 'shelter s JOIN region r ON r.code = s.region_code LEFT JOIN org o ON o.id = s.org_id';
const SHELTER_SELECT = `s.id, s.name, s.kind, s.space, s.region_code AS "regionCode", r.name AS "regionName", s.org_id AS "orgId", o.name AS "orgName",
  s.address, ${asGeoJson('s.location')} AS location, s.area_m2 AS "areaM2", s.capacity, s.facilities,
  s.manager_name AS "managerName", s.manager_phone AS "managerPhone", s.manager_user_id AS "managerUserId",
  s.status, s.status_changed_at AS "statusChangedAt", s.occupancy, GREATEST(s.capacity - s.occupancy, 0) AS free,
  CASE WHEN s.capacity > 0 AND s.area_m2 IS NOT NULL THEN round(s.area_m2 / s.capacity, 2) END AS "perCapitaM2",
  s.note, s.is_demo AS "isDemo", s.created_at AS "createdAt", s.updated_at AS "updatedAt"`;
const toShelter = (r: Record<string, unknown>): Shelter => ({
  ...r, perCapitaM2: r.perCapitaM2 === null ? null : Number(r.perCapitaM2), areaM2: r.areaM2 === null ? null : Number(r.areaM2),
  statusChangedAt: isoTime(r.statusChangedAt), createdAt: isoTime(r.createdAt), updatedAt: isoTime(r.updatedAt),
}) as Shelter;

export const sheltersResource: ResourceDef<Shelter> = {
  name: 'shelters',
  from: SHELTER_FROM,
  select: SHELTER_SELECT,
  idColumn: 's.id',
  scope: SHELTER_SCOPE,
  filters: {
    kind: { sql: 's.kind', op: 'eq', enum: SHELTER_KINDS, description: '场所类别' },
    status: { sql: 's.status', op: 'eq', enum: ['open', 'closed'], description: '开放状态' },
    regionCode: { sql: 's.region_code', op: 'eq', description: '所属区域' },
  },
  sorts: { name: 's.name', capacity: 's.capacity', occupancy: 's.occupancy', kind: 's.kind', updatedAt: 's.updated_at' },
  defaultSort: 'kind,name',
  search: ['s.name', 's.address', 's.manager_name'],
  columns: [
    { key: 'name', zh: '场所名称', en: 'Shelter', width: 30 },
    { key: 'kind', zh: '类别', en: 'Class', format: (v, _r, l) => pickLabel(SHELTER_KIND_LABELS, v, l) },
    { key: 'space', zh: '空间类型', en: 'Space', format: (v, _r, l) => pickLabel(SHELTER_SPACE_LABELS, v, l) },
    { key: 'regionName', zh: '所属区域', en: 'Region' },
    { key: 'address', zh: '地址', en: 'Address', width: 36 },
    { key: 'areaM2', zh: '有效面积（㎡）', en: 'Effective area (m²)' },
    { key: 'capacity', zh: '容量（人）', en: 'Capacity' },
    { key: 'occupancy', zh: '当前安置（人）', en: 'Occupancy' },
    { key: 'status', zh: '状态', en: 'Status', format: (v, _r, l) => pickLabel(SHELTER_STATUS_LABELS, v, l) },
    { key: 'facilities', zh: '设施', en: 'Facilities', width: 30, format: (v, _r, l) => (v as string[]).map((f) => pickLabel(SHELTER_FACILITY_LABELS, f, l)).join(l === 'en-US' ? ', ' : '、') },
    { key: 'managerName', zh: '管理员', en: 'Manager' },
    { key: 'managerPhone', zh: '管理员电话', en: 'Manager phone' },
    { key: 'location', zh: '坐标', en: 'Coordinates', format: (v) => (v ? (v as { coordinates: number[] }).coordinates.join(',') : null) },
  ],
  map: toShelter,
};

export async function getShelter(ctx: ServiceCtx, id: string): Promise<Shelter> {
  const s = await getResource(ctx.db, ctx.actor, sheltersResource, id);
  if (!s) throw notFound();
  return s;
}

const LOC = optionalPointSql('$8', '$9');
function values(s: ShelterCreate): unknown[] {
  return [s.name, s.kind, s.space ?? 'outdoor', s.regionCode, s.orgId ?? null, s.address ?? null, s.areaM2 ?? null,
    s.location?.coordinates[0] ?? null, s.location?.coordinates[1] ?? null, s.capacity, s.facilities ?? [],
    s.managerName ?? null, s.managerPhone ?? null, s.managerUserId ?? null, s.note ?? null];
}

export async function createShelter(ctx: ServiceCtx, input: ShelterCreate): Promise<Shelter> {
  if (!canWriteAt(ctx.actor.scope, input.regionCode, input.orgId ?? null)) throw outOfScope(input.regionCode);
  const id = await write(ctx, async (tx, audit) => {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO shelter (name, kind, space, region_code, org_id, address, area_m2, location, capacity, facilities, manager_name, manager_phone, manager_user_id, note)
       VALUES ($1,$2,$3,$4,$5,$6,$7, ${LOC}, $10,$11,$12,$13,$14,$15) RETURNING id`, values(input));
    await audit({ action: 'create', entityType: 'shelter', entityId: rows[0]!.id, regionCode: input.regionCode, orgId: input.orgId ?? null, summary: `新建避难场所 ${input.name}`, after: input });
    return rows[0]!.id;
  });
  return getShelter(ctx, id);
}

const lockShelter = async (ctx: ServiceCtx, tx: ServiceCtx['db'], id: string) => {
  await tx.query('SELECT 1 FROM shelter WHERE id = $1::uuid FOR UPDATE', [id]);
  return getShelter({ ...ctx, db: tx }, id);
};

export async function updateShelter(ctx: ServiceCtx, id: string, input: ShelterUpdate): Promise<Shelter> {
  await write(ctx, async (tx, audit) => {
    const b = await lockShelter(ctx, tx, id);
    if (!canWriteAt(ctx.actor.scope, b.regionCode, b.orgId)) throw outOfScope(b.name);
    const prev: ShelterCreate = { name: b.name, kind: b.kind, space: b.space, regionCode: b.regionCode, orgId: b.orgId, address: b.address, location: b.location,
      areaM2: b.areaM2, capacity: b.capacity, facilities: b.facilities, managerName: b.managerName, managerPhone: b.managerPhone, managerUserId: b.managerUserId, note: b.note };
    const next: ShelterCreate = { ...prev, ...input };
    if (!canWriteAt(ctx.actor.scope, next.regionCode, next.orgId ?? null)) throw outOfScope(next.regionCode);
    // Lowering the capacity below the people already inside would exceed it silently. (A shelter already
    // over capacity by an audited override stays editable: only a capacity cut below the people is refused.)
    if (input.capacity !== undefined && input.capacity < b.capacity && input.capacity < b.occupancy) {
      throw validationFailed([{ path: 'capacity', message: ctx.locale === 'en-US' ? `${b.occupancy} people are in the shelter now` : `容量不能低于当前安置人数 ${b.occupancy}` }]);
    }
    await tx.query(
      `UPDATE shelter SET name=$1, kind=$2, space=$3, region_code=$4, org_id=$5, address=$6, area_m2=$7, location=${LOC}, capacity=$10, facilities=$11,
         manager_name=$12, manager_phone=$13, manager_user_id=$14, note=$15, updated_at=now() WHERE id=$16`, [...values(next), id]);
    const d = diff(prev as Record<string, unknown>, next as Record<string, unknown>);
    await audit({ action: 'update', entityType: 'shelter', entityId: id, regionCode: next.regionCode, orgId: next.orgId ?? null, summary: `修改避难场所 ${next.name}`, before: d.before, after: d.after });
  });
  return getShelter(ctx, id);
}

/**
 * Who may record occupancy and open/close: the county's duty room and commanders on every shelter;
 * everyone else (including a duty account scoped below the county) only where they may write —
 * shared county shelters stay read-only to townships.
 */
function assertOperable(ctx: ServiceCtx, s: Shelter): void {
  const countyCommand = ctx.actor.scope.regionCodes === null && ctx.actor.scope.orgId === null
    && ctx.actor.roles.some((r) => ['admin', 'duty_officer', 'commander'].includes(r));
  if (!countyCommand && !canWriteAt(ctx.actor.scope, s.regionCode, s.orgId)) throw outOfScope(s.name);
}

async function log(tx: ServiceCtx['db'], ctx: ServiceCtx, id: string, kind: string, count: number, after: number, capacity: number, override: boolean, reason: string | null) {
  await tx.query(
    'INSERT INTO shelter_log (shelter_id, kind, count, occupancy_after, capacity, override, reason, actor_id, actor_name) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)',
    [id, kind, count, after, capacity, override, reason, ctx.actor.kind === 'user' ? ctx.actor.id : null, ctx.actor.displayName]);
}

export async function setShelterStatus(ctx: ServiceCtx, id: string, status: 'open' | 'closed', reason?: string): Promise<Shelter> {
  const en = ctx.locale === 'en-US';
  await write(ctx, async (tx, audit) => {
    const s = await lockShelter(ctx, tx, id);
    assertOperable(ctx, s);
    if (s.status === status) throw invalidState(en ? `the shelter is already ${status}` : `避难场所已是${SHELTER_STATUS_LABELS[status]![0]}状态`);
    if (status === 'closed' && s.occupancy > 0) throw invalidState(en ? `${s.occupancy} people are still checked in` : `仍有 ${s.occupancy} 人在场，须全部离开后才能关闭`);
    await tx.query('UPDATE shelter SET status = $2, status_changed_at = now(), updated_at = now() WHERE id = $1', [id, status]);
    await log(tx, ctx, id, status === 'open' ? 'open' : 'close', 0, s.occupancy, s.capacity, false, reason ?? null);
    await audit({ action: 'status', entityType: 'shelter', entityId: id, regionCode: s.regionCode, orgId: s.orgId,
      summary: `避难场所 ${s.name}：${SHELTER_STATUS_LABELS[status]![0]}`, before: { status: s.status }, after: { status, reason } });
  });
  return getShelter(ctx, id);
}

/**
 * Check-in (+count) or check-out (−count). The row lock serialises concurrent counts. A check-in that
 * would exceed the capacity is refused unless `override` is set with a reason; the override is kept in
 * the shelter's log and audited as its own action.
 */
export async function recordOccupancy(ctx: ServiceCtx, id: string, direction: 'in' | 'out', input: Occupancy): Promise<Shelter> {
  const en = ctx.locale === 'en-US';
  await write(ctx, async (tx, audit) => {
    const s = await lockShelter(ctx, tx, id);
    assertOperable(ctx, s);
    if (s.status !== 'open') throw invalidState(en ? 'the shelter is closed; open it first' : '避难场所未开放，请先开放');
    let after: number;
    let override = false;
    if (direction === 'in') {
      after = s.occupancy + input.count;
      if (after > s.capacity) {
        if (!input.override) {
          throw new AppError(409, 'capacity_exceeded', {
            detail: en ? `capacity ${s.capacity}, ${s.occupancy} inside, ${input.count} more would exceed it by ${after - s.capacity}; confirm an override with a reason`
              : `容量 ${s.capacity} 人，已安置 ${s.occupancy} 人，再入住 ${input.count} 人将超出 ${after - s.capacity} 人；如确需超容安置，请确认超容并填写原因`,
          });
        }
        if (!input.reason?.trim()) throw validationFailed([{ path: 'reason', message: en ? 'an override needs a reason' : '超容安置须填写原因' }]);
        override = true;
      }
    } else {
      if (input.count > s.occupancy) throw invalidState(en ? `only ${s.occupancy} people are checked in` : `当前仅安置 ${s.occupancy} 人`);
      after = s.occupancy - input.count;
    }
    await tx.query('UPDATE shelter SET occupancy = $2, updated_at = now() WHERE id = $1', [id, after]);
    await log(tx, ctx, id, direction === 'in' ? 'check_in' : 'check_out', input.count, after, s.capacity, override, input.reason ?? null);
    await audit({
      action: override ? 'capacity_override' : direction === 'in' ? 'check_in' : 'check_out', entityType: 'shelter', entityId: id, regionCode: s.regionCode, orgId: s.orgId,
      summary: override ? `避难场所 ${s.name} 超容安置：${after}/${s.capacity} 人（${input.reason}）` : `避难场所 ${s.name} ${direction === 'in' ? '入住' : '离开'} ${input.count} 人，现安置 ${after}/${s.capacity} 人`,
      before: { occupancy: s.occupancy }, after: { occupancy: after, count: input.count, override, reason: input.reason ?? null },
    });
  });
  return getShelter(ctx, id);
}

export async function shelterLog(ctx: ServiceCtx, id: string): Promise<ShelterLog[]> {
  await getShelter(ctx, id); // scope check
  const { rows } = await ctx.db.query<Record<string, unknown>>(
    `SELECT id, kind, count, occupancy_after AS "occupancyAfter", capacity, override, reason, actor_name AS "actorName", at
       FROM shelter_log WHERE shelter_id = $1 ORDER BY at DESC, id DESC LIMIT 500`, [id]);
  return rows.map((r) => ({ ...r, id: Number(r.id), at: isoTime(r.at) }) as ShelterLog);
}

// ---- Decision support: shelters with free capacity, nearest first ----

export const NearestSheltersQuerySchema = Type.Object({
  lon: Type.Number({ minimum: -180, maximum: 180, description: '经度（WGS-84）' }),
  lat: Type.Number({ minimum: -90, maximum: 90, description: '纬度（WGS-84）' }),
  k: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 5, description: '返回最近的 k 处场所' })),
  minFree: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1, description: '至少可再安置的人数' })),
  kind: Type.Optional(Type.String({ pattern: `^(${SHELTER_KINDS.join('|')})(,(${SHELTER_KINDS.join('|')}))*$`, description: '场所类别，逗号分隔' })),
  status: Type.Optional(Type.String({ enum: ['open', 'closed'], description: '只看开放或关闭的场所；缺省为全部（关闭的场所可随时开放）' })),
  radiusKm: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 2000, description: '搜索半径（公里）' })),
}, { additionalProperties: false });
export type NearestSheltersQuery = Static<typeof NearestSheltersQuerySchema>;
export const NearestShelterSchema = Type.Object({ ...ShelterSchema.properties, distanceM: Type.Number({ description: '到该点的大地距离（米）' }) });
export type NearestShelter = Shelter & { distanceM: number };

/** The k nearest shelters with at least minFree places left (true geodesic distance, KNN over the GiST index). */
export async function nearestShelters(ctx: ServiceCtx, q: NearestSheltersQuery): Promise<NearestShelter[]> {
  const params = new Params();
  const pt = `ST_SetSRID(ST_MakePoint(${params.add(q.lon)}::float8, ${params.add(q.lat)}::float8), 4326)::geography`;
  const conds = [scopeCondition(ctx.actor.scope, SHELTER_SCOPE, params), 's.location IS NOT NULL'];
  conds.push(`s.capacity - s.occupancy >= ${params.add(q.minFree ?? 1)}::int`);
  if (q.kind) conds.push(`s.kind = ANY(${params.add(q.kind.split(','))}::text[])`);
  if (q.status) conds.push(`s.status = ${params.add(q.status)}`);
  if (q.radiusKm) conds.push(...withinMetresSql('s.location::geography', pt, params.add(q.radiusKm * 1000)));
  const { rows } = await ctx.db.query<Record<string, unknown>>(
    `SELECT ${SHELTER_SELECT}, ST_Distance(s.location::geography, ${pt}) AS "distanceM"
       FROM ${SHELTER_FROM} WHERE ${conds.join(' AND ')}
      ORDER BY s.location::geography <-> ${pt} LIMIT ${params.add(q.k ?? 5)}`, params.values);
  return rows.map((r) => ({ ...toShelter(r), distanceM: Math.round(Number(r.distanceM)) }));
}
