/**
 * Roles (product.md) and the permission catalogue. Permissions are `<module>:<action>`.
 * Modules add their permissions to ROLE_PERMISSIONS when they are built.
 */
export const ROLES = [
  'admin',
  'duty_officer',
  'commander',
  'bureau_staff',
  'regulator',
  'township',
  'enterprise',
  'inspector',
  'informant',
  'team_contact',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, [zh: string, en: string]> = {
  admin: ['系统管理员', 'Administrator'],
  duty_officer: ['值班员', 'Duty officer'],
  commander: ['指挥长', 'Commander'],
  bureau_staff: ['业务科室', 'Bureau staff'],
  regulator: ['行业监管部门', 'Department regulator'],
  township: ['乡镇/园区', 'Township or park'],
  enterprise: ['企业安全管理员', 'Enterprise safety manager'],
  inspector: ['执法人员', 'Inspector'],
  informant: ['灾害信息员', 'Disaster informant'],
  team_contact: ['队伍联系人', 'Team contact'],
};

export type Permission =
  | 'users:read' | 'users:write'
  | 'orgs:read' | 'orgs:write'
  | 'regions:read' | 'regions:write'
  | 'audit:read'
  | 'dicts:read' | 'dicts:write'
  | 'attachments:read' | 'attachments:write'
  | 'tokens:write'
  | 'resources:read' | 'resources:write' | 'teams:status' | 'shelters:occupancy'
  | 'enterprises:read' | 'enterprises:write' | 'risks:read' | 'risks:write' | 'hazards:write'
  | 'monitoring:read' | 'sensors:write';

const ALL: Permission[] = [
  'users:read', 'users:write', 'orgs:read', 'orgs:write', 'regions:read', 'regions:write',
  'audit:read', 'dicts:read', 'dicts:write', 'attachments:read', 'attachments:write', 'tokens:write',
  'resources:read', 'resources:write', 'teams:status', 'shelters:occupancy',
  'enterprises:read', 'enterprises:write', 'risks:read', 'risks:write', 'hazards:write',
  'monitoring:read', 'sensors:write',
];
const BASIC: Permission[] = ['regions:read', 'dicts:read', 'orgs:read', 'attachments:read', 'attachments:write'];

export const ROLE_PERMISSIONS: Record<Role, Permission[]> = {
  admin: ALL,
  duty_officer: [...BASIC, 'users:read', 'audit:read', 'resources:read', 'teams:status', 'shelters:occupancy', 'enterprises:read', 'risks:read', 'monitoring:read'],
  commander: [...BASIC, 'users:read', 'audit:read', 'resources:read', 'teams:status', 'shelters:occupancy', 'enterprises:read', 'risks:read', 'monitoring:read'],
  bureau_staff: [...BASIC, 'users:read', 'audit:read', 'resources:read', 'resources:write', 'teams:status', 'shelters:occupancy', 'enterprises:read', 'enterprises:write', 'risks:read', 'risks:write', 'hazards:write', 'monitoring:read', 'sensors:write'],
  regulator: [...BASIC, 'users:read', 'resources:read', 'enterprises:read', 'risks:read', 'hazards:write', 'monitoring:read'],
  // Township/park offices manage the accounts of their own region subtree (village informants, grid
  // staff) and the resources of their own region.
  township: [...BASIC, 'users:read', 'users:write', 'audit:read', 'resources:read', 'resources:write', 'teams:status', 'shelters:occupancy', 'enterprises:read', 'enterprises:write', 'risks:read', 'risks:write', 'hazards:write', 'monitoring:read', 'sensors:write'],
  // Enterprises keep their own full-time team and equipment.
  enterprise: [...BASIC, 'resources:read', 'resources:write', 'teams:status', 'enterprises:read', 'enterprises:write', 'risks:read', 'risks:write', 'hazards:write', 'monitoring:read', 'sensors:write'],
  inspector: [...BASIC, 'resources:read', 'enterprises:read', 'risks:read', 'hazards:write', 'monitoring:read'],
  informant: [...BASIC],
  // A team contact reports its own team's status.
  team_contact: [...BASIC, 'resources:read', 'teams:status'],
};

/** Roles whose data scope is their organisation rather than their region subtree. */
export const ORG_SCOPED_ROLES: ReadonlySet<Role> = new Set<Role>(['enterprise', 'team_contact']);

export function permissionsFor(roles: readonly Role[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const r of roles) for (const p of ROLE_PERMISSIONS[r] ?? []) out.add(p);
  return out;
}

export function isRole(x: string): x is Role {
  return (ROLES as readonly string[]).includes(x);
}
