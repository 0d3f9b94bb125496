import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FIELD_LABELS, message, pickLocale, type Locale } from './i18n.ts';

export interface FieldError {
  path: string;
  message: string;
}

/** Business errors thrown by services; rendered by the one error handler as RFC 9457 problem+json. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: Record<string, string | number> = {},
    readonly errors: FieldError[] = [],
    /** Extra RFC 9457 members rendered next to the standard ones (e.g. an import's row errors). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

export const notFound = () => new AppError(404, 'not_found');
export const forbidden = () => new AppError(403, 'forbidden');
export const unauthenticated = (code = 'unauthenticated') => new AppError(401, code);
export const conflict = (detail: string) => new AppError(409, 'conflict', { detail });
/** A unique value already taken; `path` names the API field so forms can show it on that field. */
export const duplicate = (field: string, path?: string) => new AppError(409, 'duplicate', { field }, path ? [{ path, message: field }] : []);
export const invalidState = (detail: string) => new AppError(409, 'invalid_state', { detail });
export const outOfScope = (detail: string) => new AppError(403, 'out_of_scope', { detail });
export const validationFailed = (errors: FieldError[]) => new AppError(400, 'validation_failed', {}, errors);

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}

export const ProblemSchema = {
  $id: 'Problem',
  type: 'object',
  description: 'RFC 9457 problem details; detail is in the language chosen by Accept-Language',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
  },
} as const;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function sendProblem(req: FastifyRequest, reply: FastifyReply, err: AppError): FastifyReply {
  const locale = pickLocale(req.headers['accept-language']);
  const body: ProblemBody & Record<string, unknown> = {
    ...err.extensions,
    type: `urn:yingji:problem:${err.code}`,
    title: TITLES[err.status] ?? 'Error',
    status: err.status,
    detail: message(err.code, locale, err.params),
    code: err.code,
    instance: req.url,
    requestId: req.id,
    ...(err.errors.length ? { errors: err.errors.map((e) => ({ path: e.path, message: err.code === 'duplicate' ? message(err.code, locale, err.params) : e.message })) } : {}),
  };
  if (err.errors.length && err.code === 'validation_failed') {
    body.detail = `${body.detail}：${err.errors.map((e) => e.message).join('；')}`;
    if (locale === 'en-US') body.detail = body.detail.replace('：', ': ').replace(/；/g, '; ');
  }
  return reply.status(err.status).type('application/problem+json; charset=utf-8').send(body);
}

interface AjvIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

function label(field: string, locale: Locale): string {
  return FIELD_LABELS[field]?.[locale] ?? field;
}

