/**
 * 监测点: the sensors in the caller's scope with their thresholds, state and last value; filters by
 * type and state; 登记监测点 (the device token is shown once in a modal) and the detail drawer
 * (`?open=<id>`) with its alarms and 修改阈值.
 */
import { useMemo, useRef, useState } from 'react';
import { Button, Card, Select, Space, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../../app/auth.tsx';
import { DataTable, type DataTableHandle } from '../../../components/DataTable.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { useOpenParam } from '../../../lib/useOpenParam.ts';
import { DeviceTokenModal } from '../components/DeviceTokenModal.tsx';
import { SensorStatusTag, ThresholdSummary } from '../components/MonitoringTags.tsx';
import { SensorDetailDrawer } from '../components/SensorDetailDrawer.tsx';
import { SensorFormDrawer } from '../components/SensorFormDrawer.tsx';
import { mm, SENSOR_STATUS_LABELS, SENSOR_TYPE_INFO } from '../messages.ts';
import { SENSOR_STATUSES, SENSOR_TYPES, type CreatedSensor, type Sensor, type SensorStatus, type SensorType } from '../types.ts';

export default function SensorsPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const tableRef = useRef<DataTableHandle>(null);
  const [type, setType] = useState<SensorType | undefined>();
  const [status, setStatus] = useState<SensorStatus | undefined>();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedSensor | null>(null);
  const [openId, open] = useOpenParam();

  const columns = useMemo<TableColumnsType<Sensor>>(() => [
    {
      title: t(mm.code), dataIndex: 'code', key: 'code', sorter: true, width: 140,
      render: (v: string, s) => <Typography.Link onClick={() => open(s.id)} data-testid="sensor-open">{v}</Typography.Link>,
    },
    { title: t(mm.name), dataIndex: 'name', key: 'name', sorter: true, ellipsis: true, width: 170 },
    { title: t(mm.type), dataIndex: 'type', key: 'type', width: 90, render: (v: SensorType) => t(SENSOR_TYPE_INFO[v].label) },
    { title: t(mm.enterprise), dataIndex: 'enterpriseName', key: 'enterpriseName', ellipsis: true, width: 180, render: (v: string | null) => v ?? '—' },
    { title: t(mm.region), dataIndex: 'regionName', key: 'regionName', ellipsis: true, width: 100 },
    { title: t(mm.thresholds), key: 'thresholds', width: 150, render: (_: unknown, s) => <ThresholdSummary thresholds={s} unit={s.unit} /> },
    {
      title: t(mm.status), dataIndex: 'status', key: 'status', width: 120,
      render: (v: SensorStatus, s) => <Space size={2}><SensorStatusTag status={v} level={s.level} type={s.type} />{!s.enabled && <Typography.Text type="secondary">{t(mm.disabled)}</Typography.Text>}</Space>,
    },
    {
      title: t(mm.lastValue), key: 'lastValue', width: 200,
      render: (_: unknown, s) => (s.lastValue === null ? '—' : (
        <span data-testid="sensor-last-value">
          <b>{s.lastValue} {s.unit}</b>
          {s.lastReadingAt && <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>{formatDateTime(s.lastReadingAt, locale, true)}</Typography.Text>}
        </span>
      )),
    },
  ], [t, locale, open]);

  return (
    <Card title={t(mm.sensorsTitle)} data-testid="sensors-page">
      <DataTable<Sensor>
        ref={tableRef}
        testId="sensors-table"
        endpoint="/api/v1/sensors"
        rowKey="id"
        columns={columns}
        filters={{ type, status }}
        searchPlaceholder={t(mm.searchSensors)}
        scrollX={1150}
        toolbar={
          <>
            <Select<SensorType> allowClear placeholder={t(mm.filterType)} style={{ width: 150 }} value={type} onChange={(v) => setType(v ?? undefined)}
              data-testid="sensors-filter-type" options={SENSOR_TYPES.map((k) => ({ value: k, label: t(SENSOR_TYPE_INFO[k].label), title: t(SENSOR_TYPE_INFO[k].label) }))} />
            <Select<SensorStatus> allowClear placeholder={t(mm.filterStatus)} style={{ width: 140 }} value={status} onChange={(v) => setStatus(v ?? undefined)}
              data-testid="sensors-filter-status" options={SENSOR_STATUSES.map((k) => ({ value: k, label: t(SENSOR_STATUS_LABELS[k]), title: t(SENSOR_STATUS_LABELS[k]) }))} />
          </>
        }
        actions={can('sensors:write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="sensors-create">{t(mm.create)}</Button>
        )}
      />
      <SensorFormDrawer open={creating} sensor={null} onClose={() => setCreating(false)} onCreated={(s) => {
        tableRef.current?.reload();
        setCreated(s);
      }} />
      <DeviceTokenModal sensor={created} onClose={() => setCreated(null)} />
      <SensorDetailDrawer sensorId={openId} onClose={() => open(null)} onChanged={() => tableRef.current?.reload()} />
    </Card>
  );
}
