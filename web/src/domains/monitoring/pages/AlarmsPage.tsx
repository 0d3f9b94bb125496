/**
 * 报警中心: the alarm cases in the caller's scope, by 消警 status (未消警 first), rows coloured by level
 * (高高/低低 red, 高/低 orange), and the detail drawer (`?open=<id>`) with the timeline and the next
 * steps of the loop (确认 → 处置反馈 → 消警, or 退回).
 *
 * There is no live push yet (issue 5 continues): the page polls, reloading the table and the open
 * case every 10 seconds.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Card, Select, Tabs, Typography, type TableColumnsType } from 'antd';
import { DataTable, type DataTableHandle } from '../../../components/DataTable.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { useOpenParam } from '../../../lib/useOpenParam.ts';
import { AlarmDetailDrawer } from '../components/AlarmDetailDrawer.tsx';
import { AlarmLevelTag, AlarmStatusTag } from '../components/MonitoringTags.tsx';
import { ALARM_STATUS_LABELS, LEVEL_LABELS, mm } from '../messages.ts';
import { ALARM_STATUSES, type Alarm, type AlarmCaseLevel, type AlarmStatus } from '../types.ts';

const REFRESH_MS = 10_000;
const LEVELS: AlarmCaseLevel[] = ['highHigh', 'high', 'low', 'lowLow', 'offline'];
type TabKey = 'open' | AlarmStatus | 'all';

// DataTable has no row class hook: an open case's row is coloured by the level tag it carries.
const OPEN = ':not(:has([data-testid="alarm-status-tag"][data-status="closed"]))';
const row = (level: string) => `[data-testid="alarms-table"] tr:has([data-testid="alarm-level-tag"][data-level="${level}"])${OPEN} > td`;
const ROW_STYLE = `
${row('highHigh')}, ${row('lowLow')} { background: #fef2f2 !important; }
${row('high')}, ${row('low')} { background: #fff7ed !important; }`;

export default function AlarmsPage() {
  const { t, locale } = useI18n();
  const tableRef = useRef<DataTableHandle>(null);
  const [tab, setTab] = useState<TabKey>('open');
  const [level, setLevel] = useState<AlarmCaseLevel | undefined>();
  const [refreshKey, setRefreshKey] = useState(0);
  const [openId, open] = useOpenParam();

  // Polling until live push exists: reload the list and (through refreshKey) the open case.
  useEffect(() => {
    const timer = setInterval(() => {
      tableRef.current?.reload();
      setRefreshKey((n) => n + 1);
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  const columns = useMemo<TableColumnsType<Alarm>>(() => [
    {
      title: t(mm.raisedAt), dataIndex: 'raisedAt', key: 'raisedAt', sorter: true, width: 170,
      render: (v: string, a) => <Typography.Link onClick={() => open(a.id)} data-testid="alarm-open">{formatDateTime(v, locale, true)}</Typography.Link>,
    },
    {
      title: t(mm.sensor), key: 'sensor', width: 220, ellipsis: true,
      render: (_: unknown, a) => <span data-testid="alarm-row-sensor">{a.sensorCode} <Typography.Text type="secondary">{a.sensorName}</Typography.Text></span>,
    },
    { title: t(mm.enterprise), dataIndex: 'enterpriseName', key: 'enterpriseName', width: 200, ellipsis: true, render: (v: string | null, a) => v ?? a.regionName },
    { title: t(mm.level), dataIndex: 'level', key: 'level', sorter: true, width: 110, render: (v: AlarmCaseLevel, a) => <AlarmLevelTag level={v} type={a.sensorType} /> },
    {
      title: t(mm.valueThreshold), key: 'value', width: 150,
      render: (_: unknown, a) => (a.value === null ? '—' : <span><b>{a.value}</b> / {a.threshold ?? '—'} {a.unit}</span>),
    },
    { title: t(mm.status), dataIndex: 'status', key: 'status', width: 100, render: (v: AlarmStatus) => <AlarmStatusTag status={v} /> },
    {
      title: t(mm.recovered), dataIndex: 'recoveredAt', key: 'recoveredAt', width: 170,
      render: (v: string | null, a) => (v ? formatDateTime(v, locale, true) : <Typography.Text type={a.status === 'closed' ? 'secondary' : 'danger'}>{t(mm.notRecovered)}</Typography.Text>),
    },
  ], [t, locale, open]);

  const filters = {
    open: tab === 'open' ? true : undefined,
    status: tab === 'open' || tab === 'all' ? undefined : tab,
    level,
  };

  return (
    <Card title={t(mm.alarmsTitle)} extra={<Typography.Text type="secondary">{t(mm.refreshHint)}</Typography.Text>} data-testid="alarms-page">
      <style>{ROW_STYLE}</style>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as TabKey)}
        data-testid="alarms-status-tabs"
        items={[
          { key: 'open', label: <span data-testid="alarms-tab-open">{t(mm.tabOpen)}</span> },
          ...ALARM_STATUSES.map((s) => ({ key: s, label: <span data-testid={`alarms-tab-${s}`}>{t(ALARM_STATUS_LABELS[s])}</span> })),
          { key: 'all', label: <span data-testid="alarms-tab-all">{t(mm.all)}</span> },
        ]}
      />
      <DataTable<Alarm>
        ref={tableRef}
        testId="alarms-table"
        endpoint="/api/v1/alarms"
        rowKey="id"
        columns={columns}
        filters={filters}
        searchPlaceholder={t(mm.searchAlarms)}
        scrollX={1200}
        toolbar={
          <Select<AlarmCaseLevel> allowClear placeholder={t(mm.filterLevel)} style={{ width: 140 }} value={level} onChange={(v) => setLevel(v ?? undefined)}
            data-testid="alarms-filter-level" options={LEVELS.map((l) => ({ value: l, label: t(LEVEL_LABELS[l]), title: t(LEVEL_LABELS[l]) }))} />
        }
      />
      <AlarmDetailDrawer alarmId={openId} refreshKey={refreshKey} onClose={() => open(null)} onChanged={() => tableRef.current?.reload()} />
    </Card>
  );
}
