import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Input, Row, Space, Spin, Tabs, Tag, Tree, Typography, type TableColumnsType, type TreeDataNode } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { useAuth } from '../../../app/auth.tsx';
import { DataTable } from '../../../components/DataTable.tsx';
import { HistoryList } from '../../../components/HistoryList.tsx';
import { MapView, type MapLayer } from '../../../components/MapView.tsx';
import { loadRegionTree, useRegionTree } from '../../../components/RegionTreeSelect.tsx';
import { api, errorMessage } from '../../../lib/api.ts';
import { formatNumber } from '../../../lib/format.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import type { Region, RegionDetail, RegionNode } from '../../../lib/types.ts';
import { CHILD_LEVEL, RegionFormDrawer, type RegionFormTarget } from '../components/RegionFormDrawer.tsx';
import { LEVEL_LABELS, rm } from '../messages.ts';

interface RegionProps {
  code: string;
  name: string;
  level: string;
  kind: string;
  approx: boolean;
  population: number | null;
}

function walk(nodes: RegionNode[], fn: (n: RegionNode, parent: RegionNode | null) => void, parent: RegionNode | null = null): void {
  for (const n of nodes) {
    fn(n, parent);
    walk(n.children, fn, n);
  }
}

function parentMap(tree: RegionNode[]): Map<string, string | null> {
  const m = new Map<string, string | null>();
  walk(tree, (n, p) => m.set(n.code, p?.code ?? null));
  return m;
}

