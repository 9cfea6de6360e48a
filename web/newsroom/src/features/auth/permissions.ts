/**
 * What a person's roles let the app show. The gateway and the services still decide;
 * these only keep people from seeing buttons that would be refused.
 */
import type { Role } from "@/lib/api";

export const STAGE_ROLES: Role[] = ["editor", "board", "spokesperson"];

export interface Grants {
  roles: Role[];
  platformAdmin: boolean;
}

function has(grants: Grants, ...roles: Role[]): boolean {
  return grants.platformAdmin || roles.some((role) => grants.roles.includes(role));
}

export const canWrite = (g: Grants): boolean => has(g, "contributor", "editor", "board");
export const isDesk = (g: Grants): boolean => has(g, "editor", "board");
export const isBoard = (g: Grants): boolean => has(g, "board");
export const canReview = (g: Grants, stageRole: Role | null | undefined): boolean =>
  stageRole !== null && stageRole !== undefined && has(g, stageRole);
export const canAudit = (g: Grants): boolean => has(g, "editor", "board", "tenant-admin");
export const canAdminSections = (g: Grants): boolean => has(g, "tenant-admin");
export const canAdminPolicy = (g: Grants): boolean => has(g, "tenant-admin", "board");
export const canAdminPeople = (g: Grants): boolean => has(g, "tenant-admin");
export const canFreeze = (g: Grants): boolean => has(g, "board");

/** The review queues a person has: one per stage role they hold. */
export function queueRoles(g: Grants): Role[] {
  return STAGE_ROLES.filter((role) => g.platformAdmin || g.roles.includes(role));
}
