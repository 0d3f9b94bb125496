/**
 * 保障能力: for the county and each township/park, how many relocated people the current stock
 * supports under the per-person kit against the plan target (red below 100 %), the limiting material,
 * rescue teams (and per 10,000 residents) and shelter places; a bar chart of supportable vs target;
 * the settings drawer for county-level accounts (GET /api/v1/resources/coverage).
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { Alert, Button, Card, Empty, Progress, Space, Spin, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined, SettingOutlined } from '@ant-design/icons';
import { useAuth } from '../../../app/auth.tsx';
import { api, errorMessage } from '../../../lib/api.ts';
import { formatNumber } from '../../../lib/format.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import { CoverageSettingsDrawer } from '../components/CoverageSettingsDrawer.tsx';
import { shm } from '../messages-shelters.ts';
import type { Coverage, CoverageKitItem, CoverageRow } from '../types.ts';

// ECharts stays in its own chunk.
const CoverageChart = lazy(() => import('../components/CoverageChart.tsx').then((m) => ({ default: m.CoverageChart })));

function RatioBar({ ratio }: { ratio: number | null }) {
  const { t } = useI18n();
  if (ratio === null) return <Typography.Text type="secondary">{t(shm.noTarget)}</Typography.Text>;
  const pct = Math.round(ratio * 1000) / 10;
  const short = ratio < 1;
  return (
    <div style={{ width: 140 }} data-testid="coverage-ratio" data-ratio={ratio} data-short={short ? 'true' : 'false'}>
      <Progress
        percent={Math.min(pct, 100)}
        size="small"
        strokeColor={short ? '#dc2626' : '#16a34a'}
        status={short ? 'exception' : 'success'}
        format={() => <span style={{ color: short ? '#dc2626' : '#16a34a', fontSize: 12 }}>{pct}%</span>}
      />
    </div>
  );
}

function ItemsTable({ row, kit }: { row: CoverageRow; kit: CoverageKitItem[] }) {
  const { t, locale } = useI18n();
  const data = row.items.map((i) => ({ ...i, kit: kit.find((k) => k.materialId === i.materialId) }));
  const min = Math.min(...row.items.map((i) => i.supports));
  return (
    <Table
      size="small"
      rowKey="materialId"
      pagination={false}
      dataSource={data}
      style={{ maxWidth: 720 }}
      columns={[
        { title: t(shm.material), key: 'm', render: (_v, r) => `${r.kit?.materialName ?? r.materialId}${r.kit?.spec ? ` · ${r.kit.spec}` : ''}` },
        { title: t(shm.perPerson), key: 'pp', align: 'right', render: (_v, r) => (r.kit ? t(shm.perPersonValue, { q: formatNumber(r.kit.perPerson, locale, 3), unit: r.kit.unit }) : '—') },
        { title: t(shm.available), key: 'a', align: 'right', render: (_v, r) => `${formatNumber(r.available, locale, 2)} ${r.kit?.unit ?? ''}` },
        {
          title: t(shm.supports), dataIndex: 'supports', key: 's', align: 'right',
          render: (v: number) => <span style={{ fontWeight: v === min ? 600 : undefined, color: row.target !== null && v < row.target ? '#dc2626' : undefined }}>{t(shm.people, { n: formatNumber(v, locale) })}</span>,
        },
      ]}
    />
  );
}

/**
 * County-level accounts with resources:write may change the settings (the server decides; this only
 * hides the button from others). Organisation-scoped accounts get no rows, so no county row either.
 */
function useCountyWriter(coverage: Coverage | null): boolean {
  const { user, can } = useAuth();
  const county = coverage?.rows.find((r) => r.level === 'county');
  return !!user && can('resources:write') && !!county && county.regionCode === user.regionCode;
}

