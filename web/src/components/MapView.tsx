/**
 * A reusable MapLibre GL map with an OFFLINE basemap: the style holds only a `background` layer plus
 * GeoJSON sources — no tiles, glyphs or sprites — so there are no symbol/text layers; labels are HTML
 * markers. The base layers (county and township outlines) come from GET /api/v1/map/basemap.geojson;
 * pages add their own layers through `layers`. Without WebGL an error boundary shows a message instead.
 */
import { Component, useEffect, useMemo, useRef, useState, type CSSProperties, type ErrorInfo, type ReactNode } from 'react';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection, Point } from 'geojson';
import { Alert, Spin } from 'antd';
import { api } from '../lib/api.ts';
import { defineMessages, translate, useI18n, type Locale } from '../lib/i18n.tsx';
import { bboxOf, featureList, hasApprox, labelPoint, type AnyGeoJson, type BBox } from './geo.ts';

maplibregl.setWorkerUrl(workerUrl);

const m = defineMessages({
  noWebgl: ['当前浏览器不支持 WebGL，无法显示地图', 'This browser has no WebGL, so the map cannot be shown'],
  noWebglHint: ['请使用新版 Chrome、Edge 或 Firefox，并开启硬件加速。', 'Use a recent Chrome, Edge or Firefox with hardware acceleration enabled.'],
  mapError: ['地图加载失败：{msg}', 'The map failed to load: {msg}'],
  approx: ['边界为近似示意', 'Boundaries are approximate'],
  basemapFailed: ['底图加载失败：{msg}', 'Basemap failed to load: {msg}'],
  county: ['县界', 'County boundary'],
  township: ['乡镇/园区界', 'Township / park boundary'],
});

export type MapLayerType = 'circle' | 'fill' | 'line';

export interface MapLayer {
  /** Unique id; its source is `src-<id>`. */
  id: string;
  data: AnyGeoJson;
  type: MapLayerType;
  /** MapLibre paint properties for the layer type (e.g. { 'circle-color': '#e11d48' }). */
  paint?: Record<string, unknown>;
  /** MapLibre filter expression. */
  filter?: unknown[];
  /** Clicking a feature of this layer. */
  onClick?: (feature: maplibregl.MapGeoJSONFeature, lngLat: maplibregl.LngLat) => void;
  /** Show HTML labels at each feature from this property (there are no glyphs offline). Not drawn for clustered layers. */
  labelProperty?: string;
  /**
   * Cluster the points of a `circle` layer (MapLibre GeoJSON source with `cluster: true`): clusters
   * are circles in `color` with their point count (an HTML label, as there are no glyphs offline);
   * clicking one zooms in until it falls apart. `onClick` still gets the single points.
   */
  cluster?: MapCluster;
}

export interface MapCluster {
  /** Colour of the cluster circles. */
  color: string;
  /** Pixel radius within which points are merged (default 40). */
  radius?: number;
  /** Highest zoom at which points are still clustered (default 13). */
  maxZoom?: number;
  /**
   * Screen offset [x, y] (px) of the cluster circles, so that clusters of several layers at one place
   * (a county seat) sit side by side instead of on top of each other. Single points stay in place.
   */
  offset?: [number, number];
}

export interface LegendItem {
  color: string;
  label: string;
  shape?: 'circle' | 'fill' | 'line';
}

export interface MapViewProps {
  layers?: MapLayer[];
  /** Show the offline basemap (county and township outlines). Default true. */
  basemap?: boolean;
  /** Township names as HTML labels on the basemap. Default true. */
  basemapLabels?: boolean;
  /** What to zoom to: the basemap (default), all layers, a bbox or a GeoJSON object. Changing it re-fits. */
  fitTo?: 'basemap' | 'layers' | BBox | AnyGeoJson | null;
  /** Max zoom when fitting (a point or a tiny area would otherwise zoom in all the way). */
  fitMaxZoom?: number;
  height?: number | string;
  legend?: LegendItem[];
  style?: CSSProperties;
  testId?: string;
  /**
   * Clicking the map where no clickable page-layer feature (a layer with `onClick`) is hit, e.g. to
   * pick a point. Optional; without it the map behaves as before.
   */
  onMapClick?: (lngLat: { lng: number; lat: number }) => void;
}

// ---------- error boundary ----------

interface BoundaryProps { locale: Locale; height: number | string; children: ReactNode }
interface BoundaryState { error: Error | null }

