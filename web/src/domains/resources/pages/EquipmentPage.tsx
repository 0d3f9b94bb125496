import { useMemo, useRef, useState } from 'react';
import { AutoComplete, Button, Card, Select, Space, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../../app/auth.tsx';
import { DataTable, type DataTableHandle } from '../../../components/DataTable.tsx';
import { ImportButton } from '../../../components/ImportButton.tsx';
import { common, useI18n } from '../../../lib/i18n.tsx';
import { EquipmentDetailDrawer, EquipmentFormDrawer, EquipmentStatusTag } from '../components/EquipmentDrawers.tsx';
import { enumOptions } from '../dicts.ts';
import { EQUIPMENT_STATUS_LABELS, EQUIPMENT_STATUSES, EQUIPMENT_TYPES, rm } from '../messages.ts';
import type { Equipment } from '../types.ts';

export default function EquipmentPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const tableRef = useRef<DataTableHandle>(null);
  const [typeInput, setTypeInput] = useState('');
  const [type, setType] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<Equipment | null>(null);
  const [detail, setDetail] = useState<Equipment | null>(null);
  const [historyTick, setHistoryTick] = useState(0);
  const writable = can('resources:write');

  const columns = useMemo<TableColumnsType<Equipment>>(() => [
    {
      title: t(rm.equipmentName), dataIndex: 'name', key: 'name', sorter: true, ellipsis: true, width: 200,
      render: (v: string, e) => <Typography.Link onClick={() => setDetail(e)} data-testid="equipment-open">{v}</Typography.Link>,
    },
    { title: t(rm.type), dataIndex: 'type', key: 'type', sorter: true, width: 120 },
    { title: t(rm.model), dataIndex: 'model', key: 'model', ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t(rm.quantity), dataIndex: 'quantity', key: 'quantity', sorter: true, width: 80, align: 'right' },
    { title: t(rm.status), dataIndex: 'status', key: 'status', width: 100, render: (v: string) => <EquipmentStatusTag value={v} /> },
    { title: t(rm.region), dataIndex: 'regionName', key: 'regionName', width: 110 },
    { title: t(rm.org), dataIndex: 'orgName', key: 'orgName', ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t(rm.contactName), dataIndex: 'contactName', key: 'contactName', width: 110, render: (v: string | null) => v ?? '—' },
    { title: t(rm.contactPhone), dataIndex: 'contactPhone', key: 'contactPhone', width: 130, render: (v: string | null) => v ?? '—' },
    {
      title: t(common.actions), key: 'actions', width: writable ? 130 : 70, fixed: 'right',
      render: (_v, e) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDetail(e)} data-testid="equipment-detail-btn">{t(common.detail)}</Button>
          {writable && <Button type="link" size="small" onClick={() => { setEditing(e); setFormOpen(true); }} data-testid="equipment-edit">{t(common.edit)}</Button>}
        </Space>
      ),
    },
  ], [t, writable]);

  return (
    <Card title={t(rm.equipmentTitle)} data-testid="equipment-page">
      <DataTable<Equipment>
        ref={tableRef}
        testId="equipment-table"
        endpoint="/api/v1/equipment"
        rowKey="id"
        columns={columns}
        filters={{ type, status }}
        searchPlaceholder={t(rm.equipmentSearch)}
        scrollX={1300}
        toolbar={
          <>
            <AutoComplete
              allowClear
              placeholder={t(rm.filterType)}
              style={{ width: 160 }}
              value={typeInput}
              options={EQUIPMENT_TYPES.map((x) => ({ value: x }))}
              showSearch={{ filterOption: (input, o) => String(o?.value ?? '').includes(input.trim()) }}
              onChange={(v: string | undefined) => {
                setTypeInput(v ?? '');
                if (!v) setType(undefined);
              }}
              onSelect={(v: string | undefined) => setType(v || undefined)}
              onBlur={() => setType(typeInput.trim() || undefined)}
              onInputKeyDown={(e) => { if (e.key === 'Enter') setType(typeInput.trim() || undefined); }}
              data-testid="equipment-filter-type"
            />
            <Select allowClear placeholder={t(rm.filterStatus)} style={{ width: 140 }} value={status} onChange={setStatus}
              options={enumOptions(EQUIPMENT_STATUSES, EQUIPMENT_STATUS_LABELS, t)} data-testid="equipment-filter-status" />
          </>
        }
        actions={writable && (
          <>
            <ImportButton kind="equipment" onDone={() => tableRef.current?.reload()} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => { setEditing(null); setFormOpen(true); }} data-testid="equipment-create">
              {t(rm.equipmentCreate)}
            </Button>
          </>
        )}
      />
      <EquipmentFormDrawer
        open={formOpen}
        item={editing}
        onClose={() => setFormOpen(false)}
        onSaved={(e) => {
          setFormOpen(false);
          tableRef.current?.reload();
          setHistoryTick((n) => n + 1);
          if (detail?.id === e.id) setDetail(e);
        }}
      />
      <EquipmentDetailDrawer item={detail} onClose={() => setDetail(null)} reloadKey={historyTick} />
    </Card>
  );
}
