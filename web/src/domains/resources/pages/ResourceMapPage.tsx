/**
 * 资源一张图: rescue teams (coloured by status), warehouses, large equipment, experts and shelters on
 * the offline basemap, each a toggleable clustered layer (numbered cluster circles; a click zooms in);
 * clicking a point shows its card with key figures and a link to the record. The 附近资源 panel takes a
 * point (map click or typed) and finds the nearest teams, the warehouses holding given items and the
 * shelters with room; the active answer is listed, highlighted and connected to the point.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { Feature, FeatureCollection } from 'geojson';
import { Alert, Card, Checkbox, Space, Spin, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { bboxOf, type BBox } from '../../../components/geo.ts';
import type { LegendItem, MapLayer } from '../../../components/MapView.tsx';
import { api, errorMessage } from '../../../lib/api.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import type { GeoPoint, Page } from '../../../lib/types.ts';
import { EquipmentDetailDrawer } from '../components/EquipmentDrawers.tsx';
import { ExpertDetailDrawer } from '../components/ExpertDrawers.tsx';
import { MapFeatureCard, type MapKind, type MapRecord } from '../components/MapFeatureCard.tsx';
import { MapNearbyPanel } from '../components/MapNearbyPanel.tsx';
import { km, type NearbyHits } from '../components/MapNearbyShared.tsx';
import { ShelterDetailDrawer } from '../components/ShelterDetailDrawer.tsx';
import { TeamDetailDrawer } from '../components/TeamDetailDrawer.tsx';
import { WarehouseDetailDrawer } from '../components/WarehouseDetailDrawer.tsx';
import { useDict } from '../dicts.ts';
import { rm, TEAM_STATUS_HEX, TEAM_STATUS_LABELS, TEAM_STATUSES } from '../messages.ts';
import { shm, SHELTER_HEX, WAREHOUSE_HEX } from '../messages-shelters.ts';
import type { Equipment, Expert, Shelter, Team, Warehouse } from '../types.ts';

// MapLibre stays in its own lazily loaded chunk.
const MapView = lazy(() => import('../../../components/MapView.tsx'));

const EQUIPMENT_HEX = '#2563eb';
const EXPERT_HEX = '#7c3aed';
const TEAM_CLUSTER_HEX = '#475569';
const POINT_HEX = '#0f172a';
const HIGHLIGHT_HEX = '#0ea5e9';
/** Clusters of the five layers around one place (a township seat holds some of each) sit on a small ring. */
const CLUSTER_OFFSETS: Record<MapKind, [number, number]> = { team: [0, -24], warehouse: [23, -7], shelter: [14, 19], expert: [-14, 19], equipment: [-23, -7] };

/** Every item of a list endpoint (pages of 200). */
async function loadAll<T>(endpoint: string): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const r = await api.get<Page<T>>(endpoint, { page, pageSize: 200 });
    out.push(...r.items);
    if (!r.items.length || out.length >= r.total) return out;
  }
}

function points<T extends { id: string; name: string }>(items: T[], geom: (x: T) => GeoPoint | null, props: (x: T) => Record<string, unknown> = () => ({})): FeatureCollection {
  const features: Feature[] = [];
  for (const x of items) {
    const g = geom(x);
    if (g) features.push({ type: 'Feature', geometry: g, properties: { id: x.id, name: x.name, ...props(x) } });
  }
  return { type: 'FeatureCollection', features };
}

interface Lists { team: Team[]; warehouse: Warehouse[]; equipment: Equipment[]; expert: Expert[]; shelter: Shelter[] }
const EMPTY_LISTS: Lists = { team: [], warehouse: [], equipment: [], expert: [], shelter: [] };

