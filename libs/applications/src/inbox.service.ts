import { Inject, Injectable, Logger } from '@nestjs/common';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import type { Principal } from '@aidflow/auth';
import { CalendarService } from '@aidflow/calendar';
import { OrgRepository, UserRepository } from '@aidflow/org';
import type { LevelSla } from '@aidflow/policy';
import { ApplicationsRepository } from './applications.repository';
import { CaseAccessService } from './case-access.service';
import { InboxRepository } from './inbox.repository';
import type { CopiedCase, DecidedCase, InboxBranch, InboxFilter, InboxPage, InboxTask } from './inbox.repository';

/** An open task with its deadline on the business calendar (null: its level has no SLA). */
export interface InboxTaskWithDeadline extends InboxTask {
  dueAt: Date | null;
  /** Working days from today (included) to the deadline's day (excluded); negative once past. */
  workingDaysLeft: number | null;
  overdue: boolean;
}

export type CandidateVerb = 'transfer' | 'add_approver' | 'copy';

/** Someone a case's task may go to (转交, 加签) or be copied to (抄送). */
export interface Candidate {
  username: string;
  displayName: string;
  orgUnitName: string;
  approvalLevel: number | null;
}

/**
 * The approver inbox, DingTalk style: 待我审批 (open tasks, soonest deadline first, with the deadline computed on the
 * business calendar exactly as the workflow's planDeadline activity does: the level's SLA from the route recorded at
 * submission, counted from when the task opened), 我已审批, 抄送我, the tab counts, the branches to filter by, and
 * who may receive a task or a copy.
 */
@Injectable()
export class InboxService {
  private readonly logger = new Logger(InboxService.name);

  constructor(
    @Inject(InboxRepository) private readonly inbox: InboxRepository,
    @Inject(ApplicationsRepository) private readonly applications: ApplicationsRepository,
    @Inject(CalendarService) private readonly calendar: CalendarService,
    @Inject(OrgRepository) private readonly org: OrgRepository,
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(CaseAccessService) private readonly access: CaseAccessService,
  ) {}

  async pending(
    actor: Principal,
    filter: InboxFilter & { overdue?: boolean },
    now = new Date(),
  ): Promise<InboxTaskWithDeadline[]> {
    requireApprover(actor);
    const tasks = await this.inbox.openTasks(actor.userId, filter);
    const withDeadlines = await Promise.all(tasks.map((t) => this.withDeadline(t, now)));
    return withDeadlines
      .filter((t) => filter.overdue === undefined || t.overdue === filter.overdue)
      .sort(
        (a, b) =>
          (a.dueAt?.getTime() ?? Number.POSITIVE_INFINITY) - (b.dueAt?.getTime() ?? Number.POSITIVE_INFINITY) ||
          a.openedAt.getTime() - b.openedAt.getTime(),
      );
  }

  decided(actor: Principal, filter: InboxFilter, page: number, pageSize: number): Promise<InboxPage<DecidedCase>> {
    requireApprover(actor);
    return this.inbox.decidedBy(actor.userId, filter, (page - 1) * pageSize, pageSize);
  }

  copied(actor: Principal, filter: InboxFilter, page: number, pageSize: number): Promise<InboxPage<CopiedCase>> {
    requireApprover(actor);
    return this.inbox.copiedTo(actor.userId, filter, (page - 1) * pageSize, pageSize);
  }

  counts(actor: Principal): Promise<{ todo: number; decided: number; copied: number; mine: number }> {
    requireApprover(actor);
    return this.inbox.counts(actor.userId);
  }

  /** The caller's union and every union below it: what the branch filter offers. */
  async branches(actor: Principal): Promise<InboxBranch[]> {
    requireApprover(actor);
    return actor.orgUnitId ? this.inbox.branchesUnder(actor.orgUnitId) : [];
  }

  /**
   * Who may receive the case's task (transfer, 加签: approvers of the case's branch, its union or one above, never
   * the applicant or who holds the task now) or a copy (the same approvers besides the caller). The workflow's
   * validator still has the last word (e.g. a relative of the applicant).
   */
  async candidates(actor: Principal, applicationId: string, verb: CandidateVerb): Promise<Candidate[]> {
    const app = await this.access.requireVisible(actor, applicationId, `candidates:${verb}`);
    const chain = await this.org.chainOf(app.orgUnitId);
    const approvers = await this.org.approversOf(chain.map((u) => u.id));
    const holding = new Set<string>([actor.userId, app.applicantUserId]);
    if (verb !== 'copy') {
      const tasks = await this.applications.listTasks(applicationId);
      for (const task of tasks.filter((t) => t.status === 'open')) task.assigneeIds.forEach((id) => holding.add(id));
    }
    const eligible = approvers.filter((a) => !holding.has(a.id));
    const users = await this.users.findByIds(eligible.map((a) => a.id));
    const unitName = new Map(chain.map((u) => [u.id, u.name]));
    return eligible
      .map((a): Candidate | null => {
        const user = users.find((u) => u.id === a.id);
        return user
          ? {
              username: user.username,
              displayName: user.displayName,
              orgUnitName: unitName.get(a.orgUnitId) ?? '',
              approvalLevel: a.level ?? null,
            }
          : null;
      })
      .filter((c): c is Candidate => c !== null);
  }

  private async withDeadline(task: InboxTask, now: Date): Promise<InboxTaskWithDeadline> {
    if (!task.sla) return { ...task, dueAt: null, workingDaysLeft: null, overdue: false };
    try {
      const { value } = await this.calendar.compute(
        (calendar) => {
          const due = calendar.addDuration(task.openedAt, (task.sla as LevelSla).due);
          return { due, left: calendar.workingDaysBetween(now, due) };
        },
        ({ due }) => [task.openedAt, due],
      );
      return { ...task, dueAt: value.due, workingDaysLeft: value.left, overdue: value.due.getTime() < now.getTime() };
    } catch (err) {
      // The workflow runs such a level without a deadline (CALENDAR_YEAR_MISSING): so does the inbox.
      this.logger.warn(`No deadline for task ${task.taskId}: ${err instanceof Error ? err.message : String(err)}`);
      return { ...task, dueAt: null, workingDaysLeft: null, overdue: false };
    }
  }
}

function requireApprover(actor: Principal): void {
  if (actor.role !== 'approver' && actor.role !== 'admin') {
    throw new ApplicationException(ErrorCode.Forbidden, `Only approvers have an inbox; you are ${actor.role}`);
  }
}
