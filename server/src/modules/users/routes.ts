import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { ctxOf, IdParams, registerListRoutes } from '../../platform/http.ts';
import {
  changeOwnPassword, createUser, getUser, PasswordChangeSchema, PasswordResetSchema, resetPassword, setLocale,
  updateUser, UserCreateSchema, UserSchema, UserUpdateSchema, usersResource, type UserCreate, type UserUpdate,
} from './service.ts';

const TAG = '用户';

export async function userRoutes(app: FastifyInstance): Promise<void> {
  registerListRoutes(app, { prefix: '/api/v1/users', tag: TAG, def: usersResource, item: UserSchema, permission: 'users:read', exportName: '用户' });

  app.get('/api/v1/users/:id', {
    config: { permission: 'users:read' },
    schema: { tags: [TAG], summary: '用户详情', params: IdParams, response: { 200: UserSchema } },
  }, async (req) => getUser(ctxOf(req), (req.params as { id: string }).id));

  app.post('/api/v1/users', {
    config: { permission: 'users:write' },
    schema: { tags: [TAG], summary: '新建用户', body: UserCreateSchema, response: { 201: UserSchema } },
  }, async (req, reply) => reply.status(201).send(await createUser(ctxOf(req), req.body as UserCreate)));

  app.patch('/api/v1/users/:id', {
    config: { permission: 'users:write' },
    schema: { tags: [TAG], summary: '修改用户（角色、区域、单位、状态、解锁）', params: IdParams, body: UserUpdateSchema, response: { 200: UserSchema } },
  }, async (req) => updateUser(ctxOf(req), (req.params as { id: string }).id, req.body as UserUpdate));

  app.post('/api/v1/users/:id/password', {
    config: { permission: 'users:write' },
    schema: { tags: [TAG], summary: '重置用户密码（同时使其会话失效）', params: IdParams, body: PasswordResetSchema, response: { 204: Type.Null() } },
  }, async (req, reply) => {
    await resetPassword(ctxOf(req), (req.params as { id: string }).id, (req.body as Static<typeof PasswordResetSchema>).password);
    return reply.status(204).send();
  });

  app.post('/api/v1/me/password', {
    schema: { tags: [TAG], summary: '修改本人密码', body: PasswordChangeSchema, response: { 204: Type.Null() } },
  }, async (req, reply) => {
    const b = req.body as Static<typeof PasswordChangeSchema>;
    await changeOwnPassword(ctxOf(req), b.currentPassword, b.password);
    return reply.status(204).send();
  });

  const LocaleBody = Type.Object({ locale: Type.String({ enum: ['zh-CN', 'en-US'] }) }, { additionalProperties: false });
  app.put('/api/v1/me/locale', {
    schema: { tags: [TAG], summary: '保存界面语言', body: LocaleBody, response: { 204: Type.Null() } },
  }, async (req, reply) => {
    await setLocale(ctxOf(req), (req.body as Static<typeof LocaleBody>).locale as 'zh-CN' | 'en-US');
    return reply.status(204).send();
  });
}
