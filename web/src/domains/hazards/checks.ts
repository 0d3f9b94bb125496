/**
 * Client-side hints for checks (隐患排查), mirroring server/src/modules/hazards/checks.ts. They only
 * decide what the UI offers; the server decides and explains a refusal.
 */
import type { Me } from '../../lib/types.ts';
import type { CheckKind } from './types.ts';

const COUNTY_ROLES = ['admin', 'bureau_staff', 'regulator', 'inspector'];
const ORG_SCOPED_ROLES = ['enterprise', 'team_contact'];
const BUREAU_ROLES = ['admin', 'bureau_staff'];
const TEMPLATE_WRITERS = ['admin', 'bureau_staff', 'regulator'];

/** The kind a check recorded by this user gets (server: checkKindFor); null: the role records none. */
export function derivedCheckKind(user: Pick<Me, 'roles'> | null): CheckKind | null {
  const roles = user?.roles ?? [];
  if (!roles.length) return null;
  const orgScoped = !roles.includes('admin') && roles.every((r) => ORG_SCOPED_ROLES.includes(r));
  if (orgScoped) return 'self_check';
  if (roles.some((r) => COUNTY_ROLES.includes(r))) return 'inspection';
  if (roles.includes('township')) return 'grid';
  return null;
}

/** The kinds this user may choose from: bureau accounts (admin, 业务科室) may also record 专家检查. */
export function selectableCheckKinds(user: Pick<Me, 'roles'> | null): CheckKind[] {
  const derived = derivedCheckKind(user);
  if (!derived) return [];
  const bureau = derived !== 'self_check' && (user?.roles ?? []).some((r) => BUREAU_ROLES.includes(r));
  return bureau && derived !== 'expert' ? [derived, 'expert'] : [derived];
}

/** Checklists are kept by the county bureau and the departments (server: assertTemplateWriter). */
export function mayWriteTemplates(user: Pick<Me, 'roles'> | null): boolean {
  return (user?.roles ?? []).some((r) => TEMPLATE_WRITERS.includes(r));
}

/** s cut to n characters (code points) with an ellipsis, as the server clips a default hazard title. */
export function clip(s: string, n: number): string {
  const chars = [...s];
  return chars.length <= n ? s : `${chars.slice(0, n - 1).join('')}…`;
}
