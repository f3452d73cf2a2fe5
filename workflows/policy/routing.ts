/**
 * Approval routing of the foundation slice: three fixed levels walking up the org tree from the applicant's
 * grassroots union. Pure code, imports nothing.
 */

export type OrgKind = 'grassroots' | 'district' | 'city';

/** 或签: any one of the approvers decides for the level; 会签: every one of them must approve. */
export type ApprovalMode = 'any' | 'all';

/** What happens when a level's deadline passes without a decision. */
export type DeadlineAction = 'remind' | 'escalate' | 'auto_approve' | 'auto_reject' | 'return';

/** A level's SLA: working days on the business calendar plus plain hours / minutes / seconds. */
export interface SlaDuration {
  workingDays?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
}

export interface LevelSla {
  /** Time allowed from when the level opens. */
  due: SlaDuration;
  /** A reminder this long before the deadline (omit for none). */
  remindBefore?: SlaDuration;
  onDue: DeadlineAction;
  /** For `escalate`: who takes over (resolved at submission, e.g. the parent org's approvers). */
  escalateToIds?: string[];
}

export interface RouteLevel {
  level: number;
  /** Short English name, stable for code and logs. */
  name: string;
  /** What users see. */
  title: string;
  orgUnitId: string;
  orgUnitName: string;
  approverIds: string[];
  /** Default `any`. */
  mode?: ApprovalMode;
  sla?: LevelSla;
  /** Why the task sits with these approvers: the routing rules that fired, in words. */
  assignment?: string[];
}

export interface LevelDefinition {
  level: number;
  name: string;
  title: string;
  orgKind: OrgKind;
}

export const HARDSHIP_LEVELS: readonly LevelDefinition[] = [
  { level: 1, name: 'grassroots', title: '基层工会 grassroots union', orgKind: 'grassroots' },
  { level: 2, name: 'district', title: '区/行业工会 district or industry union', orgKind: 'district' },
  { level: 3, name: 'city', title: '市总工会帮扶中心 city federation aid office', orgKind: 'city' },
];

export interface OrgChainEntry {
  id: string;
  name: string;
  kind: OrgKind;
}

export type RouteProblem =
  | { kind: 'missing-org'; level: LevelDefinition }
  | { kind: 'no-approver'; level: LevelDefinition; orgUnitName: string };

/**
 * Builds the route for an applicant's org chain (their union first, then its ancestors). For each level it takes
 * the org unit of that kind on the chain and the approvers found for (unit, level); the applicant never approves
 * their own case.
 */
export function buildRoute(
  levels: readonly LevelDefinition[],
  chain: readonly OrgChainEntry[],
  approversOf: (orgUnitId: string, level: number) => readonly string[],
  applicantUserId: string,
): { route: RouteLevel[]; problems: RouteProblem[] } {
  const route: RouteLevel[] = [];
  const problems: RouteProblem[] = [];
  for (const level of levels) {
    const unit = chain.find((u) => u.kind === level.orgKind);
    if (!unit) {
      problems.push({ kind: 'missing-org', level });
      continue;
    }
    const approverIds = approversOf(unit.id, level.level).filter((id) => id !== applicantUserId);
    if (approverIds.length === 0) {
      problems.push({ kind: 'no-approver', level, orgUnitName: unit.name });
      continue;
    }
    route.push({ ...level, orgUnitId: unit.id, orgUnitName: unit.name, approverIds: [...approverIds] });
  }
  return { route, problems };
}
