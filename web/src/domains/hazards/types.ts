/** API shapes of the hazard closed loop (server/src/modules/hazards/hazards.ts). */
import type { GeoPoint } from '../../lib/types.ts';

export type HazardStatus = 'pending' | 'rectifying' | 'verifying' | 'closed';
export type HazardGrade = 'general' | 'major';
export type HazardSource = 'self_check' | 'inspection' | 'public_report' | 'sensor_alarm' | 'other';
export type HazardCategory = 'equipment' | 'operation' | 'environment' | 'management' | 'other';
export type FiveItem = 'responsibility' | 'measures' | 'funds' | 'deadline' | 'contingency';
export type StatsDimension = 'industry' | 'region' | 'grade' | 'status' | 'source' | 'month';

export interface HazardPlan {
  responsibleUnit?: string | null;
  responsiblePerson?: string | null;
  measures?: string | null;
  fundsYuan?: number | null;
  deadline?: string | null;
  contingencyPlan?: string | null;
}

export interface Hazard {
  id: string;
  code: string;
  enterpriseId: string | null;
  enterpriseName: string | null;
  regionCode: string;
  regionName: string;
  title: string;
  description: string;
  category: HazardCategory;
  grade: HazardGrade;
  source: HazardSource;
  foundByName: string;
  foundAt: string;
  location: GeoPoint | null;
  status: HazardStatus;
  deadline: string | null;
  overdue: boolean;
  plan: HazardPlan | null;
  escalationLevel: number;
  supervisingOrgId: string | null;
  supervisingOrgName: string | null;
  supervisionDeadline: string | null;
  submittedAt: string | null;
  closedAt: string | null;
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface HazardEvent {
  id: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorName: string;
  actorRole: string | null;
  note: string | null;
  photoIds: string[];
  at: string;
}

export interface HazardStatsRow {
  key: string;
  name: string;
  found: number;
  closed: number;
  closureRate: number;
  open: number;
  overdue: number;
  avgCloseDays: number | null;
}

export interface PublicReport {
  id: string;
  receiptCode: string;
  description: string;
  locationText: string | null;
  regionCode: string;
  regionName: string;
  contactName: string | null;
  contactPhone: string | null;
  anonymous: boolean;
  photoIds: string[];
  status: 'new' | 'triaged' | 'dismissed';
  hazardId: string | null;
  hazardCode: string | null;
  hazardStatus: HazardStatus | null;
  dismissReason: string | null;
  handledByName: string | null;
  handledAt: string | null;
  createdAt: string;
}
