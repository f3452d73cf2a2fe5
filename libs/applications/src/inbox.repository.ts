import type { LevelSla } from '@aidflow/policy';
import type { ApplicationStatus, DecisionVerb } from '@aidflow/workflows/types';

/** Filters of the approver inbox's lists (all optional; all given must hold). Money in fen. */
export interface InboxFilter {
  programCode?: string;
  /** The case's org unit lies in this branch of the org tree (the unit or below it). */
  branchId?: string;
  minAmountFen?: number;
  maxAmountFen?: number;
}

/** One case as the inbox lists it: no facts, the applicant's name for masking by the caller. */
export interface InboxCase {
  applicationId: string;
  programCode: string;
  category: string;
  status: ApplicationStatus;
  currentLevel: number | null;
  requestedAmountFen: number;
  grantedAmountFen: number | null;
  tier: string | null;
  orgUnitId: string;
  orgUnitName: string;
  applicantName: string;
  createdAt: Date;
}

/** 待我审批: an open task of the caller, with the SLA its level was given at submission (if any). */
export interface InboxTask extends InboxCase {
  taskId: string;
  level: number;
  round: number;
  levelName: string;
  openedAt: Date;
  sla: LevelSla | null;
}

/** 我已审批: a case the caller decided (approve / reject) or returned; their last such act. */
export interface DecidedCase extends InboxCase {
  verb: DecisionVerb | 'return';
  level: number | null;
  actedAt: Date;
}

/** 抄送我: a case copied to the caller. */
export interface CopiedCase extends InboxCase {
  copiedAt: Date;
}

export interface InboxPage<T> {
  items: T[];
  total: number;
}

export interface InboxBranch {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
}

/** Port: the read side of the approver inbox (待我审批 / 我已审批 / 抄送我), over the projection the workflow keeps. */
export abstract class InboxRepository {
  /** Every open task of the user matching the filter (deadline order is the service's: it needs the calendar). */
  abstract openTasks(userId: string, filter: InboxFilter): Promise<InboxTask[]>;
  /** Newest act first. */
  abstract decidedBy(
    userId: string,
    filter: InboxFilter,
    offset: number,
    limit: number,
  ): Promise<InboxPage<DecidedCase>>;
  /** Newest copy first. */
  abstract copiedTo(userId: string, filter: InboxFilter, offset: number, limit: number): Promise<InboxPage<CopiedCase>>;
  /** The tab counts, unfiltered. */
  abstract counts(userId: string): Promise<{ todo: number; decided: number; copied: number; mine: number }>;
  /** The org unit and every unit below it, top first. */
  abstract branchesUnder(unitId: string): Promise<InboxBranch[]>;
}
