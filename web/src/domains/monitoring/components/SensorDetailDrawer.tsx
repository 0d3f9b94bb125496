/** One sensor: its facts and configuration, and its alarms (GET /api/v1/alarms?sensorId=). */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Space, Spin, Table, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useAuth } from '../../../app/auth.tsx';
import { api, errorMessage } from '../../../lib/api.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import type { Page } from '../../../lib/types.ts';
import { mm, SENSOR_TYPE_INFO } from '../messages.ts';
import type { Alarm, Sensor } from '../types.ts';
import { AlarmLevelTag, AlarmStatusTag, SensorStatusTag, ThresholdSummary } from './MonitoringTags.tsx';
import { SensorFormDrawer } from './SensorFormDrawer.tsx';

export function SensorDetailDrawer({ sensorId, onClose, onChanged }: { sensorId: string | null; onClose: () => void; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const [sensor, setSensor] = useState<Sensor | null>(null);
  const [alarms, setAlarms] = useState<Page<Alarm> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);

  const load = useCallback(async (id: string) => {
    try {
      const [s, a] = await Promise.all([
        api.get<Sensor>(`/api/v1/sensors/${id}`),
        api.get<Page<Alarm>>('/api/v1/alarms', { sensorId: id, pageSize: 50 }),
      ]);
      setSensor(s);
      setAlarms(a);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);

  useEffect(() => {
    setSensor(null);
    setAlarms(null);
    setError(null);
    if (sensorId) void load(sensorId);
  }, [sensorId, load]);

  return (
    <Drawer
      title={sensor ? <Space>{sensor.code}<SensorStatusTag status={sensor.status} level={sensor.level} type={sensor.type} /></Space> : t(mm.sensorDetail)}
      open={!!sensorId}
      onClose={onClose}
      size={760}
      destroyOnHidden
      data-testid="sensor-detail-drawer"
      extra={sensor && can('sensors:write') && (
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="sensor-edit">{t(mm.edit)}</Button>
      )}
    >
      {error && <Alert type="error" showIcon title={t(common.loadFailed, { msg: error })} />}
      {!sensor && !error && <Spin />}
      {sensor && (
        <>
          <Descriptions column={2} size="small" bordered data-testid="sensor-detail">
            <Descriptions.Item label={t(mm.name)} span={2}><b data-testid="sensor-detail-name">{sensor.name}</b></Descriptions.Item>
            <Descriptions.Item label={t(mm.type)}>{t(SENSOR_TYPE_INFO[sensor.type].label)}</Descriptions.Item>
            <Descriptions.Item label={t(mm.unit)}>{sensor.unit}</Descriptions.Item>
            <Descriptions.Item label={t(mm.enterprise)}>{sensor.enterpriseName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t(mm.region)}>{sensor.regionName}</Descriptions.Item>
            {sensor.majorHazardName && <Descriptions.Item label={t(mm.majorHazard)} span={2}>{sensor.majorHazardName}</Descriptions.Item>}
            <Descriptions.Item label={t(mm.thresholds)} span={2}><ThresholdSummary thresholds={sensor} unit={sensor.unit} /></Descriptions.Item>
            <Descriptions.Item label={t(mm.deadband)}>{sensor.deadband} {sensor.unit}</Descriptions.Item>
            <Descriptions.Item label={t(mm.minDurationSec)}>{sensor.minDurationSec}</Descriptions.Item>
            <Descriptions.Item label={t(mm.offlineTimeoutSec)}>{sensor.offlineTimeoutSec}</Descriptions.Item>
            <Descriptions.Item label={t(mm.enabled)}>{sensor.enabled ? <Tag color="green">{t(mm.enabled)}</Tag> : <Tag>{t(mm.disabled)}</Tag>}</Descriptions.Item>
            <Descriptions.Item label={t(mm.lastValue)}>{sensor.lastValue !== null ? `${sensor.lastValue} ${sensor.unit}` : '—'}</Descriptions.Item>
            <Descriptions.Item label={t(mm.lastReadingAt)}>{sensor.lastReadingAt ? formatDateTime(sensor.lastReadingAt, locale, true) : '—'}</Descriptions.Item>
            <Descriptions.Item label={t(mm.openAlarms)}>{sensor.openAlarms}</Descriptions.Item>
            <Descriptions.Item label={t(common.updatedAt)}>{formatDateTime(sensor.updatedAt, locale)}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 20 }}>{t(mm.sensorAlarms)}{alarms ? ` (${alarms.total})` : ''}</Typography.Title>
          <Table<Alarm>
            size="small"
            rowKey="id"
            data-testid="sensor-alarms"
            dataSource={alarms?.items ?? []}
            loading={!alarms}
            pagination={false}
            locale={{ emptyText: t(mm.noAlarms) }}
            columns={[
              { title: t(mm.raisedAt), dataIndex: 'raisedAt', render: (v: string, a) => <Link to={`/monitoring/alarms?open=${a.id}`}>{formatDateTime(v, locale, true)}</Link> },
              { title: t(mm.level), dataIndex: 'level', render: (v: Alarm['level'], a) => <AlarmLevelTag level={v} type={a.sensorType} /> },
              { title: t(mm.valueThreshold), key: 'value', render: (_: unknown, a) => `${a.value ?? '—'} / ${a.threshold ?? '—'} ${a.unit}` },
              { title: t(mm.status), dataIndex: 'status', render: (v: Alarm['status']) => <AlarmStatusTag status={v} /> },
              { title: t(mm.recoveredAt), dataIndex: 'recoveredAt', render: (v: string | null) => (v ? formatDateTime(v, locale, true) : t(mm.notRecovered)) },
            ]}
          />
        </>
      )}
      <SensorFormDrawer open={editing} sensor={sensor} onClose={() => setEditing(false)} onSaved={(s) => {
        setSensor(s);
        onChanged();
      }} />
    </Drawer>
  );
}
