/**
 * A server-paged antd Table bound to a list endpoint that follows the platform's list conventions
 * (server/src/platform/http.ts registerListRoutes): query `page`, `pageSize`, `sort` (`field` or
 * `-field`), `q` plus filters; response `{items, total, page, pageSize}`. The toolbar has a search box,
 * the filter controls the page passes in, reload, and "导出 Excel" which downloads
 * `<endpoint>/export.xlsx?<same query>`.
 */
import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type HTMLAttributes, type ReactNode, type Ref } from 'react';
import { Alert, App, Button, Input, Space, Table, Tooltip, type TableColumnsType, type TableProps } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import type { SorterResult } from 'antd/es/table/interface';
import { api, download, errorMessage, type Query, type QueryValue } from '../lib/api.ts';
import { common, useI18n } from '../lib/i18n.tsx';
import type { Page } from '../lib/types.ts';

export interface DataTableHandle {
  reload: () => void;
}

export interface DataTableProps<T extends object> {
  /** List endpoint, e.g. '/api/v1/users'. */
  endpoint: string;
  /** Columns; sortable ones set `sorter: true` and `key` = the API sort field. */
  columns: TableColumnsType<T>;
  rowKey: string | ((row: T) => string);
  /** Current filter values (controlled by the page); a change goes back to page 1. */
  filters?: Record<string, QueryValue>;
  /** Filter controls rendered in the toolbar after the search box. */
  toolbar?: ReactNode;
  /** Buttons on the right end of the toolbar (e.g. 新建). */
  actions?: ReactNode;
  search?: boolean;
  searchPlaceholder?: string;
  /** Initial sort as the API takes it (`field` / `-field`); omitted: the server's default. */
  defaultSort?: string;
  defaultPageSize?: number;
  exportable?: boolean;
  /** data-testid prefix: `<id>`, `<id>-search`, `<id>-export`, `<id>-reload`, rows `<id>-row`. */
  testId: string;
  expandable?: TableProps<T>['expandable'];
  onRowClick?: (row: T) => void;
  size?: 'small' | 'middle' | 'large';
  scrollX?: number | string;
  onLoaded?: (page: Page<T>) => void;
  ref?: Ref<DataTableHandle>;
}

function sortOf(s: SorterResult<unknown> | SorterResult<unknown>[]): string | undefined {
  const one = Array.isArray(s) ? s[0] : s;
  if (!one?.order) return undefined;
  const field = String(one.columnKey ?? (Array.isArray(one.field) ? one.field.join('.') : one.field ?? ''));
  if (!field) return undefined;
  return one.order === 'descend' ? `-${field}` : field;
}

export function DataTable<T extends object>(props: DataTableProps<T>) {
  const {
    endpoint, columns, rowKey, filters, toolbar, actions, search = true, searchPlaceholder, defaultSort, defaultPageSize = 20,
    exportable = true, testId, expandable, onRowClick, size = 'middle', scrollX, onLoaded, ref,
  } = props;
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [pageSize, setPageSize] = useState(defaultPageSize);
  const [sort, setSort] = useState<string | undefined>(defaultSort);
  const [q, setQ] = useState('');
  const [data, setData] = useState<Page<T> | null>(null);
  const [loading, setLoading] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const onLoadedRef = useRef(onLoaded);
  onLoadedRef.current = onLoaded;

  const filterKey = JSON.stringify(filters ?? {});
  // The page number belongs to a filter set: new filters start again at page 1.
  const [pageState, setPageState] = useState({ key: filterKey, page: 1 });
  const page = pageState.key === filterKey ? pageState.page : 1;
  const setPage = (p: number) => setPageState({ key: filterKey, page: p });

  const query = useMemo<Query>(() => ({ ...(JSON.parse(filterKey) as Query), q: search ? q.trim() : undefined, sort }), [filterKey, q, sort, search]);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    api.get<Page<T>>(endpoint, { ...query, page, pageSize }, { signal: ctrl.signal })
      .then((r) => {
        setData(r);
        setError(null);
        onLoadedRef.current?.(r);
      })
      .catch((err: unknown) => {
        if (ctrl.signal.aborted) return;
        setError(errorMessage(err));
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setLoading(false);
      });
    return () => ctrl.abort();
  }, [endpoint, query, page, pageSize, tick, locale]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  useImperativeHandle(ref, () => ({ reload }), [reload]);

  const cols = useMemo<TableColumnsType<T>>(() => columns.map((c) => {
    if (!('sorter' in c) || !c.sorter || c.key === undefined) return c;
    const key = String(c.key);
    const order = sort === key ? 'ascend' : sort === `-${key}` ? 'descend' : null;
    return { ...c, sortOrder: order };
  }), [columns, sort]);

  const doExport = async () => {
    setExporting(true);
    try {
      const name = await download(`${endpoint}/export.xlsx`, query, `${testId}.xlsx`);
      message.success(t(common.exported, { name }));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setExporting(false);
    }
  };

  return (
    <div data-testid={testId}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginBottom: 12 }}>
        {search && (
          <Input.Search
            allowClear
            data-testid={`${testId}-search`}
            placeholder={searchPlaceholder ?? t(common.searchPlaceholder)}
            style={{ width: 240 }}
            onSearch={(v) => {
              setQ(v);
              setPage(1);
            }}
          />
        )}
        {toolbar}
        <div style={{ flex: 1 }} />
        <Space wrap>
          <Tooltip title={t(common.reload)}>
            <Button icon={<ReloadOutlined />} onClick={reload} data-testid={`${testId}-reload`} aria-label={t(common.reload)} />
          </Tooltip>
          {exportable && (
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void doExport()} data-testid={`${testId}-export`}>
              {t(common.exportExcel)}
            </Button>
          )}
          {actions}
        </Space>
      </div>
      {error && <Alert type="error" showIcon title={t(common.loadFailed, { msg: error })} style={{ marginBottom: 12 }} data-testid={`${testId}-error`} />}
      <Table<T>
        rowKey={rowKey}
        size={size}
        columns={cols}
        dataSource={data?.items ?? []}
        loading={loading}
        expandable={expandable}
        scroll={scrollX ? { x: scrollX } : undefined}
        onRow={(row) => ({
          'data-testid': `${testId}-row`,
          onClick: onRowClick ? () => onRowClick(row) : undefined,
          style: onRowClick ? { cursor: 'pointer' } : undefined,
        }) as HTMLAttributes<HTMLElement>}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100, 200],
          showTotal: (n) => t(common.total, { n }),
        }}
        onChange={(p, _f, s, extra) => {
          if (extra.action === 'sort') {
            setSort(sortOf(s as SorterResult<unknown>) ?? defaultSort);
            setPage(1);
            return;
          }
          if (p.pageSize && p.pageSize !== pageSize) {
            setPageSize(p.pageSize);
            setPage(1);
          } else if (p.current) setPage(p.current);
        }}
      />
    </div>
  );
}
