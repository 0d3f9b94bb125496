/**
 * A location picker bound to the form fields `lng` and `lat`: the lon/lat inputs plus a small offline
 * map on which a click sets both. The map fits once (to the record's point or the county) so clicks
 * do not re-zoom it.
 */
import { lazy, Suspense, useMemo, useState } from 'react';
import { Button, Form, Spin, Typography } from 'antd';
import type { MapLayer } from '../../../components/MapView.tsx';
import type { GeoPoint } from '../../../lib/types.ts';
import { LngLatItems } from './shared.tsx';

const MapView = lazy(() => import('../../../components/MapView.tsx'));

export interface MapPointPickerProps {
  initial: GeoPoint | null;
  /** Test ids: `<prefix>-lng`, `<prefix>-lat`, `<prefix>-map`, `<prefix>-clear-location`. */
  testIdPrefix: string;
  hint: string;
  clearLabel: string;
  label?: string;
  color?: string;
  height?: number;
}

export function MapPointPicker({ initial, testIdPrefix, hint, clearLabel, label, color = '#059669', height = 240 }: MapPointPickerProps) {
  const form = Form.useFormInstance<{ lng: number | null; lat: number | null }>();
  const lng = Form.useWatch('lng', form) as number | null | undefined;
  const lat = Form.useWatch('lat', form) as number | null | undefined;
  const [fitTo] = useState<GeoPoint | 'basemap'>(initial ?? 'basemap');
  const layers = useMemo<MapLayer[]>(() => (lng != null && lat != null ? [{
    id: 'pick',
    type: 'circle',
    data: { type: 'Feature', geometry: { type: 'Point', coordinates: [lng, lat] }, properties: {} },
    paint: { 'circle-radius': 8, 'circle-color': color, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 },
  }] : []), [lng, lat, color]);
  return (
    <>
      <LngLatItems testIdPrefix={testIdPrefix} label={label} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{hint}</Typography.Text>
      {lng != null && (
        <Button type="link" size="small" onClick={() => form.setFieldsValue({ lng: null, lat: null })} data-testid={`${testIdPrefix}-clear-location`}>{clearLabel}</Button>
      )}
      <div style={{ marginTop: 4, marginBottom: 16 }}>
        <Suspense fallback={<div style={{ height, display: 'flex', alignItems: 'center', justifyContent: 'center' }}><Spin /></div>}>
          <MapView
            height={height}
            layers={layers}
            fitTo={fitTo}
            fitMaxZoom={11}
            basemapLabels
            testId={`${testIdPrefix}-map`}
            onMapClick={({ lng: x, lat: y }) => {
              form.setFieldsValue({ lng: Math.round(x * 1e5) / 1e5, lat: Math.round(y * 1e5) / 1e5 });
              void form.validateFields(['lng', 'lat']).catch(() => undefined);
            }}
          />
        </Suspense>
      </div>
    </>
  );
}
