/**
 * Approval routing of the foundation slice: three fixed levels walking up the org tree from the applicant's
 * grassroots union. Pure code, imports nothing but ./money.
 */

import { yuan } from './money';

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

/** When a level applies: an amount band, categories, applicant org units (all optional; all given must hold). */
export interface LevelCondition {
  /** Applies from this granted amount (fen) up, inclusive. */
  minAmountFen?: number;
  /** Applies up to this granted amount (fen), inclusive. */
  maxAmountFen?: number;
  categories?: string[];
  /** Codes of org units; the level applies when the applicant's chain contains one of them. */
  orgUnitCodes?: string[];
}

export interface LevelSlaRule {
  due: SlaDuration;
  remindBefore?: SlaDuration;
  onDue: DeadlineAction;
}

export interface LevelDefinition {
  level: number;
  name: string;
  title: string;
  orgKind: OrgKind;
  /** Default `any` (或签). */
  mode?: ApprovalMode;
  when?: LevelCondition;
  sla?: LevelSlaRule;
}

/** A program's routing, per policy version: data an administrator changes without touching running cases. */
export interface RoutingRules {
  levels: LevelDefinition[];
  /** The same person approving two consecutive levels: `pass` skips the later one (recorded), or decide again. */
  sameApproverConsecutive: 'pass' | 'decide_again';
  /**
   * 公示: after final approval the case is listed publicly for `window` (working days on the business calendar)
   * before payment; objections are reviewed by the city-level approvers. Absent: no public notice.
   */
  notice?: { window: SlaDuration };
}

/** The foundation's three levels, as routing rules (the fallback when a standard carries none). */
export const HARDSHIP_LEVELS: readonly LevelDefinition[] = [
  { level: 1, name: 'grassroots', title: '基层工会 grassroots union', orgKind: 'grassroots' },
  { level: 2, name: 'district', title: '区/行业工会 district or industry union', orgKind: 'district' },
  { level: 3, name: 'city', title: '市总工会帮扶中心 city federation aid office', orgKind: 'city' },
];

export const DEFAULT_ROUTING: RoutingRules = { levels: [...HARDSHIP_LEVELS], sameApproverConsecutive: 'decide_again' };

export interface OrgChainEntry {
  id: string;
  name: string;
  kind: OrgKind;
  code?: string;
}

export interface ApproverRef {
  id: string;
  name: string;
}

export interface RoutingContext {
  /** The applicant's org unit first, then its ancestors up to the root. */
  chain: readonly OrgChainEntry[];
  /** Approvers configured for (org unit, level). */
  approversOf: (orgUnitId: string, level: number) => readonly ApproverRef[];
  /** Every approver of an org unit, whatever their level (the next eligible approver under four-eyes). */
  anyApproversOf: (orgUnitId: string) => readonly ApproverRef[];
  /** The administrators who take a level nobody is configured for. */
  administrators: readonly ApproverRef[];
  applicantUserId: string;
  /** Relatives of the applicant on file: they never approve the case either. */
  relativeIds: readonly string[];
  grantedAmountFen: number;
  category: string;
}

export type RouteProblem =
  | { kind: 'missing-org'; level: LevelDefinition }
  | { kind: 'no-approver'; level: LevelDefinition; orgUnitName: string };

export interface RoutingNote {
  level: number;
  rule: 'condition' | 'no-approver' | 'four-eyes' | 'same-approver-pass';
  text: string;
}

function conditionHolds(when: LevelCondition | undefined, ctx: RoutingContext): string | null {
  if (!when) return null;
  if (when.minAmountFen !== undefined && ctx.grantedAmountFen < when.minAmountFen) {
    return `applies from ${yuan(when.minAmountFen)}; this case is ${yuan(ctx.grantedAmountFen)}`;
  }
  if (when.maxAmountFen !== undefined && ctx.grantedAmountFen > when.maxAmountFen) {
    return `applies up to ${yuan(when.maxAmountFen)}; this case is ${yuan(ctx.grantedAmountFen)}`;
  }
  if (when.categories && !when.categories.includes(ctx.category)) {
    return `applies to ${when.categories.join(', ')}; this case is ${ctx.category}`;
  }
  if (when.orgUnitCodes && !ctx.chain.some((u) => u.code !== undefined && when.orgUnitCodes!.includes(u.code))) {
    return `applies to cases from ${when.orgUnitCodes.join(', ')}`;
  }
  return null;
}

/**
 * Routes a case through the program's levels, walking up the org tree from the applicant's union. Every rule that
 * fires is returned as a note (and in the level's `assignment`, which the API shows as "why is it with whom"):
 * a level whose condition does not hold is skipped; a level without approvers goes to the administrators; the
 * applicant and their relatives never approve (four-eyes: the next eligible approver up the tree takes it); the same
 * single approver at two consecutive levels passes the later one when the rules say `pass`.
 */
