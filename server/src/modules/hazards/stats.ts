import { Type, type Static } from 'typebox';
import type { ServiceCtx } from '../../platform/context.ts';
import { validationFailed } from '../../platform/errors.ts';
import { Params, scopeCondition } from '../../platform/query.ts';
import { nullable } from '../../platform/values.ts';
import { GRADE_LABELS, hazardsResource, OVERDUE_SQL, SOURCE_LABELS, STATUS_LABEL_PAIRS } from './hazards.ts';
import { HAZARD_STATUSES } from './rules.ts';

// Hazard statistics (统计分析): found, closed, closure rate, open, overdue and average days to close,
// by one dimension or two (e.g. 乡镇 × 状态), in the actor's scope.
//
// Two ways to the same figures:
//  - the tally (hazard_tally, migration 0011), kept by triggers in the transaction of every hazard
//    write: a few thousand rows instead of every hazard. Used for whole months (fromMonth/toMonth)
//    or no range, for every scope but an enterprise's own and every dimension but the enterprise
//    (the tally does not key enterprises). Overdue
//    comes from the deadline day: every day before today is overdue; hazards due today are read
//    live from the hazard table (a range of its partial deadline index).
//  - a scan of hazard itself, for an enterprise account and for ranges to the second (from/to).
// stats.test.ts checks that both give the same figures.

// enterprise: the responsible unit, for assessments (overdue per unit); read from the hazard table.
export const STATS_DIMENSIONS = ['industry', 'region', 'grade', 'status', 'source', 'month', 'enterprise'] as const;
type Dimension = (typeof STATS_DIMENSIONS)[number];
const MONTH = '^\\d{4}-(0[1-9]|1[0-2])$';

export const HazardStatsQuerySchema = Type.Object({
  by: Type.String({ enum: [...STATS_DIMENSIONS], description: '统计维度' }),
  then: Type.Optional(Type.String({ enum: [...STATS_DIMENSIONS], description: '第二维度（交叉统计，如 by=region&then=status 为乡镇 × 状态）' })),
  fromMonth: Type.Optional(Type.String({ pattern: MONTH, description: '发现月份起（YYYY-MM，含）' })),
  toMonth: Type.Optional(Type.String({ pattern: MONTH, description: '发现月份止（YYYY-MM，含）' })),
  from: Type.Optional(Type.String({ format: 'date-time', description: '发现时间起（精确到秒；按月统计请用 fromMonth）' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: '发现时间止（精确到秒）' })),
}, { additionalProperties: false });
export type HazardStatsQuery = Static<typeof HazardStatsQuerySchema>;

export const HazardStatsRowSchema = Type.Object({
  key: Type.String(), name: Type.String(),
  key2: Type.Optional(Type.String({ description: '第二维度取值（仅 then 时）' })), name2: Type.Optional(Type.String()),
  found: Type.Integer(), closed: Type.Integer(), closureRate: Type.Number({ description: '销号率 = 已销号 / 发现' }),
  open: Type.Integer(), overdue: Type.Integer(), avgCloseDays: nullable(Type.Number({ description: '平均销号用时（天）' })),
});
export type HazardStatsRow = Static<typeof HazardStatsRowSchema>;

/** The columns a dimension reads, in the tally (t) or in the hazard table (h joined to its enterprise o). */
interface Source { region: string; codes: string; grade: string; status: string; source: string; month: string; enterprise: string }
const TALLY: Source = { region: 't.region_code', codes: 't.industry_codes', grade: 't.grade', status: 't.status', source: 't.source', month: "to_char(t.found_month, 'YYYY-MM')", enterprise: 'NULL' };
const RAW: Source = { region: 'h.region_code', codes: 'o.industry_codes', grade: 'h.grade', status: 'h.status', source: 'h.source', month: "to_char(h.found_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')", enterprise: 'h.org_id::text' };

/** The raw grouping value of a dimension (few distinct values, so grouping is one pass). */
function rawOf(d: Dimension, s: Source): string {
  switch (d) {
    case 'industry': return `(SELECT c FROM unnest(${s.codes}) c WHERE c ~ '^[A-T]$' LIMIT 1)`; // GB/T 4754 section
    case 'region': return s.region;
    case 'month': return s.month;
    default: return s[d];
  }
}

