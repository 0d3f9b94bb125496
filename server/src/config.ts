import path from 'node:path';

/** Typed configuration, read from the environment once at start-up (see README "Configuration"). */
export interface Config {
  host: string;
  port: number;
  /** PostgreSQL connection string; when absent the embedded PGlite database under dataDir is used. */
  databaseUrl: string | null;
  dataDir: string;
  /** Demo mode: seeds the demo county when the database is empty and enables the documented demo logins. */
  demo: boolean;
  sessionTtlHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  attachmentMaxBytes: number;
  /** Reverse proxies whose X-Forwarded-For is believed: false, or addresses/CIDRs (comma-separated). */
  trustProxy: boolean | string;
  /** Serve cookies with the Secure flag (set behind HTTPS). */
  secureCookies: boolean;
  logLevel: string;
  webDist: string;
  /** Public address of the platform (e.g. https://yj.example.gov.cn), for links printed outside it such as enterprise QR codes; null: the request's origin. */
  publicBaseUrl: string | null;
  /** Key of the HMAC under which public reporters' addresses are kept (48 h, abuse limits); null: a random per-installation key in the database. */
  reportIpSecret: string | null;
}

function int(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

function bool(name: string, fallback: boolean, env: NodeJS.ProcessEnv): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const root = path.resolve(import.meta.dirname, '..', '..');
  const cfg: Config = {
    host: env.HOST || '127.0.0.1',
    port: int('PORT', 8080, env),
    databaseUrl: env.DATABASE_URL || null,
    dataDir: path.resolve(env.DATA_DIR || path.join(root, 'data')),
    demo: bool('YINGJI_DEMO', false, env),
    sessionTtlHours: int('SESSION_TTL_HOURS', 12, env),
    loginMaxFailures: int('LOGIN_MAX_FAILURES', 5, env),
    loginLockMinutes: int('LOGIN_LOCK_MINUTES', 15, env),
    attachmentMaxBytes: int('ATTACHMENT_MAX_BYTES', 20 * 1024 * 1024, env),
    secureCookies: bool('SECURE_COOKIES', false, env),
    trustProxy: env.TRUST_PROXY ? (/^(1|true)$/i.test(env.TRUST_PROXY) ? true : env.TRUST_PROXY) : false,
    logLevel: env.LOG_LEVEL || 'info',
    webDist: path.join(root, 'web', 'dist'),
    publicBaseUrl: env.PUBLIC_BASE_URL ? env.PUBLIC_BASE_URL.replace(/\/+$/, '') : null,
    reportIpSecret: env.REPORT_IP_SECRET || null,
    ...overrides,
  };
  return cfg;
}
