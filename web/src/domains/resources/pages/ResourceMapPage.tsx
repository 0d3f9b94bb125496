/**
 * 资源一张图: teams (coloured by status), large equipment and experts on the offline basemap, from the
 * list endpoints; clicking a feature shows its card. The "附近资源 / 最近队伍" panel takes a point
 * (map click or typed), specialties, statuses, k and an optional radius, calls
 * GET /api/v1/teams/nearest and lists, highlights and connects the nearest teams.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { Feature, FeatureCollection } from 'geojson';
import { Alert, App, Button, Card, Checkbox, Descriptions, Empty, Form, InputNumber, List, Select, Space, Spin, Tag, Typography } from 'antd';
import { AimOutlined, CloseOutlined } from '@ant-design/icons';
import { bboxOf, type BBox } from '../../../components/geo.ts';
import type { LegendItem, MapLayer } from '../../../components/MapView.tsx';
import { api, errorMessage } from '../../../lib/api.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import type { Page } from '../../../lib/types.ts';
import { AvailabilityTag } from '../components/ExpertDrawers.tsx';
import { EquipmentStatusTag } from '../components/EquipmentDrawers.tsx';
import { TeamDetailDrawer, TeamStatusTag } from '../components/TeamDetailDrawer.tsx';
import { formatPoint } from '../components/shared.tsx';
import { enumOptions, useDict } from '../dicts.ts';
import { rm, TEAM_STATUS_HEX, TEAM_STATUS_LABELS, TEAM_STATUSES } from '../messages.ts';
import type { Equipment, Expert, NearestTeam, Team } from '../types.ts';

// MapLibre stays in its own lazily loaded chunk.
const MapView = lazy(() => import('../../../components/MapView.tsx'));

const EQUIPMENT_HEX = '#2563eb';
const EXPERT_HEX = '#7c3aed';
const POINT_HEX = '#0f172a';
const HIGHLIGHT_HEX = '#0ea5e9';

/** Every item of a list endpoint (pages of 200). */
async function loadAll<T>(endpoint: string): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const r = await api.get<Page<T>>(endpoint, { page, pageSize: 200 });
    out.push(...r.items);
    if (!r.items.length || out.length >= r.total) return out;
  }
}

type Kind = 'team' | 'equipment' | 'expert';
interface Selected { kind: Kind; id: string }

function points<T extends { id: string; name: string }>(items: T[], geom: (x: T) => { type: 'Point'; coordinates: [number, number] } | null, props: (x: T) => Record<string, unknown> = () => ({})): FeatureCollection {
  const features: Feature[] = [];
  for (const x of items) {
    const g = geom(x);
    if (g) features.push({ type: 'Feature', geometry: g, properties: { id: x.id, name: x.name, ...props(x) } });
  }
  return { type: 'FeatureCollection', features };
}

const km = (m: number) => (m / 1000).toFixed(1);

