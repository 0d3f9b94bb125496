import { useEffect, useMemo, useState } from 'react';
import { Alert, Badge, Card, Input, Spin, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { DataTable } from '../../../components/DataTable.tsx';
import { api, errorMessage } from '../../../lib/api.ts';
import { common, defineMessages, useI18n } from '../../../lib/i18n.tsx';
import type { DictItem, DictSummary } from '../../../lib/types.ts';

const m = defineMessages({
  title: ['数据字典', 'Dictionaries'],
  code: ['代码', 'Code'],
  name: ['名称', 'Name'],
  nameEn: ['英文名称', 'English name'],
  parentCode: ['上级代码', 'Parent code'],
  level: ['层级', 'Level'],
  note: ['备注', 'Note'],
  parentFilter: ['上级代码筛选', 'Parent code'],
  standard: ['标准：{s}', 'Standard: {s}'],
  searchPlaceholder: ['代码、名称或英文名称', 'Code, name or English name'],
});

export default function DictionariesPage() {
  const { t, locale } = useI18n();
  const [dicts, setDicts] = useState<DictSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState<string | undefined>();
  const [parentCode, setParentCode] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    api.get<DictSummary[]>('/api/v1/dictionaries')
      .then((d) => {
        if (!live) return;
        setDicts(d);
        setActive((a) => a ?? d[0]?.dict);
      })
      .catch((err: unknown) => live && setError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [locale]);

  const columns = useMemo<TableColumnsType<DictItem>>(() => [
    { title: t(m.code), dataIndex: 'code', key: 'code', sorter: true, width: 120, render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
    { title: t(m.name), dataIndex: 'name', key: 'name', sorter: true, render: (v: string, r) => <span style={{ paddingInlineStart: (r.level - 1) * 12 }}>{v}</span> },
    { title: t(m.nameEn), dataIndex: 'nameEn', key: 'nameEn', render: (v: string | null) => v ?? '—' },
    {
      title: t(m.parentCode), dataIndex: 'parentCode', key: 'parentCode', width: 110,
      render: (v: string | null) => (v ? <Typography.Link onClick={() => setParentCode(v)}>{v}</Typography.Link> : '—'),
    },
    { title: t(m.level), dataIndex: 'level', key: 'level', width: 70, align: 'center', render: (v: number) => <Tag>{v}</Tag> },
    { title: t(m.note), dataIndex: 'note', key: 'note', ellipsis: true, render: (v: string | null) => v ?? '—' },
  ], [t]);

  const current = dicts?.find((d) => d.dict === active);

  return (
    <Card title={t(m.title)} data-testid="dictionaries-page">
      {error && <Alert type="error" showIcon title={t(common.loadFailed, { msg: error })} />}
      {!dicts && !error && <Spin />}
      {dicts && (
        <>
          <Tabs
            activeKey={active}
            onChange={(k) => {
              setActive(k);
              setParentCode(undefined);
            }}
            data-testid="dictionaries-tabs"
            items={dicts.map((d) => ({
              key: d.dict,
              label: <span data-testid={`dict-tab-${d.dict}`}>{d.name} <Badge count={d.count} overflowCount={9999} color="#94a3b8" size="small" /></span>,
            }))}
          />
          {current?.standard && <Typography.Paragraph type="secondary">{t(m.standard, { s: current.standard })}</Typography.Paragraph>}
          {active && (
            <DataTable<DictItem>
              key={active}
              testId="dict-items-table"
              endpoint="/api/v1/dictionaries/items"
              rowKey={(r) => `${r.dict}:${r.code}`}
              columns={columns}
              filters={{ dict: active, parentCode }}
              defaultSort="code"
              defaultPageSize={50}
              size="small"
              searchPlaceholder={t(m.searchPlaceholder)}
              toolbar={
                <Input
                  allowClear
                  placeholder={t(m.parentFilter)}
                  style={{ width: 150 }}
                  value={parentCode ?? ''}
                  onChange={(e) => setParentCode(e.target.value.trim() || undefined)}
                  data-testid="dict-filter-parent"
                />
              }
            />
          )}
        </>
      )}
    </Card>
  );
}
