import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { computeScope, type Actor } from './actor.ts';
import type { Db } from './db.ts';
import { AppError, forbidden, sendProblem, unauthenticated } from './errors.ts';
import { isRole, permissionsFor, type Role } from './permissions.ts';

export const SESSION_COOKIE = 'yingji_session';
export const CSRF_COOKIE = 'yingji_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const TOKEN_PREFIX = 'yj_';

export function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

interface SessionRow {
  session_id: string;
  csrf_token: string;
  expires_at: Date;
  user_id: string;
  username: string;
  display_name: string;
  roles: string[];
  region_code: string;
  industries: string[];
  org_id: string | null;
  locale: string;
  status: string;
}

interface TokenRow {
  id: string;
  name: string;
  roles: string[];
  region_code: string;
  industries: string[];
  org_id: string | null;
  expires_at: Date | null;
  revoked_at: Date | null;
}

function roles(xs: string[]): Role[] {
  return xs.filter(isRole);
}

// ---- Per-process cache of verified sessions and API tokens ----
//
// Every authenticated request used to cost one database round trip before any work (the session or
// token lookup: ≈ 0.6 ms of a ≈ 3.5 ms nearest-teams request in `npm run bench:nearest`). Verified
// rows are therefore kept for a few seconds, keyed by the token's hash, under these rules:
// - only safe requests (GET/HEAD/OPTIONS) are answered from the cache; writes always re-read the
//   session or token, so a signed-out, disabled or revoked credential can never change anything;
// - unknown, expired, disabled and revoked credentials are never cached; a cached session past its
//   expires_at is re-read (and deleted) as before;
// - every write that ends or narrows a credential calls invalidateAuthCache() after its commit:
//   logout, password change and reset, user edits (roles, region, organisation, industries, status,
//   unlock, locale) and token revocation, so in this process they take effect on the next request;
// - a lookup that raced such an invalidation is not stored (generation counter), so a row read just
//   before the commit cannot be put back into the cache after it;
// - scope is recomputed from the cached row on every request (computeScope → region-subtree cache,
//   which region writes invalidate), so region edits behave exactly as without this cache.
// Residual window: the cache is per process. With several server processes behind a load balancer,
// a logout, disable or revocation handled by one process reaches the others' cached *reads* only when
// their entry expires, at most AUTH_CACHE_TTL_MS later; writes are never affected. Out-of-band SQL
// edits of user_session/app_user/api_token are seen within the same window (or after
// invalidateAuthCache()).

/** How long a verified session or token answers safe requests without a database lookup. */
export const AUTH_CACHE_TTL_MS = 5_000;
/** Bound on cached credentials; the oldest entry is dropped first. */
const AUTH_CACHE_MAX = 10_000;

interface Cached<R> {
  db: Db;
  at: number;
  row: R;
}

const sessionCache = new Map<string, Cached<SessionRow>>();
const tokenCache = new Map<string, Cached<TokenRow>>();
let cacheGeneration = 0;

/**
 * Forgets cached credentials: those of a user (all their sessions), one session, or one API token;
 * everything when no target is given. Call it after the transaction that changed them has committed.
 */
export function invalidateAuthCache(target?: { userId?: string | null; sessionId?: string | null; tokenId?: string | null }): void {
  cacheGeneration++;
  if (!target) {
    sessionCache.clear();
    tokenCache.clear();
    return;
  }
  for (const [key, e] of sessionCache) {
    if ((target.userId && e.row.user_id === target.userId) || (target.sessionId && e.row.session_id === target.sessionId)) sessionCache.delete(key);
  }
  const tokenId = target.tokenId?.toLowerCase();
  if (tokenId) for (const [key, e] of tokenCache) if (e.row.id === tokenId) tokenCache.delete(key);
}

function cached<R>(cache: Map<string, Cached<R>>, db: Db, key: string): R | null {
  const e = cache.get(key);
  if (!e) return null;
  if (e.db !== db || Date.now() - e.at >= AUTH_CACHE_TTL_MS) {
    cache.delete(key);
    return null;
  }
  return e.row;
}

