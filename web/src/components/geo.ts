/** Small GeoJSON helpers for the map (bounding boxes, label points) — no dependency needed. */
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';

export type AnyGeoJson = FeatureCollection | Feature | Geometry;
export type BBox = [west: number, south: number, east: number, north: number];

function eachPosition(g: Geometry | null | undefined, fn: (p: Position) => void): void {
  if (!g) return;
  switch (g.type) {
    case 'Point': fn(g.coordinates); break;
    case 'MultiPoint': case 'LineString': g.coordinates.forEach(fn); break;
    case 'MultiLineString': case 'Polygon': g.coordinates.forEach((r) => r.forEach(fn)); break;
    case 'MultiPolygon': g.coordinates.forEach((p) => p.forEach((r) => r.forEach(fn))); break;
    case 'GeometryCollection': g.geometries.forEach((x) => eachPosition(x, fn)); break;
  }
}

export function geometries(data: AnyGeoJson): Geometry[] {
  if (data.type === 'FeatureCollection') return data.features.map((f) => f.geometry).filter(Boolean);
  if (data.type === 'Feature') return data.geometry ? [data.geometry] : [];
  return [data];
}

export function bboxOf(data: AnyGeoJson | AnyGeoJson[]): BBox | null {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const d of Array.isArray(data) ? data : [data]) {
    for (const g of geometries(d)) {
      eachPosition(g, (p) => {
        const [x, y] = p as [number, number];
        if (x < w) w = x;
        if (x > e) e = x;
        if (y < s) s = y;
        if (y > n) n = y;
      });
    }
  }
  return Number.isFinite(w) ? [w, s, e, n] : null;
}

/** Area-weighted centroid of a ring (falls back to the vertex mean for degenerate rings). */
function ringCentroid(ring: Position[]): { c: [number, number]; area: number } {
  let a = 0, cx = 0, cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j] as [number, number];
    const [x1, y1] = ring[i] as [number, number];
    const f = x0 * y1 - x1 * y0;
    a += f;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  if (Math.abs(a) < 1e-12) {
    const n = ring.length || 1;
    return { c: [ring.reduce((s, p) => s + p[0]!, 0) / n, ring.reduce((s, p) => s + p[1]!, 0) / n], area: 0 };
  }
  return { c: [cx / (3 * a), cy / (3 * a)], area: Math.abs(a / 2) };
}

/** Where to put a label: the point itself, or the centroid of the (largest) polygon. */
export function labelPoint(g: Geometry | null | undefined): [number, number] | null {
  if (!g) return null;
  if (g.type === 'Point') return g.coordinates as [number, number];
  if (g.type === 'Polygon') return g.coordinates[0] ? ringCentroid(g.coordinates[0]).c : null;
  if (g.type === 'MultiPolygon') {
    let best: { c: [number, number]; area: number } | null = null;
    for (const p of g.coordinates) {
      if (!p[0]) continue;
      const r = ringCentroid(p[0]);
      if (!best || r.area > best.area) best = r;
    }
    return best?.c ?? null;
  }
  const b = bboxOf(g);
  return b ? [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2] : null;
}

export function featureList(data: AnyGeoJson): Feature[] {
  if (data.type === 'FeatureCollection') return data.features;
  if (data.type === 'Feature') return [data];
  return [{ type: 'Feature', geometry: data, properties: {} }];
}

/** True when any feature says its boundary is approximate (properties.approx). */
export function hasApprox(data: AnyGeoJson | null | undefined): boolean {
  if (!data) return false;
  return featureList(data).some((f) => (f.properties as { approx?: unknown } | null)?.approx === true);
}
