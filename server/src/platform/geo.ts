import { Type, type Static } from 'typebox';

/** The only place with GeoJSON ⇄ PostGIS helpers. All geometry is WGS-84 (EPSG:4326). */
export const GeoPointSchema = Type.Object({
  type: Type.Literal('Point'),
  coordinates: Type.Tuple([Type.Number({ minimum: -180, maximum: 180 }), Type.Number({ minimum: -90, maximum: 90 })]),
}, { additionalProperties: false, description: 'GeoJSON Point [经度, 纬度]（WGS-84）' });
export type GeoPoint = Static<typeof GeoPointSchema>;

const Ring = Type.Array(Type.Tuple([Type.Number({ minimum: -180, maximum: 180 }), Type.Number({ minimum: -90, maximum: 90 })]), { minItems: 4 });
export const GeoPolygonSchema = Type.Union([
  Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(Ring, { minItems: 1 }) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('MultiPolygon'), coordinates: Type.Array(Type.Array(Ring, { minItems: 1 }), { minItems: 1 }) }, { additionalProperties: false }),
], { description: 'GeoJSON Polygon 或 MultiPolygon（WGS-84）' });
export type GeoPolygon = Static<typeof GeoPolygonSchema>;

/** SQL for a point from two consecutive parameters ($n = lon, $n+1 = lat). */
export function pointSql(_p: GeoPoint, firstParam: number): string {
  return `ST_SetSRID(ST_MakePoint($${firstParam}, $${firstParam + 1}), 4326)`;
}

/** SQL for an optional point from two parameter references: NULL when the longitude is NULL. */
export function optionalPointSql(lon: string, lat: string): string {
  return `CASE WHEN ${lon}::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326) END`;
}

/** SQL for a (multi)polygon from one GeoJSON text parameter, made valid and forced to MultiPolygon. */
export function multiPolygonSql(param: number): string {
  return `ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON($${param}), 4326)), 3))`;
}

/** SELECT expression turning a geometry column into GeoJSON (json), with a given precision. */
export function asGeoJson(column: string, digits = 6): string {
  return `ST_AsGeoJSON(${column}, ${digits})::json`;
}

/**
 * "Within r metres of pt" for a KNN query over a geography GiST index, as two conditions: the
 * bounding-box test ST_DWithin hands to the index (`&& _ST_Expand`, which bounds the KNN scan), and the
 * exact spheroid distance. Not ST_DWithin itself: the planner estimates it at a handful of rows and
 * trades the KNN scan for a bitmap scan of the whole disc (10 ms instead of 2 over 100k rows, 30 km).
 * _ST_Expand is PostGIS-internal (present in 3.3 and in PGlite's 3.6; tests run on both), so a
 * PostGIS that drops it fails loudly rather than answering wrongly.
 */
export function withinMetresSql(geog: string, pt: string, metresParam: string): string[] {
  return [`${geog} && _ST_Expand(${pt}, ${metresParam}::float8)`, `ST_Distance(${geog}, ${pt}) <= ${metresParam}::float8`];
}
