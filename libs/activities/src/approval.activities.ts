import { Inject, Injectable } from '@nestjs/common';
import { ApplicationsRepository } from '@aidflow/applications';
import { OrgRepository } from '@aidflow/org';
import type { Assessment, LevelSla, ProgramFacts, SlaDuration } from '@aidflow/policy';
import { ApplicationFailure } from '@temporalio/common';
import { BusinessCalendar, CalendarYearMissingError } from '../../../workflows/calendar';
import type { ActionRecord } from '../../../workflows/types';

/**
 * Side effects of the approval verbs and deadlines. Idempotent: actions are keyed by their sequence number in the
 * case, tasks by (application, level, round).
 */
@Injectable()
export class ApprovalActivities {
  private readonly calendar = new BusinessCalendar();

  constructor(
    @Inject(ApplicationsRepository) private readonly applications: ApplicationsRepository,
    @Inject(OrgRepository) private readonly org: OrgRepository,
  ) {}

  /** Approvers away at `at` are replaced by their delegates; each replacement comes with a note naming both. */
  async resolveDelegates(input: { applicationId: string; approverIds: string[]; at: string }): Promise<{
    assigneeIds: string[];
    delegations: Array<{ fromUserId: string; toUserId: string; until: string; note: string }>;
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
   * weekends and statutory holidays, count make-up working days). A year missing from the calendar is a
   * non-retryable CALENDAR_YEAR_MISSING failure naming the year: the workflow records it and runs the level without
   * a deadline rather than guess one.
   */
  planDeadline(input: {
    applicationId: string;
    level: number;
    round: number;
    openedAt: string;
    sla: LevelSla;
  }): Promise<{ remindAt: string | null; dueAt: string }> {
    try {
      return Promise.resolve(this.plan(input.openedAt, input.sla));
    } catch (err) {
      if (err instanceof CalendarYearMissingError) {
        throw ApplicationFailure.create({ type: 'CALENDAR_YEAR_MISSING', message: err.message, nonRetryable: true });
      }
      throw err;
    }
  }

  private plan(openedAt: string, sla: LevelSla): { remindAt: string | null; dueAt: string } {
    const opened = new Date(openedAt);
    const due = this.calendar.addDuration(opened, sla.due);
    let remindAt: string | null = null;
    if (sla.remindBefore) {
      // N working days before the deadline = the deadline's working days minus N, counted from the opening.
      const days = Math.max(0, (sla.due.workingDays ?? 0) - (sla.remindBefore.workingDays ?? 0));
      const base = this.calendar.addDuration(opened, { ...sla.due, workingDays: days });
      const at = new Date(base.getTime() - plainMs(sla.remindBefore));
      remindAt = (at.getTime() > opened.getTime() ? at : opened).toISOString();
    }
    return { remindAt, dueAt: due.toISOString() };
  }
}

/** The plain (non-working-day) part of a duration, for counting back from a deadline. */
function plainMs(d: SlaDuration): number {
  return ((d.hours ?? 0) * 3600 + (d.minutes ?? 0) * 60 + (d.seconds ?? 0)) * 1000;
}
