/**
 * Enterprises per township or industry by their own risk level, as horizontal stacked bars in the four
 * colours plus grey for the unassessed.
 */
import { useMemo } from 'react';
import { EChart, type EChartOption } from '../../../components/EChart.tsx';
import { useI18n } from '../../../lib/i18n.tsx';
import { km, RISK_HEX, RISK_LEVEL_LABELS, RISK_LEVELS, UNASSESSED_HEX } from '../messages.ts';
import type { SummaryRow } from '../types.ts';

export function SummaryChart({ rows }: { rows: SummaryRow[] }) {
  const { t } = useI18n();
  const option = useMemo<EChartOption>(() => {
    // Bottom-up so the first row is at the top of a horizontal bar chart.
    const data = [...rows].reverse();
    const series = [
      ...RISK_LEVELS.map((l) => ({ name: t(RISK_LEVEL_LABELS[l]), color: RISK_HEX[l], values: data.map((r) => r[l]) })),
      { name: t(km.unassessed), color: UNASSESSED_HEX, values: data.map((r) => r.unassessed) },
    ];
    return {
      animation: false,
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0, itemWidth: 12, itemHeight: 10, data: series.map((s) => s.name) },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: data.map((r) => r.name), axisLabel: { width: 110, overflow: 'truncate' } },
      series: series.map((s) => ({ name: s.name, type: 'bar', stack: 'enterprises', barMaxWidth: 16, itemStyle: { color: s.color }, data: s.values })),
    };
  }, [rows, t]);

  return <EChart option={option} height={Math.max(220, rows.length * 28 + 60)} testId="risk-summary-chart" />;
}
