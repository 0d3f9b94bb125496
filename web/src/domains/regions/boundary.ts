/**
 * Reads a region boundary from an uploaded GeoJSON file: a Polygon/MultiPolygon geometry, a Feature
 * holding one, or a FeatureCollection with exactly one such feature. The geometry is checked against
 * what PATCH /api/v1/regions/:code accepts (GeoPolygonSchema in server/src/platform/geo.ts: WGS-84
 * [lon, lat] pairs, rings of at least 4 positions) and sent as `boundary`. Positions are cut to 2D
 * (the server takes exactly two numbers) and open rings are closed.
 */
import { bboxOf, type BBox } from '../../components/geo.ts';

type Ring = [number, number][];
export type BoundaryGeometry =
  | { type: 'Polygon'; coordinates: Ring[] }
  | { type: 'MultiPolygon'; coordinates: Ring[][] };

export type BoundaryProblem =
  | { problem: 'json' }
  | { problem: 'featureCount'; n: number }
  | { problem: 'geometryType'; type: string }
  | { problem: 'coordinates' }
  | { problem: 'range'; lon: number; lat: number }
  | { problem: 'ring' }
  | { problem: 'tooLarge'; kb: number };

export interface ParsedBoundary {
  geometry: BoundaryGeometry;
  /** Distinct vertices (the closing position of each ring not counted). */
  vertices: number;
  polygons: number;
  bbox: BBox;
}

/** The server's body limit is 2 MiB; leave room for the other fields. */
export const MAX_BOUNDARY_BYTES = 1_900_000;

class Bad extends Error {
  constructor(readonly detail: BoundaryProblem) {
    super(detail.problem);
  }
}

function ring(raw: unknown): Ring {
  if (!Array.isArray(raw)) throw new Bad({ problem: 'coordinates' });
  const out: Ring = [];
  for (const p of raw) {
    if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number' || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      throw new Bad({ problem: 'coordinates' });
    }
    const lon = p[0];
    const lat = p[1];
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90) throw new Bad({ problem: 'range', lon, lat });
    out.push([lon, lat]);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0], first[1]]);
  if (out.length < 4) throw new Bad({ problem: 'ring' });
  return out;
}

function polygon(raw: unknown): Ring[] {
  if (!Array.isArray(raw) || raw.length === 0) throw new Bad({ problem: 'coordinates' });
  return raw.map(ring);
}

function geometryOf(obj: unknown): unknown {
  const o = obj as { type?: unknown; features?: unknown; geometry?: unknown };
  if (!o || typeof o !== 'object') throw new Bad({ problem: 'geometryType', type: typeof obj });
  if (o.type === 'FeatureCollection') {
    const fs = Array.isArray(o.features) ? o.features : [];
    if (fs.length !== 1) throw new Bad({ problem: 'featureCount', n: fs.length });
    return geometryOf(fs[0]);
  }
  if (o.type === 'Feature') {
    if (!o.geometry || typeof o.geometry !== 'object') throw new Bad({ problem: 'geometryType', type: 'null' });
    return o.geometry;
  }
  return o;
}

export function parseBoundary(text: string): { ok: true; value: ParsedBoundary } | { ok: false; error: BoundaryProblem } {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, error: { problem: 'json' } };
  }
  try {
    const g = geometryOf(json) as { type?: unknown; coordinates?: unknown };
    let geometry: BoundaryGeometry;
    if (g.type === 'Polygon') geometry = { type: 'Polygon', coordinates: polygon(g.coordinates) };
    else if (g.type === 'MultiPolygon') {
      if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) throw new Bad({ problem: 'coordinates' });
      geometry = { type: 'MultiPolygon', coordinates: g.coordinates.map(polygon) };
    } else throw new Bad({ problem: 'geometryType', type: typeof g.type === 'string' ? g.type : String(g.type) });
    const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    const vertices = polys.reduce((n, p) => n + p.reduce((m, r) => m + r.length - 1, 0), 0);
    const bytes = new TextEncoder().encode(JSON.stringify(geometry)).length;
    if (bytes > MAX_BOUNDARY_BYTES) throw new Bad({ problem: 'tooLarge', kb: Math.round(bytes / 1024) });
    return { ok: true, value: { geometry, vertices, polygons: polys.length, bbox: bboxOf(geometry)! } };
  } catch (err) {
    if (err instanceof Bad) return { ok: false, error: err.detail };
    throw err;
  }
}

/** Whether a point lies inside a bbox grown by `margin` degrees (a cheap "is this the right place" check). */
export function nearBBox(b: BBox, lon: number, lat: number, margin = 0.05): boolean {
  return lon >= b[0] - margin && lon <= b[2] + margin && lat >= b[1] - margin && lat <= b[3] + margin;
}
