/** Pieces the resource forms and drawers share: the lon/lat pair with its rule, and a small lazy point map. */
import { lazy, Suspense, useMemo } from 'react';
import { Empty, Form, InputNumber, Spin } from 'antd';
import type { MapLayer } from '../../../components/MapView.tsx';
import { useI18n } from '../../../lib/i18n.tsx';
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
