import { useMemo, useRef, useState } from 'react';
import { Button, Card, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../../app/auth.tsx';
import { DataTable, type DataTableHandle } from '../../../components/DataTable.tsx';
import { ImportButton } from '../../../components/ImportButton.tsx';
import { common, useI18n } from '../../../lib/i18n.tsx';
import { AvailabilityTag, ExpertDetailDrawer, ExpertFormDrawer } from '../components/ExpertDrawers.tsx';
import { enumOptions, useDict } from '../dicts.ts';
import { AVAILABILITY, AVAILABILITY_LABELS, rm } from '../messages.ts';
import type { Expert } from '../types.ts';

export default function ExpertsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const eventTypes = useDict('event_type');
  const tableRef = useRef<DataTableHandle>(null);
  const [availability, setAvailability] = useState<string | undefined>();
  const [field, setField] = useState<string | undefined>();
  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<Expert | null>(null);
  const [detail, setDetail] = useState<Expert | null>(null);
  const [historyTick, setHistoryTick] = useState(0);
  const writable = can('resources:write');

  const columns = useMemo<TableColumnsType<Expert>>(() => [
    {
      title: t(rm.expertName), dataIndex: 'name', key: 'name', sorter: true, width: 150,
      render: (v: string, e) => <Typography.Link onClick={() => setDetail(e)} data-testid="expert-open">{v}</Typography.Link>,
    },
    {
      title: t(rm.fields), dataIndex: 'fields', key: 'fields',
      render: (v: string[]) => <Space size={[0, 4]} wrap>{v.map((f) => <Tag key={f} title={f} style={{ marginInlineEnd: 4 }}>{eventTypes.label(f)}</Tag>)}</Space>,
    },
    { title: t(rm.title), dataIndex: 'title', key: 'title', width: 120, render: (v: string | null) => v ?? '—' },
    { title: t(rm.employer), dataIndex: 'employer', key: 'employer', ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t(rm.phone), dataIndex: 'phone', key: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
    { title: t(rm.region), dataIndex: 'regionName', key: 'regionName', width: 110 },
    { title: t(rm.availability), dataIndex: 'availability', key: 'availability', sorter: true, width: 100, render: (v: string) => <AvailabilityTag value={v} /> },
    {
      title: t(common.actions), key: 'actions', width: writable ? 130 : 70, fixed: 'right',
      render: (_v, e) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDetail(e)} data-testid="expert-detail-btn">{t(common.detail)}</Button>
          {writable && <Button type="link" size="small" onClick={() => { setEditing(e); setFormOpen(true); }} data-testid="expert-edit">{t(common.edit)}</Button>}
        </Space>
      ),
    },
  ], [t, eventTypes, writable]);

  return (
    <Card title={t(rm.expertsTitle)} data-testid="experts-page">
      <DataTable<Expert>
        ref={tableRef}
        testId="experts-table"
        endpoint="/api/v1/experts"
        rowKey="id"
        columns={columns}
        filters={{ availability, field }}
        searchPlaceholder={t(rm.expertSearch)}
        scrollX={1150}
        toolbar={
          <>
            <Select allowClear placeholder={t(rm.filterAvailability)} style={{ width: 150 }} value={availability} onChange={setAvailability}
              options={enumOptions(AVAILABILITY, AVAILABILITY_LABELS, t)} data-testid="experts-filter-availability" />
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t(rm.filterField)} style={{ width: 200 }} value={field} onChange={setField}
              popupMatchSelectWidth={false}
              options={eventTypes.items.map((i) => ({ value: i.code, label: `${i.code} ${eventTypes.label(i.code)}` }))} data-testid="experts-filter-field" />
          </>
        }
        actions={writable && (
          <>
            <ImportButton kind="experts" onDone={() => tableRef.current?.reload()} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => { setEditing(null); setFormOpen(true); }} data-testid="experts-create">
              {t(rm.expertCreate)}
            </Button>
          </>
        )}
      />
      <ExpertFormDrawer
        open={formOpen}
        expert={editing}
        onClose={() => setFormOpen(false)}
        onSaved={(e) => {
          setFormOpen(false);
          tableRef.current?.reload();
          setHistoryTick((n) => n + 1);
          if (detail?.id === e.id) setDetail(e);
        }}
      />
      <ExpertDetailDrawer expert={detail} onClose={() => setDetail(null)} reloadKey={historyTick} />
    </Card>
  );
}
