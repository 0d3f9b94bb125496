/**
 * 隐患统计: GET /api/v1/hazards/stats by 行业/乡镇/等级/状态/来源/月份, optionally crossed with a second
 * dimension (e.g. 乡镇 × 状态), over a range of months (the server answers whole months from its
 * tally), as a table (found, closed, closure rate, open, overdue, average days to close) with a total
 * row, and a chart (grouped bars; stacked by the second dimension when crossed).
 */
import { useCallback, useEffect, useMemo, useState, type ComponentProps, type HTMLAttributes } from 'react';
import { Alert, Card, DatePicker, Segmented, Select, Space, Table, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, errorMessage } from '../../../lib/api.ts';
import { formatNumber } from '../../../lib/format.ts';
import { common, useI18n, type Locale, type Msg } from '../../../lib/i18n.tsx';
import { HazardCrossChart, HazardStatsChart } from '../components/HazardStatsChart.tsx';
import { DIMENSION_LABELS, DIMENSIONS, GRADE_LABELS, hm, SOURCE_LABELS, STATUS_LABELS } from '../messages.ts';
import type { HazardStatsRow, StatsDimension } from '../types.ts';

type Range = Parameters<NonNullable<ComponentProps<typeof DatePicker.RangePicker>['onChange']>>[0];

/** A row of a crossed statistic carries the second dimension's value too. */
export type StatsRow = HazardStatsRow & { key2?: string; name2?: string };

const sm = {
  cross: ['交叉维度', 'Cross with'] as Msg,
  crossNone: ['不交叉', 'None'] as Msg,
  months: ['发现月份', 'Found in months'] as Msg,
};

const KEY_LABELS: Partial<Record<StatsDimension, Record<string, Msg>>> = { grade: GRADE_LABELS, status: STATUS_LABELS, source: SOURCE_LABELS };

const pct = (v: number, locale: Locale) => `${formatNumber(v * 100, locale, 1)}%`;

