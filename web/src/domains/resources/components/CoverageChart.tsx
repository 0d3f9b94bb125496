/**
 * Supportable people against the plan target per region, as horizontal bars.
 * A region's supportable bar is red when it covers less than its target.
 */
import { useMemo } from 'react';
import { EChart, type EChartOption } from '../../../components/EChart.tsx';
import { formatNumber } from '../../../lib/format.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { shm } from '../messages-shelters.ts';
import type { CoverageRow } from '../types.ts';

const OK = '#16a34a';
const SHORT = '#dc2626';
const TARGET = '#94a3b8';

export function CoverageChart({ rows, height }: { rows: CoverageRow[]; height?: number }) {
  const { t, locale } = useI18n();
  const option = useMemo<EChartOption>(() => {
    // Bottom-up so the county (first row) is at the top of a horizontal bar chart.
    const data = [...rows].reverse();
    const supportLabel = t(shm.supportable);
    const targetLabel = t(shm.target);
    return {
      animation: false,
      grid: { left: 8, right: 56, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0, data: [supportLabel, targetLabel] },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: unknown) => (typeof v === 'number' ? formatNumber(v, locale) : '—'),
      },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatNumber(v, locale) } },
      yAxis: { type: 'category', data: data.map((r) => r.regionName), axisLabel: { fontWeight: 'normal' } },
      series: [
        {
          name: supportLabel, type: 'bar', barGap: '10%', barMaxWidth: 14,
          itemStyle: { color: OK },
          label: { show: true, position: 'right', fontSize: 11, formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? formatNumber(p.value, locale) : '') },
          data: data.map((r) => ({ value: r.supportable, itemStyle: { color: r.ratio !== null && r.ratio < 1 ? SHORT : OK } })),
        },
        {
          name: targetLabel, type: 'bar', barMaxWidth: 14, itemStyle: { color: TARGET },
          label: { show: true, position: 'right', fontSize: 11, color: '#64748b', formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? formatNumber(p.value, locale) : '') },
          data: data.map((r) => r.target),
        },
      ],
    };
  }, [rows, t, locale]);

  return <EChart option={option} height={height ?? Math.max(260, rows.length * 38 + 60)} testId="coverage-chart" />;
}
