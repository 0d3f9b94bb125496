/**
 * Fetch wrapper for the Yingji API: JSON in and out, same-origin cookies, the CSRF header on unsafe
 * methods, Accept-Language = the UI language, RFC 9457 problems thrown as ApiError, and a redirect to
 * /login when the session is gone (401).
 */

export type Locale = 'zh-CN' | 'en-US';

export interface FieldError {
  path: string;
  message: string;
}

/** RFC 9457 problem body as the server sends it. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors: FieldError[];
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`);
    this.name = 'ApiError';
    this.problem = problem;
    this.status = problem.status;
    this.code = problem.code;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
  }
}

/** Any thrown value as a message for the user. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.detail || err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}

const CSRF_COOKIE = 'yingji_csrf';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let csrfToken: string | null = null;
let uiLocale: Locale = 'zh-CN';
let unauthorizedHandler: (() => void) | null = null;

export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? null;
}

export function setApiLocale(locale: Locale): void {
  uiLocale = locale;
}

/** Called once on a 401 (session missing or expired); default: go to /login. */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

/** The CSRF token: the one login or /auth/me returned, else the non-HttpOnly cookie. */
export function currentCsrfToken(): string | null {
  return csrfToken ?? readCookie(CSRF_COOKIE);
}

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type Query = Record<string, QueryValue>;

/** `?a=1&b=x` from the defined, non-empty values (arrays are comma-joined). */
export function buildQuery(query: Query | undefined): string {
  if (!query) return '';
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) sp.set(k, v.join(','));
    } else sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

export interface RequestOptions {
  method?: string;
  query?: Query;
  /** JSON body (objects) or FormData (multipart). */
  body?: unknown;
  signal?: AbortSignal;
  /** Do not redirect to /login on 401 (sign-in itself, the initial session probe). */
  noAuthRedirect?: boolean;
}

function headersFor(method: string, body: unknown): Headers {
  const h = new Headers({ Accept: 'application/json, application/problem+json', 'Accept-Language': uiLocale });
  if (body !== undefined && !(body instanceof FormData)) h.set('Content-Type', 'application/json');
  if (UNSAFE.has(method)) {
    const t = currentCsrfToken();
    if (t) h.set('x-csrf-token', t);
  }
  return h;
}

async function toApiError(res: Response): Promise<ApiError> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await res.json()) as Partial<Problem>;
      return new ApiError({
        ...body,
        status: body.status ?? res.status,
        code: body.code ?? 'http_error',
        detail: body.detail ?? body.title ?? res.statusText,
      });
    } catch {
      /* fall through */
    }
  }
  const fallback = uiLocale === 'en-US' ? `Request failed (HTTP ${res.status})` : `请求失败（HTTP ${res.status}）`;
  return new ApiError({ status: res.status, code: 'http_error', detail: fallback });
}

/** Low-level request returning the Response (for downloads); throws ApiError on HTTP errors. */
export async function rawRequest(path: string, opts: RequestOptions = {}): Promise<Response> {
  const method = (opts.method ?? 'GET').toUpperCase();
  let res: Response;
  try {
    res = await fetch(path + buildQuery(opts.query), {
      method,
      credentials: 'same-origin',
      headers: headersFor(method, opts.body),
      body: opts.body === undefined ? undefined : opts.body instanceof FormData ? opts.body : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({
      status: 0,
      code: 'network_error',
      detail: uiLocale === 'en-US' ? 'Cannot reach the server; check the network' : '无法连接服务器，请检查网络',
    });
  }
  if (!res.ok) {
    const err = await toApiError(res);
    if (res.status === 401 && !opts.noAuthRedirect) {
      setCsrfToken(null);
      if (unauthorizedHandler) unauthorizedHandler();
      else if (window.location.pathname !== '/login') window.location.assign('/login');
    }
    throw err;
  }
  return res;
}

/** JSON request; resolves undefined for 204. */
export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await rawRequest(path, opts);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) return (await res.text()) as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, opts: Omit<RequestOptions, 'query' | 'method'> = {}) => request<T>(path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body' | 'method'> = {}) => request<T>(path, { ...opts, method: 'POST', body }),
  put: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body' | 'method'> = {}) => request<T>(path, { ...opts, method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body' | 'method'> = {}) => request<T>(path, { ...opts, method: 'PATCH', body }),
  del: <T = void>(path: string, opts: Omit<RequestOptions, 'method'> = {}) => request<T>(path, { ...opts, method: 'DELETE' }),
};

/** File name from Content-Disposition (RFC 6266 / 5987 `filename*` preferred). */
function dispositionFilename(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      /* ignore */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1] ?? fallback;
}

/**
 * Downloads a file through fetch (so Accept-Language follows the UI language and errors can be
 * shown), then saves it with the server's file name.
 */
export async function download(path: string, query?: Query, fallbackName = 'download'): Promise<string> {
  const res = await rawRequest(path, { query });
  const blob = await res.blob();
  const name = dispositionFilename(res.headers.get('content-disposition'), fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