function remember<R>(cache: Map<string, Cached<R>>, db: Db, key: string, row: R, generation: number): void {
  if (generation !== cacheGeneration) return; // an invalidation ran while the row was being read
  cache.delete(key);
  if (cache.size >= AUTH_CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(key, { db, at: Date.now(), row });
}

export interface LookupOptions {
  /** Answer from the per-process cache when possible (safe requests only). */
  cached?: boolean;
}

/** Loads the actor behind a session cookie; null when the session is unknown or expired. */
export async function actorFromSession(db: Db, token: string, opts: LookupOptions = {}): Promise<Actor | null | 'expired'> {
  const key = sha256(token);
  const hit = opts.cached ? cached(sessionCache, db, key) : null;
  if (hit && hit.expires_at.getTime() >= Date.now()) return sessionActor(db, hit);
  const generation = cacheGeneration;
  const { rows } = await db.query<SessionRow>(
    `SELECT s.id AS session_id, s.csrf_token, s.expires_at, u.id AS user_id, u.username, u.display_name, u.roles,
            u.region_code, u.industries, u.org_id, u.locale, u.status
       FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE s.id = $1`,
    [key],
  );
  const r = rows[0];
  if (!r) {
    sessionCache.delete(key);
    return null;
  }
  if (r.expires_at.getTime() < Date.now()) {
    sessionCache.delete(key);
    await db.query('DELETE FROM user_session WHERE id = $1', [r.session_id]);
    return 'expired';
  }
  if (r.status !== 'active') {
    sessionCache.delete(key);
    return null;
  }
  remember(sessionCache, db, key, r, generation);
  return sessionActor(db, r);
}

async function sessionActor(db: Db, r: SessionRow): Promise<Actor> {
  const rs = roles(r.roles);
  const scope = await computeScope(db, { roles: rs, regionCode: r.region_code, industries: r.industries, orgId: r.org_id });
  return {
    kind: 'user', id: r.user_id, name: r.username, displayName: r.display_name, roles: rs,
    permissions: permissionsFor(rs), regionCode: r.region_code, orgId: r.org_id, scope, locale: r.locale,
    sessionId: r.session_id, csrfToken: r.csrf_token,
  };
}

/** Loads the actor behind an API token (`Authorization: Bearer yj_…`); each token has its own scope. */
export async function actorFromToken(db: Db, token: string, opts: LookupOptions = {}): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const key = sha256(token);
  const hit = opts.cached ? cached(tokenCache, db, key) : null;
  if (hit && (!hit.expires_at || hit.expires_at.getTime() >= Date.now())) return tokenActor(db, hit);
  const generation = cacheGeneration;
  const { rows } = await db.query<TokenRow & { last_used_at: Date | null }>(
    'SELECT id, name, roles, region_code, industries, org_id, expires_at, revoked_at, last_used_at FROM api_token WHERE token_hash = $1',
    [key],
  );
  const t = rows[0];
  if (!t || t.revoked_at || (t.expires_at && t.expires_at.getTime() < Date.now())) {
    tokenCache.delete(key);
    return null;
  }
  // Devices call many times a second: record use at most once a minute, not a write per request.
  if (!t.last_used_at || Date.now() - t.last_used_at.getTime() > 60_000) {
    await db.query('UPDATE api_token SET last_used_at = now() WHERE id = $1', [t.id]);
  }
  remember(tokenCache, db, key, t, generation);
  return tokenActor(db, t);
}

async function tokenActor(db: Db, t: TokenRow): Promise<Actor> {
  const rs = roles(t.roles);
  const scope = await computeScope(db, { roles: rs, regionCode: t.region_code, industries: t.industries, orgId: t.org_id });
  return {
    kind: 'token', id: t.id, name: `token:${t.name}`, displayName: t.name, roles: rs, permissions: permissionsFor(rs),
    regionCode: t.region_code, orgId: t.org_id, scope, locale: 'zh-CN',
  };
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Authentication and coarse authorisation for every route, so no route can forget them:
 * a route is public only when it says `config.public`; otherwise it needs a session or token, and
 * its `config.permission` if any. Cookie-authenticated unsafe requests need the CSRF header
 * (double-submit: it must equal the session's token, which the login response and cookie carry).
 */
export function registerAuth(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  app.addHook('preValidation', async (req, reply) => {
    const cfg = req.routeOptions.config;
    if (!req.routeOptions.url) return; // 404 handler
    if (cfg.deviceAuth) return; // its Authorization header carries a device token, checked by the route
    const auth = req.headers.authorization;
    let actor: Actor | null = null;
    let viaCookie = false;
    let expired = false;
    // Writes always re-check the credential in the database; reads may use the short cache.
    const opts = { cached: !UNSAFE.has(req.method) };
    if (auth?.startsWith('Bearer ')) {
      actor = await actorFromToken(app.db, auth.slice(7).trim(), opts);
      if (!actor) return sendProblem(req, reply, unauthenticated());
    } else {
      const cookie = req.cookies?.[SESSION_COOKIE];
      if (cookie) {
        const a = await actorFromSession(app.db, cookie, opts);
        if (a === 'expired') expired = true;
        else if (a) {
          actor = a;
          viaCookie = true;
        }
      }
    }
    req.actor = actor;
    if (cfg.public) return;
    if (!actor) return sendProblem(req, reply, unauthenticated(expired ? 'session_expired' : 'unauthenticated'));
    if (viaCookie && UNSAFE.has(req.method)) {
      const header = req.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !actor.csrfToken || !safeEqual(header, actor.csrfToken)) {
        return sendProblem(req, reply, new AppError(403, 'csrf_failed'));
      }
    }
    if (cfg.permission && !actor.permissions.has(cfg.permission)) return sendProblem(req, reply, forbidden());
  });
}

export function csrfFromRequest(req: FastifyRequest): string | undefined {
  return req.actor?.csrfToken;
}
