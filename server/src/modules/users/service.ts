import { Type, type Static } from 'typebox';
import type { Actor } from '../../platform/actor.ts';
import { write, diff, type ServiceCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, duplicate, forbidden, notFound, outOfScope, validationFailed } from '../../platform/errors.ts';
import { invalidateAuthCache } from '../../platform/auth.ts';
import { getResource, scopeCondition, Params, type ResourceDef } from '../../platform/query.ts';
import { isRole, permissionsFor, ROLE_LABELS, ROLES, type Role } from '../../platform/permissions.ts';
import { hashPassword } from '../auth/service.ts';
import { isoTime } from '../../platform/values.ts';


export const RoleSchema = Type.String({ enum: [...ROLES] as string[] });

export const UserSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(RoleSchema),
  regionCode: Type.String(),
  regionName: Type.String(),
  orgId: Type.Union([Type.String(), Type.Null()]),
  orgName: Type.Union([Type.String(), Type.Null()]),
  industries: Type.Array(Type.String()),
  phone: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  status: Type.String({ enum: ['active', 'disabled'] }),
  locked: Type.Boolean(),
  lastLoginAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  isDemo: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type User = Static<typeof UserSchema>;

export const MeSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(Type.String()),
  roleNames: Type.Array(Type.String()),
  permissions: Type.Array(Type.String()),
  regionCode: Type.String(),
  regionName: Type.String(),
  orgId: Type.Union([Type.String(), Type.Null()]),
  orgName: Type.Union([Type.String(), Type.Null()]),
  industries: Type.Array(Type.String()),
  locale: Type.String(),
  isDemo: Type.Boolean(),
});

const PASSWORD = Type.String({ minLength: 8, maxLength: 128, pattern: '^(?=.*[A-Za-z])(?=.*[0-9]).+$', description: '至少 8 位，含字母和数字' });
const PHONE = Type.String({ pattern: '^[0-9+\\- ]{5,20}$' });

export const UserCreateSchema = Type.Object({
  username: Type.String({ pattern: '^[a-z0-9_.-]{3,32}$', description: '3–32 位小写字母、数字、_ . -' }),
  displayName: Type.String({ minLength: 1, maxLength: 50 }),
  password: PASSWORD,
  roles: Type.Array(RoleSchema, { minItems: 1, maxItems: 5, uniqueItems: true }),
  regionCode: Type.String({ pattern: '^[0-9]{12}$' }),
  orgId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
  industries: Type.Optional(Type.Array(Type.String({ maxLength: 4 }), { maxItems: 30 })),
  phone: Type.Optional(Type.Union([PHONE, Type.Null()])),
  email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 100 }), Type.Null()])),
}, { additionalProperties: false });
export type UserCreate = Static<typeof UserCreateSchema>;

export const UserUpdateSchema = Type.Object({
  displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  roles: Type.Optional(Type.Array(RoleSchema, { minItems: 1, maxItems: 5, uniqueItems: true })),
  regionCode: Type.Optional(Type.String({ pattern: '^[0-9]{12}$' })),
  orgId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
  industries: Type.Optional(Type.Array(Type.String({ maxLength: 4 }), { maxItems: 30 })),
  phone: Type.Optional(Type.Union([PHONE, Type.Null()])),
  email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 100 }), Type.Null()])),
  status: Type.Optional(Type.String({ enum: ['active', 'disabled'] })),
  unlock: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
export type UserUpdate = Static<typeof UserUpdateSchema>;

export const PasswordResetSchema = Type.Object({ password: PASSWORD }, { additionalProperties: false });
export const PasswordChangeSchema = Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: 256 }), password: PASSWORD }, { additionalProperties: false });