export default function CoveragePage() {
  const { t, locale } = useI18n();
  const [data, setData] = useState<Coverage | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const canSet = useCountyWriter(data);

  useEffect(() => {
    let live = true;
    setLoading(true);
    api.get<Coverage>('/api/v1/resources/coverage')
      .then((r) => {
        if (!live) return;
        setData(r);
        setError(null);
      })
      .catch((err: unknown) => live && setError(errorMessage(err)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);

  const num = useCallback((v: number | null) => (v === null ? '—' : formatNumber(v, locale)), [locale]);
  const columns = useMemo<TableColumnsType<CoverageRow>>(() => [
    {
      title: t(shm.coverageRegion), dataIndex: 'regionName', key: 'regionName', fixed: 'left', width: 140,
      render: (v: string, r) => (r.level === 'county' ? <Typography.Text strong>{v}</Typography.Text> : v),
    },
    { title: t(shm.population), dataIndex: 'population', key: 'population', width: 90, align: 'right', render: num },
    { title: t(shm.target), dataIndex: 'target', key: 'target', width: 90, align: 'right', render: (v: number | null) => <span data-testid="coverage-target">{num(v)}</span> },
    {
      title: t(shm.supportable), dataIndex: 'supportable', key: 'supportable', width: 100, align: 'right',
      render: (v: number | null, r) => <span data-testid="coverage-supportable" style={{ fontWeight: 600, color: r.ratio !== null && r.ratio < 1 ? '#dc2626' : undefined }}>{num(v)}</span>,
    },
    { title: t(shm.ratio), dataIndex: 'ratio', key: 'ratio', width: 160, render: (v: number | null) => <RatioBar ratio={v} /> },
    { title: t(shm.limiting), dataIndex: 'limitingMaterial', key: 'limitingMaterial', width: 110, render: (v: string | null) => v ?? '—' },
    { title: t(shm.teams), dataIndex: 'teams', key: 'teams', width: 80, align: 'right', render: num },
    { title: t(shm.teamHeadcount), dataIndex: 'teamHeadcount', key: 'teamHeadcount', width: 90, align: 'right', render: num },
    { title: t(shm.teamsPer10k), dataIndex: 'teamsPer10k', key: 'teamsPer10k', width: 110, align: 'right', render: (v: number | null) => (v === null ? '—' : formatNumber(v, locale, 2)) },
    {
      title: t(shm.shelterPlaces), dataIndex: 'shelterCapacity', key: 'shelterCapacity', width: 130, align: 'right',
      render: (v: number, r) => <span style={{ color: r.shelterOccupancy > v ? '#dc2626' : undefined }}>{num(r.shelterOccupancy)}/{num(v)}</span>,
    },
  ], [t, locale, num]);

  const kit = data?.kit ?? [];
  const rows = data?.rows ?? [];
  // The chart compares: regions with a target or with stock for anyone (the county always).
  const chartRows = rows.filter((r) => r.level === 'county' || r.target !== null || (r.supportable ?? 0) > 0);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="coverage-page">
      <Card
        title={t(shm.coverageTitle)}
        extra={
          <Space>
            <Tooltip title={t(common.reload)}>
              <Button icon={<ReloadOutlined />} onClick={reload} loading={loading} data-testid="coverage-reload" aria-label={t(common.reload)} />
            </Tooltip>
            {canSet && <Button icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)} data-testid="coverage-settings-open">{t(shm.settings)}</Button>}
          </Space>
        }
      >
        {error && <Alert type="error" showIcon title={t(common.loadFailed, { msg: error })} style={{ marginBottom: 12 }} data-testid="coverage-error" />}
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t(shm.coverageHint)}</Typography.Paragraph>
        <div style={{ marginBottom: 12 }} data-testid="coverage-kit">
          <Typography.Text strong style={{ marginInlineEnd: 8 }}>{t(shm.kit)}：</Typography.Text>
          {data && !kit.length && <Typography.Text type="warning">{t(shm.kitEmpty)}</Typography.Text>}
          {kit.map((k) => (
            <Tag key={k.materialId} style={{ marginBottom: 4 }}>
              {k.materialName} {t(shm.perPersonValue, { q: formatNumber(k.perPerson, locale, 3), unit: k.unit })}
            </Tag>
          ))}
        </div>
        <Table<CoverageRow>
          data-testid="coverage-table"
          rowKey="regionCode"
          size="small"
          loading={loading}
          dataSource={rows}
          columns={columns}
          pagination={false}
          scroll={{ x: 1100 }}
          onRow={(r) => ({ 'data-testid': 'coverage-row', 'data-level': r.level, 'data-region-code': r.regionCode }) as HTMLAttributes<HTMLElement>}
          expandable={kit.length ? { expandedRowRender: (r) => <ItemsTable row={r} kit={kit} />, rowExpandable: (r) => r.items.length > 0 } : undefined}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        />
      </Card>
      <Card title={t(shm.chartTitle)} size="small">
        {chartRows.length ? (
          <Suspense fallback={<div style={{ height: 260, display: 'flex', alignItems: 'center', justifyContent: 'center' }}><Spin /></div>}>
            <CoverageChart rows={chartRows} />
          </Suspense>
        ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      </Card>
      <CoverageSettingsDrawer
        open={settingsOpen}
        coverage={data}
        onClose={() => setSettingsOpen(false)}
        onSaved={() => {
          setSettingsOpen(false);
          reload();
        }}
      />
    </Space>
  );
}
