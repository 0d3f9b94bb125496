/**
 * 应急避难场所: the list (class, open/closed, region filters, search, Excel export) with live
 * occupancy against capacity, the create/edit form and the detail drawer (open/close, check-in and
 * check-out with the explicit over-capacity override, the shelter log and change history).
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { Button, Card, Select, Space, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../../app/auth.tsx';
import { DataTable, type DataTableHandle } from '../../../components/DataTable.tsx';
import { ImportButton } from '../../../components/ImportButton.tsx';
import { RegionTreeSelect } from '../../../components/RegionTreeSelect.tsx';
import { formatNumber } from '../../../lib/format.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import { ShelterDetailDrawer } from '../components/ShelterDetailDrawer.tsx';
import { ShelterFormDrawer } from '../components/ShelterFormDrawer.tsx';
import { OccupancyBar, ShelterKindTag, ShelterStatusTag } from '../components/ShelterTags.tsx';
import { enumOptions } from '../dicts.ts';
import { rm } from '../messages.ts';
import { shm, SHELTER_KIND_LABELS, SHELTER_KINDS, SHELTER_SPACE_LABELS, SHELTER_STATUS_LABELS, SHELTER_STATUSES } from '../messages-shelters.ts';
import type { Shelter } from '../types.ts';

export default function SheltersPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const tableRef = useRef<DataTableHandle>(null);
  const [kind, setKind] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<Shelter | null>(null);
  const [detail, setDetail] = useState<Shelter | null>(null);
  const [historyTick, setHistoryTick] = useState(0);
  const writable = can('resources:write');

  const openEdit = useCallback((s: Shelter) => {
    setEditing(s);
    setFormOpen(true);
  }, []);

  const columns = useMemo<TableColumnsType<Shelter>>(() => [
    {
      title: t(shm.shelterName), dataIndex: 'name', key: 'name', sorter: true, ellipsis: true, width: 240,
      render: (v: string, s) => <Typography.Link onClick={() => setDetail(s)} data-testid="shelter-open-link">{v}</Typography.Link>,
    },
    { title: t(shm.kind), dataIndex: 'kind', key: 'kind', sorter: true, width: 90, render: (v: string) => <ShelterKindTag kind={v} /> },
    { title: t(shm.space), dataIndex: 'space', key: 'space', width: 90, render: (v: string) => (SHELTER_SPACE_LABELS[v] ? t(SHELTER_SPACE_LABELS[v]!) : v) },
    { title: t(rm.status), dataIndex: 'status', key: 'status', width: 80, render: (v: string) => <ShelterStatusTag status={v} /> },
    { title: t(rm.region), dataIndex: 'regionName', key: 'regionName', width: 130 },
    {
      title: t(shm.occupancy), dataIndex: 'occupancy', key: 'occupancy', sorter: true, width: 180,
      render: (_v: number, s) => <OccupancyBar occupancy={s.occupancy} capacity={s.capacity} />,
    },
    { title: t(shm.capacityShort), dataIndex: 'capacity', key: 'capacity', sorter: true, width: 90, align: 'right', render: (v: number) => formatNumber(v, locale) },
    {
      title: t(shm.free), dataIndex: 'free', key: 'free', width: 100, align: 'right',
      render: (v: number) => <span data-testid="shelter-free-cell" style={{ color: v === 0 ? '#dc2626' : undefined }}>{formatNumber(v, locale)}</span>,
    },
    { title: t(shm.areaM2), dataIndex: 'areaM2', key: 'areaM2', width: 130, align: 'right', render: (v: number | null) => (v == null ? '—' : formatNumber(v, locale, 1)) },
    { title: t(shm.managerName), dataIndex: 'managerName', key: 'managerName', width: 130, ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t(shm.address), dataIndex: 'address', key: 'address', ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: t(common.actions), key: 'actions', width: writable ? 130 : 70, fixed: 'right',
      render: (_v, s) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDetail(s)} data-testid="shelter-detail-btn">{t(common.detail)}</Button>
          {writable && <Button type="link" size="small" onClick={() => openEdit(s)} data-testid="shelter-edit">{t(common.edit)}</Button>}
        </Space>
      ),
    },
  ], [t, locale, writable, openEdit]);

  const onChanged = useCallback((s: Shelter) => {
    tableRef.current?.reload();
    setHistoryTick((n) => n + 1);
    setDetail((d) => (d?.id === s.id ? s : d));
  }, []);

  return (
    <Card title={t(shm.sheltersTitle)} data-testid="shelters-page">
      <DataTable<Shelter>
        ref={tableRef}
        testId="shelters-table"
        endpoint="/api/v1/shelters"
        rowKey="id"
        columns={columns}
        filters={{ kind, status, regionCode }}
        searchPlaceholder={t(shm.shelterSearch)}
        scrollX={1500}
        toolbar={
          <>
            <Select allowClear placeholder={t(shm.filterKind)} style={{ width: 130 }} value={kind} onChange={setKind}
              options={enumOptions(SHELTER_KINDS, SHELTER_KIND_LABELS, t)} data-testid="shelters-filter-kind" />
            <Select allowClear placeholder={t(rm.filterStatus)} style={{ width: 130 }} value={status} onChange={setStatus}
              options={enumOptions(SHELTER_STATUSES, SHELTER_STATUS_LABELS, t)} data-testid="shelters-filter-status" />
            <RegionTreeSelect allowClear placeholder={t(shm.filterRegion)} style={{ width: 200 }} value={regionCode} onChange={(v) => setRegionCode(v ?? undefined)}
              data-testid="shelters-filter-region" />
          </>
        }
        actions={writable && (
          <>
            <ImportButton kind="shelters" onDone={() => tableRef.current?.reload()} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => { setEditing(null); setFormOpen(true); }} data-testid="shelters-create">
              {t(shm.shelterCreate)}
            </Button>
          </>
        )}
      />
      <ShelterFormDrawer
        open={formOpen}
        shelter={editing}
        onClose={() => setFormOpen(false)}
        onSaved={(s) => {
          setFormOpen(false);
          onChanged(s);
        }}
      />
      <ShelterDetailDrawer shelter={detail} onClose={() => setDetail(null)} onChanged={onChanged} onEdit={writable ? openEdit : undefined} reloadKey={historyTick} />
    </Card>
  );
}
