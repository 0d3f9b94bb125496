import type { Actor, Scope } from './actor.ts';
import type { Db } from './db.ts';
import { validationFailed } from './errors.ts';
import type { Locale } from './i18n.ts';

/**
 * The scoped read path shared by every module: one resource definition gives list (page, filter,
 * sort, search), count, get-by-id and export, all with the actor's data scope in the WHERE clause.
 * A resource that declares no scope columns is reference data (readable by every signed-in user);
 * anything else must name how it is scoped, so a list cannot forget the scope.
 */
export interface ScopeColumns {
  /** SQL expression giving the record's region code. */
  region?: string;
  /** SQL expression giving the owning organisation id. */
  org?: string;
  /**
   * SQL builder for the industry restriction of regulators, given the parameter reference of their
   * industries (text[]). E.g. (p) => `o.industry_codes && ${p}`.
   */
  industry?: (param: string) => string;
  /**
   * Records matching this SQL condition are readable across regions (e.g. county-level teams that
   * townships may request): it widens the region restriction only, never the organisation one.
   */
  sharedWhen?: string;
}

/** `within`: a region code column, matching the given region and every region below it. */
export type FilterOp = 'eq' | 'in' | 'ilike' | 'gte' | 'lte' | 'contains' | 'prefix' | 'bool' | 'within';

export interface FilterDef {
  sql: string;
  op: FilterOp;
  /** JSON-schema type of the query parameter. */
  type?: 'string' | 'integer' | 'boolean';
  enum?: readonly string[];
  /** JSON-schema string format (e.g. 'date-time'), checked before any SQL runs. */
  format?: 'date-time' | 'date' | 'uuid';
  description?: string;
}

export interface ColumnDef {
  /** API field name. */
  key: string;
  zh: string;
  en: string;
  /** Export cell formatter; default prints the value. */
  format?: (value: unknown, row: Record<string, unknown>, locale: Locale) => string | number | Date | null;
  width?: number;
  /**
   * The cell as SQL over the resource's FROM. When every column of a resource has one, its export
   * is rendered by the database (platform/xlsx.ts sheetRowSql) — the fast path for large ledgers —
   * and `format` is not used.
   */
  sql?: CellSql;
}

export interface CellSql {
  /** The value (per locale when it depends on the language). */
  expr: string | ((locale: Locale) => string);
  /** text (default), number, or date (a timestamptz, written as an Excel date in China time). */
  kind?: 'text' | 'number' | 'date';
  /** Coded values shown by their label in the user's language. */
  labels?: Record<string, readonly [string, string]>;
}

export interface ResourceDef<T> {
  name: string;
  /** FROM clause including joins, e.g. "org o LEFT JOIN region r ON r.code = o.region_code". */
  from: string;
  /** SELECT list producing the API fields (camelCase aliases). */
  select: string;
  idColumn: string;
  scope: ScopeColumns | 'reference';
  filters: Record<string, FilterDef>;
  /** API sort key → SQL expression. */
  sorts: Record<string, string>;
  defaultSort: string;
  /** Columns searched by q (ILIKE). */
  search?: string[];
  /** Extra fixed condition (e.g. soft-delete). */
  where?: string;
  columns: ColumnDef[];
  map?: (row: Record<string, unknown>) => T;
}

