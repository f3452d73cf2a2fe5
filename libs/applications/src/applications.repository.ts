import type { EntityManager } from 'typeorm';
import type { Assessment, RouteLevel, RoutingNote } from '@aidflow/policy';
import type { ProgramFacts } from '@aidflow/policy';
import type { ActionRecord, ApplicationStatus, DecisionRecord } from '@aidflow/workflows/types';
import type { ApplicationEntity } from './application.entity';
import type { ApprovalTaskEntity } from './approval-task.entity';
import type { CaseActionEntity } from './case-action.entity';
import type { DecisionEntity } from './decision.entity';

/**
 * Checks run inside the insert's transaction, after an advisory lock on `lockKey`: submissions sharing the key are
 * decided one after the other, each seeing the ones before it.
 */
export interface InsertChecks {
  lockKey: string;
  guard: (tx: EntityManager) => Promise<void>;
}

export type NewApplication = Omit<
  ApplicationEntity,
  | 'createdAt'
  | 'updatedAt'
  | 'eligibility'
  | 'tier'
  | 'grantedAmountFen'
  | 'currentLevel'
  | 'outcomeReason'
  | 'subjectKey'
  | 'period'
  | 'businessKey'
> &
  Partial<Pick<ApplicationEntity, 'subjectKey' | 'period' | 'businessKey' | 'eligibility'>>;

export interface OpenTask {
  applicationId: string;
  level: number;
  levelName: string;
  orgUnitId: string;
  assigneeIds: string[];
  /** 1 unless a return brought the case back to this level. */
  round?: number;
  /** Why the task sits with these approvers (routing rules that fired). */
  assignment?: string[];
}

export interface Resubmission {
  applicationId: string;
  seq: number;
  facts: ProgramFacts;
  category: string;
  requestedAmountFen: number;
  assessment: Assessment;
}

/** Filters of a list of cases (GET /applications); a page of `limit` rows from `offset`, newest first. */
export interface ApplicationListFilter {
  /** Only the cases this user filed (`?mine=true`). */
  applicantUserId?: string;
  status?: ApplicationStatus;
  programCode?: string;
  /** Cases filed in this org unit or any unit below it. */
  branchId?: string;
  /** Submitted at or after / before. */
  from?: Date;
  to?: Date;
  /** Requested amount range, inclusive. */
  minAmountFen?: number;
  maxAmountFen?: number;
  offset: number;
  limit: number;
}

export interface ApplicationListPage {
  items: ApplicationEntity[];
  /** Rows matching the filter, over all pages. */
  total: number;
}

/** Port: applications and the projection the workflow keeps of them. */
export abstract class ApplicationsRepository {
  abstract findById(id: string, options?: { withSensitive?: boolean }): Promise<ApplicationEntity | null>;
  abstract findByIdempotencyKey(applicantUserId: string, key: string): Promise<ApplicationEntity | null>;
  /**
   * Inserts unless (applicant, idempotency key) exists, with its `submitted` ledger entry (recording the route it
   * was given); returns the stored row either way.
   */
  abstract insert(
    application: NewApplication,
    context?: { route?: RouteLevel[]; routingNotes?: RoutingNote[] },
    checks?: InsertChecks,
  ): Promise<ApplicationEntity>;
  /** The open or granted case holding this business key (no double aid), if any; `except` one case. */
  abstract findHolderOfBusinessKey(
    businessKey: string,
    tx?: EntityManager,
    except?: string,
  ): Promise<ApplicationEntity | null>;
  /** The earliest open or granted case of the subject in the program (and categories) that year. */
  abstract findHeldCase(
    subjectKey: string,
    programCode: string,
    budgetYear: number,
    categories: readonly string[] | null,
    tx?: EntityManager,
  ): Promise<ApplicationEntity | null>;
  /** Moves a case to a new business key (a resubmission changed its period); DUPLICATE_APPLICATION if held. */
  abstract rekey(applicationId: string, businessKey: string | null): Promise<void>;
  /**
   * Granted (or, while open, assessed) amounts of the subject's open and granted cases in the program whose
   * `admissionDate` fact lies in [from, to]: what counts against a cap across claims.
   */
  abstract sumHeldAmounts(
    subjectKey: string,
    programCode: string,
    from: string,
    to: string,
    except?: string,
    tx?: EntityManager,
  ): Promise<number>;
  abstract recordEligibility(id: string, assessment: Assessment): Promise<void>;
  abstract updateStatus(
    id: string,
    status: ApplicationStatus,
    currentLevel: number | null,
    reason: string | null,
  ): Promise<void>;
  /** Opens the level's task and moves the application to pending_approval at that level, atomically. */
  abstract openTask(task: OpenTask): Promise<void>;
  /** Records the decision and completes the level's task; recording it twice changes nothing. */
  abstract recordDecision(
    applicationId: string,
    decision: DecisionRecord,
    options?: { levelContinues?: boolean },
  ): Promise<void>;
  /** Appends an action to the trail (and the ledger); `seq` makes a retry a no-op. */
  abstract recordAction(applicationId: string, seq: number, action: ActionRecord): Promise<void>;
  /** Points the open task of (level, round) at other approvers, noting why. */
  abstract reassignTask(
    applicationId: string,
    level: number,
    round: number,
    assigneeIds: string[],
    reason: string,
  ): Promise<void>;
  /** Cancels every open task of the case (return, withdrawal). */
  abstract closeOpenTasks(applicationId: string, reason: string): Promise<void>;
  /** Read access for people a case was copied to. */
  abstract addWatchers(applicationId: string, userIds: readonly string[]): Promise<void>;
  abstract isWatcher(applicationId: string, userId: string): Promise<boolean>;
  /** New facts from the applicant after a return, with the assessment they now get; moves the case back. */
  abstract recordResubmission(resubmission: Resubmission): Promise<void>;
  abstract listDecisions(applicationId: string): Promise<DecisionEntity[]>;
  abstract listActions(applicationId: string): Promise<CaseActionEntity[]>;
  abstract listTasks(applicationId: string): Promise<ApprovalTaskEntity[]>;
  abstract listApplications(filter: ApplicationListFilter): Promise<ApplicationListPage>;
}
