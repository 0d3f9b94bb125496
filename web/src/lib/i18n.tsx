/**
 * A tiny dictionary-based i18n. A message is a pair [zh-CN, en-US]; domains declare theirs with
 * defineMessages() next to their pages, so every key is checked by the compiler. zh-CN is the default;
 * the choice persists in localStorage (and, when signed in, on the server via PUT /api/v1/me/locale —
 * see app/LanguageSwitch).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setApiLocale, type Locale } from './api.ts';

export type { Locale };
export type Msg = readonly [zh: string, en: string];
export type Vars = Record<string, string | number>;

export const LOCALES: readonly Locale[] = ['zh-CN', 'en-US'];
const STORAGE_KEY = 'yingji.locale';

export function defineMessages<T extends Record<string, Msg>>(messages: T): T {
  return messages;
}

/** Picks the message for a locale and fills {name} placeholders. */
export function translate(locale: Locale, msg: Msg, vars?: Vars): string {
  const text = locale === 'en-US' ? msg[1] : msg[0];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function isLocale(x: unknown): x is Locale {
  return x === 'zh-CN' || x === 'en-US';
}

/** The locale stored on this device, or null when the user never chose one here. */
export function storedLocale(): Locale | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLocale(v) ? v : null;
  } catch {
    return null;
  }
}

interface I18nValue {
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: (msg: Msg, vars?: Vars) => string;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const l = storedLocale() ?? 'zh-CN';
    setApiLocale(l);
    return l;
  });

  const setLocale = useCallback((l: Locale) => {
    setApiLocale(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
    setLocaleState(l);
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo<I18nValue>(() => ({ locale, setLocale, t: (msg, vars) => translate(locale, msg, vars) }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

/** Messages shared by several pages. */
export const common = defineMessages({
  appName: ['应急管理综合应用平台', 'Emergency Management Platform'],
  appNameCounty: ['{county}应急管理综合应用平台', '{county} Emergency Management Platform'],
  demoData: ['演示数据', 'Demo data'],
  search: ['搜索', 'Search'],
  searchPlaceholder: ['输入关键字搜索', 'Search by keyword'],
  exportExcel: ['导出 Excel', 'Export Excel'],
  exporting: ['正在导出…', 'Exporting…'],
  exported: ['已导出 {name}', 'Exported {name}'],
  reload: ['刷新', 'Reload'],
  create: ['新建', 'New'],
  edit: ['编辑', 'Edit'],
  detail: ['详情', 'Details'],
  save: ['保存', 'Save'],
  cancel: ['取消', 'Cancel'],
  confirm: ['确定', 'OK'],
  close: ['关闭', 'Close'],
  actions: ['操作', 'Actions'],
  all: ['全部', 'All'],
  yes: ['是', 'Yes'],
  no: ['否', 'No'],
  none: ['无', 'None'],
  loading: ['加载中…', 'Loading…'],
  loadMore: ['加载更多', 'Load more'],
  saved: ['已保存', 'Saved'],
  created: ['已创建', 'Created'],
  total: ['共 {n} 条', '{n} in total'],
  required: ['请填写{field}', '{field} is required'],
  requiredSelect: ['请选择{field}', 'Please choose {field}'],
  maxLength: ['{field}最多 {n} 个字符', '{field} allows at most {n} characters'],
  minLength: ['{field}至少 {n} 个字符', '{field} needs at least {n} characters'],
  badFormat: ['{field}格式不正确', '{field} has the wrong format'],
  history: ['变更历史', 'Change history'],
  historyEmpty: ['暂无变更记录', 'No changes recorded'],
  before: ['修改前', 'Before'],
  after: ['修改后', 'After'],
  attachments: ['附件', 'Attachments'],
  loadFailed: ['加载失败：{msg}', 'Loading failed: {msg}'],
  noPermission: ['您没有访问此页面的权限', 'You are not allowed to open this page'],
  notFound: ['页面不存在', 'Page not found'],
  backHome: ['返回工作台', 'Back to the workbench'],
  language: ['语言', 'Language'],
  createdAt: ['创建时间', 'Created'],
  updatedAt: ['更新时间', 'Updated'],
  region: ['所属区域', 'Region'],
  org: ['所属单位', 'Organisation'],
  status: ['状态', 'Status'],
  name: ['名称', 'Name'],
  code: ['代码', 'Code'],
  filter: ['筛选', 'Filter'],
  reset: ['重置', 'Reset'],
});
