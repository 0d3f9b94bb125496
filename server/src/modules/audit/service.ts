import { Type, type Static } from 'typebox';
import { verifyAuditChain, type VerifyResult } from '../../platform/audit.ts';
import type { ServiceCtx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { isOwnerType, resolveOwner } from '../../platform/owners.ts';
import { listResource, type Page, type ResourceDef } from '../../platform/query.ts';
import { pickLabel } from '../../platform/i18n.ts';

export const AuditEntrySchema = Type.Object({
  seq: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorName: Type.String(),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.Union([Type.String(), Type.Null()]),
  regionCode: Type.Union([Type.String(), Type.Null()]),
  summary: Type.Union([Type.String(), Type.Null()]),
  before: Type.Unknown(),
  after: Type.Unknown(),
  requestId: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  hash: Type.String(),
});
export type AuditEntryOut = Static<typeof AuditEntrySchema>;

export const ACTION_LABELS: Record<string, [string, string]> = {
  create: ['新建', 'create'], update: ['修改', 'update'], delete: ['删除', 'delete'], login: ['登录', 'sign-in'],
  logout: ['退出', 'sign-out'], login_failed: ['登录失败', 'failed sign-in'], account_locked: ['账号锁定', 'account locked'],
  move_out: ['调出', 'moved out'], reset_password: ['重置密码', 'password reset'], change_password: ['修改密码', 'password change'], upload: ['上传', 'upload'],
  seed: ['初始化数据', 'seed'], create_token: ['创建令牌', 'token created'], revoke_token: ['吊销令牌', 'token revoked'],
  status: ['变更状态', 'status change'], stock_in: ['入库', 'stock in'], stock_out: ['出库', 'stock out'], stock_transfer: ['调拨', 'transfer'],
  stock_adjust: ['盘点调整', 'stock count'], stock_scrap: ['报废', 'scrap'], stock_rotate: ['轮换', 'rotation'],
  check_in: ['入住', 'check-in'], check_out: ['离开', 'check-out'], capacity_override: ['超容安置', 'capacity override'], import: ['导入', 'import'],
  settings: ['修改设置', 'settings change'],
  hazard_assign: ['下达整改', 'rectification assigned'], hazard_submit: ['提交验收', 'submitted for verification'],
  hazard_verify_pass: ['验收销号', 'verified and closed'], hazard_verify_reject: ['验收不通过', 'verification rejected'], hazard_supervise: ['挂牌督办', 'placed under supervision'], hazard_escalate: ['超期升级', 'overdue escalation'],
  check_item_hazard: ['检查项转隐患', 'check item to hazard'], report_triage: ['举报受理', 'report triaged'], report_dismiss: ['举报不予受理', 'report dismissed'],
};

export const auditResource: ResourceDef<AuditEntryOut> = {
  name: 'audit',
  from: 'audit_log a',
  select: `a.seq, a.at, a.actor_id AS "actorId", a.actor_name AS "actorName", a.action, a.entity_type AS "entityType",
    a.entity_id AS "entityId", a.region_code AS "regionCode", a.summary, a.before, a.after, a.request_id AS "requestId", a.ip, a.hash`,
  idColumn: 'a.seq',
  // Entries are scoped by the record they concern; entries with no region (system-wide) are admin-only.
  scope: { region: 'a.region_code', org: 'a.org_id' },
  filters: {
    actorName: { sql: 'a.actor_name', op: 'ilike', description: '操作人' },
    actorId: { sql: 'a.actor_id::text', op: 'eq', description: '操作人 ID' },
    action: { sql: 'a.action', op: 'eq', description: '操作' },
    entityType: { sql: 'a.entity_type', op: 'eq', description: '对象类型' },
    entityId: { sql: 'a.entity_id', op: 'eq', description: '对象 ID' },
    from: { sql: 'a.at', op: 'gte', format: 'date-time', description: '起始时间（ISO 8601）' },
    to: { sql: 'a.at', op: 'lte', format: 'date-time', description: '截止时间（ISO 8601）' },
  },
  sorts: { seq: 'a.seq', at: 'a.at' },
  defaultSort: '-seq',
  search: ['a.summary', 'a.actor_name', 'a.entity_id'],
  columns: [
    { key: 'seq', zh: '序号', en: 'Seq' },
    { key: 'at', zh: '时间', en: 'Time', width: 22 },
    { key: 'actorName', zh: '操作人', en: 'Actor' },
    { key: 'action', zh: '操作', en: 'Action', format: (v, _r, l) => pickLabel(ACTION_LABELS, v, l) },
    { key: 'entityType', zh: '对象类型', en: 'Entity type' },
    { key: 'entityId', zh: '对象', en: 'Entity', width: 38 },
    { key: 'summary', zh: '摘要', en: 'Summary', width: 40 },
    { key: 'before', zh: '修改前', en: 'Before', width: 40 },
    { key: 'after', zh: '修改后', en: 'After', width: 40 },
    { key: 'ip', zh: 'IP', en: 'IP' },
    { key: 'hash', zh: '哈希', en: 'Hash', width: 66 },
  ],
  map: (r) => ({ ...r, at: r.at instanceof Date ? r.at.toISOString() : String(r.at) }) as AuditEntryOut,
};

/** A record's own history (newest first), inside the actor's scope. */
export async function entityHistory(ctx: ServiceCtx, entityType: string, entityId: string, page = 1): Promise<Page<AuditEntryOut>> {
  // Readable by whoever can read the record itself (its module's permission and scope); other
  // entity types only with audit:read.
  if (isOwnerType(entityType)) {
    if (!(await resolveOwner(ctx.db, ctx.actor, entityType, entityId))) throw notFound();
  } else if (!ctx.actor.permissions.has('audit:read')) {
    throw notFound();
  }
  return listResource(ctx.db, ctx.actor, auditResource, { entityType, entityId, page, pageSize: 50, sort: '-seq' });
}

export async function verify(ctx: ServiceCtx): Promise<VerifyResult> {
  if (!ctx.actor.roles.includes('admin')) throw notFound();
  return verifyAuditChain(ctx.db);
}
