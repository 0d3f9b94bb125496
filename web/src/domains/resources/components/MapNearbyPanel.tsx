/**
 * 附近资源: one query point (a map click or typed lon/lat) and three questions about it — the nearest
 * rescue teams, the warehouses holding given items, the shelters with room — each in its own tab.
 * The active tab's answer is reported to the map (`onHits`) to be highlighted there.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Card, Form, InputNumber, Tabs, Typography } from 'antd';
import { AimOutlined, CloseOutlined } from '@ant-design/icons';
import { useI18n } from '../../../lib/i18n.tsx';
import type { DictOptions } from '../dicts.ts';
import { rm } from '../messages.ts';
import { shm } from '../messages-shelters.ts';
import type { MapKind } from './MapFeatureCard.tsx';
import { MapNearbyShelters } from './MapNearbyShelters.tsx';
import type { NearbyHits } from './MapNearbyShared.tsx';
import { MapNearbyTeams } from './MapNearbyTeams.tsx';
import { MapNearbyWarehouses } from './MapNearbyWarehouses.tsx';

type TabKey = 'teams' | 'warehouses' | 'shelters';

export function MapNearbyPanel({ lng, lat, onPoint, onHits, onSelect, specialties }: {
  lng: number | null;
  lat: number | null;
  onPoint: (lng: number | null, lat: number | null) => void;
  onHits: (hits: NearbyHits | null) => void;
  onSelect: (kind: MapKind, id: string) => void;
  specialties: DictOptions;
}) {
  const { t } = useI18n();
  const [tab, setTab] = useState<TabKey>('teams');
  const [hits, setHits] = useState<Record<TabKey, NearbyHits | null>>({ teams: null, warehouses: null, shelters: null });
  const at = useMemo<[number, number] | null>(() => (lng != null && lat != null ? [lng, lat] : null), [lng, lat]);

  const teamHits = useCallback((h: NearbyHits | null) => setHits((x) => ({ ...x, teams: h })), []);
  const warehouseHits = useCallback((h: NearbyHits | null) => setHits((x) => ({ ...x, warehouses: h })), []);
  const shelterHits = useCallback((h: NearbyHits | null) => setHits((x) => ({ ...x, shelters: h })), []);
  useEffect(() => onHits(hits[tab]), [hits, tab, onHits]);

  return (
    <Card title={<span><AimOutlined /> {t(shm.nearbyTitle)}</span>} size="small" style={{ width: 380, flex: 'none' }} styles={{ body: { paddingTop: 8 } }} data-testid="nearest-panel">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>{t(rm.nearestHint)}</Typography.Paragraph>
      <Form layout="vertical" size="small" autoComplete="off" component="div">
        <div style={{ display: 'flex', gap: 8, alignItems: 'flex-end' }}>
          <Form.Item label={t(rm.lng)} style={{ flex: 1, marginBottom: 4 }}>
            <InputNumber data-testid="nearest-lng" value={lng} onChange={(v) => onPoint(v, lat)} min={-180} max={180} step={0.001} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={t(rm.lat)} style={{ flex: 1, marginBottom: 4 }}>
            <InputNumber data-testid="nearest-lat" value={lat} onChange={(v) => onPoint(lng, v)} min={-90} max={90} step={0.001} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item style={{ marginBottom: 4 }}>
            <Button icon={<CloseOutlined />} onClick={() => onPoint(null, null)} data-testid="nearest-clear">{t(rm.nearestClear)}</Button>
          </Form.Item>
        </div>
      </Form>
      <Tabs
        size="small"
        activeKey={tab}
        onChange={(k) => setTab(k as TabKey)}
        items={[
          { key: 'teams', label: <span data-testid="nearby-tab-teams">{t(shm.tabTeams)}</span>, children: <MapNearbyTeams at={at} onHits={teamHits} onSelect={onSelect} specialties={specialties} /> },
          { key: 'warehouses', label: <span data-testid="nearby-tab-warehouses">{t(shm.tabWarehouses)}</span>, children: <MapNearbyWarehouses at={at} onHits={warehouseHits} onSelect={onSelect} /> },
          { key: 'shelters', label: <span data-testid="nearby-tab-shelters">{t(shm.tabShelters)}</span>, children: <MapNearbyShelters at={at} onHits={shelterHits} onSelect={onSelect} /> },
        ]}
      />
    </Card>
  );
}
