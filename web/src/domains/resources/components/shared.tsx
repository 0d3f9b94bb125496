/**
 * Pieces the resource forms and drawers share: the lon/lat pair with its rule, a small lazy point map,
 * and the change-history / location / attachments tabs of a detail drawer.
 */
import { lazy, Suspense, useMemo } from 'react';
import { Empty, Form, InputNumber, Spin, type TabsProps } from 'antd';
import { useAuth } from '../../../app/auth.tsx';
import { Attachments } from '../../../components/Attachments.tsx';
import { HistoryList } from '../../../components/HistoryList.tsx';
import type { MapLayer } from '../../../components/MapView.tsx';
import { common, useI18n } from '../../../lib/i18n.tsx';
import type { GeoPoint } from '../../../lib/types.ts';
import { rm } from '../messages.ts';

// MapLibre loads only when a drawer shows a map.
const MapView = lazy(() => import('../../../components/MapView.tsx'));

export function toPoint(lng: number | null | undefined, lat: number | null | undefined): GeoPoint | null {
  return lng != null && lat != null ? { type: 'Point', coordinates: [lng, lat] } : null;
}

/** Longitude and latitude inputs (form fields `lng`, `lat`): both or neither, WGS-84 ranges. */
export function LngLatItems({ testIdPrefix, label }: { testIdPrefix: string; label?: string }) {
  const { t } = useI18n();
  const bothOrNeither = ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
    validator: async () => {
      if ((getFieldValue('lng') == null) !== (getFieldValue('lat') == null)) throw new Error(t(rm.locationBoth));
    },
  });
  return (
    <Form.Item label={label ?? t(rm.location)} style={{ marginBottom: 0 }}>
      <div style={{ display: 'flex' }}>
        <Form.Item name="lng" dependencies={['lat']} rules={[bothOrNeither]} style={{ flex: 1, marginInlineEnd: 12 }}>
          <InputNumber data-testid={`${testIdPrefix}-lng`} placeholder={t(rm.lng)} min={-180} max={180} step={0.0001} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="lat" dependencies={['lng']} rules={[bothOrNeither]} style={{ flex: 1 }}>
          <InputNumber data-testid={`${testIdPrefix}-lat`} placeholder={t(rm.lat)} min={-90} max={90} step={0.0001} style={{ width: '100%' }} />
        </Form.Item>
      </div>
    </Form.Item>
  );
}

export function formatPoint(p: GeoPoint | null, none: string): string {
  return p ? p.coordinates.map((c) => c.toFixed(5)).join(', ') : none;
}

/** A small map of one point (a team's base, an expert's or a piece of equipment's location). */
export function PointMap({ point, name, color = '#dc2626', testId, height = 260 }: { point: GeoPoint | null; name: string; color?: string; testId: string; height?: number }) {
  const { t } = useI18n();
  const layers = useMemo<MapLayer[]>(() => (point ? [{
    id: 'point',
    type: 'circle',
    data: { type: 'Feature', geometry: point, properties: { name } },
    paint: { 'circle-radius': 7, 'circle-color': color, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 },
    labelProperty: 'name',
  }] : []), [point, name, color]);
  if (!point) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(rm.noLocation)} />;
  return (
    <Suspense fallback={<Spin />}>
      <MapView height={height} layers={layers} fitTo={point} fitMaxZoom={10} basemapLabels testId={testId} />
    </Suspense>
  );
}

/** The small map under a record's basics. */
export function BasicsMap(props: { point: GeoPoint | null; name: string; color?: string; testId: string }) {
  return (
    <div style={{ marginTop: 12 }}>
      <PointMap {...props} height={240} />
    </div>
  );
}

type TabItem = NonNullable<TabsProps['items']>[number];

export interface RecordTabsOptions {
  /** The history's entity type, also the attachments' owner type. */
  entityType: string;
  id: string;
  reloadKey: number;
  /** The history tab's label (default 变更历史). */
  historyLabel?: string;
  /** Gives the labels the test ids `<prefix>-tab-history` and `<prefix>-tab-files`. */
  testIdPrefix?: string;
  /** A 位置 tab with the record's point between history and attachments (left out without a point). */
  map?: { point: GeoPoint | null; name: string; color: string; testId: string };
}

/**
 * The tabs a resource's detail drawer ends with: change history, the location (optional) and the
 * attachments (only with attachments:read; upload with attachments:write).
 */
export function useRecordTabs(): (o: RecordTabsOptions) => TabItem[] {
  const { t } = useI18n();
  const { can } = useAuth();
  return ({ entityType, id, reloadKey, historyLabel, testIdPrefix, map }) => {
    const label = (text: string, tab: string) => (testIdPrefix ? <span data-testid={`${testIdPrefix}-tab-${tab}`}>{text}</span> : text);
    return [
      { key: 'history', label: label(historyLabel ?? t(common.history), 'history'), children: <HistoryList entityType={entityType} entityId={id} reloadKey={reloadKey} /> },
      ...(map?.point ? [{ key: 'map', label: t(rm.location), children: <PointMap {...map} /> }] : []),
      ...(can('attachments:read') ? [{ key: 'files', label: label(t(common.attachments), 'files'), children: <Attachments ownerType={entityType} ownerId={id} canUpload={can('attachments:write')} /> }] : []),
    ];
  };
}
