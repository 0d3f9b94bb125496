import { useCallback, useMemo, useRef, useState } from 'react';
import { Button, Card, Select, Space, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../../app/auth.tsx';
import { DataTable, type DataTableHandle } from '../../../components/DataTable.tsx';
import { ImportButton } from '../../../components/ImportButton.tsx';
import { RegionTreeSelect } from '../../../components/RegionTreeSelect.tsx';
import { formatNumber } from '../../../lib/format.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import { WarehouseDetailDrawer } from '../components/WarehouseDetailDrawer.tsx';
import { WarehouseFormDrawer } from '../components/WarehouseFormDrawer.tsx';
import { WarehouseLevelTag } from '../components/StockTags.tsx';
import { enumOptions } from '../dicts.ts';
import { rm } from '../messages.ts';
import { sm, WAREHOUSE_LEVEL_LABELS, WAREHOUSE_LEVELS } from '../messages-stock.ts';
import type { Warehouse } from '../types.ts';

export default function WarehousesPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const tableRef = useRef<DataTableHandle>(null);
  const [level, setLevel] = useState<string | undefined>();
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<Warehouse | null>(null);
  const [detail, setDetail] = useState<Warehouse | null>(null);
  const [historyTick, setHistoryTick] = useState(0);
  const writable = can('resources:write');

  const openEdit = useCallback((w: Warehouse) => {
    setEditing(w);
    setFormOpen(true);
  }, []);

  const columns = useMemo<TableColumnsType<Warehouse>>(() => [
    {
      title: t(sm.warehouseName), dataIndex: 'name', key: 'name', sorter: true, ellipsis: true, width: 230,
      render: (v: string, w) => <Typography.Link onClick={() => setDetail(w)} data-testid="warehouse-open">{v}</Typography.Link>,
    },
    { title: t(sm.level), dataIndex: 'level', key: 'level', sorter: true, width: 120, render: (v: string) => <WarehouseLevelTag level={v} /> },
    { title: t(rm.region), dataIndex: 'regionName', key: 'regionName', width: 130 },
    { title: t(sm.ownerOrg), dataIndex: 'orgName', key: 'orgName', ellipsis: true, width: 170, render: (v: string | null) => v ?? '—' },
    { title: t(sm.managerName), dataIndex: 'managerName', key: 'managerName', width: 130, render: (v: string | null) => v ?? '—' },
    { title: t(sm.managerPhone), dataIndex: 'managerPhone', key: 'managerPhone', width: 130, render: (v: string | null) => v ?? '—' },
    { title: t(sm.batchCount), dataIndex: 'batchCount', key: 'batchCount', width: 90, align: 'right' },
    { title: t(sm.areaM2), dataIndex: 'areaM2', key: 'areaM2', width: 100, align: 'right', render: (v: number | null) => (v == null ? '—' : formatNumber(v, locale, 1)) },
    { title: t(sm.address), dataIndex: 'address', key: 'address', ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: t(common.actions), key: 'actions', width: writable ? 130 : 70, fixed: 'right',
      render: (_v, w) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDetail(w)} data-testid="warehouse-detail-btn">{t(common.detail)}</Button>
          {writable && <Button type="link" size="small" onClick={() => openEdit(w)} data-testid="warehouse-edit">{t(common.edit)}</Button>}
        </Space>
      ),
    },
  ], [t, locale, writable, openEdit]);

  return (
    <Card title={t(sm.warehousesTitle)} data-testid="warehouses-page">
      <DataTable<Warehouse>
        ref={tableRef}
        testId="warehouses-table"
        endpoint="/api/v1/warehouses"
        rowKey="id"
        columns={columns}
        filters={{ level, regionCode }}
        searchPlaceholder={t(sm.warehouseSearch)}
        scrollX={1400}
        toolbar={
          <>
            <Select allowClear placeholder={t(sm.filterLevel)} style={{ width: 150 }} value={level} onChange={setLevel}
              options={enumOptions(WAREHOUSE_LEVELS, WAREHOUSE_LEVEL_LABELS, t)} data-testid="warehouses-filter-level" />
            <RegionTreeSelect allowClear placeholder={t(sm.filterRegion)} style={{ width: 200 }} value={regionCode} onChange={(v) => setRegionCode(v ?? undefined)}
              data-testid="warehouses-filter-region" />
          </>
        }
        actions={writable && (
          <>
            <ImportButton kind="warehouses" onDone={() => tableRef.current?.reload()} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => { setEditing(null); setFormOpen(true); }} data-testid="warehouses-create">
              {t(sm.warehouseCreate)}
            </Button>
          </>
        )}
      />
      <WarehouseFormDrawer
        open={formOpen}
        warehouse={editing}
        onClose={() => setFormOpen(false)}
        onSaved={(w) => {
          setFormOpen(false);
          tableRef.current?.reload();
          setHistoryTick((n) => n + 1);
          setDetail((d) => (d?.id === w.id ? w : d));
        }}
      />
      <WarehouseDetailDrawer warehouse={detail} onClose={() => setDetail(null)} onEdit={writable ? openEdit : undefined} reloadKey={historyTick} />
    </Card>
  );
}