export interface ListQuery {
  page?: number;
  pageSize?: number;
  sort?: string;
  q?: string;
  [filter: string]: unknown;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const MAX_PAGE_SIZE = 200;
export const EXPORT_MAX_ROWS = 100_000;
/** Streaming exports: rows per export on PostgreSQL (the embedded database keeps EXPORT_MAX_ROWS: it serves one query at a time). */
export const STREAM_EXPORT_MAX_ROWS = 2_000_000;
/** Rows per FETCH of an export cursor (the next batch is fetched while one is written). */
export const EXPORT_BATCH_ROWS = 5_000;

/** Collects positional parameters while building SQL. */
export class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/** The scope condition for a resource, or 'TRUE' for reference data and unrestricted actors. */
export function scopeCondition(scope: Scope, cols: ScopeColumns | 'reference', params: Params): string {
  if (cols === 'reference') return 'TRUE';
  // Decide "nothing visible" before adding any parameter (an unused parameter is a SQL error).
  if ((scope.regionCodes !== null && !cols.region) || (scope.orgId !== null && !cols.org)) return 'FALSE';
  const parts: string[] = [];
  if (scope.regionCodes !== null) {
    const own = `${cols.region} = ANY(${params.add(scope.regionCodes)}::text[])`;
    parts.push(cols.sharedWhen && scope.orgId === null ? `(${own} OR ${cols.sharedWhen})` : own);
  }
  if (scope.orgId !== null) {
    parts.push(`${cols.org} = ${params.add(scope.orgId)}::uuid`);
  }
  if (scope.industries !== null && cols.industry) {
    parts.push(`(${cols.industry(`${params.add(scope.industries)}::text[]`)})`);
  }
  return parts.length ? parts.join(' AND ') : 'TRUE';
}

function buildWhere<T>(def: ResourceDef<T>, actor: Actor, query: ListQuery, params: Params): string {
  const conds = [scopeCondition(actor.scope, def.scope, params)];
  if (def.where) conds.push(def.where);
  for (const [key, f] of Object.entries(def.filters)) {
    const raw = query[key];
    if (raw === undefined || raw === null || raw === '') continue;
    switch (f.op) {
      case 'eq': conds.push(`${f.sql} = ${params.add(raw)}`); break;
      case 'bool': conds.push(`${f.sql} = ${params.add(raw === true || raw === 'true')}`); break;
      case 'in': {
        const list = Array.isArray(raw) ? raw : String(raw).split(',').filter(Boolean);
        conds.push(`${f.sql} = ANY(${params.add(list)})`);
        break;
      }
      case 'ilike': conds.push(`${f.sql} ILIKE ${params.add(`%${escapeLike(String(raw))}%`)}`); break;
      case 'prefix': conds.push(`${f.sql} LIKE ${params.add(`${escapeLike(String(raw))}%`)}`); break;
      case 'within': conds.push(`${f.sql} IN (SELECT d.code FROM region d JOIN region a ON d.path LIKE a.path || '%' WHERE a.code = ${params.add(raw)})`); break;
      case 'gte': conds.push(`${f.sql} >= ${params.add(raw)}`); break;
      case 'lte': conds.push(`${f.sql} <= ${params.add(raw)}`); break;
      case 'contains': conds.push(`${params.add(raw)} = ANY(${f.sql})`); break;
    }
  }
  if (query.q && def.search?.length) {
    const p = params.add(`%${escapeLike(String(query.q))}%`);
    conds.push(`(${def.search.map((c) => `${c} ILIKE ${p}`).join(' OR ')})`);
  }
  return conds.join(' AND ');
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function orderBy<T>(def: ResourceDef<T>, sort: string | undefined): string {
  const parts: string[] = [];
  for (const token of (sort || def.defaultSort).split(',').filter(Boolean)) {
    const desc = token.startsWith('-');
    const key = desc ? token.slice(1) : token;
    const expr = def.sorts[key];
    if (!expr) {
      throw validationFailed([{ path: 'sort', message: `sort: ${key} ∉ {${Object.keys(def.sorts).join(', ')}}` }]);
    }
    parts.push(`${expr} ${desc ? 'DESC' : 'ASC'} NULLS LAST`);
  }
  parts.push(`${def.idColumn} ASC`); // stable paging
  return parts.join(', ');
}

export async function listResource<T>(db: Db, actor: Actor, def: ResourceDef<T>, query: ListQuery): Promise<Page<T>> {
  const page = Math.max(1, Number(query.page ?? 1));
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Number(query.pageSize ?? 20)));
  const params = new Params();
  const where = buildWhere(def, actor, query, params);
  const order = orderBy(def, query.sort);
  const limit = params.add(pageSize);
  const offset = params.add((page - 1) * pageSize);
  // The page: ids first (a top-N sort, or an index scan, over the scoped set), then the API fields for
  // those rows only. The total is a separate plain count, which needs no sort; on a pool both run at once.
  const [{ rows }, total] = await Promise.all([
    db.query<Record<string, unknown>>(
      `SELECT ${def.select} FROM ${def.from}
        WHERE ${def.idColumn} IN (SELECT ${def.idColumn} FROM ${def.from} WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset})
        ORDER BY ${order}`,
      params.values,
    ),
    countResource(db, actor, def, query),
  ]);
  const items = rows.map((r) => (def.map ? def.map(r) : (r as T)));
  return { items, total, page, pageSize };
}