function findRecord(lists: Lists, kind: MapKind, id: string): MapRecord | null {
  switch (kind) {
    case 'team': { const item = lists.team.find((x) => x.id === id); return item ? { kind, item } : null; }
    case 'warehouse': { const item = lists.warehouse.find((x) => x.id === id); return item ? { kind, item } : null; }
    case 'equipment': { const item = lists.equipment.find((x) => x.id === id); return item ? { kind, item } : null; }
    case 'expert': { const item = lists.expert.find((x) => x.id === id); return item ? { kind, item } : null; }
    case 'shelter': { const item = lists.shelter.find((x) => x.id === id); return item ? { kind, item } : null; }
  }
}

export default function ResourceMapPage() {
  const { t } = useI18n();
  const specialties = useDict('team_specialty');
  const [lists, setLists] = useState<Lists>(EMPTY_LISTS);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [show, setShow] = useState<Record<MapKind, boolean>>({ team: true, warehouse: true, equipment: true, expert: true, shelter: false });
  const [selected, setSelected] = useState<{ kind: MapKind; id: string } | null>(null);
  const [opened, setOpened] = useState<MapRecord | null>(null);
  const [tick, setTick] = useState(0);
  const [lng, setLng] = useState<number | null>(null);
  const [lat, setLat] = useState<number | null>(null);
  const [nearby, setNearby] = useState<NearbyHits | null>(null);

  useEffect(() => {
    let live = true;
    setLoading(true);
    Promise.all([
      loadAll<Team>('/api/v1/teams'), loadAll<Warehouse>('/api/v1/warehouses'), loadAll<Equipment>('/api/v1/equipment'),
      loadAll<Expert>('/api/v1/experts'), loadAll<Shelter>('/api/v1/shelters'),
    ])
      .then(([team, warehouse, equipment, expert, shelter]) => {
        if (!live) return;
        setLists({ team, warehouse, equipment, expert, shelter });
        setError(null);
      })
      .catch((err: unknown) => live && setError(errorMessage(err)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, []);

  const onMapClick = useCallback(({ lng: x, lat: y }: { lng: number; lat: number }) => {
    setLng(Math.round(x * 1e5) / 1e5);
    setLat(Math.round(y * 1e5) / 1e5);
  }, []);
  const onPoint = useCallback((x: number | null, y: number | null) => {
    setLng(x);
    setLat(y);
  }, []);
  const onSelect = useCallback((kind: MapKind, id: string) => setSelected({ kind, id }), []);
  const select = useCallback((kind: MapKind) => (f: { properties: Record<string, unknown> | null }) => {
    const id = f.properties?.id;
    if (typeof id === 'string') setSelected({ kind, id });
  }, []);
  const selectHit = useCallback((f: { properties: Record<string, unknown> | null }) => {
    const { id, kind } = f.properties ?? {};
    if (typeof id === 'string' && typeof kind === 'string') setSelected({ kind: kind as MapKind, id });
  }, []);

  const data = useMemo(() => ({
    team: points(lists.team, (x) => x.base, (x) => ({ color: TEAM_STATUS_HEX[x.status] ?? '#64748b' })),
    warehouse: points(lists.warehouse, (x) => x.location),
    equipment: points(lists.equipment, (x) => x.location),
    expert: points(lists.expert, (x) => x.location),
    shelter: points(lists.shelter, (x) => x.location),
  }), [lists]);

  const highlight = useMemo(() => {
    if (!nearby) return null;
    const pt: Feature = { type: 'Feature', geometry: { type: 'Point', coordinates: nearby.at }, properties: { name: t(rm.nearestPoint) } };
    const lines: FeatureCollection = {
      type: 'FeatureCollection',
      features: nearby.hits.map((x) => ({ type: 'Feature', geometry: { type: 'LineString', coordinates: [nearby.at, x.point] }, properties: { id: x.id } })),
    };
    const hits: FeatureCollection = {
      type: 'FeatureCollection',
      features: nearby.hits.map((x, i) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: x.point }, properties: { id: x.id, kind: x.kind, label: `${i + 1}. ${x.name} ${t(rm.distanceKm, { d: km(x.distanceM) })}` } })),
    };
    return { lines, hits, all: { type: 'FeatureCollection', features: [pt, ...hits.features] } as FeatureCollection };
  }, [nearby, t]);

  const pickedPoint = useMemo<Feature | null>(() => (lng != null && lat != null ? { type: 'Feature', geometry: { type: 'Point', coordinates: [lng, lat] }, properties: { name: t(rm.nearestPoint) } } : null), [lng, lat, t]);

  const layers = useMemo<MapLayer[]>(() => {
    const out: MapLayer[] = [];
    const stroke = { 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 };
    const layer = (kind: MapKind, id: string, radius: number, color: unknown, clusterColor: string) => {
      if (!show[kind]) return;
      out.push({
        id, type: 'circle', data: data[kind], paint: { 'circle-radius': radius, 'circle-color': color, ...stroke },
        cluster: { color: clusterColor, maxZoom: 12, offset: CLUSTER_OFFSETS[kind] }, onClick: select(kind),
      });
    };
    layer('expert', 'experts', 5, EXPERT_HEX, EXPERT_HEX);
    layer('equipment', 'equipment', 5.5, EQUIPMENT_HEX, EQUIPMENT_HEX);
    layer('warehouse', 'warehouses', 6, WAREHOUSE_HEX, WAREHOUSE_HEX);
    layer('shelter', 'shelters', 6.5, SHELTER_HEX, SHELTER_HEX);
    layer('team', 'teams', 6.5, ['get', 'color'], TEAM_CLUSTER_HEX);
    if (highlight) {
      out.push({ id: 'nearest-lines', type: 'line', data: highlight.lines, paint: { 'line-color': HIGHLIGHT_HEX, 'line-width': 2.5, 'line-dasharray': [2, 1.5] } });
      out.push({
        id: 'nearest-hits', type: 'circle', data: highlight.hits, labelProperty: 'label', onClick: selectHit,
        paint: { 'circle-radius': 11, 'circle-opacity': 0, 'circle-stroke-color': HIGHLIGHT_HEX, 'circle-stroke-width': 3 },
      });
    }
    if (pickedPoint) out.push({ id: 'query-point', type: 'circle', data: pickedPoint, paint: { 'circle-radius': 7, 'circle-color': POINT_HEX, 'circle-stroke-color': '#facc15', 'circle-stroke-width': 3 } });
    return out;
  }, [show, data, highlight, pickedPoint, select, selectHit]);

  const legend = useMemo<LegendItem[]>(() => [
    ...(show.team ? [
      ...TEAM_STATUSES.map((s) => ({ color: TEAM_STATUS_HEX[s]!, shape: 'circle' as const, label: `${t(rm.layerTeams)} · ${t(TEAM_STATUS_LABELS[s]!)}` })),
      { color: TEAM_CLUSTER_HEX, shape: 'circle' as const, label: `${t(rm.layerTeams)} · ${t(shm.clusterLegend)}` },
    ] : []),
    ...(show.warehouse ? [{ color: WAREHOUSE_HEX, shape: 'circle' as const, label: t(shm.layerWarehouses) }] : []),
    ...(show.equipment ? [{ color: EQUIPMENT_HEX, shape: 'circle' as const, label: t(rm.layerEquipment) }] : []),
    ...(show.expert ? [{ color: EXPERT_HEX, shape: 'circle' as const, label: t(rm.layerExperts) }] : []),
    ...(show.shelter ? [{ color: SHELTER_HEX, shape: 'circle' as const, label: t(shm.layerShelters) }] : []),
    ...(highlight ? [{ color: HIGHLIGHT_HEX, shape: 'line' as const, label: t(shm.nearbyTitle) }] : []),
  ], [t, show, highlight]);

  // The point and its answers, with room around them for the HTML labels.
  const fitTo = useMemo<BBox | 'basemap'>(() => {
    const b = highlight && highlight.hits.features.length ? bboxOf(highlight.all) : null;
    if (!b) return 'basemap';
    const dx = Math.max((b[2] - b[0]) * 0.3, 0.02);
    const dy = Math.max((b[3] - b[1]) * 0.3, 0.015);
    return [b[0] - dx, b[1] - dy, b[2] + dx, b[3] + dy];
  }, [highlight]);

  const record = selected ? findRecord(lists, selected.kind, selected.id) : null;
  const replace = useCallback(<K extends 'team' | 'shelter'>(kind: K, item: Lists[K][number]) => {
    setLists((l) => ({ ...l, [kind]: (l[kind] as { id: string }[]).map((x) => (x.id === item.id ? item : x)) }));
    setOpened((o) => (o && o.kind === kind && o.item.id === item.id ? ({ kind, item } as MapRecord) : o));
    setTick((n) => n + 1);
  }, []);
  const onTeamChanged = useCallback((x: Team) => replace('team', x), [replace]);
  const onShelterChanged = useCallback((x: Shelter) => replace('shelter', x), [replace]);
  const close = () => setOpened(null);

  const toggles: [MapKind, string, string][] = [
    ['team', 'resource-layer-teams', t(rm.layerTeams)], ['warehouse', 'resource-layer-warehouses', t(shm.layerWarehouses)],
    ['equipment', 'resource-layer-equipment', t(rm.layerEquipment)], ['expert', 'resource-layer-experts', t(rm.layerExperts)],
    ['shelter', 'resource-layer-shelters', t(shm.layerShelters)],
  ];

  return (
    <div data-testid="resource-map-page" style={{ display: 'flex', gap: 12, alignItems: 'stretch', minHeight: 560 }}>
      <Card
        title={t(rm.mapTitle)}
        size="small"
        style={{ flex: 1, minWidth: 0 }}
        styles={{ body: { padding: 8 } }}
        extra={
          <Space size={10} wrap>
            {loading && <Spin size="small" />}
            {toggles.map(([kind, testId, label]) => (
              <Checkbox key={kind} checked={show[kind]} onChange={(e) => setShow((s) => ({ ...s, [kind]: e.target.checked }))} data-testid={testId}>
                {label} <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`${testId}-count`}>{lists[kind].length}</Typography.Text>
              </Checkbox>
            ))}
            <Tooltip title={t(shm.clusterHint)}><QuestionCircleOutlined style={{ color: '#94a3b8' }} /></Tooltip>
          </Space>
        }
      >
        {error && <Alert type="error" showIcon title={t(common.loadFailed, { msg: error })} style={{ marginBottom: 8 }} />}
        <div style={{ position: 'relative' }}>
          <Suspense fallback={<div style={{ height: 'calc(100vh - 150px)', display: 'flex', alignItems: 'center', justifyContent: 'center' }}><Spin /></div>}>
            <MapView testId="resource-map" height="calc(100vh - 150px)" style={{ minHeight: 480 }} layers={layers} legend={legend} fitTo={fitTo} fitMaxZoom={12} onMapClick={onMapClick} />
          </Suspense>
          {record && <MapFeatureCard record={record} specialtyLabel={specialties.label} onClose={() => setSelected(null)} onOpen={setOpened} />}
        </div>
      </Card>
      <MapNearbyPanel lng={lng} lat={lat} onPoint={onPoint} onHits={setNearby} onSelect={onSelect} specialties={specialties} />
      <TeamDetailDrawer team={opened?.kind === 'team' ? opened.item : null} onClose={close} onChanged={onTeamChanged} reloadKey={tick} />
      <ShelterDetailDrawer shelter={opened?.kind === 'shelter' ? opened.item : null} onClose={close} onChanged={onShelterChanged} reloadKey={tick} />
      <WarehouseDetailDrawer warehouse={opened?.kind === 'warehouse' ? opened.item : null} onClose={close} reloadKey={tick} />
      <EquipmentDetailDrawer item={opened?.kind === 'equipment' ? opened.item : null} onClose={close} reloadKey={tick} />
      <ExpertDetailDrawer expert={opened?.kind === 'expert' ? opened.item : null} onClose={close} reloadKey={tick} />
    </div>
  );
}
