import { canWriteAt, type Actor } from './actor.ts';
import type { Permission } from './permissions.ts';
import type { Db } from './db.ts';
import { getResource, type ResourceDef } from './query.ts';

/**
 * Records that can own attachments (and later comments, photos …). Each module registers its owner
 * types with a resource definition, so "may this actor see the owner?" is answered by the same
 * scoped read path as every list.
 */
export interface OwnerInfo {
  regionCode: string | null;
  orgId: string | null;
}

interface OwnerType {
  def: ResourceDef<unknown>;
  /** Reading the owner's attachments and history needs this permission (the owner's own read). */
  read: Permission;
  /** Attaching files to the owner needs this permission (the owner's own write). */
  write: Permission;
  /** Accounts confined to an organisation (enterprise, team) may attach files to their own record. */
  ownWrite?: boolean;
  info: (row: Record<string, unknown>) => OwnerInfo;
}

const owners = new Map<string, OwnerType>();

export function registerOwnerType<T>(
  type: string, def: ResourceDef<T>, perms: { read: Permission; write: Permission; ownWrite?: boolean }, info: (row: T) => OwnerInfo,
): void {
  owners.set(type, { def: def as ResourceDef<unknown>, ...perms, info: info as (row: Record<string, unknown>) => OwnerInfo });
}

export function isOwnerType(type: string): boolean {
  return owners.has(type);
}

export function ownerTypes(): string[] {
  return [...owners.keys()].sort();
}

/** The owner's scope facts when the actor can see it; null when unknown type, absent or out of scope. */
export async function resolveOwner(db: Db, actor: Actor, type: string, id: string, access: 'read' | 'write' = 'read'): Promise<OwnerInfo | null> {
  const o = owners.get(type);
  if (!o) return null;
  const own = access === 'write' && o.ownWrite === true && actor.scope.orgId !== null; // scope below makes it their own
  if (!actor.permissions.has(o[access]) && !own) return null;
  const row = await getResource(db, actor, o.def, id);
  if (!row) return null;
  const info = o.info(row as Record<string, unknown>);
  // Shared visibility (county-level records seen by townships) never grants writing.
  if (access === 'write' && info.regionCode && !canWriteAt(actor.scope, info.regionCode, info.orgId)) return null;
  return info;
}
