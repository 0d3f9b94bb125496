/** API shapes of the resources module (server/src/modules/resources/{teams,experts,equipment,nearest}.ts). */
import type { GeoPoint } from '../../lib/types.ts';

export interface Team {
  id: string;
  name: string;
  category: string;
  specialties: string[];
  headcount: number;
  memberCount: number;
  regionCode: string;
  regionName: string;
  orgId: string | null;
  orgName: string | null;
  leaderName: string | null;
  leaderPhone: string | null;
  dutyPhone: string | null;
  baseAddress: string | null;
  base: GeoPoint | null;
  status: string;
  statusChangedAt: string;
  note: string | null;
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface NearestTeam extends Team {
  /** Geodesic distance to the query point, metres. */
  distanceM: number;
}

export interface TeamMember {
  id: string;
  name: string;
  position: string | null;
  phone: string | null;
  skills: string | null;
}

export interface TeamStatusChange {
  fromStatus: string;
  toStatus: string;
  reason: string | null;
  changedByName: string | null;
  changedAt: string;
}

export interface Expert {
  id: string;
  name: string;
  fields: string[];
  title: string | null;
  employer: string | null;
  orgId: string | null;
  phone: string | null;
  regionCode: string;
  regionName: string;
  availability: string;
  location: GeoPoint | null;
  note: string | null;
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Equipment {
  id: string;
  name: string;
  type: string;
  model: string | null;
  quantity: number;
  regionCode: string;
  regionName: string;
  orgId: string | null;
  orgName: string | null;
  location: GeoPoint | null;
  status: string;
  contactName: string | null;
  contactPhone: string | null;
  note: string | null;
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
}
