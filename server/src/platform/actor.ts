import type { Db } from './db.ts';
import { ORG_SCOPED_ROLES, permissionsFor, type Permission, type Role } from './permissions.ts';

/**
 * Data scope, computed once per request by the auth layer and applied by the data-access layer.
 * null means "not restricted on this dimension".
 */
export interface Scope {
  /** Region codes the actor may see (their region's subtree); null = the whole installation. */
  regionCodes: string[] | null;
  /** Industry codes (GB/T 4754) the actor regulates; null = all industries. */
  industries: string[] | null;
  /** Organisation the actor is confined to (enterprise, team); null = not confined. */
  orgId: string | null;
}

export interface Actor {
  kind: 'user' | 'token' | 'system';
  id: string | null;
  name: string;
  displayName: string;
  roles: Role[];
  permissions: Set<Permission>;
  regionCode: string;
  orgId: string | null;
  scope: Scope;
  locale: string;
  sessionId?: string;
  csrfToken?: string;
}

export const UNRESTRICTED: Scope = { regionCodes: null, industries: null, orgId: null };

/** The system actor (CLI, seeders, background jobs). */
export function systemActor(name = 'system'): Actor {
  return {
    kind: 'system', id: null, name, displayName: name, roles: ['admin'],
    permissions: permissionsFor(['admin']), regionCode: '', orgId: null, scope: UNRESTRICTED, locale: 'zh-CN',
  };
}

// Region subtrees change rarely; cache them briefly per process. Region writes call invalidate.
const subtreeCache = new Map<string, { at: number; codes: string[] | null }>();
const SUBTREE_TTL_MS = 60_000;

export function invalidateRegionCache(): void {
  subtreeCache.clear();
}

/** Codes of a region and all its descendants; null when the region is a root (the whole tree). */
export async function regionSubtree(db: Db, code: string): Promise<string[] | null> {
  const hit = subtreeCache.get(code);
  if (hit && Date.now() - hit.at < SUBTREE_TTL_MS) return hit.codes;
  const { rows } = await db.query<{ code: string; parent_code: string | null }>(
    `SELECT r.code, r.parent_code FROM region r
      JOIN region me ON me.code = $1
     WHERE r.path = me.path OR r.path LIKE me.path || '/%'`,
    [code],
  );
  const me = rows.find((r) => r.code === code);
  // A root region (no parent) covers every region: skip the filter entirely.
  const codes = !me ? [] : me.parent_code === null ? null : rows.map((r) => r.code);
  subtreeCache.set(code, { at: Date.now(), codes });
  return codes;
}

export interface Principal {
  roles: Role[];
  regionCode: string;
  industries: string[];
  orgId: string | null;
}

/**
 * Scope rules (product.md): region subtree for everyone; departments (regulators) are further limited
 * to their industries; enterprise users and team contacts to their organisation. Admins at the root
 * region see everything.
 */
export async function computeScope(db: Db, p: Principal): Promise<Scope> {
  const regionCodes = await regionSubtree(db, p.regionCode);
  const isAdmin = p.roles.includes('admin');
  const regulatorOnly = p.roles.includes('regulator') && !p.roles.some((r) => ['admin', 'duty_officer', 'commander', 'bureau_staff'].includes(r));
  const orgScoped = !isAdmin && p.roles.every((r) => ORG_SCOPED_ROLES.has(r));
  return {
    regionCodes,
    // A regulator with no industries sees no industry-scoped records (not all of them).
    industries: regulatorOnly ? p.industries : null,
    orgId: orgScoped ? p.orgId ?? '00000000-0000-0000-0000-000000000000' : null,
  };
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

/**
 * May the actor write a record placed in this region and organisation? Writes are never widened by
 * shared visibility: the region must lie in the actor's own subtree and, for accounts confined to
 * an organisation, the record must be that organisation's.
 */
export function canWriteAt(scope: Scope, regionCode: string, orgId: string | null): boolean {
  if (scope.regionCodes !== null && !scope.regionCodes.includes(regionCode)) return false;
  if (scope.orgId !== null && orgId !== scope.orgId) return false;
  return true;
}