export function routeCase(
  rules: RoutingRules,
  ctx: RoutingContext,
): { route: RouteLevel[]; notes: RoutingNote[]; problems: RouteProblem[] } {
  const route: RouteLevel[] = [];
  const notes: RoutingNote[] = [];
  const problems: RouteProblem[] = [];
  const excluded = new Set([ctx.applicantUserId, ...ctx.relativeIds]);
  const note = (level: number, rule: RoutingNote['rule'], text: string, into?: string[]): void => {
    notes.push({ level, rule, text });
    into?.push(text);
  };
  /**
   * Escalation goes up the tree: the approvers of the next level at the nearest org unit above (any of its
   * approvers when none holds that level), resolved now so the workflow gets ids.
   */
  const slaFor = (def: LevelDefinition, at: number): LevelSla => {
    const sla = def.sla!;
    if (sla.onDue !== 'escalate') return { ...sla };
    const eligible = (list: readonly ApproverRef[]) => list.filter((a) => !excluded.has(a.id)).map((a) => a.id);
    for (const parent of ctx.chain.slice(at + 1)) {
      const next = eligible(ctx.approversOf(parent.id, def.level + 1));
      const any = eligible(ctx.anyApproversOf(parent.id));
      if (next.length > 0 || any.length > 0) return { ...sla, escalateToIds: next.length > 0 ? next : any };
    }
    return { ...sla, escalateToIds: [] };
  };
  for (const def of rules.levels) {
    const skip = conditionHolds(def.when, ctx);
    if (skip) {
      note(def.level, 'condition', `Level ${def.level} (${def.title}) skipped: ${skip}`);
      continue;
    }
    const at = ctx.chain.findIndex((u) => u.kind === def.orgKind);
    if (at < 0) {
      problems.push({ kind: 'missing-org', level: def });
      continue;
    }
    const unit = ctx.chain[at];
    const assignment: string[] = [];
    const configured = ctx.approversOf(unit.id, def.level);
    let approvers = configured.filter((a) => !excluded.has(a.id));
    if (configured.length > approvers.length) {
      const who = configured
        .filter((a) => excluded.has(a.id))
        .map((a) => a.name)
        .join(', ');
      if (approvers.length > 0) {
        note(def.level, 'four-eyes', `${who} may not approve (the applicant or a relative)`, assignment);
      }
      // Four-eyes: nobody left at this unit, so the next eligible approver up the tree takes it.
      for (const parent of ctx.chain.slice(at + 1)) {
        if (approvers.length > 0) break;
        approvers = ctx.anyApproversOf(parent.id).filter((a) => !excluded.has(a.id));
        if (approvers.length > 0) {
          const names = approvers.map((a) => a.name).join(', ');
          note(
            def.level,
            'four-eyes',
            `${who} may not approve (the applicant or a relative); passed up to ${parent.name}: ${names}`,
            assignment,
          );
        }
      }
    }
    if (approvers.length === 0 && configured.length === 0) {
      approvers = ctx.administrators.filter((a) => !excluded.has(a.id));
      if (approvers.length > 0) {
        note(
          def.level,
          'no-approver',
          `No approver is configured for level ${def.level} at ${unit.name}; assigned to the administrators: ${approvers
            .map((a) => a.name)
            .join(', ')}`,
          assignment,
        );
      }
    }
    if (approvers.length === 0) {
      problems.push({ kind: 'no-approver', level: def, orgUnitName: unit.name });
      continue;
    }
    const previous = route[route.length - 1];
    if (
      rules.sameApproverConsecutive === 'pass' &&
      previous &&
      previous.approverIds.length === 1 &&
      approvers.length === 1 &&
      previous.approverIds[0] === approvers[0].id
    ) {
      note(
        def.level,
        'same-approver-pass',
        `Level ${def.level} (${def.title}) passed: ${approvers[0].name} already approves level ${previous.level}`,
      );
      continue;
    }
    if (assignment.length === 0) {
      assignment.push(`Routing: ${def.title} of ${unit.name}${def.mode === 'all' ? ' (会签: all must approve)' : ''}`);
    }
    route.push({
      level: def.level,
      name: def.name,
      title: def.title,
      orgUnitId: unit.id,
      orgUnitName: unit.name,
      approverIds: approvers.map((a) => a.id),
      ...(def.mode ? { mode: def.mode } : {}),
      ...(def.sla ? { sla: slaFor(def, at) } : {}),
      assignment,
    });
  }
  return { route, notes, problems };
}