/** How the raw value becomes the row's key and name (i = 1 or 2, for the join aliases). */
function present(d: Dimension, i: number, en: boolean): { key: string; name: string; join: string; order?: string } {
  const raw = `a.raw${i}`;
  const caseLabel = (m: Record<string, [string, string]>) => `CASE ${raw} ${Object.entries(m).map(([k, v]) => `WHEN '${k}' THEN '${v[en ? 1 : 0]}'`).join(' ')} ELSE ${raw} END`;
  switch (d) {
    case 'industry':
      return { key: `coalesce(${raw}, '—')`, name: `coalesce(ind${i}.name, '${en ? 'no enterprise / unclassified' : '无企业或未分类'}')`,
        join: `LEFT JOIN dict_item ind${i} ON ind${i}.dict = 'industry' AND ind${i}.code = ${raw}` };
    case 'region':
      // The township (the child of the top region) a hazard's region lies in; a hazard at the top
      // region itself counts under that region (县本级).
      return { key: `coalesce(tw${i}.code, hr${i}.code)`, name: `coalesce(tw${i}.name, hr${i}.name)`,
        join: `JOIN region hr${i} ON hr${i}.code = ${raw}
               LEFT JOIN region tw${i} ON tw${i}.parent_code IN (SELECT code FROM region WHERE parent_code IS NULL) AND hr${i}.path LIKE tw${i}.path || '%'` };
    case 'grade': return { key: raw, name: caseLabel(GRADE_LABELS), join: '' };
    case 'status': // in the order of the closed loop, not of the alphabet
      return { key: raw, name: caseLabel(STATUS_LABEL_PAIRS), join: '',
        order: `array_position(ARRAY[${HAZARD_STATUSES.map((x) => `'${x}'`).join(',')}], ${raw})` };
    case 'source': return { key: raw, name: caseLabel(SOURCE_LABELS), join: '' };
    case 'month': return { key: raw, name: raw, join: '' };
    case 'enterprise': // the units with most overdue, then most found, first
      return { key: `coalesce(${raw}, '—')`, name: `coalesce(eo${i}.name, '${en ? 'no enterprise' : '无企业'}')`,
        join: `LEFT JOIN org eo${i} ON eo${i}.id::text = ${raw}`, order: 'sum(a.overdue) DESC, sum(a.found) DESC, 2' };
  }
}

/** Month range conditions: on the tally's month, or on finding time in China (UTC+8, no DST). */
const monthStart = (p: string) => `(${p}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`;
const nextMonthStart = (p: string) => `((${p}::date + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai')`;
const TODAY = "(now() AT TIME ZONE 'Asia/Shanghai')::date";
const TODAY_START = "(date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai')";

