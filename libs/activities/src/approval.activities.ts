import { Inject, Injectable } from '@nestjs/common';
import { ApplicationsRepository } from '@aidflow/applications';
import { OrgRepository } from '@aidflow/org';
import { CalendarService } from '@aidflow/calendar';
import type { Assessment, LevelSla, ProgramFacts } from '@aidflow/policy';
import { ApplicationFailure } from '@temporalio/common';
import { CalendarYearMissingError } from '@aidflow/workflows/calendar';
import type { ApprovalActivityContract, DeadlinePlan, Delegation } from '@aidflow/workflows/application/contract';
import type { ActionRecord } from '@aidflow/workflows/types';

/**
 * Side effects of the approval verbs and deadlines. Idempotent: actions are keyed by their sequence number in the
 * case, tasks by (application, level, round).
 */
@Injectable()
export class ApprovalActivities implements ApprovalActivityContract {
  constructor(
    @Inject(ApplicationsRepository) private readonly applications: ApplicationsRepository,
    @Inject(OrgRepository) private readonly org: OrgRepository,
    @Inject(CalendarService) private readonly calendar: CalendarService,
  ) {}

  /** Approvers away at `at` are replaced by their delegates; each replacement comes with a note naming both. */
  async resolveDelegates(input: { applicationId: string; approverIds: string[]; at: string }): Promise<{
    assigneeIds: string[];
    delegations: Delegation[];
  }> {
    const absences = await this.org.absencesAt(input.approverIds, new Date(input.at));
    const delegations = absences.map((a) => ({
      fromUserId: a.userId,
      toUserId: a.delegateId,
      until: a.endsAt.toISOString(),
      note: `${a.userName} is away until ${a.endsAt.toISOString()}${a.reason ? ` (${a.reason})` : ''}; delegated to ${a.delegateName}`,
    }));
    const assigneeIds = [
      ...new Set(input.approverIds.map((id) => delegations.find((d) => d.fromUserId === id)?.toUserId ?? id)),
    ];
    return { assigneeIds, delegations };
  }

  async recordAction(input: { applicationId: string; seq: number; action: ActionRecord }): Promise<void> {
    await this.applications.recordAction(input.applicationId, input.seq, input.action);
  }

  async reassignTask(input: {
    applicationId: string;
    level: number;
    round: number;
    assigneeIds: string[];
    reason: string;
  }): Promise<void> {
    await this.applications.reassignTask(
      input.applicationId,
      input.level,
      input.round,
      input.assigneeIds,
      input.reason,
    );
  }

  async closeOpenTasks(input: { applicationId: string; reason: string }): Promise<void> {
    await this.applications.closeOpenTasks(input.applicationId, input.reason);
  }

  async addWatchers(input: { applicationId: string; userIds: string[] }): Promise<void> {
    await this.applications.addWatchers(input.applicationId, input.userIds);
  }

  async recordResubmission(input: {
    applicationId: string;
    seq: number;
    facts: ProgramFacts;
    category: string;
    requestedAmountFen: number;
    assessment: Assessment;
  }): Promise<void> {
    await this.applications.recordResubmission(input);
  }

  /**
   * When a level opened at `openedAt` is due, and when to remind, on the business calendar (working days skip
   * weekends and statutory holidays, count make-up working days). A year with no official schedule is computed on a
   * provisional one (the statutory rule) and named in `provisionalYears`, which the workflow records on the trail.
   * Only a year the provisional rule cannot compute (outside 1970-2100) is a non-retryable CALENDAR_YEAR_MISSING:
   * the workflow records it and runs the level without a deadline.
   */
  async planDeadline(input: {
    applicationId: string;
    level: number;
    round: number;
    openedAt: string;
    sla: LevelSla;
  }): Promise<DeadlinePlan> {
    try {
      return await this.calendar.planDeadline(new Date(input.openedAt), input.sla);
    } catch (err) {
      if (err instanceof CalendarYearMissingError) {
        throw ApplicationFailure.create({ type: 'CALENDAR_YEAR_MISSING', message: err.message, nonRetryable: true });
      }
      throw err;
    }
  }
}
