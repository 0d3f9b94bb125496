/** API shapes (see server/src/modules/<module>/service.ts). */

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  roleNames: string[];
  permissions: string[];
  regionCode: string;
  regionName: string;
  orgId: string | null;
  orgName: string | null;
  industries: string[];
  locale: string;
  isDemo: boolean;
}

export interface LoginResponse {
  user: Me;
  csrfToken: string;
  expiresAt: string;
}

export interface MeResponse {
  user: Me;
  csrfToken?: string;
}

export interface Option {
  value: string;
  label: string;
}

export interface DemoInfo {
  county?: string;
  code?: string;
  seededAt?: string;
  source?: string;
}

export interface Meta {
  version: string;
  demo: DemoInfo | null;
  roles: Option[];
  orgTypes: Option[];
  attachmentOwnerTypes: string[];
  modules: string[];
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  regionCode: string;
  regionName: string;
  orgId: string | null;
  orgName: string | null;
  industries: string[];
  phone: string | null;
  email: string | null;
  status: 'active' | 'disabled';
  locked: boolean;
  lastLoginAt: string | null;
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface GeoPoint {
  type: 'Point';
  coordinates: [number, number];
}

export interface Org {
  id: string;
  name: string;
  shortName: string | null;
  type: string;
  regionCode: string;
  regionName: string;
  parentId: string | null;
  parentName: string | null;
  industryCodes: string[];
  creditCode: string | null;
  contactName: string | null;
  contactPhone: string | null;
  address: string | null;
  location: GeoPoint | null;
  userCount: number;
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface RegionNode {
  code: string;
  name: string;
  level: string;
  kind: string;
  children: RegionNode[];
}

export interface Region {
  code: string;
  gbCode: string | null;
  name: string;
  level: string;
  kind: string;
  parentCode: string | null;
  parentName: string | null;
  centre: GeoPoint | null;
  hasBoundary: boolean;
  boundaryApprox: boolean;
  codeOfficial: boolean;
  population: number | null;
  areaKm2: number | null;
  childCount: number;
  isDemo: boolean;
}

export interface RegionDetail extends Region {
  boundary: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown } | null;
}

export interface DictSummary {
  dict: string;
  name: string;
  standard: string;
  count: number;
}

export interface DictItem {
  dict: string;
  code: string;
  name: string;
  nameEn: string | null;
  parentCode: string | null;
  level: number;
  sort: number;
  note: string | null;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  regionCode: string | null;
  summary: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
  hash: string;
}

export interface AuditVerify {
  ok: boolean;
  rows: number;
  headSeq: number;
  headHash: string;
  problems: { seq: number; problem: string }[];
}

export interface Attachment {
  id: string;
  sha256: string;
  sizeBytes: number;
  mimeType: string;
  filename: string;
  ownerType: string;
  ownerId: string;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: string;
}

export interface Notification {
  id: string;
  title: string;
  body: string | null;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  roles: string[];
  regionCode: string;
  regionName: string;
  orgId: string | null;
  orgName: string | null;
  industries: string[];
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}