export const usersResource: ResourceDef<User> = {
  name: 'users',
  from: 'app_user u JOIN region r ON r.code = u.region_code LEFT JOIN org o ON o.id = u.org_id',
  select: `u.id, u.username, u.display_name AS "displayName", u.roles, u.region_code AS "regionCode", r.name AS "regionName",
    u.org_id AS "orgId", o.name AS "orgName", u.industries, u.phone, u.email, u.status,
    (u.locked_until IS NOT NULL AND u.locked_until > now()) AS locked, u.last_login_at AS "lastLoginAt",
    u.is_demo AS "isDemo", u.created_at AS "createdAt", u.updated_at AS "updatedAt"`,
  idColumn: 'u.id',
  // Regulators see accounts of public bodies and of enterprises in their own industries.
  scope: {
    region: 'u.region_code', org: 'u.org_id',
    industry: (p) => `u.org_id IS NULL OR EXISTS (SELECT 1 FROM org x WHERE x.id = u.org_id AND (x.type <> 'enterprise' OR x.industry_codes && ${p}))`,
  },
  filters: {
    role: { sql: 'u.roles', op: 'contains', enum: ROLES, description: '角色' },
    regionCode: { sql: 'u.region_code', op: 'eq', description: '所属区域（精确）' },
    orgId: { sql: 'u.org_id::text', op: 'eq', description: '所属单位' },
    status: { sql: 'u.status', op: 'eq', enum: ['active', 'disabled'], description: '状态' },
  },
  sorts: { username: 'u.username', displayName: 'u.display_name', createdAt: 'u.created_at', lastLoginAt: 'u.last_login_at', regionCode: 'u.region_code' },
  defaultSort: 'username',
  search: ['u.username', 'u.display_name', 'u.phone'],
  columns: [
    { key: 'username', zh: '用户名', en: 'Username' },
    { key: 'displayName', zh: '姓名', en: 'Name' },
    { key: 'roles', zh: '角色', en: 'Roles', format: (v, _r, l) => (v as Role[]).map((x) => ROLE_LABELS[x]?.[l === 'en-US' ? 1 : 0] ?? x).join('、') },
    { key: 'regionName', zh: '所属区域', en: 'Region' },
    { key: 'orgName', zh: '所属单位', en: 'Organisation', width: 30 },
    { key: 'phone', zh: '电话', en: 'Phone' },
    { key: 'status', zh: '状态', en: 'Status', format: (v, _r, l) => (v === 'active' ? (l === 'en-US' ? 'active' : '启用') : l === 'en-US' ? 'disabled' : '停用') },
    { key: 'lastLoginAt', zh: '最近登录', en: 'Last sign-in', format: (v) => (v instanceof Date ? v : null), width: 20 },
  ],
  map: (r) => ({ ...r, lastLoginAt: isoTime(r.lastLoginAt), createdAt: isoTime(r.createdAt), updatedAt: isoTime(r.updatedAt) }) as User,
};

export async function getUser(ctx: ServiceCtx, id: string): Promise<User> {
  const u = await getResource(ctx.db, ctx.actor, usersResource, id);
  if (!u) throw notFound();
  return u;
}

/** The signed-in user's own profile with permissions (not scope-filtered: it is the user themself). */
export async function getMe(db: Db, id: string, locale: 'zh-CN' | 'en-US' = 'zh-CN'): Promise<Static<typeof MeSchema> | null> {
  const { rows } = await db.query<{ id: string; username: string; displayName: string; roles: string[]; regionCode: string; regionName: string; orgId: string | null; orgName: string | null; industries: string[]; locale: string; isDemo: boolean }>(
    `SELECT u.id, u.username, u.display_name AS "displayName", u.roles, u.region_code AS "regionCode", r.name AS "regionName",
            u.org_id AS "orgId", o.name AS "orgName", u.industries, u.locale, u.is_demo AS "isDemo"
       FROM app_user u JOIN region r ON r.code = u.region_code LEFT JOIN org o ON o.id = u.org_id WHERE u.id = $1`,
    [id],
  );
  const u = rows[0];
  if (!u) return null;
  const roles = u.roles.filter(isRole);
  return { ...u, roles, roleNames: roles.map((r) => ROLE_LABELS[r][locale === 'en-US' ? 1 : 0]), permissions: [...permissionsFor(roles)] };
}

/** Roles an actor may hand out: admins any; township offices only township and informant accounts. */
export function assignableRoles(actor: Actor): Role[] {
  if (actor.roles.includes('admin')) return [...ROLES];
  if (actor.roles.includes('township')) return ['township', 'informant'];
  return [];
}

/** Region and organisation must lie inside the actor's own scope: nobody creates accounts beyond it. */
async function checkPlacement(ctx: ServiceCtx, tx: Db, regionCode: string, orgId: string | null | undefined, roles: Role[]): Promise<void> {
  const allowed = assignableRoles(ctx.actor);
  const bad = roles.filter((r) => !allowed.includes(r));
  if (bad.length) throw new AppError(403, 'out_of_scope', { detail: bad.map((r) => ROLE_LABELS[r][0]).join('、') });
  const params = new Params();
  const cond = scopeCondition(ctx.actor.scope, { region: 'code' }, params);
  const { rows } = await tx.query(`SELECT 1 FROM region WHERE code = ${params.add(regionCode)} AND ${cond}`, params.values);
  if (!rows.length) throw outOfScope(regionCode);
  if (orgId) {
    const p2 = new Params();
    const c2 = scopeCondition(ctx.actor.scope, { region: 'region_code', org: 'id' }, p2);
    const { rows: orgs } = await tx.query(`SELECT 1 FROM org WHERE id = ${p2.add(orgId)} AND ${c2}`, p2.values);
    if (!orgs.length) throw outOfScope(orgId);
  }
  if ((roles.includes('enterprise') || roles.includes('team_contact')) && !orgId) {
    throw validationFailed([{ path: 'orgId', message: ctx.locale === 'en-US' ? 'enterprise and team accounts need an organisation' : '企业和队伍账号必须指定所属单位' }]);
  }
}

