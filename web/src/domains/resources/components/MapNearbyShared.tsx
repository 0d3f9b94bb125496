/** What the 附近资源 tabs share: the props they take and the hits they report for the map. */
import type { MapKind } from './MapFeatureCard.tsx';

export interface NearbyHit {
  kind: MapKind;
  id: string;
  name: string;
  distanceM: number;
  point: [number, number];
}

/** A tab's answer for the map: the query point and the records found, nearest first. */
export interface NearbyHits {
  at: [number, number];
  hits: NearbyHit[];
}

export interface NearbyTabProps {
  /** The picked point (lon, lat), or null. */
  at: [number, number] | null;
  onHits: (hits: NearbyHits | null) => void;
  onSelect: (kind: MapKind, id: string) => void;
}

export const km = (m: number) => (m / 1000).toFixed(1);