export async function hazardStats(ctx: ServiceCtx, q: HazardStatsQuery): Promise<HazardStatsRow[]> {
  const en = ctx.locale === 'en-US';
  const dims = [q.by as Dimension, ...(q.then ? [q.then as Dimension] : [])];
  if (dims[1] === dims[0]) throw validationFailed([{ path: 'then', message: en ? 'choose a second dimension different from the first' : '第二维度须与第一维度不同' }]);
  if (q.fromMonth && q.toMonth && q.fromMonth > q.toMonth) throw validationFailed([{ path: 'toMonth', message: en ? 'ends before it starts' : '止月早于起月' }]);
  const params = new Params();
  const fromM = q.fromMonth ? params.add(`${q.fromMonth}-01`) : null;
  const toM = q.toMonth ? params.add(`${q.toMonth}-01`) : null;
  const hazardScope = hazardsResource.scope as Exclude<typeof hazardsResource.scope, 'reference'>;
  // The hazard table's own conditions (raw scan and the live "due today" part).
  const rawConds = (): string[] => {
    const c = [scopeCondition(ctx.actor.scope, hazardScope, params)];
    if (fromM) c.push(`h.found_at >= ${monthStart(fromM)}`);
    if (toM) c.push(`h.found_at < ${nextMonthStart(toM)}`);
    if (q.from) c.push(`h.found_at >= ${params.add(q.from)}::timestamptz`);
    if (q.to) c.push(`h.found_at <= ${params.add(q.to)}::timestamptz`);
    return c;
  };
  const raws = (s: Source) => [0, 1].map((i) => (dims[i] ? `${rawOf(dims[i], s)} AS raw${i + 1}` : `NULL::text AS raw${i + 1}`)).join(', ');
  const useTally = ctx.actor.scope.orgId === null && !q.from && !q.to && !dims.includes('enterprise');
  let counted: string;
  if (useTally) {
    const t = [scopeCondition(ctx.actor.scope, { region: 't.region_code', industry: (p) => `t.industry_codes && ${p}` }, params)];
    if (fromM) t.push(`t.found_month >= ${fromM}::date`);
    if (toM) t.push(`t.found_month <= ${toM}::date`);
    counted = `
      SELECT ${raws(TALLY)}, sum(t.n) AS found, sum(t.n) FILTER (WHERE t.status = 'closed') AS closed,
             sum(t.n) FILTER (WHERE t.deadline_day < ${TODAY}) AS overdue, sum(t.close_secs) AS close_secs
        FROM hazard_tally t WHERE ${t.join(' AND ')} GROUP BY 1, 2
      UNION ALL
      SELECT ${raws(RAW)}, 0, 0, count(*), 0
        FROM hazard h LEFT JOIN org o ON o.id = h.org_id
       WHERE ${rawConds().join(' AND ')} AND h.status IN ('pending', 'rectifying') AND h.deadline >= ${TODAY_START} AND h.deadline < now()
       GROUP BY 1, 2`;
  } else {
    counted = `
      SELECT ${raws(RAW)}, count(*) AS found, count(*) FILTER (WHERE h.status = 'closed') AS closed, count(*) FILTER (WHERE ${OVERDUE_SQL}) AS overdue,
             sum(EXTRACT(EPOCH FROM (h.closed_at - h.found_at))) FILTER (WHERE h.status = 'closed') AS close_secs
        FROM hazard h LEFT JOIN org o ON o.id = h.org_id
       WHERE ${rawConds().join(' AND ')}
       GROUP BY 1, 2`;
  }
  const p1 = present(dims[0]!, 1, en);
  const p2 = dims[1] ? present(dims[1], 2, en) : null;
  // MATERIALIZED: the counting runs once; inlined, the planner may re-run it per outer row.
  const { rows } = await ctx.db.query<Record<string, unknown>>(
    `WITH a AS MATERIALIZED (
       SELECT raw1, raw2, sum(found) AS found, sum(closed) AS closed, sum(overdue) AS overdue, sum(close_secs) AS close_secs
         FROM (${counted}) u GROUP BY 1, 2 HAVING sum(found) > 0 OR sum(overdue) > 0)
     SELECT ${p1.key} AS key, ${p1.name} AS name${p2 ? `, ${p2.key} AS key2, ${p2.name} AS name2` : ''},
            sum(a.found)::int AS found, coalesce(sum(a.closed), 0)::int AS closed, (sum(a.found) - coalesce(sum(a.closed), 0))::int AS open,
            coalesce(sum(a.overdue), 0)::int AS overdue,
            CASE WHEN sum(a.closed) > 0 THEN round((sum(a.close_secs) / sum(a.closed) / 86400)::numeric, 1)::float8 END AS "avgCloseDays"
       FROM a ${p1.join} ${p2?.join ?? ''}
      GROUP BY ${p2 ? '1, 2, 3, 4' : '1, 2'} ORDER BY ${p1.order ?? '1'}${p2 ? `, ${p2.order ?? '3'}` : ''}`, params.values);
  return rows.map((r) => ({ ...r, closureRate: Number(r.found) ? Math.round((Number(r.closed) / Number(r.found)) * 1000) / 1000 : 0 }) as HazardStatsRow);
}