export class MapErrorBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { error: null };

  static getDerivedStateFromError(error: Error): BoundaryState {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.warn('map failed', error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const { locale } = this.props;
    const webgl = /webgl/i.test(error.message);
    return (
      <div data-testid="map-error" style={{ height: this.props.height, display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f3f4f6', border: '1px solid #e5e7eb', borderRadius: 6, padding: 16 }}>
        <Alert
          type="warning"
          showIcon
          title={webgl ? translate(locale, m.noWebgl) : translate(locale, m.mapError, { msg: error.message })}
          description={webgl ? translate(locale, m.noWebglHint) : undefined}
        />
      </div>
    );
  }
}

function assertWebgl(): void {
  const canvas = document.createElement('canvas');
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (!gl) throw new Error('WebGL is not available');
}

// ---------- basemap ----------

let basemapPromise: Promise<FeatureCollection> | null = null;

/** The basemap rarely changes: fetched once per page load (failures are retried next time). */
function loadBasemap(): Promise<FeatureCollection> {
  if (!basemapPromise) {
    basemapPromise = api.get<FeatureCollection>('/api/v1/map/basemap.geojson').catch((err: unknown) => {
      basemapPromise = null;
      throw err;
    });
  }
  return basemapPromise;
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

const BASE_STYLE: maplibregl.StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef2f3' } }],
};

function labelElement(text: string, kind: 'base' | 'layer'): HTMLElement {
  const el = document.createElement('div');
  el.textContent = text;
  el.className = `yj-map-label yj-map-label-${kind}`;
  el.style.cssText = kind === 'base'
    ? 'font-size:12px;color:#334155;text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 2px #fff;white-space:nowrap;pointer-events:none;font-weight:500;'
    : 'font-size:11px;color:#1e293b;background:rgba(255,255,255,.8);padding:0 3px;border-radius:3px;white-space:nowrap;pointer-events:none;';
  return el;
}

interface PlacedLabel {
  marker: maplibregl.Marker;
  /** Higher first; overlapping lower-priority labels are hidden. */
  priority: number;
  /** Always shown (cluster counts), but still hides lower-priority labels under it. */
  keep?: boolean;
}

/** Hides labels that would overlap a label of higher priority (HTML markers do not collide by themselves). */
function declutter(map: maplibregl.Map, labels: PlacedLabel[]): void {
  const placed: { x0: number; x1: number; y0: number; y1: number }[] = [];
  for (const l of [...labels].sort((a, b) => b.priority - a.priority)) {
    const el = l.marker.getElement();
    const p = map.project(l.marker.getLngLat());
    const w = el.offsetWidth || 48;
    const h = el.offsetHeight || 16;
    const box = { x0: p.x - w / 2 - 3, x1: p.x + w / 2 + 3, y0: p.y - h / 2 - 1, y1: p.y + h / 2 + 1 };
    const hit = !l.keep && placed.some((b) => !(box.x1 < b.x0 || box.x0 > b.x1 || box.y1 < b.y0 || box.y0 > b.y1));
    el.style.visibility = hit ? 'hidden' : 'visible';
    if (!hit) placed.push(box);
  }
}

function toBounds(b: BBox): maplibregl.LngLatBoundsLike {
  return [[b[0], b[1]], [b[2], b[3]]];
}

// ---------- the map ----------

interface LayerState {
  data: AnyGeoJson;
  /** Layer type and cluster options: a change rebuilds the source and layers. */
  structKey: string;
  paintKey: string;
  filterKey: string;
  labelKey: string;
  markers: maplibregl.Marker[];
  /** Point-count labels of the visible clusters, by cluster id. */
  clusterMarkers: Map<number, maplibregl.Marker>;
  clusterOffset?: [number, number];
  /** Layer event handlers, removed with the layer. */
  off: () => void;
}

const NOT_CLUSTER = ['!', ['has', 'point_count']];
const clusterLayerId = (id: string) => `yj-${id}-cluster`;

/** The page's filter, for a clustered layer restricted to single points. */
function pointFilter(l: MapLayer): unknown[] | null {
  if (!l.cluster) return l.filter ?? null;
  return l.filter ? ['all', NOT_CLUSTER, l.filter] : NOT_CLUSTER;
}

/** Cluster circle radius (px) by point count; the same steps as the layer's paint expression. */
const CLUSTER_STEPS: [minCount: number, radius: number][] = [[0, 11], [10, 14], [50, 18], [200, 22]];
const CLUSTER_RADIUS = ['step', ['get', 'point_count'], CLUSTER_STEPS[0]![1], ...CLUSTER_STEPS.slice(1).flat()];
const clusterRadius = (count: number) => CLUSTER_STEPS.reduce((r, [min, px]) => (count >= min ? px : r), CLUSTER_STEPS[0]![1]);

/** The count over a cluster circle, sized like the circle so that decluttering keeps other labels off it. */
function clusterCountElement(count: number): HTMLElement {
  const el = document.createElement('div');
  const d = clusterRadius(count) * 2;
  el.className = 'yj-map-cluster-count';
  el.dataset.count = String(count);
  el.textContent = count >= 1000 ? `${Math.round(count / 100) / 10}k` : String(count);
  el.style.cssText = `width:${d}px;height:${d}px;display:flex;align-items:center;justify-content:center;font-size:11px;font-weight:600;color:#fff;pointer-events:none;line-height:1;text-shadow:0 0 2px rgba(0,0,0,.35);`;
  return el;
}

/** Keeps one count label per rendered cluster of the layer's source; true when labels were added or removed. */
function syncClusterMarkers(map: maplibregl.Map, id: string, st: LayerState, offset: [number, number] = [0, 0]): boolean {
  const src = `src-${id}`;
  if (!map.getSource(src) || !map.isSourceLoaded(src)) return false;
  let changed = false;
  const seen = new Set<number>();
  for (const f of map.querySourceFeatures(src)) {
    const p = f.properties as { cluster?: boolean; cluster_id?: number; point_count?: number } | null;
    if (!p?.cluster || p.cluster_id === undefined || seen.has(p.cluster_id)) continue;
    seen.add(p.cluster_id);
    if (st.clusterMarkers.has(p.cluster_id)) continue;
    const at = (f.geometry as Point).coordinates as [number, number];
    const mk = new maplibregl.Marker({ element: clusterCountElement(p.point_count ?? 0), offset }).setLngLat(at).addTo(map);
    mk.getElement().dataset.testid = 'map-cluster-count';
    st.clusterMarkers.set(p.cluster_id, mk);
    changed = true;
  }
  for (const [cid, mk] of st.clusterMarkers) {
    if (seen.has(cid)) continue;
    mk.remove();
    st.clusterMarkers.delete(cid);
    changed = true;
  }
  return changed;
}

function MapInner({ layers = [], basemap = true, basemapLabels = true, fitTo = 'basemap', fitMaxZoom = 11, height = 420, legend, style, testId = 'map', onMapClick }: MapViewProps) {
  const { t, locale } = useI18n();
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const [ready, setReady] = useState(false);
  const [fatal, setFatal] = useState<Error | null>(null);
  const [base, setBase] = useState<FeatureCollection | null>(null);
  const [baseError, setBaseError] = useState<string | null>(null);
  const layerState = useRef(new Map<string, LayerState>());
  const clickHandlers = useRef(new Map<string, MapLayer['onClick']>());
  const baseMarkers = useRef<PlacedLabel[]>([]);
  const relabel = useRef<() => void>(() => undefined);
  const fitted = useRef(false);
  const mapClick = useRef(onMapClick);
  mapClick.current = onMapClick;

  if (fatal) throw fatal; // rendered by MapErrorBoundary

  // Create the map once.
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    let map: maplibregl.Map;
    try {
      assertWebgl();
      map = new maplibregl.Map({
        container: el,
        style: BASE_STYLE,
        center: [90.2, 42.5],
        zoom: 6,
        attributionControl: false,
        dragRotate: false,
        pitchWithRotate: false,
        fadeDuration: 0,
      });
    } catch (err) {
      setFatal(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    map.touchZoomRotate.disableRotation();
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');
    map.on('error', (e) => console.warn('maplibre', e.error));
    map.on('load', () => setReady(true));
    relabel.current = () => {
      const all: PlacedLabel[] = [...baseMarkers.current];
      for (const st of layerState.current.values()) {
        for (const mk of st.markers) all.push({ marker: mk, priority: Number.MAX_SAFE_INTEGER });
        for (const mk of st.clusterMarkers.values()) all.push({ marker: mk, priority: Number.MAX_SAFE_INTEGER - 1, keep: true });
      }
      declutter(map, all);
    };
    map.on('moveend', () => relabel.current());
    // Cluster count labels follow the clusters as they merge and split.
    map.on('render', () => {
      let changed = false;
      for (const [id, st] of layerState.current) if (map.getLayer(clusterLayerId(id)) && syncClusterMarkers(map, id, st, st.clusterOffset)) changed = true;
      if (changed) relabel.current();
    });
    map.on('click', (e) => {
      const h = mapClick.current;
      if (!h) return;
      const clickable = [...clickHandlers.current].filter(([id, fn]) => fn && map.getLayer(`yj-${id}`)).map(([id]) => `yj-${id}`);
      for (const id of layerState.current.keys()) if (map.getLayer(clusterLayerId(id))) clickable.push(clusterLayerId(id));
      if (clickable.length && map.queryRenderedFeatures(e.point, { layers: clickable }).length) return;
      h({ lng: e.lngLat.lng, lat: e.lngLat.lat });
    });
    mapRef.current = map;
    const ro = new ResizeObserver(() => map.resize());
    ro.observe(el);
    const states = layerState.current;
    return () => {
      ro.disconnect();
      map.remove();
      mapRef.current = null;
      states.clear();
      baseMarkers.current = [];
      fitted.current = false;
      setReady(false);
    };
  }, []);

  // Basemap data.
  useEffect(() => {
    if (!basemap) return;
    let live = true;
    loadBasemap()
      .then((fc) => live && setBase(fc))
      .catch((err: unknown) => live && setBaseError(err instanceof Error ? err.message : String(err)));
    return () => {
      live = false;
    };
  }, [basemap]);

  // Basemap layers (under every page layer).
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const data = basemap && base ? base : EMPTY;
    const src = map.getSource('basemap') as maplibregl.GeoJSONSource | undefined;
    if (src) src.setData(data);
    else {
      map.addSource('basemap', { type: 'geojson', data });
      const before = map.getStyle().layers.find((l) => l.id.startsWith('yj-'))?.id;
      map.addLayer({ id: 'basemap-county-fill', type: 'fill', source: 'basemap', filter: ['==', ['get', 'level'], 'county'], paint: { 'fill-color': '#fbfaf5', 'fill-opacity': 1 } }, before);
      map.addLayer({ id: 'basemap-township-line', type: 'line', source: 'basemap', filter: ['==', ['get', 'level'], 'township'], paint: { 'line-color': '#94a3b8', 'line-width': 1, 'line-dasharray': [3, 2] } }, before);
      map.addLayer({ id: 'basemap-county-line', type: 'line', source: 'basemap', filter: ['==', ['get', 'level'], 'county'], paint: { 'line-color': '#7c2d12', 'line-width': 2.2 } }, before);
    }
    for (const l of baseMarkers.current) l.marker.remove();
    baseMarkers.current = [];
    if (basemapLabels) {
      for (const f of featureList(data)) {
        const p = f.properties as { level?: string; name?: string; population?: number | null } | null;
        if (p?.level !== 'township' || !p.name) continue;
        const at = labelPoint(f.geometry);
        // The more populous township keeps its label when two collide (the county seat first).
        if (at) baseMarkers.current.push({ marker: new maplibregl.Marker({ element: labelElement(p.name, 'base') }).setLngLat(at).addTo(map), priority: p.population ?? 0 });
      }
    }
    relabel.current();
  }, [ready, base, basemap, basemapLabels]);

  // Page layers: add, update (data, paint, filter, labels), remove.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const states = layerState.current;
    const teardown = (id: string, st: LayerState) => {
      st.off();
      st.markers.forEach((mk) => mk.remove());
      st.clusterMarkers.forEach((mk) => mk.remove());
      if (map.getLayer(clusterLayerId(id))) map.removeLayer(clusterLayerId(id));
      if (map.getLayer(`yj-${id}`)) map.removeLayer(`yj-${id}`);
      if (map.getSource(`src-${id}`)) map.removeSource(`src-${id}`);
      states.delete(id);
    };
    const wanted = new Set(layers.map((l) => l.id));
    for (const [id, st] of states) {
      if (wanted.has(id)) continue;
      teardown(id, st);
      clickHandlers.current.delete(id);
    }
    for (const l of layers) {
      clickHandlers.current.set(l.id, l.onClick);
      const layerId = `yj-${l.id}`;
      const structKey = JSON.stringify([l.type, l.cluster ?? null]);
      const paintKey = JSON.stringify(l.paint ?? {});
      const filterKey = JSON.stringify(l.filter ?? null);
      const labelKey = l.cluster ? '' : l.labelProperty ?? '';
      let st = states.get(l.id);
      if (st && st.structKey !== structKey) {
        teardown(l.id, st);
        st = undefined;
      }
      if (!st) {
        const src = `src-${l.id}`;
        map.addSource(src, {
          type: 'geojson',
          data: l.data as maplibregl.GeoJSONSourceSpecification['data'],
          ...(l.cluster ? { cluster: true, clusterRadius: l.cluster.radius ?? 40, clusterMaxZoom: l.cluster.maxZoom ?? 13 } : {}),
        });
        const filter = pointFilter(l);
        map.addLayer({ id: layerId, type: l.type, source: src, paint: l.paint ?? {}, ...(filter ? { filter } : {}) } as maplibregl.AddLayerObject);
        const onClick = (e: maplibregl.MapLayerMouseEvent) => {
          const f = e.features?.[0];
          const h = clickHandlers.current.get(l.id);
          if (f && h) h(f, e.lngLat);
        };
        const onEnter = () => {
          if (clickHandlers.current.get(l.id)) map.getCanvas().style.cursor = 'pointer';
        };
        const onLeave = () => {
          map.getCanvas().style.cursor = '';
        };
        map.on('click', layerId, onClick);
        map.on('mouseenter', layerId, onEnter);
        map.on('mouseleave', layerId, onLeave);
        let off = () => {
          map.off('click', layerId, onClick);
          map.off('mouseenter', layerId, onEnter);
          map.off('mouseleave', layerId, onLeave);
        };
        if (l.cluster) {
          const cid = clusterLayerId(l.id);
          map.addLayer({
            id: cid, type: 'circle', source: src, filter: ['has', 'point_count'],
            paint: {
              'circle-color': l.cluster.color, 'circle-opacity': 0.88, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2,
              'circle-radius': CLUSTER_RADIUS, 'circle-translate': l.cluster.offset ?? [0, 0],
            },
          } as maplibregl.AddLayerObject);
          // A cluster click zooms in until the cluster falls apart.
          const onCluster = (e: maplibregl.MapLayerMouseEvent) => {
            const f = e.features?.[0];
            const clusterId = (f?.properties as { cluster_id?: number } | undefined)?.cluster_id;
            if (!f || clusterId === undefined) return;
            const center = (f.geometry as Point).coordinates as [number, number];
            (map.getSource(src) as maplibregl.GeoJSONSource).getClusterExpansionZoom(clusterId)
              .then((zoom) => map.easeTo({ center, zoom: Math.min(zoom + 0.25, 18), duration: 500 }))
              .catch(() => undefined);
          };
          const onClusterEnter = () => {
            map.getCanvas().style.cursor = 'pointer';
          };
          map.on('click', cid, onCluster);
          map.on('mouseenter', cid, onClusterEnter);
          map.on('mouseleave', cid, onLeave);
          const offPoints = off;
          off = () => {
            offPoints();
            map.off('click', cid, onCluster);
            map.off('mouseenter', cid, onClusterEnter);
            map.off('mouseleave', cid, onLeave);
          };
        }
        st = { data: l.data, structKey, paintKey, filterKey, labelKey: '', markers: [], clusterMarkers: new Map(), clusterOffset: l.cluster?.offset, off };
        states.set(l.id, st);
      } else {
        if (st.data !== l.data) {
          (map.getSource(`src-${l.id}`) as maplibregl.GeoJSONSource).setData(l.data as Parameters<maplibregl.GeoJSONSource['setData']>[0]);
          st.data = l.data;
          st.labelKey = ''; // relabel
          // Cluster ids change with the data.
          st.clusterMarkers.forEach((mk) => mk.remove());
          st.clusterMarkers.clear();
        }
        if (st.paintKey !== paintKey) {
          for (const [k, v] of Object.entries(l.paint ?? {})) map.setPaintProperty(layerId, k as never, v as never);
          st.paintKey = paintKey;
        }
        if (st.filterKey !== filterKey) {
          map.setFilter(layerId, pointFilter(l) as maplibregl.FilterSpecification | null);
          st.filterKey = filterKey;
        }
      }
      if (st.labelKey !== labelKey || (labelKey && !st.markers.length)) {
        st.markers.forEach((mk) => mk.remove());
        st.markers = [];
        if (labelKey) {
          for (const f of featureList(l.data)) {
            const text = (f.properties as Record<string, unknown> | null)?.[labelKey];
            const at = labelPoint(f.geometry);
            if (text !== undefined && text !== null && at) st.markers.push(new maplibregl.Marker({ element: labelElement(String(text), 'layer'), anchor: 'bottom', offset: [0, -9] }).setLngLat(at).addTo(map));
          }
        }
        st.labelKey = labelKey;
      }
    }
    relabel.current();
  }, [ready, layers]);

  // Fit to what the page asks for.
  const fitTarget = useMemo<BBox | null>(() => {
    if (fitTo === null) return null;
    if (fitTo === 'basemap') return base ? bboxOf(base) : null;
    if (fitTo === 'layers') return layers.length ? bboxOf(layers.map((l) => l.data)) : null;
    if (Array.isArray(fitTo)) return fitTo as BBox;
    return bboxOf(fitTo as AnyGeoJson);
  }, [fitTo, base, layers]);
  const fitKey = fitTarget ? fitTarget.map((v) => v.toFixed(5)).join(',') : '';

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !fitTarget) return;
    map.fitBounds(toBounds(fitTarget), { padding: 28, maxZoom: fitMaxZoom, duration: fitted.current ? 600 : 0 });
    fitted.current = true;
  }, [ready, fitKey, fitMaxZoom]);

  const approx = (basemap && hasApprox(base)) || layers.some((l) => hasApprox(l.data));
  const showLegend = approx || (legend && legend.length > 0) || basemap;

  return (
    <div style={{ position: 'relative', height, borderRadius: 6, overflow: 'hidden', border: '1px solid #e5e7eb', ...style }} data-testid={testId}>
      <div ref={containerRef} style={{ position: 'absolute', inset: 0 }} data-testid={`${testId}-canvas`} />
      {!ready && (
        <div style={{ position: 'absolute', inset: 0, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
          <Spin />
        </div>
      )}
      {baseError && (
        <Alert type="error" showIcon title={t(m.basemapFailed, { msg: baseError })} style={{ position: 'absolute', top: 8, left: 8, right: 56 }} />
      )}
      {showLegend && (
        <div
          data-testid={`${testId}-legend`}
          style={{ position: 'absolute', left: 8, bottom: 8, background: 'rgba(255,255,255,0.92)', borderRadius: 4, padding: '6px 8px', fontSize: 12, lineHeight: '18px', boxShadow: '0 1px 3px rgba(0,0,0,.15)', maxWidth: 240 }}
        >
          {basemap && (
            <>
              <LegendRow color="#7c2d12" shape="line" label={t(m.county)} />
              <LegendRow color="#94a3b8" shape="dash" label={t(m.township)} />
            </>
          )}
          {legend?.map((it) => <LegendRow key={it.label} color={it.color} shape={it.shape ?? 'fill'} label={it.label} />)}
          {approx && (
            <div data-testid={`${testId}-approx`} style={{ color: '#b45309', marginTop: 2 }}>
              ⚠ {t(m.approx)}
            </div>
          )}
        </div>
      )}
      <span hidden data-testid={`${testId}-state`} data-ready={ready ? 'true' : 'false'} data-locale={locale} />
    </div>
  );
}

function LegendRow({ color, label, shape }: { color: string; label: string; shape: 'circle' | 'fill' | 'line' | 'dash' }) {
  const sw: CSSProperties = shape === 'circle'
    ? { width: 10, height: 10, borderRadius: '50%', background: color }
    : shape === 'line'
      ? { width: 16, height: 0, borderTop: `2px solid ${color}` }
      : shape === 'dash'
        ? { width: 16, height: 0, borderTop: `2px dashed ${color}` }
        : { width: 14, height: 10, background: color, opacity: 0.7, border: `1px solid ${color}` };
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
      <span style={{ display: 'inline-block', ...sw }} />
      <span>{label}</span>
    </div>
  );
}

/** The map inside its error boundary (a missing WebGL shows a message, not a blank page). */
export function MapView(props: MapViewProps) {
  const { locale } = useI18n();
  return (
    <MapErrorBoundary locale={locale} height={props.height ?? 420}>
      <MapInner {...props} />
    </MapErrorBoundary>
  );
}

export default MapView;