export async function createUser(ctx: ServiceCtx, input: UserCreate): Promise<User> {
  const roles = input.roles.filter(isRole);
  const passwordHash = await hashPassword(input.password);
  const id = await write(ctx, async (tx, audit) => {
    await checkPlacement(ctx, tx, input.regionCode, input.orgId, roles);
    const exists = await tx.query('SELECT 1 FROM app_user WHERE username = $1', [input.username]);
    if (exists.rows.length) throw duplicate(ctx.locale === 'en-US' ? 'username' : '用户名', 'username');
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO app_user (username, display_name, password_hash, roles, region_code, org_id, industries, phone, email, password_changed_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9, now()) RETURNING id`,
      [input.username, input.displayName, passwordHash, roles, input.regionCode, input.orgId ?? null, input.industries ?? [], input.phone ?? null, input.email ?? null],
    );
    const newId = rows[0]!.id;
    const { password: _pw, ...safe } = input;
    await audit({ action: 'create', entityType: 'user', entityId: newId, regionCode: input.regionCode, orgId: input.orgId ?? null, summary: `新建用户 ${input.username}`, after: safe });
    return newId;
  });
  return getUser(ctx, id);
}

export async function updateUser(ctx: ServiceCtx, id: string, input: UserUpdate): Promise<User> {
  await write(ctx, async (tx, audit) => {
    // Lock the row, then read it: concurrent edits apply one after the other instead of overwriting.
    await tx.query('SELECT 1 FROM app_user WHERE id = $1::uuid FOR UPDATE', [id]);
    const before = await getUser({ ...ctx, db: tx }, id);
    if (id === ctx.actor.id && (input.status === 'disabled' || (input.roles && !input.roles.includes('admin') && before.roles.includes('admin')))) {
      throw new AppError(409, 'invalid_state', { detail: ctx.locale === 'en-US' ? 'you cannot disable yourself or drop your own admin role' : '不能停用自己或撤销自己的管理员角色' });
    }
    // Editing a user needs the right to hand out their current roles too (a township cannot edit an admin).
    const allowed = assignableRoles(ctx.actor);
    if (before.roles.some((r) => !allowed.includes(r as Role))) throw forbidden();
    const roles = (input.roles ?? before.roles).filter(isRole);
    const regionCode = input.regionCode ?? before.regionCode;
    const orgId = input.orgId === undefined ? before.orgId : input.orgId;
    await checkPlacement(ctx, tx, regionCode, orgId, roles);
    await tx.query(
      `UPDATE app_user SET display_name = $2, roles = $3, region_code = $4, org_id = $5, industries = $6, phone = $7, email = $8,
              status = $9, locked_until = CASE WHEN $10 THEN NULL ELSE locked_until END,
              failed_attempts = CASE WHEN $10 THEN 0 ELSE failed_attempts END, updated_at = now() WHERE id = $1`,
      [id, input.displayName ?? before.displayName, roles, regionCode, orgId, input.industries ?? before.industries,
        input.phone === undefined ? before.phone : input.phone, input.email === undefined ? before.email : input.email,
        input.status ?? before.status, input.unlock === true],
    );
    if (input.status === 'disabled') await tx.query('DELETE FROM user_session WHERE user_id = $1', [id]);
    const next = { displayName: input.displayName ?? before.displayName, roles, regionCode, orgId, industries: input.industries ?? before.industries, phone: input.phone === undefined ? before.phone : input.phone, email: input.email === undefined ? before.email : input.email, status: input.status ?? before.status, locked: input.unlock ? false : before.locked };
    const prev = { displayName: before.displayName, roles: before.roles, regionCode: before.regionCode, orgId: before.orgId, industries: before.industries, phone: before.phone, email: before.email, status: before.status, locked: before.locked };
    const d = diff(prev, next);
    await audit({ action: 'update', entityType: 'user', entityId: id, regionCode, orgId, summary: `修改用户 ${before.username}`, before: d.before, after: d.after });
    if (regionCode !== before.regionCode || orgId !== before.orgId) {
      // The old region/organisation keeps a trace of the account leaving its scope.
      await audit({ action: 'move_out', entityType: 'user', entityId: id, regionCode: before.regionCode, orgId: before.orgId, summary: `用户 ${before.username} 调出`, before: { regionCode: before.regionCode, orgId: before.orgId }, after: { regionCode, orgId } });
    }
  });
  invalidateAuthCache({ userId: id }); // roles, scope, status, locale: the next request sees them
  return getUser(ctx, id);
}

export async function resetPassword(ctx: ServiceCtx, id: string, password: string): Promise<void> {
  const u = await getUser(ctx, id);
  const allowed = assignableRoles(ctx.actor);
  if (u.roles.some((r) => !allowed.includes(r as Role))) throw forbidden();
  const h = await hashPassword(password);
  await write(ctx, async (tx, audit) => {
    await tx.query('UPDATE app_user SET password_hash = $2, password_changed_at = now(), failed_attempts = 0, locked_until = NULL, updated_at = now() WHERE id = $1', [id, h]);
    await tx.query('DELETE FROM user_session WHERE user_id = $1', [id]);
    await audit({ action: 'reset_password', entityType: 'user', entityId: id, regionCode: u.regionCode, orgId: u.orgId, summary: `重置用户 ${u.username} 的密码` });
  });
  invalidateAuthCache({ userId: id });
}

export async function changeOwnPassword(ctx: ServiceCtx, current: string, password: string): Promise<void> {
  const { verifyPassword } = await import('../auth/service.ts');
  const { rows } = await ctx.db.query<{ password_hash: string | null; region_code: string; org_id: string | null }>('SELECT password_hash, region_code, org_id FROM app_user WHERE id = $1', [ctx.actor.id]);
  const row = rows[0];
  if (!row?.password_hash || !(await verifyPassword(row.password_hash, current))) {
    throw validationFailed([{ path: 'currentPassword', message: ctx.locale === 'en-US' ? 'the current password is wrong' : '当前密码不正确' }]);
  }
  const h = await hashPassword(password);
  await write(ctx, async (tx, audit) => {
    await tx.query('UPDATE app_user SET password_hash = $2, password_changed_at = now(), updated_at = now() WHERE id = $1', [ctx.actor.id, h]);
    await tx.query('DELETE FROM user_session WHERE user_id = $1 AND id <> $2', [ctx.actor.id, ctx.actor.sessionId ?? '']);
    await audit({ action: 'change_password', entityType: 'user', entityId: ctx.actor.id, regionCode: row.region_code, orgId: row.org_id, summary: '修改本人密码' });
  });
  invalidateAuthCache({ userId: ctx.actor.id });
}

export async function setLocale(ctx: ServiceCtx, locale: 'zh-CN' | 'en-US'): Promise<void> {
  if (ctx.actor.kind !== 'user') throw forbidden();
  await write(ctx, async (tx, audit) => {
    await tx.query('UPDATE app_user SET locale = $2, updated_at = now() WHERE id = $1', [ctx.actor.id, locale]);
    await audit({ action: 'update', entityType: 'user', entityId: ctx.actor.id, regionCode: ctx.actor.regionCode, orgId: ctx.actor.orgId, summary: '切换界面语言', after: { locale } });
  });
  invalidateAuthCache({ userId: ctx.actor.id });
}

/**
 * Active accounts to notify, for jobs in other modules: an organisation's own accounts; the township
 * offices whose region contains `regionCode` plus the regulators of the organisation's industries; or
 * county-level accounts holding one of the roles.
 */
export type Audience = { orgId: string | null } | { supervisorsOf: { regionCode: string; orgId: string | null } } | { countyRoles: Role[] };

export async function activeUserIds(db: Db, a: Audience): Promise<string[]> {
  const [sql, params] = 'countyRoles' in a
    ? [`SELECT u.id FROM app_user u JOIN region ur ON ur.code = u.region_code
         WHERE u.status = 'active' AND ur.parent_code IS NULL AND u.roles && $1::text[]`, [a.countyRoles]]
    : 'supervisorsOf' in a
      ? [`SELECT u.id FROM app_user u JOIN region ur ON ur.code = u.region_code JOIN region hr ON hr.code = $2
           WHERE u.status = 'active' AND (('township' = ANY(u.roles) AND hr.path LIKE ur.path || '%' AND ur.parent_code IS NOT NULL)
              OR ('regulator' = ANY(u.roles) AND u.industries && (SELECT industry_codes FROM org WHERE id = $1)))`, [a.supervisorsOf.orgId, a.supervisorsOf.regionCode]]
      : [`SELECT id FROM app_user WHERE status = 'active' AND org_id = $1`, [a.orgId]];
  const { rows } = await db.query<{ id: string }>(sql, params);
  return rows.map((r) => r.id);
}

/**
 * activeUserIds with a memory for one job run: many notices of a run share an audience (a unit, a
 * township, the bureau), so each is looked up once. Make a new one per run (accounts change).
 */
export function audienceLookup(): (db: Db, a: Audience) => Promise<string[]> {
  const seen = new Map<string, Promise<string[]>>();
  return (db, a) => {
    const key = JSON.stringify(a);
    let ids = seen.get(key);
    if (!ids) seen.set(key, (ids = activeUserIds(db, a)));
    return ids;
  };
}