export default function ResourceMapPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const specialties = useDict('team_specialty');
  const [teams, setTeams] = useState<Team[]>([]);
  const [equipment, setEquipment] = useState<Equipment[]>([]);
  const [experts, setExperts] = useState<Expert[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [show, setShow] = useState<Record<Kind, boolean>>({ team: true, equipment: true, expert: true });
  const [selected, setSelected] = useState<Selected | null>(null);
  const [teamDetail, setTeamDetail] = useState<Team | null>(null);

  // nearest query
  const [lng, setLng] = useState<number | null>(null);
  const [lat, setLat] = useState<number | null>(null);
  const [spec, setSpec] = useState<string[]>([]);
  const [statuses, setStatuses] = useState<string[]>(['standby']);
  const [k, setK] = useState<number | null>(3);
  const [radius, setRadius] = useState<number | null>(null);
  const [querying, setQuerying] = useState(false);
  const [result, setResult] = useState<{ at: [number, number]; teams: NearestTeam[] } | null>(null);
  const [queryError, setQueryError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setLoading(true);
    Promise.all([loadAll<Team>('/api/v1/teams'), loadAll<Equipment>('/api/v1/equipment'), loadAll<Expert>('/api/v1/experts')])
      .then(([a, b, c]) => {
        if (!live) return;
        setTeams(a);
        setEquipment(b);
        setExperts(c);
        setError(null);
      })
      .catch((err: unknown) => live && setError(errorMessage(err)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [tick]);

  const runNearest = async () => {
    if (lng == null || lat == null) {
      message.warning(t(rm.nearestPointRequired));
      return;
    }
    setQuerying(true);
    setQueryError(null);
    try {
      const r = await api.get<NearestTeam[]>('/api/v1/teams/nearest', {
        lon: lng, lat, k: k ?? 3, specialty: spec, status: statuses.length ? statuses : undefined, radiusKm: radius ?? undefined,
      });
      setResult({ at: [lng, lat], teams: r });
    } catch (err) {
      setResult(null);
      setQueryError(errorMessage(err));
    } finally {
      setQuerying(false);
    }
  };

  const clearNearest = () => {
    setResult(null);
    setQueryError(null);
    setLng(null);
    setLat(null);
  };

  const onMapClick = useCallback(({ lng: x, lat: y }: { lng: number; lat: number }) => {
    setLng(Math.round(x * 1e5) / 1e5);
    setLat(Math.round(y * 1e5) / 1e5);
  }, []);

  const select = useCallback((kind: Kind) => (f: { properties: Record<string, unknown> | null }) => {
    const id = f.properties?.id;
    if (typeof id === 'string') setSelected({ kind, id });
  }, []);

  const teamData = useMemo(() => points(teams, (x) => x.base, (x) => ({ color: TEAM_STATUS_HEX[x.status] ?? '#64748b' })), [teams]);
  const equipmentData = useMemo(() => points(equipment, (x) => x.location), [equipment]);
  const expertData = useMemo(() => points(experts, (x) => x.location), [experts]);

  const nearestData = useMemo(() => {
    if (!result) return null;
    const pt: Feature = { type: 'Feature', geometry: { type: 'Point', coordinates: result.at }, properties: { name: t(rm.nearestPoint) } };
    const withBase = result.teams.filter((x) => x.base);
    const lines: FeatureCollection = {
      type: 'FeatureCollection',
      features: withBase.map((x) => ({ type: 'Feature', geometry: { type: 'LineString', coordinates: [result.at, x.base!.coordinates] }, properties: { id: x.id } })),
    };
    const hits: FeatureCollection = {
      type: 'FeatureCollection',
      features: withBase.map((x, i) => ({ type: 'Feature', geometry: x.base!, properties: { id: x.id, label: `${i + 1}. ${x.name} ${t(rm.distanceKm, { d: km(x.distanceM) })}` } })),
    };
    return { pt, lines, hits, all: { type: 'FeatureCollection', features: [pt, ...hits.features] } as FeatureCollection };
  }, [result, t]);

  const pickedPoint = useMemo<Feature | null>(() => (lng != null && lat != null ? { type: 'Feature', geometry: { type: 'Point', coordinates: [lng, lat] }, properties: { name: t(rm.nearestPoint) } } : null), [lng, lat, t]);

  const layers = useMemo<MapLayer[]>(() => {
    const out: MapLayer[] = [];
    const stroke = { 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 };
    if (show.expert) out.push({ id: 'experts', type: 'circle', data: expertData, paint: { 'circle-radius': 5, 'circle-color': EXPERT_HEX, ...stroke }, onClick: select('expert') });
    if (show.equipment) out.push({ id: 'equipment', type: 'circle', data: equipmentData, paint: { 'circle-radius': 5.5, 'circle-color': EQUIPMENT_HEX, ...stroke }, onClick: select('equipment') });
    if (show.team) out.push({ id: 'teams', type: 'circle', data: teamData, paint: { 'circle-radius': 6.5, 'circle-color': ['get', 'color'], ...stroke }, onClick: select('team') });
    if (nearestData) {
      out.push({ id: 'nearest-lines', type: 'line', data: nearestData.lines, paint: { 'line-color': HIGHLIGHT_HEX, 'line-width': 2.5, 'line-dasharray': [2, 1.5] } });
      out.push({
        id: 'nearest-hits', type: 'circle', data: nearestData.hits, labelProperty: 'label', onClick: select('team'),
        paint: { 'circle-radius': 11, 'circle-opacity': 0, 'circle-stroke-color': HIGHLIGHT_HEX, 'circle-stroke-width': 3 },
      });
    }
    if (pickedPoint) out.push({ id: 'query-point', type: 'circle', data: pickedPoint, paint: { 'circle-radius': 7, 'circle-color': POINT_HEX, 'circle-stroke-color': '#facc15', 'circle-stroke-width': 3 } });
    return out;
  }, [show, expertData, equipmentData, teamData, nearestData, pickedPoint, select]);

  const legend = useMemo<LegendItem[]>(() => [
    ...TEAM_STATUSES.map((s) => ({ color: TEAM_STATUS_HEX[s]!, shape: 'circle' as const, label: `${t(rm.layerTeams)} · ${t(TEAM_STATUS_LABELS[s]!)}` })),
    { color: EQUIPMENT_HEX, shape: 'circle', label: t(rm.layerEquipment) },
    { color: EXPERT_HEX, shape: 'circle', label: t(rm.layerExperts) },
    ...(result ? [{ color: HIGHLIGHT_HEX, shape: 'line' as const, label: t(rm.nearestHighlight) }] : []),
  ], [t, result]);

  // The point and its teams, with room around them for the HTML labels.
  const fitTo = useMemo<BBox | 'basemap'>(() => {
    const b = nearestData && nearestData.hits.features.length ? bboxOf(nearestData.all) : null;
    if (!b) return 'basemap';
    const dx = Math.max((b[2] - b[0]) * 0.3, 0.02);
    const dy = Math.max((b[3] - b[1]) * 0.3, 0.015);
    return [b[0] - dx, b[1] - dy, b[2] + dx, b[3] + dy];
  }, [nearestData]);

  const teamById = useMemo(() => new Map(teams.map((x) => [x.id, x])), [teams]);

  return (
    <div data-testid="resource-map-page" style={{ display: 'flex', gap: 12, alignItems: 'stretch', minHeight: 560 }}>
      <Card
        title={t(rm.mapTitle)}
        size="small"
        style={{ flex: 1, minWidth: 0 }}
        styles={{ body: { padding: 8 } }}
        extra={
          <Space size={12} wrap>
            {loading && <Spin size="small" />}
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="resource-map-counts">
              {t(rm.loadedCounts, { teams: teams.length, equipment: equipment.length, experts: experts.length })}
            </Typography.Text>
            <Checkbox checked={show.team} onChange={(e) => setShow((s) => ({ ...s, team: e.target.checked }))} data-testid="resource-layer-teams">{t(rm.layerTeams)}</Checkbox>
            <Checkbox checked={show.equipment} onChange={(e) => setShow((s) => ({ ...s, equipment: e.target.checked }))} data-testid="resource-layer-equipment">{t(rm.layerEquipment)}</Checkbox>
            <Checkbox checked={show.expert} onChange={(e) => setShow((s) => ({ ...s, expert: e.target.checked }))} data-testid="resource-layer-experts">{t(rm.layerExperts)}</Checkbox>
          </Space>
        }
      >
        {error && <Alert type="error" showIcon title={t(common.loadFailed, { msg: error })} style={{ marginBottom: 8 }} />}
        <div style={{ position: 'relative' }}>
          <Suspense fallback={<div style={{ height: 'calc(100vh - 150px)', display: 'flex', alignItems: 'center', justifyContent: 'center' }}><Spin /></div>}>
            <MapView
              testId="resource-map"
              height="calc(100vh - 150px)"
              style={{ minHeight: 480 }}
              layers={layers}
              legend={legend}
              fitTo={fitTo}
              fitMaxZoom={12}
              onMapClick={onMapClick}
            />
          </Suspense>
          {selected && (
            <FeatureCard
              selected={selected}
              team={selected.kind === 'team' ? teamById.get(selected.id) ?? result?.teams.find((x) => x.id === selected.id) ?? null : null}
              equipment={selected.kind === 'equipment' ? equipment.find((x) => x.id === selected.id) ?? null : null}
              expert={selected.kind === 'expert' ? experts.find((x) => x.id === selected.id) ?? null : null}
              specialtyLabel={specialties.label}
              onClose={() => setSelected(null)}
              onOpenTeam={setTeamDetail}
            />
          )}
        </div>
      </Card>
      <Card
        title={<span><AimOutlined /> {t(rm.nearestTitle)}</span>}
        size="small"
        style={{ width: 360, flex: 'none' }}
        data-testid="nearest-panel"
      >
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>{t(rm.nearestHint)}</Typography.Paragraph>
        <Form layout="vertical" size="small" autoComplete="off" onFinish={() => void runNearest()}>
          <div style={{ display: 'flex', gap: 8 }}>
            <Form.Item label={t(rm.lng)} style={{ flex: 1, marginBottom: 8 }}>
              <InputNumber data-testid="nearest-lng" value={lng} onChange={(v) => setLng(v)} min={-180} max={180} step={0.001} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item label={t(rm.lat)} style={{ flex: 1, marginBottom: 8 }}>
              <InputNumber data-testid="nearest-lat" value={lat} onChange={(v) => setLat(v)} min={-90} max={90} step={0.001} style={{ width: '100%' }} />
            </Form.Item>
          </div>
          <Form.Item label={t(rm.nearestSpecialties)} style={{ marginBottom: 8 }}>
            <Select mode="multiple" allowClear data-testid="nearest-specialties" value={spec} onChange={setSpec} options={specialties.options}
              showSearch={{ optionFilterProp: 'label' }} maxTagCount="responsive" />
          </Form.Item>
          <Form.Item label={t(rm.nearestStatus)} style={{ marginBottom: 8 }}>
            <Select mode="multiple" allowClear data-testid="nearest-status" value={statuses} onChange={setStatuses} options={enumOptions(TEAM_STATUSES, TEAM_STATUS_LABELS, t)} />
          </Form.Item>
          <div style={{ display: 'flex', gap: 8 }}>
            <Form.Item label={t(rm.nearestK)} style={{ flex: 1, marginBottom: 8 }}>
              <InputNumber data-testid="nearest-k" value={k} onChange={(v) => setK(v)} min={1} max={50} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item label={t(rm.nearestRadius)} style={{ flex: 1, marginBottom: 8 }}>
              <InputNumber data-testid="nearest-radius" value={radius} onChange={(v) => setRadius(v)} min={0.1} max={2000} style={{ width: '100%' }} />
            </Form.Item>
          </div>
          <Space>
            <Button type="primary" htmlType="submit" loading={querying} data-testid="nearest-submit">{t(rm.nearestSubmit)}</Button>
            <Button icon={<CloseOutlined />} onClick={clearNearest} data-testid="nearest-clear">{t(rm.nearestClear)}</Button>
          </Space>
        </Form>
        {queryError && <Alert type="error" showIcon title={queryError} style={{ marginTop: 12 }} data-testid="nearest-error" />}
        {result && (
          <div style={{ marginTop: 12 }} data-testid="nearest-results">
            <Typography.Text strong>{t(rm.nearestResultCount, { n: result.teams.length })}</Typography.Text>
            {result.teams.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(rm.nearestEmpty)} />
            ) : (
              <List
                size="small"
                dataSource={result.teams}
                renderItem={(x, i) => (
                  <List.Item
                    data-testid="nearest-result"
                    data-distance-m={x.distanceM}
                    style={{ cursor: 'pointer', paddingInline: 4 }}
                    onClick={() => setSelected({ kind: 'team', id: x.id })}
                    extra={<Tag color="blue" data-testid="nearest-result-distance" style={{ marginInlineEnd: 0 }}>{t(rm.distanceKm, { d: km(x.distanceM) })}</Tag>}
                  >
                    <div style={{ minWidth: 0 }}>
                      <div>
                        <Typography.Text strong>{i + 1}. {x.name}</Typography.Text> <TeamStatusTag status={x.status} />
                      </div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {x.specialties.map(specialties.label).join('、')}{x.dutyPhone || x.leaderPhone ? ` · ☎ ${x.dutyPhone ?? x.leaderPhone}` : ''}
                      </Typography.Text>
                    </div>
                  </List.Item>
                )}
              />
            )}
          </div>
        )}
      </Card>
      <TeamDetailDrawer
        team={teamDetail}
        onClose={() => setTeamDetail(null)}
        onChanged={(tm) => {
          setTeamDetail((d) => (d?.id === tm.id ? tm : d));
          setTick((n) => n + 1);
        }}
        reloadKey={tick}
      />
    </div>
  );
}

