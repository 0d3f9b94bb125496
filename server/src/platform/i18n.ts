/** The two UI/API languages. zh-CN is the default; en-US is chosen by Accept-Language. */
export type Locale = 'zh-CN' | 'en-US';

export function pickLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'zh-CN';
  // First language tag with the highest q wins; anything English → en-US, everything else → zh-CN.
  const tags = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((t) => t.tag)
    .sort((a, b) => b.q - a.q);
  const first = tags[0]?.tag ?? '';
  return first.startsWith('en') ? 'en-US' : 'zh-CN';
}

type Messages = Record<string, { 'zh-CN': string; 'en-US': string }>;

/** Error titles/details by stable code. {name} placeholders are filled from params. */
export const MESSAGES: Messages = {
  validation_failed: { 'zh-CN': '提交的数据不符合要求', 'en-US': 'The submitted data is invalid' },
  unauthenticated: { 'zh-CN': '请先登录', 'en-US': 'Please sign in' },
  session_expired: { 'zh-CN': '登录已过期，请重新登录', 'en-US': 'Your session has expired, please sign in again' },
  bad_credentials: { 'zh-CN': '用户名或密码错误', 'en-US': 'Wrong username or password' },
  account_locked: {
    'zh-CN': '登录失败次数过多，账号已锁定，请于 {minutes} 分钟后再试',
    'en-US': 'Too many failed sign-ins; the account is locked, try again in {minutes} minutes',
  },
  account_disabled: { 'zh-CN': '账号已停用', 'en-US': 'The account is disabled' },
  csrf_failed: { 'zh-CN': '请求校验失败（CSRF），请刷新页面后重试', 'en-US': 'Request check failed (CSRF); reload the page and retry' },
  forbidden: { 'zh-CN': '没有执行此操作的权限', 'en-US': 'You are not allowed to do this' },
  not_found: { 'zh-CN': '记录不存在或不在您的数据范围内', 'en-US': 'The record does not exist or is outside your data scope' },
  route_not_found: { 'zh-CN': '接口不存在', 'en-US': 'No such endpoint' },
  conflict: { 'zh-CN': '数据冲突：{detail}', 'en-US': 'Conflict: {detail}' },
  duplicate: { 'zh-CN': '{field}已存在', 'en-US': '{field} already exists' },
  invalid_state: { 'zh-CN': '当前状态不允许此操作：{detail}', 'en-US': 'Not allowed in the current state: {detail}' },
  import_failed: { 'zh-CN': '未导入任何数据：{rows} 行共 {count} 处错误，请修改后重新导入', 'en-US': 'Nothing was imported: {count} errors in {rows} rows; correct them and import again' },
  hazard_rule: { 'zh-CN': '{detail}', 'en-US': '{detail}' },
  capacity_exceeded: { 'zh-CN': '超出容量：{detail}', 'en-US': 'Capacity exceeded: {detail}' },
  out_of_scope: { 'zh-CN': '目标不在您的数据范围内：{detail}', 'en-US': 'Outside your data scope: {detail}' },
  payload_too_large: { 'zh-CN': '文件过大，上限为 {limit}', 'en-US': 'The file is too large; the limit is {limit}' },
  unsupported_media_type: { 'zh-CN': '不支持的文件类型：{type}', 'en-US': 'Unsupported file type: {type}' },
  rate_limited: { 'zh-CN': '请求过于频繁，请稍后再试', 'en-US': 'Too many requests, please slow down' },
  not_ready: { 'zh-CN': '系统正在启动', 'en-US': 'The system is starting' },
  internal_error: { 'zh-CN': '服务器内部错误，请联系管理员', 'en-US': 'Internal server error; contact the administrator' },
};

export function message(code: string, locale: Locale, params: Record<string, string | number> = {}): string {
  const entry = MESSAGES[code] ?? MESSAGES.internal_error!;
  return entry[locale].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** Field names shown in validation messages (API field → label). Modules add their own. */
export const FIELD_LABELS: Record<string, { 'zh-CN': string; 'en-US': string }> = {};

export function registerFieldLabels(labels: Record<string, [zh: string, en: string]>): void {
  for (const [k, [zh, en]] of Object.entries(labels)) FIELD_LABELS[k] = { 'zh-CN': zh, 'en-US': en };
}

registerFieldLabels({
  username: ['用户名', 'username'],
  password: ['密码', 'password'],
  displayName: ['姓名', 'name'],
  roles: ['角色', 'roles'],
  regionCode: ['所属区域', 'region'],
  orgId: ['所属单位', 'organisation'],
  industries: ['监管行业', 'industries'],
  phone: ['电话', 'phone'],
  email: ['电子邮箱', 'email'],
  name: ['名称', 'name'],
  type: ['类型', 'type'],
  code: ['代码', 'code'],
  creditCode: ['统一社会信用代码', 'unified social credit code'],
  industryCodes: ['行业代码', 'industry codes'],
  shortName: ['简称', 'short name'],
  parentId: ['上级单位', 'parent organisation'],
  parentCode: ['上级区域', 'parent region'],
  contactName: ['联系人', 'contact'],
  contactPhone: ['联系电话', 'contact phone'],
  address: ['地址', 'address'],
  location: ['位置', 'location'],
  centre: ['中心点', 'centre'],
  boundary: ['边界', 'boundary'],
  population: ['人口', 'population'],
  kind: ['类别', 'kind'],
  status: ['状态', 'status'],
  currentPassword: ['当前密码', 'current password'],
  locale: ['语言', 'language'],
  ownerType: ['所属对象类型', 'owner type'],
  ownerId: ['所属对象', 'owner'],
  file: ['文件', 'file'],
  expiresAt: ['过期时间', 'expiry'],
  q: ['关键字', 'keyword'],
  page: ['页码', 'page'],
  pageSize: ['每页条数', 'page size'],
  sort: ['排序', 'sort'],
});

/** The label of a coded value from a [zh, en] table in the given locale; the code itself when unknown, null for null. */
export function pickLabel(labels: Readonly<Record<string, readonly [string, string, ...string[]]>>, value: unknown, locale: string): string | null {
  if (value === null || value === undefined) return null;
  return labels[String(value)]?.[locale === 'en-US' ? 1 : 0] ?? String(value);
}
