import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../platform/auth.ts';
import { actorOf } from '../../platform/http.ts';
import { pickLocale } from '../../platform/i18n.ts';
import { ROLE_LABELS } from '../../platform/permissions.ts';
import { login, logout } from './service.ts';
import { getMe, MeSchema } from '../users/service.ts';

const LoginBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
}, { additionalProperties: false });

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const cookieOpts = { path: '/', sameSite: 'lax' as const, secure: app.config.secureCookies };

  app.post('/api/v1/auth/login', {
    config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      tags: ['认证'], summary: '用户名密码登录', body: LoginBody,
      response: { 200: Type.Object({ user: MeSchema, csrfToken: Type.String(), expiresAt: Type.String({ format: 'date-time' }) }) },
    },
  }, async (req, reply) => {
    const body = req.body as Static<typeof LoginBody>;
    const r = await login(app.db, app.config, body.username, body.password, {
      ip: req.ip, userAgent: req.headers['user-agent'], requestId: req.id,
    });
    const maxAge = Math.floor((r.expiresAt.getTime() - Date.now()) / 1000);
    reply.setCookie(SESSION_COOKIE, r.token, { ...cookieOpts, httpOnly: true, maxAge });
    reply.setCookie(CSRF_COOKIE, r.csrfToken, { ...cookieOpts, httpOnly: false, maxAge });
    const user = await getMe(app.db, r.userId, pickLocale(req.headers['accept-language']));
    return { user, csrfToken: r.csrfToken, expiresAt: r.expiresAt.toISOString() };
  });

  app.post('/api/v1/auth/logout', {
    schema: { tags: ['认证'], summary: '退出登录', response: { 204: Type.Null() } },
  }, async (req, reply) => {
    await logout(app.db, actorOf(req), { requestId: req.id, ip: req.ip });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/api/v1/auth/me', {
    schema: { tags: ['认证'], summary: '当前用户、权限与数据范围', response: { 200: Type.Object({ user: MeSchema, csrfToken: Type.Optional(Type.String()) }) } },
  }, async (req) => {
    const actor = actorOf(req);
    const user = actor.kind === 'user' && actor.id ? await getMe(app.db, actor.id, pickLocale(req.headers['accept-language'])) : null;
    return {
      user: user ?? {
        id: actor.id ?? '', username: actor.name, displayName: actor.displayName, roles: actor.roles, roleNames: actor.roles.map((r) => ROLE_LABELS[r][pickLocale(req.headers['accept-language']) === 'en-US' ? 1 : 0]),
        permissions: [...actor.permissions], regionCode: actor.regionCode, regionName: '', orgId: actor.orgId, orgName: null,
        industries: [], locale: actor.locale, isDemo: false,
      },
      ...(actor.csrfToken ? { csrfToken: actor.csrfToken } : {}),
    };
  });
}