export default function HazardStatsPage() {
  const { t, locale } = useI18n();
  const [by, setBy] = useState<StatsDimension>('region');
  const [then, setThen] = useState<StatsDimension | undefined>();
  const [range, setRange] = useState<Range>(null);
  const [rows, setRows] = useState<StatsRow[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const fromMonth = range?.[0]?.format('YYYY-MM');
  const toMonth = range?.[1]?.format('YYYY-MM');
  const cross = then && then !== by ? then : undefined;

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    api.get<StatsRow[]>('/api/v1/hazards/stats', { by, then: cross, fromMonth, toMonth }, { signal: ctrl.signal })
      .then((r) => {
        setRows(r);
        setError(null);
      })
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted) setError(errorMessage(err));
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setLoading(false);
      });
    return () => ctrl.abort();
  }, [by, cross, fromMonth, toMonth, locale]);

  const label = useCallback((r: HazardStatsRow) => {
    const m = KEY_LABELS[by]?.[r.key];
    return m ? t(m) : r.name || r.key;
  }, [by, t]);
  const label2 = useCallback((r: StatsRow) => {
    const m = cross ? KEY_LABELS[cross]?.[r.key2 ?? ''] : undefined;
    return m ? t(m) : r.name2 || r.key2 || '';
  }, [cross, t]);

  const columns = useMemo<TableColumnsType<StatsRow>>(() => [
    { title: t(DIMENSION_LABELS[by]), key: 'name', render: (_v, r) => <span data-testid="hazard-stats-name">{label(r)}</span> },
    ...(cross ? [{ title: t(DIMENSION_LABELS[cross]), key: 'name2', render: (_v: unknown, r: StatsRow) => <span data-testid="hazard-stats-name2">{label2(r)}</span> }] : []),
    { title: t(hm.found), dataIndex: 'found', key: 'found', align: 'right', render: (v: number) => <span data-testid="hazard-stats-found">{v}</span> },
    { title: t(hm.closed), dataIndex: 'closed', key: 'closed', align: 'right', render: (v: number) => <span data-testid="hazard-stats-closed">{v}</span> },
    { title: t(hm.closureRate), dataIndex: 'closureRate', key: 'closureRate', align: 'right', render: (v: number) => pct(v, locale) },
    { title: t(hm.open), dataIndex: 'open', key: 'open', align: 'right' },
    { title: t(hm.overdueCount), dataIndex: 'overdue', key: 'overdue', align: 'right', render: (v: number) => (v > 0 ? <span style={{ color: '#dc2626', fontWeight: 600 }}>{v}</span> : v) },
    { title: t(hm.avgCloseDays), dataIndex: 'avgCloseDays', key: 'avgCloseDays', align: 'right', render: (v: number | null) => (v === null ? '—' : formatNumber(v, locale, 1)) },
  ], [t, by, cross, label, label2, locale]);

  const total = useMemo(() => {
    const s = rows.reduce((a, r) => ({ found: a.found + r.found, closed: a.closed + r.closed, open: a.open + r.open, overdue: a.overdue + r.overdue, days: a.days + (r.avgCloseDays ?? 0) * r.closed }),
      { found: 0, closed: 0, open: 0, overdue: 0, days: 0 });
    return { ...s, rate: s.found ? s.closed / s.found : 0, avg: s.closed ? s.days / s.closed : null };
  }, [rows]);

  return (
    <Card title={t(hm.statsTitle)} data-testid="hazard-stats-page">
      <Space wrap style={{ marginBottom: 16 }}>
        <span>{t(hm.dimension)}</span>
        <Segmented<StatsDimension>
          value={by}
          onChange={setBy}
          data-testid="hazard-stats-by"
          options={DIMENSIONS.map((d) => ({ value: d, label: <span data-testid={`hazard-stats-by-${d}`}>{t(DIMENSION_LABELS[d])}</span> }))}
        />
        <span style={{ marginInlineStart: 16 }}>{t(sm.cross)}</span>
        <Select<StatsDimension> allowClear placeholder={t(sm.crossNone)} style={{ width: 120 }} value={cross} onChange={(v) => setThen(v ?? undefined)} data-testid="hazard-stats-then"
          options={DIMENSIONS.filter((d) => d !== by).map((d) => ({ value: d, label: t(DIMENSION_LABELS[d]), title: t(DIMENSION_LABELS[d]) }))} />
        <span style={{ marginInlineStart: 16 }}>{t(sm.months)}</span>
        <DatePicker.RangePicker picker="month" value={range as [Dayjs, Dayjs] | null} onChange={setRange} allowEmpty={[true, true]} data-testid="hazard-stats-range" />
      </Space>
      {error && <Alert type="error" showIcon title={t(common.loadFailed, { msg: error })} style={{ marginBottom: 12 }} />}
      {/* Many groups (enterprises): the chart shows the first 30, which the server orders by overdue, then found. */}
      {cross ? <HazardCrossChart rows={rows} label={label} label2={label2} /> : <HazardStatsChart rows={rows.slice(0, 30)} label={label} />}
      <Table<StatsRow>
        style={{ marginTop: 16 }}
        size="small"
        rowKey={(r) => `${r.key}|${r.key2 ?? ''}`}
        loading={loading}
        columns={columns}
        dataSource={rows}
        pagination={false}
        data-testid="hazard-stats-table"
        onRow={(r) => ({ 'data-testid': 'hazard-stats-row', 'data-key': r.key, 'data-key2': r.key2 }) as HTMLAttributes<HTMLElement>}
        summary={() => rows.length > 0 && (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={cross ? 2 : 1}><b>{t(hm.sum)}</b></Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right"><b data-testid="hazard-stats-total-found">{total.found}</b></Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right"><b data-testid="hazard-stats-total-closed">{total.closed}</b></Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right"><b>{pct(total.rate, locale)}</b></Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right"><b>{total.open}</b></Table.Summary.Cell>
            <Table.Summary.Cell index={5} align="right"><b>{total.overdue}</b></Table.Summary.Cell>
            <Table.Summary.Cell index={6} align="right"><b>{total.avg === null ? '—' : formatNumber(total.avg, locale, 1)}</b></Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
    </Card>
  );
}
