/** API shapes of the hazard closed loop (server/src/modules/hazards/hazards.ts). */
import type { GeoPoint } from '../../lib/types.ts';

export type HazardStatus = 'pending' | 'rectifying' | 'verifying' | 'closed';
export type HazardGrade = 'general' | 'major';
export type HazardSource = 'self_check' | 'inspection' | 'public_report' | 'sensor_alarm' | 'other';
export type HazardCategory = 'equipment' | 'operation' | 'environment' | 'management' | 'other';
export type FiveItem = 'responsibility' | 'measures' | 'funds' | 'deadline' | 'contingency';
export type StatsDimension = 'industry' | 'region' | 'grade' | 'status' | 'source' | 'month' | 'enterprise';

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

// ---- Checks (隐患排查): server/src/modules/hazards/checks.ts ----

export type CheckKind = 'self_check' | 'inspection' | 'grid' | 'expert';
export type CheckAnswer = 'pass' | 'fail' | 'na';

/** One item of a checklist: what is checked and the legal basis; grade and category are hints for a failure. */
export interface CheckItem {
  no: number;
  content: string;
  basis: string;
  grade?: HazardGrade;
  category?: HazardCategory;
}

export interface CheckTemplate {
  id: string;
  name: string;
  description: string | null;
  industryCodes: string[];
  forHazchem: boolean;
  items: CheckItem[];
  itemCount: number;
  recordCount: number;
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
}

/** An item as recorded: the template's item copied with its answer and, once converted, its hazard. */
export interface CheckResult {
  no: number;
  content: string;
  basis: string;
  grade: HazardGrade | null;
  category: HazardCategory | null;
  result: CheckAnswer;
  note: string | null;
  hazardId: string | null;
  hazardCode: string | null;
  hazardStatus: HazardStatus | null;
}

export interface CheckRecord {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  regionCode: string;
  regionName: string;
  templateId: string;
  templateName: string;
  kind: CheckKind;
  checkedByName: string;
  checkerOrgName: string | null;
  participants: string | null;
  checkedAt: string;
  results: CheckResult[];
  passCount: number;
  failCount: number;
  naCount: number;
  hazardCount: number;
  openFailures: number;
  summary: string | null;
  location: GeoPoint | null;
  isDemo: boolean;
  createdAt: string;
}
