import type { HardshipAssessment, RouteLevel } from '@aidflow/policy';
import type { ApplicationStatus, DecisionRecord } from '../../../workflows/types';
import type { ApplicationEntity } from './application.entity';
import type { ApprovalTaskEntity } from './approval-task.entity';
import type { DecisionEntity } from './decision.entity';

export type NewApplication = Omit<
  ApplicationEntity,
  'createdAt' | 'updatedAt' | 'eligibility' | 'tier' | 'grantedAmountFen' | 'currentLevel' | 'outcomeReason'
>;

export interface OpenTask {
  applicationId: string;
  level: number;
  levelName: string;
  orgUnitId: string;
  assigneeIds: string[];
}

export interface TaskListItem {
  taskId: string;
  applicationId: string;
  level: number;
  levelName: string;
  orgUnitId: string;
  openedAt: Date;
  programCode: string;
  category: string;
  requestedAmountFen: number;
  grantedAmountFen: number | null;
  tier: string | null;
  applicantUserId: string;
  applicantName: string;
}

/** Port: applications and the projection the workflow keeps of them. */
export abstract class ApplicationsRepository {
  abstract findById(id: string, options?: { withSensitive?: boolean }): Promise<ApplicationEntity | null>;
  abstract findByIdempotencyKey(applicantUserId: string, key: string): Promise<ApplicationEntity | null>;
  /**
   * Inserts unless (applicant, idempotency key) exists, with its `submitted` ledger entry (recording the route it
   * was given); returns the stored row either way.
   */
  abstract insert(application: NewApplication, context?: { route?: RouteLevel[] }): Promise<ApplicationEntity>;
  abstract recordEligibility(id: string, assessment: HardshipAssessment): Promise<void>;
  abstract updateStatus(
    id: string,
    status: ApplicationStatus,
    currentLevel: number | null,
    reason: string | null,
  ): Promise<void>;
  /** Opens the level's task and moves the application to pending_approval at that level, atomically. */
  abstract openTask(task: OpenTask): Promise<void>;
  /** Records the decision and completes the level's task; recording it twice changes nothing. */
  abstract recordDecision(applicationId: string, decision: DecisionRecord): Promise<void>;
  abstract listDecisions(applicationId: string): Promise<DecisionEntity[]>;
  abstract listTasks(applicationId: string): Promise<ApprovalTaskEntity[]>;
  abstract listOpenTasksFor(userId: string): Promise<TaskListItem[]>;
}