function toTreeData(nodes: RegionNode[], filter: string, visible: Set<string> | null): TreeDataNode[] {
  const out: TreeDataNode[] = [];
  for (const n of nodes) {
    if (visible && !visible.has(n.code)) continue;
    const hit = filter && n.name.includes(filter);
    out.push({
      key: n.code,
      title: (
        <span data-testid="region-tree-node" data-code={n.code}>
          {hit ? <mark style={{ padding: 0, background: '#fde68a' }}>{n.name}</mark> : n.name}
          <span style={{ color: '#94a3b8', fontSize: 11, marginInlineStart: 6 }}>{n.kind}</span>
        </span>
      ),
      isLeaf: n.children.length === 0,
      children: toTreeData(n.children, filter, visible),
    });
  }
  return out;
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

export default function RegionsPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { can } = useAuth();
  const writable = can('regions:write');
  const initialTree = useRegionTree();
  // After an edit the page holds the re-fetched tree (loadRegionTree(true) also refreshes the shared cache).
  const [reloadedTree, setReloadedTree] = useState<RegionNode[] | null>(null);
  const tree = reloadedTree ?? initialTree.tree;
  const { loading: treeLoading, error: treeError } = initialTree;
  const [selected, setSelected] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [filter, setFilter] = useState('');
  const [geo, setGeo] = useState<FeatureCollection<Geometry, RegionProps> | null>(null);
  const [geoError, setGeoError] = useState<string | null>(null);
  const [detail, setDetail] = useState<RegionDetail | null>(null);
  const [detailError, setDetailError] = useState<string | null>(null);
  const [geoTick, setGeoTick] = useState(0);
  const [detailTick, setDetailTick] = useState(0);
  const [formOpen, setFormOpen] = useState(false);
  const [formTarget, setFormTarget] = useState<RegionFormTarget | null>(null);
  const treeBox = useRef<HTMLDivElement>(null);

  const parents = useMemo(() => parentMap(tree), [tree]);

  // Start at the root of the user's scope, with the first level open.
  useEffect(() => {
    if (!tree.length || selected) return;
    setSelected(tree[0]!.code);
    setExpanded(tree.map((n) => n.code));
  }, [tree, selected]);

  useEffect(() => {
    let live = true;
    api.get<FeatureCollection<Geometry, RegionProps>>('/api/v1/regions/geojson')
      .then((fc) => live && setGeo(fc))
      .catch((err: unknown) => live && setGeoError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [geoTick]);

  useEffect(() => {
    if (!selected) return;
    let live = true;
    setDetailError(null);
    api.get<RegionDetail>(`/api/v1/regions/${selected}`)
      .then((d) => live && setDetail(d))
      .catch((err: unknown) => live && setDetailError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [selected, locale, detailTick]);

  const selectIn = useCallback((code: string, within: Map<string, string | null>) => {
    setSelected(code);
    // Open the ancestors so the selection is visible in the tree.
    setExpanded((prev) => {
      const open = new Set(prev);
      for (let p = within.get(code) ?? null; p; p = within.get(p) ?? null) open.add(p);
      return [...open];
    });
  }, []);
  const select = useCallback((code: string) => selectIn(code, parents), [selectIn, parents]);

  // Keep the selected node in view inside the tree's own scroll box (not the page).
  useEffect(() => {
    const box = treeBox.current;
    if (!box || !selected) return;
    const id = requestAnimationFrame(() => {
      const el = box.querySelector<HTMLElement>(`[data-code="${selected}"]`);
      if (!el) return;
      const top = el.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
      if (top < box.scrollTop || top + el.offsetHeight > box.scrollTop + box.clientHeight) box.scrollTop = Math.max(0, top - box.clientHeight / 3);
    });
    return () => cancelAnimationFrame(id);
  }, [selected, expanded, tree]);

  // The detail on screen, once it matches the selection (the buttons act on it).
  const current = detail && detail.code === selected ? detail : null;
  const canCreateChild = writable && !!current && !!CHILD_LEVEL[current.level];

  const openForm = (target: RegionFormTarget) => {
    setFormTarget(target);
    setFormOpen(true);
  };

  const onSaved = async (r: Region, mode: 'create' | 'edit') => {
    setFormOpen(false);
    setGeoTick((n) => n + 1);
    setDetailTick((n) => n + 1);
    try {
      const fresh = await loadRegionTree(true);
      setReloadedTree(fresh);
      if (mode === 'create') selectIn(r.code, parentMap(fresh));
    } catch (err) {
      message.error(t(common.loadFailed, { msg: errorMessage(err) }));
    }
  };

  // Tree search: keep matches and their ancestors.
  const visible = useMemo(() => {
    if (!filter) return null;
    const keep = new Set<string>();
    walk(tree, (n) => {
      if (n.name.includes(filter) || n.code.startsWith(filter)) {
        for (let c: string | null = n.code; c; c = parents.get(c) ?? null) keep.add(c);
      }
    });
    return keep;
  }, [filter, tree, parents]);
  const treeData = useMemo(() => toTreeData(tree, filter, visible), [tree, filter, visible]);

  // Features are a boundary where one exists, else the centre point; circle layers take only points
  // (MapLibre would draw a circle on every polygon vertex).
  const split = useMemo(() => {
    const groups = { townships: [] as Feature[], townshipPoints: [] as Feature[], villageAreas: [] as Feature[], villages: [] as Feature[] };
    for (const f of geo?.features ?? []) {
      const point = f.geometry.type === 'Point';
      if (f.properties.level === 'township') (point ? groups.townshipPoints : groups.townships).push(f);
      else if (f.properties.level === 'village') (point ? groups.villages : groups.villageAreas).push(f);
    }
    const fc = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });
    return { townships: fc(groups.townships), townshipPoints: fc(groups.townshipPoints), villageAreas: fc(groups.villageAreas), villages: fc(groups.villages) };
  }, [geo]);

  const selectedFeature = useMemo(() => geo?.features.find((f) => f.properties.code === selected) ?? null, [geo, selected]);
  const selectedFc = useMemo<FeatureCollection>(() => (selectedFeature ? { type: 'FeatureCollection', features: [selectedFeature] } : EMPTY), [selectedFeature]);
  const selectedIsPoint = selectedFeature?.geometry.type === 'Point';

  const layers = useMemo<MapLayer[]>(() => [
    {
      id: 'townships-fill', type: 'fill', data: split.townships,
      paint: { 'fill-color': '#60a5fa', 'fill-opacity': 0.12 },
      onClick: (f) => select(String(f.properties.code)),
    },
    { id: 'townships-line', type: 'line', data: split.townships, paint: { 'line-color': '#2563eb', 'line-width': 1 } },
    {
      id: 'township-points', type: 'circle', data: split.townshipPoints,
      paint: { 'circle-radius': 5.5, 'circle-color': '#60a5fa', 'circle-stroke-color': '#2563eb', 'circle-stroke-width': 1.5 },
      onClick: (f) => select(String(f.properties.code)),
    },
    {
      id: 'villages-fill', type: 'fill', data: split.villageAreas,
      paint: { 'fill-color': '#16a34a', 'fill-opacity': 0.15 },
      onClick: (f) => select(String(f.properties.code)),
    },
    { id: 'villages-line', type: 'line', data: split.villageAreas, paint: { 'line-color': '#16a34a', 'line-width': 1 } },
    {
      id: 'villages', type: 'circle', data: split.villages,
      paint: { 'circle-radius': 3.5, 'circle-color': '#16a34a', 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 },
      onClick: (f) => select(String(f.properties.code)),
    },
    // One layer per geometry kind: MapView keeps a layer's type, so the ids must differ.
    { id: 'selected-line', type: 'line', data: selectedIsPoint ? EMPTY : selectedFc, paint: { 'line-color': '#f97316', 'line-width': 3.5 } },
    {
      id: 'selected-point', type: 'circle', data: selectedIsPoint ? selectedFc : EMPTY,
      paint: { 'circle-radius': 8, 'circle-color': '#f97316', 'circle-stroke-color': '#7c2d12', 'circle-stroke-width': 2 }, labelProperty: 'name',
    },
  ], [split, selectedFc, selectedIsPoint, select]);

  const childColumns = useMemo<TableColumnsType<Region>>(() => [
    { title: t(rm.code), dataIndex: 'code', key: 'code', sorter: true, width: 150, render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
    { title: t(rm.name), dataIndex: 'name', key: 'name', sorter: true, render: (v: string, r) => <Typography.Link onClick={() => select(r.code)}>{v}</Typography.Link> },
    { title: t(rm.kind), dataIndex: 'kind', key: 'kind', width: 90 },
    { title: t(rm.population), dataIndex: 'population', key: 'population', sorter: true, width: 110, align: 'right', render: (v: number | null) => formatNumber(v, locale) },
    {
      title: t(rm.boundary), key: 'boundary', width: 150,
      render: (_v, r) => (r.hasBoundary ? (r.boundaryApprox ? <Tag color="orange">{t(rm.approx)}</Tag> : <Tag color="green">{t(rm.hasBoundary)}</Tag>) : <Tag>{t(rm.noBoundary)}</Tag>),
    },
    { title: t(rm.official), dataIndex: 'codeOfficial', key: 'codeOfficial', width: 120, render: (v: boolean) => (v ? t(common.yes) : <Tag color="purple">{t(rm.selfCoded)}</Tag>) },
    { title: t(rm.childCount), dataIndex: 'childCount', key: 'childCount', width: 80, align: 'right' },
  ], [t, locale, select]);

  return (
    <div data-testid="regions-page">
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={7} xl={6}>
          <Card title={t(rm.tree)} styles={{ body: { padding: 12 } }} style={{ height: '100%' }}>
            <Input.Search allowClear placeholder={t(rm.searchTree)} onChange={(e) => setFilter(e.target.value.trim())} style={{ marginBottom: 8 }} data-testid="regions-tree-search" />
            {treeError ? <Alert type="error" showIcon title={errorMessage(treeError)} /> : null}
            {treeLoading ? <Spin /> : (
              <div ref={treeBox} style={{ maxHeight: 440, overflow: 'auto' }}>
                <Tree
                  data-testid="regions-tree"
                  treeData={treeData}
                  selectedKeys={selected ? [selected] : []}
                  expandedKeys={visible ? [...visible] : expanded}
                  onExpand={(keys) => setExpanded(keys.map(String))}
                  onSelect={(keys) => keys[0] !== undefined && select(String(keys[0]))}
                  blockNode
                />
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={17} xl={18}>
          <Card title={t(rm.map)} styles={{ body: { padding: 12 } }}>
            {geoError && <Alert type="error" showIcon title={t(common.loadFailed, { msg: geoError })} style={{ marginBottom: 8 }} />}
            <MapView
              height={500}
              layers={layers}
              fitTo={selectedFeature && selectedFeature.properties.level !== 'county' ? selectedFeature : 'basemap'}
              fitMaxZoom={selectedIsPoint ? 10 : 11}
              testId="regions-map"
              legend={[
                { color: '#60a5fa', label: t(rm.township), shape: 'fill' },
                { color: '#16a34a', label: t(rm.village), shape: 'circle' },
                { color: '#f97316', label: t(rm.selected), shape: 'line' },
              ]}
            />
          </Card>
        </Col>
        <Col span={24}>
          <Card
            title={detail ? `${t(rm.detail)} · ${detail.name}` : t(rm.detail)}
            data-testid="region-detail"
            extra={writable && current ? (
              <Space>
                {canCreateChild && (
                  <Button icon={<PlusOutlined />} onClick={() => openForm({ mode: 'create', parent: current })} data-testid="region-create">{t(rm.createChild)}</Button>
                )}
                <Button type="primary" icon={<EditOutlined />} onClick={() => openForm({ mode: 'edit', region: current })} data-testid="region-edit">{t(rm.edit)}</Button>
              </Space>
            ) : null}
            styles={{ body: { paddingTop: 4 } }}
          >
            {detailError && <Alert type="error" showIcon title={detailError} />}
            {!detail && !detailError && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
            {detail && (
              <Tabs
                data-testid="region-detail-tabs"
                items={[
                  {
                    key: 'info',
                    label: t(rm.info),
                    children: (
                      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }}>
                        <Descriptions.Item label={t(rm.code)}>
                          <span style={{ fontFamily: 'monospace' }} data-testid="region-detail-code">{detail.code}</span>{' '}
                          {!detail.codeOfficial && <Tag color="purple" data-testid="region-self-coded">{t(rm.selfCoded)}</Tag>}
                        </Descriptions.Item>
                        <Descriptions.Item label={t(rm.name)}>{detail.name}</Descriptions.Item>
                        <Descriptions.Item label={t(rm.level)}>{LEVEL_LABELS[detail.level] ? t(LEVEL_LABELS[detail.level]!) : detail.level}</Descriptions.Item>
                        <Descriptions.Item label={t(rm.kind)}>{detail.kind}</Descriptions.Item>
                        <Descriptions.Item label={t(rm.parent)}>{detail.parentName ?? '—'}</Descriptions.Item>
                        <Descriptions.Item label={t(rm.gbCode)}>{detail.gbCode ?? '—'}</Descriptions.Item>
                        <Descriptions.Item label={t(rm.population)}><span data-testid="region-detail-population">{formatNumber(detail.population, locale)}</span></Descriptions.Item>
                        <Descriptions.Item label={t(rm.area)}>{formatNumber(detail.areaKm2, locale, 2)}</Descriptions.Item>
                        <Descriptions.Item label={t(rm.boundary)}>
                          {detail.hasBoundary
                            ? detail.boundaryApprox ? <Tag color="orange" data-testid="region-approx">{t(rm.approx)}</Tag> : <Tag color="green" data-testid="region-has-boundary">{t(rm.hasBoundary)}</Tag>
                            : <Tag data-testid="region-no-boundary">{t(rm.noBoundary)}</Tag>}
                        </Descriptions.Item>
                        <Descriptions.Item label={t(rm.centre)}>{detail.centre ? detail.centre.coordinates.map((c) => c.toFixed(4)).join(', ') : '—'}</Descriptions.Item>
                        <Descriptions.Item label={t(rm.childCount)}>{detail.childCount}</Descriptions.Item>
                      </Descriptions>
                    ),
                  },
                  {
                    key: 'history',
                    label: <span data-testid="region-history-tab">{t(rm.history)}</span>,
                    children: (
                      <div data-testid="region-history" style={{ maxHeight: 420, overflow: 'auto', paddingTop: 8 }}>
                        <HistoryList entityType="region" entityId={detail.code} reloadKey={detailTick} />
                      </div>
                    ),
                  },
                ]}
              />
            )}
          </Card>
        </Col>
        <Col span={24}>
          <Card title={t(rm.children)}>
            {selected && detail?.level === 'village' ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(rm.noChildren)} />
            ) : selected ? (
              <DataTable<Region>
                testId="region-children-table"
                endpoint="/api/v1/regions"
                rowKey="code"
                columns={childColumns}
                filters={{ parentCode: selected }}
                defaultSort="code"
                searchPlaceholder={t(rm.searchPlaceholder)}
                size="small"
              />
            ) : null}
          </Card>
        </Col>
      </Row>
      <RegionFormDrawer open={formOpen} target={formTarget} onClose={() => setFormOpen(false)} onSaved={(r, mode) => void onSaved(r, mode)} />
    </div>
  );
}
