/**
 * 风险四色图: the enterprises in scope on the offline basemap, each a point in its own risk colour (red
 * #e53935, orange #fb8c00, yellow #fdd835, blue #1e88e5, grey when not assessed); a click shows a card
 * with a link to the enterprise's file. Beside it the four-colour summary by township or industry
 * (GET /api/v1/risks/summary?by=…) as a table with coloured counts and a stacked bar chart.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { FeatureCollection } from 'geojson';
import { Alert, Card, Segmented, Space, Spin, Typography } from 'antd';
import type { LegendItem, MapLayer } from '../../../components/MapView.tsx';
import { api, errorMessage } from '../../../lib/api.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import type { Page } from '../../../lib/types.ts';
import { EnterpriseDetailDrawer } from '../components/EnterpriseDetailDrawer.tsx';
import { EnterpriseMapCard } from '../components/EnterpriseMapCard.tsx';
import { SummaryChart } from '../components/SummaryChart.tsx';
import { SummaryTable } from '../components/SummaryTable.tsx';
import { km, RISK_HEX, RISK_LEVEL_LABELS, RISK_LEVELS, UNASSESSED_HEX } from '../messages.ts';
import type { Enterprise, RiskLevel, SummaryRow } from '../types.ts';

// MapLibre stays in its own lazily loaded chunk.
const MapView = lazy(() => import('../../../components/MapView.tsx'));

/** Every enterprise in scope (pages of 200). */
async function loadAll(): Promise<Enterprise[]> {
  const out: Enterprise[] = [];
  for (let page = 1; ; page++) {
    const r = await api.get<Page<Enterprise>>('/api/v1/enterprises', { page, pageSize: 200 });
    out.push(...r.items);
    if (!r.items.length || out.length >= r.total) return out;
  }
}

/** Most severe on top: the unassessed first, then blue … red. */
const DRAW_ORDER: Record<string, number> = { none: 0, low: 1, general: 2, large: 3, major: 4 };

export default function RiskMapPage() {
  const { t } = useI18n();
  const [items, setItems] = useState<Enterprise[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [opened, setOpened] = useState<Enterprise | null>(null);
  const [by, setBy] = useState<'region' | 'industry'>('region');
  const [summary, setSummary] = useState<SummaryRow[]>([]);
  const [summaryLoading, setSummaryLoading] = useState(true);
  const [summaryError, setSummaryError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    setLoading(true);
    loadAll()
      .then((x) => {
        if (!live) return;
        setItems(x);
        setError(null);
      })
      .catch((err: unknown) => live && setError(errorMessage(err)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [tick]);

  useEffect(() => {
    let live = true;
    setSummaryLoading(true);
    api.get<SummaryRow[]>('/api/v1/risks/summary', { by })
      .then((r) => {
        if (!live) return;
        setSummary(r);
        setSummaryError(null);
      })
      .catch((err: unknown) => live && setSummaryError(errorMessage(err)))
      .finally(() => live && setSummaryLoading(false));
    return () => {
      live = false;
    };
  }, [by, tick]);

  const located = useMemo(() => items.filter((e) => e.location), [items]);

  const layers = useMemo<MapLayer[]>(() => {
    const data: FeatureCollection = {
      type: 'FeatureCollection',
      features: [...located]
        .sort((a, b) => DRAW_ORDER[a.riskLevel ?? 'none']! - DRAW_ORDER[b.riskLevel ?? 'none']!)
        .map((e) => ({
          type: 'Feature',
          geometry: e.location!,
          properties: { id: e.id, name: e.shortName || e.name, level: e.riskLevel ?? 'none', color: e.riskLevel ? RISK_HEX[e.riskLevel] : UNASSESSED_HEX },
        })),
    };
    return [{
      id: 'enterprises',
      type: 'circle',
      data,
      paint: {
        'circle-radius': ['match', ['get', 'level'], 'major', 8, 'large', 7, 6],
        'circle-color': ['get', 'color'],
        'circle-stroke-color': '#fff',
        'circle-stroke-width': 1.5,
      },
      onClick: (f) => {
        const id = f.properties?.id;
        if (typeof id === 'string') setSelected(id);
      },
    }];
  }, [located]);

  const legend = useMemo<LegendItem[]>(() => [
    ...RISK_LEVELS.map((l: RiskLevel) => ({ color: RISK_HEX[l], shape: 'circle' as const, label: t(RISK_LEVEL_LABELS[l]) })),
    { color: UNASSESSED_HEX, shape: 'circle' as const, label: t(km.unassessed) },
  ], [t]);

  const record = selected ? items.find((e) => e.id === selected) ?? null : null;
  const onChanged = useCallback(() => setTick((n) => n + 1), []);
  const missing = items.length - located.length;

  return (
    <div data-testid="risk-map-page" style={{ display: 'flex', gap: 12, alignItems: 'stretch', minHeight: 560 }}>
      <Card
        title={t(km.mapTitle)}
        size="small"
        style={{ flex: 1, minWidth: 0 }}
        styles={{ body: { padding: 8 } }}
        extra={
          <Space size={10}>
            {loading && <Spin size="small" />}
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="risk-map-count" data-count={located.length}>
              {t(km.enterprisesOnMap, { n: located.length })}
            </Typography.Text>
          </Space>
        }
      >
        {error && <Alert type="error" showIcon title={t(common.loadFailed, { msg: error })} style={{ marginBottom: 8 }} />}
        {missing > 0 && <Alert type="info" showIcon title={t(km.noLocationCount, { n: missing })} style={{ marginBottom: 8 }} />}
        <div style={{ position: 'relative' }}>
          <Suspense fallback={<div style={{ height: 'calc(100vh - 150px)', display: 'flex', alignItems: 'center', justifyContent: 'center' }}><Spin /></div>}>
            <MapView testId="risk-map" height="calc(100vh - 150px)" style={{ minHeight: 480 }} layers={layers} legend={legend} fitTo="basemap" fitMaxZoom={12} />
          </Suspense>
          {record && <EnterpriseMapCard enterprise={record} onClose={() => setSelected(null)} onOpen={setOpened} />}
        </div>
      </Card>
      <Card
        title={t(km.summaryTitle)}
        size="small"
        style={{ width: 600, flexShrink: 0 }}
        data-testid="risk-summary"
        extra={
          <Segmented<'region' | 'industry'>
            size="small"
            value={by}
            onChange={setBy}
            data-testid="risk-summary-by"
            options={[{ value: 'region', label: t(km.byRegion) }, { value: 'industry', label: t(km.byIndustry) }]}
          />
        }
      >
        {summaryError && <Alert type="error" showIcon title={t(common.loadFailed, { msg: summaryError })} style={{ marginBottom: 8 }} />}
        <SummaryTable rows={summary} loading={summaryLoading} />
        <div style={{ marginTop: 12 }}>
          <SummaryChart rows={summary} />
        </div>
      </Card>
      <EnterpriseDetailDrawer enterprise={opened} onClose={() => setOpened(null)} onChanged={onChanged} />
    </div>
  );
}
