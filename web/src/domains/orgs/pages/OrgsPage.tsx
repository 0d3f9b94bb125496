import { useMemo, useRef, useState } from 'react';
import { Button, Card, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../../app/auth.tsx';
import { DataTable, type DataTableHandle } from '../../../components/DataTable.tsx';
import { common, useI18n } from '../../../lib/i18n.tsx';
import type { Org } from '../../../lib/types.ts';
import { OrgDetailDrawer } from '../components/OrgDetailDrawer.tsx';
import { OrgFormDrawer } from '../components/OrgFormDrawer.tsx';
import { om } from '../messages.ts';

const TYPE_COLORS: Record<string, string> = {
  bureau: 'red', department: 'blue', township_office: 'cyan', park: 'geekblue', enterprise: 'orange', rescue_team: 'volcano', social_org: 'purple',
};

export default function OrgsPage() {
  const { t } = useI18n();
  const { meta, can } = useAuth();
  const tableRef = useRef<DataTableHandle>(null);
  const [type, setType] = useState<string | undefined>();
  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<Org | null>(null);
  const [detail, setDetail] = useState<Org | null>(null);
  const [historyTick, setHistoryTick] = useState(0);
  const writable = can('orgs:write');
  const typeLabel = useMemo(() => new Map((meta?.orgTypes ?? []).map((o) => [o.value, o.label])), [meta]);

  const columns = useMemo<TableColumnsType<Org>>(() => [
    {
      title: t(om.name), dataIndex: 'name', key: 'name', sorter: true, ellipsis: true,
      render: (v: string, o) => <Typography.Link onClick={() => setDetail(o)} data-testid="org-open">{v}</Typography.Link>,
    },
    {
      title: t(om.type), dataIndex: 'type', key: 'type', sorter: true, width: 150,
      render: (v: string) => (
        <Tag color={TYPE_COLORS[v]} title={typeLabel.get(v) ?? v} style={{ maxWidth: '100%', overflow: 'hidden', textOverflow: 'ellipsis', verticalAlign: 'middle' }}>
          {typeLabel.get(v) ?? v}
        </Tag>
      ),
    },
    { title: t(om.region), dataIndex: 'regionName', key: 'regionCode', sorter: true, width: 130 },
    { title: t(om.creditCode), dataIndex: 'creditCode', key: 'creditCode', width: 190, render: (v: string | null) => <span style={{ fontFamily: 'monospace' }}>{v ?? '—'}</span> },
    { title: t(om.industries), dataIndex: 'industryCodes', key: 'industryCodes', width: 130, render: (v: string[]) => (v.length ? v.join(', ') : '—') },
    { title: t(om.contactName), dataIndex: 'contactName', key: 'contactName', width: 100, render: (v: string | null) => v ?? '—' },
    { title: t(om.contactPhone), dataIndex: 'contactPhone', key: 'contactPhone', width: 130, render: (v: string | null) => v ?? '—' },
    { title: t(om.userCount), dataIndex: 'userCount', key: 'userCount', width: 80, align: 'right' },
    {
      title: t(common.actions), key: 'actions', width: writable ? 130 : 70, fixed: 'right',
      render: (_v, o) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDetail(o)} data-testid="org-detail-btn">{t(common.detail)}</Button>
          {writable && <Button type="link" size="small" onClick={() => { setEditing(o); setFormOpen(true); }} data-testid="org-edit">{t(common.edit)}</Button>}
        </Space>
      ),
    },
  ], [t, typeLabel, writable]);

  return (
    <Card title={t(om.title)} data-testid="orgs-page">
      <DataTable<Org>
        ref={tableRef}
        testId="orgs-table"
        endpoint="/api/v1/orgs"
        rowKey="id"
        columns={columns}
        filters={{ type }}
        searchPlaceholder={t(om.searchPlaceholder)}
        scrollX={1200}
        toolbar={
          <Select allowClear placeholder={t(om.filterType)} style={{ width: 170 }} value={type} onChange={setType} options={meta?.orgTypes ?? []} data-testid="orgs-filter-type" />
        }
        actions={writable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => { setEditing(null); setFormOpen(true); }} data-testid="orgs-create">
            {t(om.create)}
          </Button>
        )}
      />
      <OrgFormDrawer
        open={formOpen}
        org={editing}
        onClose={() => setFormOpen(false)}
        onSaved={(o) => {
          setFormOpen(false);
          tableRef.current?.reload();
          setHistoryTick((n) => n + 1);
          if (detail?.id === o.id) setDetail(o);
        }}
      />
      <OrgDetailDrawer org={detail} onClose={() => setDetail(null)} reloadKey={historyTick} />
    </Card>
  );
}
