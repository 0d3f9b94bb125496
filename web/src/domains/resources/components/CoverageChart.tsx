/**
 * Supportable people against the plan target per region, as horizontal bars (ECharts, used directly
 * from an effect: init once, setOption on change, resize with the container, dispose on unmount).
 * A region's supportable bar is red when it covers less than its target.
 */
import { useEffect, useRef } from 'react';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { formatNumber } from '../../../lib/format.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { shm } from '../messages-shelters.ts';
import type { CoverageRow } from '../types.ts';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const OK = '#16a34a';
const SHORT = '#dc2626';
const TARGET = '#94a3b8';

export function CoverageChart({ rows, height }: { rows: CoverageRow[]; height?: number }) {
  const { t, locale } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    // Bottom-up so the county (first row) is at the top of a horizontal bar chart.
    const data = [...rows].reverse();
    const supportLabel = t(shm.supportable);
    const targetLabel = t(shm.target);
    c.setOption({
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
    }, true);
  }, [rows, t, locale]);

  return <div ref={ref} data-testid="coverage-chart" style={{ width: '100%', height: height ?? Math.max(260, rows.length * 38 + 60) }} />;
}
