import type { Principal } from '@aidflow/auth';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import type { OrgRepository } from '@aidflow/org';

/** Who may keep and read the registries: administrators everything, grassroots officers and approvers their branch. */

export function requireAdmin(actor: Principal, what: string): void {
  if (actor.role !== 'admin') {
    throw new ApplicationException(ErrorCode.Forbidden, `${what} is for administrators; you are ${actor.role}`);
  }
}

/** Administrators, or a level-1 approver (grassroots officer) whose branch holds `unitId`. */
export async function requireUnionOfficer(
  org: OrgRepository,
  actor: Principal,
  unitId: string,
  what: string,
): Promise<void> {
  if (actor.role === 'admin') return;
  if (actor.role !== 'approver' || actor.approvalLevel !== 1) {
    const you = actor.role === 'approver' ? `a level-${actor.approvalLevel} approver` : actor.role;
    throw new ApplicationException(
      ErrorCode.Forbidden,
      `${what} is for a level-1 approver of the grassroots union or an administrator; you are ${you}`,
    );
  }
  if (!actor.orgUnitId || !(await org.isWithinBranch(unitId, actor.orgUnitId))) {
    throw new ApplicationException(
      ErrorCode.Forbidden,
      `${what}: the member belongs to another branch of the org tree than yours`,
    );
  }
}

/** Auditors and administrators read everything; approvers their branch. */
export async function requireBranchReader(
  org: OrgRepository,
  actor: Principal,
  unitId: string,
  what: string,
): Promise<void> {
  if (actor.role === 'admin' || actor.role === 'auditor') return;
  if (actor.role === 'approver' && actor.orgUnitId && (await org.isWithinBranch(unitId, actor.orgUnitId))) {
    return;
  }
  throw new ApplicationException(
    ErrorCode.Forbidden,
    `${what} is outside your branch of the org tree (approvers see their branch; auditors and administrators all)`,
  );
}

/** The branch an actor's lists are limited to: none for auditors and administrators. */
export function branchRootOf(actor: Principal): string | undefined {
  if (actor.role === 'admin' || actor.role === 'auditor') return undefined;
  if (actor.role === 'approver' && actor.orgUnitId) return actor.orgUnitId;
  throw new ApplicationException(ErrorCode.Forbidden, `Registry lists are for approvers, auditors and administrators`);
}