/** Turns Ajv issues into field errors with messages in the user's language. */
export function ajvToFieldErrors(issues: AjvIssue[], context: string | undefined, locale: Locale): FieldError[] {
  return issues.map((i) => {
    let p = i.instancePath.replace(/^\//, '').replace(/\//g, '.');
    if (i.keyword === 'required') p = p ? `${p}.${String(i.params.missingProperty)}` : String(i.params.missingProperty);
    if (i.keyword === 'additionalProperties') p = p ? `${p}.${String(i.params.additionalProperty)}` : String(i.params.additionalProperty);
    const field = p.split('.').filter((s) => !/^\d+$/.test(s)).pop() ?? context ?? '';
    const name = label(field, locale) || (locale === 'zh-CN' ? '请求' : 'request');
    const zh = locale === 'zh-CN';
    const prm = i.params;
    let msg: string;
    switch (i.keyword) {
      case 'required': msg = zh ? `${name}为必填项` : `${name} is required`; break;
      case 'type': msg = zh ? `${name}的类型应为${typeName(String(prm.type), locale)}` : `${name} must be ${typeName(String(prm.type), locale)}`; break;
      case 'minLength': msg = zh ? `${name}至少 ${String(prm.limit)} 个字符` : `${name} must have at least ${String(prm.limit)} characters`; break;
      case 'maxLength': msg = zh ? `${name}最多 ${String(prm.limit)} 个字符` : `${name} must have at most ${String(prm.limit)} characters`; break;
      case 'minimum': msg = zh ? `${name}不能小于 ${String(prm.limit)}` : `${name} must be ≥ ${String(prm.limit)}`; break;
      case 'maximum': msg = zh ? `${name}不能大于 ${String(prm.limit)}` : `${name} must be ≤ ${String(prm.limit)}`; break;
      case 'minItems': msg = zh ? `${name}至少需要 ${String(prm.limit)} 项` : `${name} needs at least ${String(prm.limit)} items`; break;
      case 'maxItems': msg = zh ? `${name}最多 ${String(prm.limit)} 项` : `${name} allows at most ${String(prm.limit)} items`; break;
      case 'pattern': msg = zh ? `${name}格式不正确` : `${name} has the wrong format`; break;
      case 'format': msg = zh ? `${name}格式不正确（应为 ${String(prm.format)}）` : `${name} must be a valid ${String(prm.format)}`; break;
      case 'enum': msg = zh ? `${name}取值无效，可选值：${(prm.allowedValues as unknown[]).join('、')}` : `${name} must be one of ${(prm.allowedValues as unknown[]).join(', ')}`; break;
      case 'const': msg = zh ? `${name}取值无效` : `${name} has an invalid value`; break;
      case 'additionalProperties': msg = zh ? `不允许的字段：${field}` : `unknown field: ${field}`; break;
      default: msg = zh ? `${name}无效` : `${name} is invalid (${i.message ?? i.keyword})`;
    }
    return { path: p || (context ?? ''), message: msg };
  });
}

function typeName(t: string, locale: Locale): string {
  if (locale === 'en-US') return `a ${t}`;
  return ({ string: '文本', integer: '整数', number: '数字', boolean: '布尔值', object: '对象', array: '数组', null: '空' } as Record<string, string>)[t] ?? t;
}

/** Postgres error codes that are the client's fault map to 4xx instead of 500. */
function fromPgError(err: { code?: string; constraint?: string; detail?: string }): AppError | null {
  switch (err.code) {
    case '23505': return new AppError(409, 'duplicate', { field: constraintField(err.constraint) });
    case '23503': return new AppError(409, 'conflict', { detail: err.constraint ?? 'foreign key' });
    case '23514': return new AppError(400, 'validation_failed', {}, [{ path: err.constraint ?? '', message: err.constraint ?? 'check' }]);
    case '22P02': case '22007': case '22008': case '22003': case '22021': case '22P05': case '22001':
      return new AppError(400, 'validation_failed', {}, [{ path: '', message: err.code === '22003' ? 'number out of range' : err.code === '22001' ? 'value too long' : 'invalid value' }]);
    default: return null;
  }
}

/** A thrown value as an AppError when it is the client's fault (AppError itself, or a mapped Postgres error); null otherwise. */
export function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  return err && typeof err === 'object' ? fromPgError(err as { code?: string; constraint?: string }) : null;
}

function constraintField(constraint: string | undefined): string {
  if (!constraint) return 'value';
  const m = /^[a-z]+_(.+)_key$/.exec(constraint);
  return m?.[1] ?? constraint;
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { validation?: AjvIssue[]; validationContext?: string }, req, reply) => {
    const locale = pickLocale(req.headers['accept-language']);
    if (error instanceof AppError) return sendProblem(req, reply, error);
    if (error.validation) {
      return sendProblem(req, reply, validationFailed(ajvToFieldErrors(error.validation, error.validationContext, locale)));
    }
    const pgErr = fromPgError(error as { code?: string; constraint?: string });
    if (pgErr) return sendProblem(req, reply, pgErr);
    if (error.statusCode === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE') {
      const limit = req.server.config?.attachmentMaxBytes ?? 0;
      return sendProblem(req, reply, new AppError(413, 'payload_too_large', { limit: `${Math.max(1, Math.round(limit / 1048576))} MB` }));
    }
    if (error.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || error.statusCode === 406) {
      return sendProblem(req, reply, new AppError(415, 'unsupported_media_type', { type: String(req.headers['content-type'] ?? '') }));
    }
    if (error.statusCode === 415 || error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendProblem(req, reply, new AppError(415, 'unsupported_media_type', { type: String(req.headers['content-type'] ?? '') }));
    if (error.statusCode === 429) return sendProblem(req, reply, new AppError(429, 'rate_limited'));
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(req, reply, new AppError(error.statusCode, 'validation_failed', {}, [{ path: '', message: error.message }]));
    }
    req.log.error({ err: error }, 'unhandled error');
    return sendProblem(req, reply, new AppError(500, 'internal_error'));
  });
  app.setNotFoundHandler((req, reply) => sendProblem(req, reply, new AppError(404, 'route_not_found')));
}
