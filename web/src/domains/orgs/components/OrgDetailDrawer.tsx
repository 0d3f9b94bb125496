import { lazy, Suspense, useMemo } from 'react';
import { Descriptions, Drawer, Empty, Spin, Tabs, Tag } from 'antd';
import { useAuth } from '../../../app/auth.tsx';
import { Attachments } from '../../../components/Attachments.tsx';
import { HistoryList } from '../../../components/HistoryList.tsx';
import type { MapLayer } from '../../../components/MapView.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import type { Org } from '../../../lib/types.ts';
import { om } from '../messages.ts';

// The map (MapLibre) loads only when someone opens the location tab.
const MapView = lazy(() => import('../../../components/MapView.tsx'));

function OrgMap({ org }: { org: Org }) {
  const layers = useMemo<MapLayer[]>(() => (org.location ? [{
    id: 'org',
    type: 'circle',
    data: { type: 'Feature', geometry: org.location, properties: { name: org.shortName ?? org.name } },
    paint: { 'circle-radius': 7, 'circle-color': '#dc2626', 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 },
    labelProperty: 'name',
  }] : []), [org]);
  if (!org.location) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={'—'} />;
  return (
    <Suspense fallback={<Spin />}>
      <MapView height={320} layers={layers} fitTo={org.location} fitMaxZoom={10} testId="org-map" />
    </Suspense>
  );
}

/** An organisation's record, its change history (/api/v1/history/org/:id) and attachments. */
export function OrgDetailDrawer({ org, onClose, reloadKey }: { org: Org | null; onClose: () => void; reloadKey: number }) {
  const { t, locale } = useI18n();
  const { meta, can } = useAuth();
  const typeLabel = (v: string) => meta?.orgTypes.find((x) => x.value === v)?.label ?? v;
  return (
    <Drawer open={!!org} onClose={onClose} size={680} title={org ? `${t(om.detail)} · ${org.name}` : ''} destroyOnHidden data-testid="org-detail">
      {org && (
        <>
          <Descriptions column={2} size="small" bordered data-testid="org-detail-fields">
            <Descriptions.Item label={t(om.name)} span={2}>{org.name}</Descriptions.Item>
            <Descriptions.Item label={t(om.shortName)}>{org.shortName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t(om.type)}><Tag>{typeLabel(org.type)}</Tag></Descriptions.Item>
            <Descriptions.Item label={t(om.region)}>{org.regionName}</Descriptions.Item>
            <Descriptions.Item label={t(om.parent)}>{org.parentName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t(om.creditCode)} span={2}><span style={{ fontFamily: 'monospace' }}>{org.creditCode ?? '—'}</span></Descriptions.Item>
            <Descriptions.Item label={t(om.industries)} span={2}>{org.industryCodes.length ? org.industryCodes.join(', ') : '—'}</Descriptions.Item>
            <Descriptions.Item label={t(om.contactName)}>{org.contactName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t(om.contactPhone)}>{org.contactPhone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t(om.address)} span={2}>{org.address ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t(om.location)} span={2}>
              {org.location ? org.location.coordinates.map((c) => c.toFixed(5)).join(', ') : t(om.noLocation)}
            </Descriptions.Item>
            <Descriptions.Item label={t(om.userCount)}>{org.userCount}</Descriptions.Item>
            <Descriptions.Item label={t(common.updatedAt)}>{formatDateTime(org.updatedAt, locale)}</Descriptions.Item>
          </Descriptions>
          <Tabs
            style={{ marginTop: 16 }}
            items={[
              { key: 'history', label: t(common.history), children: <HistoryList entityType="org" entityId={org.id} reloadKey={reloadKey} /> },
              ...(can('attachments:read') ? [{ key: 'files', label: t(common.attachments), children: <Attachments ownerType="org" ownerId={org.id} canUpload={can('attachments:write')} /> }] : []),
              ...(org.location ? [{ key: 'map', label: t(om.map), children: <OrgMap org={org} /> }] : []),
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
