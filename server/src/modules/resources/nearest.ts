import { Type, type Static } from 'typebox';
import type { ServiceCtx } from '../../platform/context.ts';
import { withinMetresSql } from '../../platform/geo.ts';
import { Params, scopeCondition } from '../../platform/query.ts';
import { TEAM_FROM, TEAM_SCOPE, TEAM_SELECT, TEAM_STATUSES, TeamSchema, toTeam, type Team } from './teams.ts';

export const NearestTeamsQuerySchema = Type.Object({
  lon: Type.Number({ minimum: -180, maximum: 180, description: '经度（WGS-84）' }),
  lat: Type.Number({ minimum: -90, maximum: 90, description: '纬度（WGS-84）' }),
  k: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 3, description: '返回最近的 k 支队伍' })),
  specialty: Type.Optional(Type.String({ pattern: '^S[0-9]{2}(,S[0-9]{2})*$', description: '专长代码，逗号分隔（任一匹配）' })),
  status: Type.Optional(Type.String({ pattern: `^(${TEAM_STATUSES.join('|')})(,(${TEAM_STATUSES.join('|')}))*$`, description: '状态，逗号分隔；缺省为待命' })),
  radiusKm: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 2000, description: '搜索半径（公里）' })),
}, { additionalProperties: false });
export type NearestTeamsQuery = Static<typeof NearestTeamsQuerySchema>;

export const NearestTeamSchema = Type.Object({ ...TeamSchema.properties, distanceM: Type.Number({ description: '到该点的大地距离（米）' }) });
export type NearestTeam = Team & { distanceM: number };

/**
 * The k nearest teams to a point (true geodesic distance, KNN over the GiST index on the geography
 * cast), within the actor's read scope, filtered by specialty and status (default: standby only).
 */
export async function nearestTeams(ctx: ServiceCtx, q: NearestTeamsQuery): Promise<NearestTeam[]> {
  const params = new Params();
  const pt = `ST_SetSRID(ST_MakePoint(${params.add(q.lon)}::float8, ${params.add(q.lat)}::float8), 4326)::geography`;
  const conds = [scopeCondition(ctx.actor.scope, TEAM_SCOPE, params), 't.base IS NOT NULL'];
  conds.push(`t.status = ANY(${params.add((q.status ?? 'standby').split(','))}::text[])`);
  if (q.specialty) conds.push(`t.specialties && ${params.add(q.specialty.split(','))}::text[]`);
  if (q.radiusKm) conds.push(...withinMetresSql('t.base::geography', pt, params.add(q.radiusKm * 1000)));
  const { rows } = await ctx.db.query<Record<string, unknown>>(
    `SELECT ${TEAM_SELECT}, ST_Distance(t.base::geography, ${pt}) AS "distanceM"
       FROM ${TEAM_FROM} WHERE ${conds.join(' AND ')}
      ORDER BY t.base::geography <-> ${pt} LIMIT ${params.add(q.k ?? 3)}`, params.values);
  return rows.map((r) => ({ ...toTeam(r), distanceM: Math.round(Number(r.distanceM)) }));
}
