/**
 * Found / closed / open / overdue per group as bars, closure rate as a line on a second axis.
 */
import { useMemo } from 'react';
import { EChart, type EChartOption } from '../../../components/EChart.tsx';
import { useI18n } from '../../../lib/i18n.tsx';
import { hm } from '../messages.ts';
import type { HazardStatsRow } from '../types.ts';

export function HazardStatsChart({ rows, label }: { rows: HazardStatsRow[]; label: (r: HazardStatsRow) => string }) {
  const { t } = useI18n();
  const option = useMemo<EChartOption>(() => {
    const names = { found: t(hm.found), closed: t(hm.closed), open: t(hm.open), overdue: t(hm.overdueCount), rate: t(hm.closureRate) };
    return {
      animation: false,
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: rows.map(label), axisLabel: { interval: 0, rotate: rows.length > 8 ? 30 : 0 } },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
      ],
      series: [
        { name: names.found, type: 'bar', barMaxWidth: 18, itemStyle: { color: '#2563eb' }, data: rows.map((r) => r.found) },
        { name: names.closed, type: 'bar', barMaxWidth: 18, itemStyle: { color: '#16a34a' }, data: rows.map((r) => r.closed) },
        { name: names.open, type: 'bar', barMaxWidth: 18, itemStyle: { color: '#f59e0b' }, data: rows.map((r) => r.open) },
        { name: names.overdue, type: 'bar', barMaxWidth: 18, itemStyle: { color: '#dc2626' }, data: rows.map((r) => r.overdue) },
        { name: names.rate, type: 'line', yAxisIndex: 1, itemStyle: { color: '#7c3aed' }, data: rows.map((r) => Math.round(r.closureRate * 1000) / 10) },
      ],
    };
  }, [rows, label, t]);

  return <EChart option={option} height={340} testId="hazard-stats-chart" />;
}

/** A crossed statistic (e.g. 乡镇 × 状态): hazards found per first-dimension group, stacked by the second. */
export function HazardCrossChart<R extends HazardStatsRow & { key2?: string }>({ rows, label, label2 }: {
  rows: R[]; label: (r: R) => string; label2: (r: R) => string;
}) {
  const option = useMemo<EChartOption>(() => {
    const groups = [...new Map(rows.map((r) => [r.key, label(r)])).entries()].slice(0, 30);
    const stacks = [...new Map(rows.map((r) => [r.key2 ?? '', label2(r)])).entries()];
    const found = new Map(rows.map((r) => [`${r.key}|${r.key2 ?? ''}`, r.found]));
    return {
      animation: false,
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: groups.map(([, name]) => name), axisLabel: { interval: 0, rotate: groups.length > 8 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: stacks.map(([k2, name]) => ({
        name, type: 'bar', stack: 'found', barMaxWidth: 28, data: groups.map(([k]) => found.get(`${k}|${k2}`) ?? 0),
      })),
    };
  }, [rows, label, label2]);

  return <EChart option={option} height={340} testId="hazard-stats-chart" />;
}