export async function countResource<T>(db: Db, actor: Actor, def: ResourceDef<T>, query: ListQuery): Promise<number> {
  const params = new Params();
  const where = buildWhere(def, actor, query, params);
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${def.from} WHERE ${where}`, params.values);
  return rows[0]?.n ?? 0;
}

/** One record by id, inside the actor's scope; null when absent or out of scope (callers say not_found). */
export async function getResource<T>(db: Db, actor: Actor, def: ResourceDef<T>, id: string): Promise<T | null> {
  const params = new Params();
  const scope = scopeCondition(actor.scope, def.scope, params);
  // uuid text is compared as PostgreSQL prints it (lower case); JSON Schema's uuid format is case-insensitive.
  const p = params.add(/^[0-9a-f-]{36}$/i.test(id) ? id.toLowerCase() : id);
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT ${def.select} FROM ${def.from} WHERE ${def.idColumn}::text = ${p} AND ${scope}${def.where ? ` AND ${def.where}` : ''}`,
    params.values,
  );
  const r = rows[0];
  if (!r) return null;
  return def.map ? def.map(r) : (r as T);
}

/** All matching rows (scoped, filtered, sorted) for export, capped at EXPORT_MAX_ROWS. */
export async function exportRows<T>(db: Db, actor: Actor, def: ResourceDef<T>, query: ListQuery): Promise<T[]> {
  const params = new Params();
  const where = buildWhere(def, actor, query, params);
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT ${def.select} FROM ${def.from} WHERE ${where} ORDER BY ${orderBy(def, query.sort)} LIMIT ${EXPORT_MAX_ROWS}`,
    params.values,
  );
  return rows.map((r) => (def.map ? def.map(r) : (r as T)));
}

/**
 * All matching rows (scoped, filtered, sorted) in batches through a server-side cursor, so an export
 * of a million rows never holds them all in memory. Runs in one read transaction (a consistent
 * snapshot). Returns the number of rows. PostgreSQL: up to STREAM_EXPORT_MAX_ROWS; embedded: up to
 * EXPORT_MAX_ROWS (it serves one query at a time, so a long export would stall everyone else).
 */
export async function exportBatches<T>(db: Db, actor: Actor, def: ResourceDef<T>, query: ListQuery, each: (rows: T[]) => Promise<void> | void, batchSize = EXPORT_BATCH_ROWS): Promise<number> {
  const map = def.map;
  return exportCursor<Record<string, unknown>>(db, actor, def, query, () => def.select,
    (rows) => each(map ? rows.map(map) : (rows as T[])), batchSize);
}

/**
 * The cursor under exportBatches, with the SELECT list given as a function of the export's ORDER BY
 * (so a list may number the rows with a window in that order).
 */
export async function exportCursor<R>(db: Db, actor: Actor, def: ResourceDef<unknown>, query: ListQuery, select: (order: string) => string,
  each: (rows: R[]) => Promise<void> | void, batchSize = EXPORT_BATCH_ROWS): Promise<number> {
  const params = new Params();
  const where = buildWhere(def, actor, query, params);
  const max = db.kind === 'pg' ? STREAM_EXPORT_MAX_ROWS : EXPORT_MAX_ROWS;
  const order = orderBy(def, query.sort);
  return db.transaction(async (tx) => {
    await tx.query(`DECLARE yj_export NO SCROLL CURSOR FOR SELECT ${select(order)} FROM ${def.from} WHERE ${where} ORDER BY ${order} LIMIT ${max}`, params.values);
    let n = 0;
    // The next batch is fetched while this one is written out: the database and the writer overlap.
    const fetch = () => {
      const p = tx.query<Record<string, unknown>>(`FETCH ${batchSize} FROM yj_export`);
      p.catch(() => undefined); // awaited below; if the writer fails first, the transaction's error is the one reported
      return p;
    };
    let next = fetch();
    for (;;) {
      const { rows } = await next;
      const more = rows.length === batchSize;
      if (more) next = fetch();
      if (rows.length) await each(rows as R[]);
      n += rows.length;
      if (!more) break;
    }
    await tx.query('CLOSE yj_export');
    return n;
  });
}
