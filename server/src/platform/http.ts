import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TSchema } from 'typebox';
import type { Actor } from './actor.ts';
import type { ServiceCtx } from './context.ts';
import type { Database } from './db.ts';
import { AppError, unauthenticated } from './errors.ts';
import { pickLocale } from './i18n.ts';
import type { Permission } from './permissions.ts';
import { countResource, exportBatches, exportCursor, listResource, MAX_PAGE_SIZE, type ListQuery, type ResourceDef } from './query.ts';
import { attachmentDisposition, hasCellSql, sheetRowSql, streamXlsx, streamXlsxRendered } from './xlsx.ts';
import type { Config } from '../config.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    config: Config;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in. */
    public?: boolean;
    /** The route checks its own credential (a device token in Authorization): no session or API-token check. Implies public. */
    deviceAuth?: boolean;
    /** Permission required (checked after authentication). */
    permission?: Permission;
    /**
     * multipart/form-data parts of the request (name → description; `file` is the upload). Fastify does
     * not validate multipart bodies, so these only document the body in the OpenAPI spec.
     */
    multipart?: Record<string, string>;
  }
}

/** OpenAPI transform: a multipart route's parts become its documented request body. */
export function documentMultipart({ schema, url, route }: { schema: Record<string, unknown> | undefined; url: string; route: { config?: unknown } }) {
  const parts = (route.config as { multipart?: Record<string, string> } | undefined)?.multipart;
  if (!parts || !schema) return { schema, url };
  const properties = Object.fromEntries(Object.entries(parts).map(([name, description]) =>
    [name, name === 'file' ? { type: 'string', format: 'binary', description } : { type: 'string', description }]));
  return { schema: { ...schema, body: { type: 'object', required: Object.keys(parts), properties } }, url };
}

/** The signed-in actor; routes that are not public can rely on it (the auth hook guarantees it). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}

export function ctxOf(req: FastifyRequest): ServiceCtx {
  return {
    db: req.server.db,
    actor: actorOf(req),
    locale: pickLocale(req.headers['accept-language']),
    requestId: req.id,
    ip: req.ip,
  };
}

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** Querystring schema for a resource: page, pageSize, sort, q plus its declared filters. */
export function listQuerySchema<T>(def: ResourceDef<T>): TSchema {
  const props: Record<string, TSchema> = {
    page: Type.Optional(Type.Integer({ minimum: 1, default: 1, description: '页码，从 1 开始' })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20, description: '每页条数' })),
    sort: Type.Optional(Type.String({
      pattern: `^-?(${Object.keys(def.sorts).join('|')})(,-?(${Object.keys(def.sorts).join('|')}))*$`,
      description: `排序字段，逗号分隔，前缀 - 表示降序：${Object.keys(def.sorts).join(', ')}`,
    })),
  };
  if (def.search?.length) props.q = Type.Optional(Type.String({ maxLength: 100, description: '关键字' }));
  for (const [k, f] of Object.entries(def.filters)) {
    const base = f.enum
      ? Type.String({ enum: [...f.enum] as string[] })
      : f.type === 'integer' ? Type.Integer() : f.type === 'boolean' ? Type.Boolean() : Type.String({ maxLength: 200, ...(f.format ? { format: f.format } : {}) });
    props[k] = Type.Optional(f.description ? { ...base, description: f.description } : base);
  }
  return Type.Object(props, { additionalProperties: false });
}

export function pageSchema(item: TSchema): TSchema {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });
}

export interface ListRoutesOptions<T> {
  /** URL prefix, e.g. '/api/v1/orgs'. */
  prefix: string;
  tag: string;
  def: ResourceDef<T>;
  item: TSchema;
  permission: Permission;
  /** File name (without extension) of the export. */
  exportName: string;
}

/**
 * GET {prefix} (paged list), GET {prefix}/count and GET {prefix}/export.xlsx, all through the scoped
 * read path. Every module's lists behave the same way because they are built here.
 */
export function registerListRoutes<T>(app: FastifyInstance, o: ListRoutesOptions<T>): void {
  const querystring = listQuerySchema(o.def);
  app.get(o.prefix, {
    config: { permission: o.permission },
    schema: { tags: [o.tag], summary: `${o.exportName}列表`, querystring, response: { 200: pageSchema(o.item) } },
  }, async (req) => {
    const ctx = ctxOf(req);
    return listResource(ctx.db, ctx.actor, o.def, req.query as ListQuery);
  });
  app.get(`${o.prefix}/count`, {
    config: { permission: o.permission },
    schema: { tags: [o.tag], summary: `${o.exportName}计数`, querystring, response: { 200: Type.Object({ total: Type.Integer() }) } },
  }, async (req) => {
    const ctx = ctxOf(req);
    return { total: await countResource(ctx.db, ctx.actor, o.def, req.query as ListQuery) };
  });
  app.get(`${o.prefix}/export.xlsx`, {
    config: { permission: o.permission },
    schema: { tags: [o.tag], summary: `导出${o.exportName}（xlsx，中文表头）`, querystring },
  }, async (req, reply: FastifyReply) => {
    const ctx = ctxOf(req);
    // Streamed: rows go from a database cursor through the xlsx writer to the client in batches, so
    // memory stays flat for a million-row ledger. Bad filters are refused by the querystring schema
    // before this runs; a database failure mid-way ends the download early (the client sees a broken file).
    const out = new PassThrough();
    const stamp = new Date().toISOString().slice(0, 10);
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', attachmentDisposition(`${o.exportName}-${stamp}.xlsx`));
    // Resources whose every column has SQL are rendered by the database (fast for large ledgers).
    const done = hasCellSql(o.def.columns)
      ? streamXlsxRendered(out, o.exportName, o.def.columns, ctx.locale,
        (add) => exportCursor<{ x: string }>(ctx.db, ctx.actor, o.def as ResourceDef<unknown>, req.query as ListQuery, (order) => sheetRowSql(o.def.columns, ctx.locale, order), add))
      : streamXlsx<T>(out, o.exportName, o.def.columns, ctx.locale,
        (add) => exportBatches(ctx.db, ctx.actor, o.def, req.query as ListQuery, add));
    done.catch((err: unknown) => { req.log.error({ err }, 'export failed'); out.destroy(err as Error); });
    return reply.send(out);
  });
}

export function assertFound<T>(v: T | null | undefined): T {
  if (v === null || v === undefined) throw new AppError(404, 'not_found');
  return v;
}
