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

/** Loads the actor behind a session cookie; null when the session is unknown or expired. */
export async function actorFromSession(db: Db, token: string): Promise<Actor | null | 'expired'> {
  const { rows } = await db.query<SessionRow>(
    `SELECT s.id AS session_id, s.csrf_token, s.expires_at, u.id AS user_id, u.username, u.display_name, u.roles,
            u.region_code, u.industries, u.org_id, u.locale, u.status
       FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE s.id = $1`,
    [sha256(token)],
  );
  const r = rows[0];
  if (!r) return null;
  if (r.expires_at.getTime() < Date.now()) {
    await db.query('DELETE FROM user_session WHERE id = $1', [r.session_id]);
    return 'expired';
  }
  if (r.status !== 'active') return null;
  const rs = roles(r.roles);
  const scope = await computeScope(db, { roles: rs, regionCode: r.region_code, industries: r.industries, orgId: r.org_id });
  return {
    kind: 'user', id: r.user_id, name: r.username, displayName: r.display_name, roles: rs,
    permissions: permissionsFor(rs), regionCode: r.region_code, orgId: r.org_id, scope, locale: r.locale,
    sessionId: r.session_id, csrfToken: r.csrf_token,
  };
}

/** Loads the actor behind an API token (`Authorization: Bearer yj_…`); each token has its own scope. */
export async function actorFromToken(db: Db, token: string): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const { rows } = await db.query<TokenRow & { last_used_at: Date | null }>(
    'SELECT id, name, roles, region_code, industries, org_id, expires_at, revoked_at, last_used_at FROM api_token WHERE token_hash = $1',
    [sha256(token)],
  );
  const t = rows[0];
  if (!t || t.revoked_at || (t.expires_at && t.expires_at.getTime() < Date.now())) return null;
  // Devices call many times a second: record use at most once a minute, not a write per request.
  if (!t.last_used_at || Date.now() - t.last_used_at.getTime() > 60_000) {
    await db.query('UPDATE api_token SET last_used_at = now() WHERE id = $1', [t.id]);
  }
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
    const auth = req.headers.authorization;
    let actor: Actor | null = null;
    let viaCookie = false;
    let expired = false;
    if (auth?.startsWith('Bearer ')) {
      actor = await actorFromToken(app.db, auth.slice(7).trim());
      if (!actor) return sendProblem(req, reply, unauthenticated());
    } else {
      const cookie = req.cookies?.[SESSION_COOKIE];
      if (cookie) {
        const a = await actorFromSession(app.db, cookie);
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
