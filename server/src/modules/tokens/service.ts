import { Type, type Static } from 'typebox';
import { invalidateAuthCache, randomToken, sha256, TOKEN_PREFIX } from '../../platform/auth.ts';
import { write, type ServiceCtx } from '../../platform/context.ts';
import { notFound, outOfScope } from '../../platform/errors.ts';
import { ROLES, isRole } from '../../platform/permissions.ts';
import { Params, scopeCondition, type ResourceDef } from '../../platform/query.ts';
import { isoTime } from '../../platform/values.ts';

export const TokenSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String(),
  roles: Type.Array(Type.String()),
  regionCode: Type.String(),
  regionName: Type.String(),
  orgId: Type.Union([Type.String(), Type.Null()]),
  orgName: Type.Union([Type.String(), Type.Null()]),
  industries: Type.Array(Type.String()),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});
export type Token = Static<typeof TokenSchema>;

export const TokenCreateSchema = Type.Object({
  name: Type.String({ minLength: 2, maxLength: 60 }),
  roles: Type.Array(Type.String({ enum: [...ROLES] as string[] }), { minItems: 1, uniqueItems: true }),
  regionCode: Type.String({ pattern: '^[0-9]{12}$' }),
  orgId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
  industries: Type.Optional(Type.Array(Type.String({ maxLength: 4 }))),
  expiresAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
}, { additionalProperties: false });


export const tokensResource: ResourceDef<Token> = {
  name: 'tokens',
  from: 'api_token t JOIN region r ON r.code = t.region_code LEFT JOIN org o ON o.id = t.org_id',
  select: `t.id, t.name, t.prefix, t.roles, t.region_code AS "regionCode", r.name AS "regionName", t.org_id AS "orgId", o.name AS "orgName",
    t.industries, t.expires_at AS "expiresAt", t.last_used_at AS "lastUsedAt", t.revoked_at AS "revokedAt", t.created_at AS "createdAt"`,
  idColumn: 't.id',
  scope: { region: 't.region_code', org: 't.org_id' },
  filters: {},
  sorts: { name: 't.name', createdAt: 't.created_at', lastUsedAt: 't.last_used_at' },
  defaultSort: '-createdAt',
  search: ['t.name'],
  columns: [
    { key: 'name', zh: '名称', en: 'Name' },
    { key: 'prefix', zh: '前缀', en: 'Prefix' },
    { key: 'roles', zh: '角色', en: 'Roles' },
    { key: 'regionName', zh: '区域', en: 'Region' },
    { key: 'orgName', zh: '单位', en: 'Organisation' },
    { key: 'lastUsedAt', zh: '最近使用', en: 'Last used' },
    { key: 'revokedAt', zh: '吊销时间', en: 'Revoked' },
  ],
  map: (r) => ({ ...r, expiresAt: isoTime(r.expiresAt), lastUsedAt: isoTime(r.lastUsedAt), revokedAt: isoTime(r.revokedAt), createdAt: isoTime(r.createdAt) }) as Token,
};

/** Creates an API token for a system or device; the secret is returned once and stored only as a hash. */
export async function createToken(ctx: ServiceCtx, input: Static<typeof TokenCreateSchema>): Promise<{ token: string; id: string }> {
  const secret = `${TOKEN_PREFIX}${randomToken(30)}`;
  return write(ctx, async (tx, audit) => {
    const p = new Params();
    const cond = scopeCondition(ctx.actor.scope, { region: 'code' }, p);
    const { rows: ok } = await tx.query(`SELECT 1 FROM region WHERE code = ${p.add(input.regionCode)} AND ${cond}`, p.values);
    if (!ok.length) throw outOfScope(input.regionCode);
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO api_token (name, token_hash, prefix, roles, region_code, org_id, industries, expires_at, created_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id`,
      [input.name, sha256(secret), secret.slice(0, 8), input.roles.filter(isRole), input.regionCode, input.orgId ?? null, input.industries ?? [],
        input.expiresAt ?? null, ctx.actor.kind === 'user' ? ctx.actor.id : null]);
    const id = rows[0]!.id;
    await audit({ action: 'create_token', entityType: 'api_token', entityId: id, regionCode: input.regionCode, orgId: input.orgId ?? null, summary: `创建 API 令牌 ${input.name}`, after: input });
    return { token: secret, id };
  });
}

export async function revokeToken(ctx: ServiceCtx, id: string): Promise<void> {
  await write(ctx, async (tx, audit) => {
    const p = new Params();
    const cond = scopeCondition(ctx.actor.scope, tokensResource.scope as never, p);
    const { rows } = await tx.query<{ name: string; region_code: string; org_id: string | null }>(
      `UPDATE api_token t SET revoked_at = COALESCE(revoked_at, now()) WHERE t.id::text = ${p.add(id.toLowerCase())} AND ${cond} RETURNING name, region_code, org_id`, p.values);
    if (!rows[0]) throw notFound();
    await audit({ action: 'revoke_token', entityType: 'api_token', entityId: id, regionCode: rows[0].region_code, orgId: rows[0].org_id, summary: `吊销 API 令牌 ${rows[0].name}` });
  });
  invalidateAuthCache({ tokenId: id });
}