function FeatureCard({ selected, team, equipment, expert, specialtyLabel, onClose, onOpenTeam }: {
  selected: Selected;
  team: Team | null;
  equipment: Equipment | null;
  expert: Expert | null;
  specialtyLabel: (c: string) => string;
  onClose: () => void;
  onOpenTeam: (t: Team) => void;
}) {
  const { t } = useI18n();
  const name = team?.name ?? equipment?.name ?? expert?.name;
  if (!name) return null;
  const kindLabel = selected.kind === 'team' ? rm.layerTeams : selected.kind === 'equipment' ? rm.layerEquipment : rm.layerExperts;
  return (
    <Card
      size="small"
      data-testid="resource-feature-card"
      title={<span><Tag>{t(kindLabel)}</Tag>{name}</span>}
      extra={<Button type="text" size="small" icon={<CloseOutlined />} onClick={onClose} aria-label={t(common.close)} data-testid="resource-feature-close" />}
      style={{ position: 'absolute', top: 8, left: 8, width: 330, maxHeight: 'calc(100% - 16px)', overflow: 'auto', boxShadow: '0 2px 8px rgba(0,0,0,.2)', zIndex: 2 }}
    >
      <Descriptions column={1} size="small">
        {team && (
          <>
            <Descriptions.Item label={t(rm.status)}><TeamStatusTag status={team.status} /></Descriptions.Item>
            <Descriptions.Item label={t(rm.specialties)}>{team.specialties.map(specialtyLabel).join('、')}</Descriptions.Item>
            <Descriptions.Item label={t(rm.headcount)}>{team.headcount}</Descriptions.Item>
            <Descriptions.Item label={t(rm.region)}>{team.regionName}</Descriptions.Item>
            <Descriptions.Item label={t(rm.leaderName)}>{team.leaderName ?? '—'}{team.leaderPhone ? ` · ${team.leaderPhone}` : ''}</Descriptions.Item>
            <Descriptions.Item label={t(rm.dutyPhone)}>{team.dutyPhone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t(rm.baseAddress)}>{team.baseAddress ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t(rm.base)}>{formatPoint(team.base, '—')}</Descriptions.Item>
          </>
        )}
        {equipment && (
          <>
            <Descriptions.Item label={t(rm.type)}>{equipment.type}{equipment.model ? ` · ${equipment.model}` : ''}</Descriptions.Item>
            <Descriptions.Item label={t(rm.quantity)}>{equipment.quantity}</Descriptions.Item>
            <Descriptions.Item label={t(rm.status)}><EquipmentStatusTag value={equipment.status} /></Descriptions.Item>
            <Descriptions.Item label={t(rm.org)}>{equipment.orgName ?? equipment.regionName}</Descriptions.Item>
            <Descriptions.Item label={t(rm.contactName)}>{equipment.contactName ?? '—'}{equipment.contactPhone ? ` · ${equipment.contactPhone}` : ''}</Descriptions.Item>
          </>
        )}
        {expert && (
          <>
            <Descriptions.Item label={t(rm.availability)}><AvailabilityTag value={expert.availability} /></Descriptions.Item>
            <Descriptions.Item label={t(rm.title)}>{expert.title ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t(rm.employer)}>{expert.employer ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t(rm.phone)}>{expert.phone ?? '—'}</Descriptions.Item>
          </>
        )}
      </Descriptions>
      {team && <Button size="small" type="link" style={{ paddingInline: 0 }} onClick={() => onOpenTeam(team)} data-testid="resource-feature-open">{t(rm.openDetail)}</Button>}
    </Card>
  );
}
