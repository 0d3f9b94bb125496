import { defineMessages, type Msg } from '../lib/i18n.tsx';

/** Audit action labels (mirrors ACTION_LABELS in server/src/modules/audit/service.ts). */
export const ACTION_LABELS: Record<string, Msg> = defineMessages({
  create: ['新建', 'create'],
  update: ['修改', 'update'],
  delete: ['删除', 'delete'],
  login: ['登录', 'sign-in'],
  logout: ['退出', 'sign-out'],
  login_failed: ['登录失败', 'failed sign-in'],
  account_locked: ['账号锁定', 'account locked'],
  reset_password: ['重置密码', 'password reset'],
  change_password: ['修改密码', 'password change'],
  upload: ['上传', 'upload'],
  seed: ['初始化数据', 'seed'],
  create_token: ['创建令牌', 'token created'],
  revoke_token: ['吊销令牌', 'token revoked'],
});

/** Entity types written to the audit log by the platform modules. */
export const ENTITY_LABELS: Record<string, Msg> = defineMessages({
  user: ['用户', 'user'],
  org: ['单位', 'organisation'],
  region: ['行政区划', 'region'],
  dict_item: ['字典项', 'dictionary item'],
  attachment: ['附件', 'attachment'],
  api_token: ['API 令牌', 'API token'],
  system: ['系统', 'system'],
});
