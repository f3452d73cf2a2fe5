import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ApplicationException, ErrorCode, maskIdentifier } from '@aidflow/common';
import type { Principal } from '@aidflow/auth';
import { RejectedAttemptsRepository } from '@aidflow/audit';
import { OrgRepository, UserRepository } from '@aidflow/org';
import type { UserEntity } from '@aidflow/org';
import { assessHardship, routeCase } from '@aidflow/policy';
import type {
  HardshipAssessment,
  HardshipCategory,
  HardshipStandard,
  HouseholdFacts,
  RouteLevel,
  RoutingNote,
} from '@aidflow/policy';
import { HARDSHIP_PROGRAM_CODE, ProgramsService } from '@aidflow/programs';
import { ApplicationWorkflowClient, applicationWorkflowId } from '@aidflow/temporal';
import type { ActionUpdateName } from '@aidflow/temporal';
import type { ApplicationWorkflowInput, AttachRequest, DecisionVerb } from '../../../workflows/types';
import type { CaseActionEntity } from './case-action.entity';
import type { ApplicationEntity } from './application.entity';
import { ApplicationsRepository } from './applications.repository';
import type { TaskListItem } from './applications.repository';
import type { ApprovalTaskEntity } from './approval-task.entity';
import type { DecisionEntity } from './decision.entity';

export interface SubmitHardshipCommand {
  category: HardshipCategory;
  requestedAmountFen: number;
  facts: HouseholdFacts;
  nationalId?: string;
}

export interface DecideCommand {
  decision: DecisionVerb;
  comment?: string;
  level?: number;
}

export interface ReturnCommand {
  comment: string;
  /** 0 or absent: to the applicant; otherwise an earlier level. */
  toLevel?: number;
}

export interface ResubmitCommand extends SubmitHardshipCommand {
  comment?: string;
}

export interface TransferCommand {
  to: string;
  comment?: string;
}

export interface AddApproverCommand {
  username: string;
  position: 'before' | 'after';
  comment?: string;
}

export interface CopyCommand {
  usernames: string[];
  comment?: string;
}

/** A stored file's reference, as the trail keeps it (the bytes stay with the attachments lib). */
export type AttachCommand = Omit<AttachRequest, 'actorId' | 'actorName'>;

/** Who may attach files to a case they can see: its applicant, its approvers, administrators (auditors change nothing). */
export const ATTACH_ROLES: ReadonlyArray<Principal['role']> = ['applicant', 'approver', 'admin'];

export interface BulkDecisionItem {
  applicationId: string;
  decision: DecisionVerb;
  comment?: string;
}

export interface BulkDecisionResult {
  applicationId: string;
  ok: boolean;
  status?: string;
  code?: ErrorCode;
  message?: string;
}

export interface ApplicationDetails {
  application: ApplicationEntity;
  nationalIdMasked: string | null;
  decisions: DecisionEntity[];
  tasks: ApprovalTaskEntity[];
  actions: CaseActionEntity[];
  /** Set on submission: what the pinned standard says about these facts. */
  assessment?: HardshipAssessment;
  /** True when this request replayed an earlier one with the same Idempotency-Key. */
  replayed?: boolean;
}

@Injectable()
export class ApplicationsService {
  private readonly logger = new Logger(ApplicationsService.name);

  constructor(
    @Inject(ApplicationsRepository) private readonly applications: ApplicationsRepository,
    @Inject(OrgRepository) private readonly org: OrgRepository,
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(ProgramsService) private readonly programs: ProgramsService,
    @Inject(ApplicationWorkflowClient) private readonly workflows: ApplicationWorkflowClient,
    @Inject(RejectedAttemptsRepository) private readonly rejected: RejectedAttemptsRepository,
  ) {}

  /**
   * Stores the application and starts its workflow. The same Idempotency-Key returns the same application (and
   * starts its workflow if an earlier attempt stored it but could not reach Temporal).
   */
  async submitHardship(
    actor: Principal,
    command: SubmitHardshipCommand,
    idempotencyKey: string,
  ): Promise<ApplicationDetails> {
    if (actor.role !== 'applicant') {
      throw new ApplicationException(ErrorCode.Forbidden, `Only applicants submit applications; you are ${actor.role}`);
    }
    if (!actor.orgUnitId) {
      throw new ApplicationException(
        ErrorCode.OrgUnitNotFound,
        'Your account belongs to no grassroots union; ask an administrator',
      );
    }
    const requestHash = hashRequest(command);
    const earlier = await this.applications.findByIdempotencyKey(actor.userId, idempotencyKey);
    if (earlier) return this.replay(earlier, requestHash, idempotencyKey);

    const program = await this.programs.requireProgram(HARDSHIP_PROGRAM_CODE);
    const today = new Date().toISOString().slice(0, 10);
    const standard = await this.programs.hardshipStandardOn(program, today);
    const assessment = assessHardship(command.facts, command.category, command.requestedAmountFen, standard);
    const { route, notes } = await this.resolveRoute(actor, standard, assessment, command.category);
    const id = randomUUID();
    const input: ApplicationWorkflowInput = {
      applicationId: id,
      programCode: program.code,
      applicantUserId: actor.userId,
      orgUnitId: actor.orgUnitId,
      category: command.category,
      requestedAmountFen: command.requestedAmountFen,
      facts: command.facts,
      standard,
      route,
      budgetYear: Number(today.slice(0, 4)),
      submittedAt: new Date().toISOString(),
    };
    const stored = await this.applications.insert(
      {
        id,
        programId: program.id,
        programCode: program.code,
        applicantUserId: actor.userId,
        orgUnitId: actor.orgUnitId,
        idempotencyKey,
        requestHash,
        category: command.category,
        requestedAmountFen: command.requestedAmountFen,
        facts: command.facts,
        nationalId: command.nationalId ?? null,
        standardId: standard.standardId,
        policyVersion: standard.policyVersion,
        status: 'submitted',
        workflowId: applicationWorkflowId(id),
        budgetYear: input.budgetYear,
      },
      { route, routingNotes: notes },
    );
    if (stored.id !== id) return this.replay(stored, requestHash, idempotencyKey); // lost a race with the same key
    await this.workflows.start(input);
    this.logger.log(
      `Application ${id} submitted (${program.code}/${command.category}, standard ${standard.policyVersion})`,
    );
    const details = await this.details({ ...stored, nationalId: command.nationalId ?? null });
    return { ...details, assessment };
  }

  private async replay(earlier: ApplicationEntity, requestHash: string, key: string): Promise<ApplicationDetails> {
    if (earlier.requestHash !== requestHash) {
      throw new ApplicationException(
        ErrorCode.IdempotencyKeyReused,
        `Idempotency-Key "${key}" was already used for application ${earlier.id} with a different body`,
        { applicationId: earlier.id },
      );
    }
    if (earlier.status === 'submitted') {
      // An earlier attempt stored the application but may not have reached Temporal: start it now (a no-op if running).
      const full = await this.rebuildInput(earlier);
      await this.workflows.start(full);
    }
    return { ...(await this.details(earlier)), replayed: true };
  }

  private async rebuildInput(app: ApplicationEntity): Promise<ApplicationWorkflowInput> {
    const standard = await this.programs.pinnedHardshipStandard(app.standardId);
    const actorLike = { userId: app.applicantUserId, orgUnitId: app.orgUnitId };
    return {
      applicationId: app.id,
      programCode: app.programCode,
      applicantUserId: app.applicantUserId,
      orgUnitId: app.orgUnitId,
      category: app.category,
      requestedAmountFen: app.requestedAmountFen,
      facts: app.facts,
      standard,
      route: (
        await this.resolveRoute(
          actorLike,
          standard,
          assessHardship(app.facts, app.category, app.requestedAmountFen, standard),
          app.category,
        )
      ).route,
      budgetYear: app.budgetYear,
      submittedAt: app.createdAt.toISOString(),
    };
  }

  /** The route of the pinned policy version's rules for this applicant and amount; every rule that fired noted. */
  private async resolveRoute(
    actor: { userId: string; orgUnitId: string | null },
    standard: HardshipStandard,
    assessment: HardshipAssessment,
    category: string,
  ): Promise<{ route: RouteLevel[]; notes: RoutingNote[] }> {
    const [rules, chain, administrators, relativeIds] = await Promise.all([
      this.programs.routingFor(standard.standardId),
      this.org.chainOf(actor.orgUnitId!),
      this.org.administrators(),
      this.org.relativesOf(actor.userId),
    ]);
    const approvers = await this.org.approversOf(chain.map((u) => u.id));
    const { route, notes, problems } = routeCase(rules, {
      chain,
      approversOf: (unitId, level) => approvers.filter((a) => a.orgUnitId === unitId && a.level === level),
      anyApproversOf: (unitId) => approvers.filter((a) => a.orgUnitId === unitId),
      administrators,
      applicantUserId: actor.userId,
      relativeIds,
      grantedAmountFen: assessment.eligible ? assessment.grantedAmountFen : 0,
      category,
    });
    if (problems.length > 0) {
      const first = problems[0];
      throw new ApplicationException(
        ErrorCode.NoApproverForLevel,
        first.kind === 'missing-org'
          ? `Your union has no ${first.level.orgKind} union above it, so level ${first.level.level} cannot be routed`
          : `No approver is configured for level ${first.level.level} at ${first.orgUnitName}; ask an administrator`,
        { problems },
      );
    }
    return { route, notes };
  }

  async get(actor: Principal, id: string): Promise<ApplicationDetails> {
    const app = await this.requireVisible(actor, id, 'view');
    return this.details(app);
  }

  async decide(actor: Principal, id: string, command: DecideCommand): Promise<ApplicationDetails> {
    const action = `decide:${command.decision}`;
    await this.requireVisible(actor, id, action);
    // Administrators decide only the levels routing gave them (no approver configured): the validator checks.
    if (actor.role !== 'approver' && actor.role !== 'admin') {
      await this.refuse(actor, action, id, ErrorCode.Forbidden, `Only approvers decide; you are ${actor.role}`);
    }
    try {
      await this.workflows.decide(id, {
        actorId: actor.userId,
        actorName: actor.displayName,
        decision: command.decision,
        comment: command.comment,
        level: command.level,
      });
    } catch (err) {
      if (err instanceof ApplicationException) await this.refuse(actor, action, id, err.code, err.message);
      throw err;
    }
    return this.details((await this.applications.findById(id))!);
  }

  /** 退回: the current approver sends the case back to the applicant (toLevel 0) or to an earlier level. */
  returnCase(actor: Principal, id: string, command: ReturnCommand): Promise<ApplicationDetails> {
    return this.act(actor, id, 'return', ['approver', 'admin'], {
      comment: command.comment,
      toLevel: command.toLevel ?? 0,
    });
  }

  /** 重新提交: the applicant answers a return with changed facts; every level decides again. */
  resubmit(actor: Principal, id: string, command: ResubmitCommand): Promise<ApplicationDetails> {
    return this.act(actor, id, 'resubmit', ['applicant'], {
      comment: command.comment,
      facts: command.facts,
      category: command.category,
      requestedAmountFen: command.requestedAmountFen,
    });
  }

  /** 撤回: the applicant withdraws a case that is not final yet. */
  withdraw(actor: Principal, id: string, comment?: string): Promise<ApplicationDetails> {
    return this.act(actor, id, 'withdraw', ['applicant'], { comment });
  }

  /** 转交: the current approver hands the task to another approver of the case's branch. */
  async transfer(actor: Principal, id: string, command: TransferCommand): Promise<ApplicationDetails> {
    const app = await this.requireVisible(actor, id, 'transfer');
    const [target] = await this.approversWhoMaySee(actor, app, [command.to], 'transfer');
    return this.act(actor, id, 'transfer', ['approver', 'admin'], {
      toUserId: target.id,
      toUserName: target.displayName,
      comment: command.comment,
    });
  }

  /** 加签: another approver of the branch decides before or after the current one at this level. */
  async addApprover(actor: Principal, id: string, command: AddApproverCommand): Promise<ApplicationDetails> {
    const app = await this.requireVisible(actor, id, 'add_approver');
    const [target] = await this.approversWhoMaySee(actor, app, [command.username], 'add_approver');
    return this.act(actor, id, 'addApprover', ['approver', 'admin'], {
      userId: target.id,
      userName: target.displayName,
      position: command.position,
      comment: command.comment,
    });
  }

  /** 抄送: read access to the case and a notification, for approvers, auditors or administrators. */
  async copy(actor: Principal, id: string, command: CopyCommand): Promise<ApplicationDetails> {
    const app = await this.requireVisible(actor, id, 'copy');
    // Someone the case was copied to reads it; widening access further is for its applicant and branch approvers.
    const inBranch =
      actor.role === 'approver' &&
      actor.orgUnitId !== null &&
      (await this.org.isWithinBranch(app.orgUnitId, actor.orgUnitId));
    if (actor.role === 'approver' && !inBranch) {
      await this.refuse(
        actor,
        'copy',
        id,
        ErrorCode.Forbidden,
        "Only the applicant and approvers of the case's branch copy it on",
      );
    }
    const users = await this.requireUsers(actor, id, command.usernames, 'copy');
    const applicants = users.filter((u) => u.role === 'applicant');
    if (applicants.length > 0) {
      await this.refuse(
        actor,
        'copy',
        id,
        ErrorCode.ActionInvalid,
        `A case cannot be copied to applicants (${applicants.map((u) => u.username).join(', ')})`,
      );
    }
    return this.act(actor, id, 'copy', ['approver', 'applicant'], {
      userIds: users.map((u) => u.id),
      comment: command.comment,
    });
  }

  /** 催办: the applicant or an administrator reminds the current approvers, at most once an hour. */
  urge(actor: Principal, id: string, comment?: string): Promise<ApplicationDetails> {
    return this.act(actor, id, 'urge', ['applicant', 'admin'], { comment });
  }

  /** 评论: anyone who may see the case and act on it leaves a comment in the trail (auditors change nothing). */
  comment(actor: Principal, id: string, comment: string): Promise<ApplicationDetails> {
    return this.act(actor, id, 'comment', ['applicant', 'approver', 'admin'], { comment });
  }

  /** 附件: records the reference of a file already stored (name, type, size, SHA-256) in the case's trail. */
  attach(actor: Principal, id: string, command: AttachCommand): Promise<ApplicationDetails> {
    return this.act(actor, id, 'attach', ATTACH_ROLES, { ...command });
  }

  /**
   * The case's visibility rules (own applicant, approvers of its branch or copied to it, auditors, admins) and, when
   * given, the roles allowed to do `action`; refusals are recorded for auditors. For features that live outside this
   * service (attachments), so the rules exist once.
   */
  async requireAccess(
    actor: Principal,
    id: string,
    action: string,
    roles?: ReadonlyArray<Principal['role']>,
  ): Promise<void> {
    await this.requireVisible(actor, id, action);
    if (roles && !roles.includes(actor.role)) {
      await this.refuse(
        actor,
        action,
        id,
        ErrorCode.Forbidden,
        `${action} is for ${roles.join(' or ')}; you are ${actor.role}`,
      );
    }
  }

  /** Approves or rejects many cases; each succeeds or fails on its own. */
  async bulkDecide(actor: Principal, items: readonly BulkDecisionItem[]): Promise<BulkDecisionResult[]> {
    const results: BulkDecisionResult[] = [];
    for (const item of items) {
      try {
        const details = await this.decide(actor, item.applicationId, {
          decision: item.decision,
          comment: item.comment,
        });
        results.push({ applicationId: item.applicationId, ok: true, status: details.application.status });
      } catch (err) {
        if (!(err instanceof ApplicationException)) throw err;
        results.push({ applicationId: item.applicationId, ok: false, code: err.code, message: err.message });
      }
    }
    return results;
  }

  /** Runs an action Update for an allowed role on a case the actor may see; refusals are recorded for auditors. */
  private async act(
    actor: Principal,
    id: string,
    update: ActionUpdateName,
    roles: ReadonlyArray<Principal['role']>,
    request: Record<string, unknown>,
  ): Promise<ApplicationDetails> {
    await this.requireVisible(actor, id, update);
    if (!roles.includes(actor.role)) {
      await this.refuse(
        actor,
        update,
        id,
        ErrorCode.Forbidden,
        `${update} is for ${roles.join(' or ')}; you are ${actor.role}`,
      );
    }
    try {
      await this.workflows.act(id, update, { actorId: actor.userId, actorName: actor.displayName, ...request });
    } catch (err) {
      if (err instanceof ApplicationException) await this.refuse(actor, update, id, err.code, err.message);
      throw err;
    }
    return this.details((await this.applications.findById(id))!);
  }

  private async requireUsers(
    actor: Principal,
    id: string,
    usernames: readonly string[],
    action: string,
  ): Promise<UserEntity[]> {
    const unique = [...new Set(usernames)];
    const users = await this.users.findByUsernames(unique);
    const missing = unique.filter((name) => !users.some((u) => u.username === name));
    if (missing.length > 0) {
      await this.refuse(actor, action, id, ErrorCode.ActionInvalid, `No such user: ${missing.join(', ')}`);
    }
    return unique.map((name) => users.find((u) => u.username === name)!);
  }

  /** Targets of a transfer or 加签: approvers whose branch holds the case, never the applicant. */
  private async approversWhoMaySee(
    actor: Principal,
    app: ApplicationEntity,
    usernames: readonly string[],
    action: string,
  ): Promise<UserEntity[]> {
    const users = await this.requireUsers(actor, app.id, usernames, action);
    for (const user of users) {
      const inBranch = user.orgUnitId !== null && (await this.org.isWithinBranch(app.orgUnitId, user.orgUnitId));
      if (user.role !== 'approver' || !inBranch || user.id === app.applicantUserId) {
        await this.refuse(
          actor,
          action,
          app.id,
          ErrorCode.ActionInvalid,
          `${user.username} is not an approver of this case's branch of the org tree`,
        );
      }
    }
    return users;
  }

  listTasks(actor: Principal): Promise<TaskListItem[]> {
    if (actor.role !== 'approver' && actor.role !== 'admin') {
      throw new ApplicationException(ErrorCode.Forbidden, `Only approvers have tasks; you are ${actor.role}`);
    }
    return this.applications.listOpenTasksFor(actor.userId);
  }

  /** Loads the application if `actor` may see it; a refusal is recorded for auditors. */
  private async requireVisible(actor: Principal, id: string, action: string): Promise<ApplicationEntity> {
    const app = await this.applications.findById(id, { withSensitive: true });
    if (!app) throw new ApplicationException(ErrorCode.ApplicationNotFound, `Application ${id} does not exist`);
    let allowed = false;
    switch (actor.role) {
      case 'applicant':
        allowed = app.applicantUserId === actor.userId;
        break;
      case 'approver':
        allowed =
          (actor.orgUnitId !== null && (await this.org.isWithinBranch(app.orgUnitId, actor.orgUnitId))) ||
          (await this.applications.isWatcher(app.id, actor.userId));
        break;
      case 'auditor':
      case 'admin':
        allowed = true;
        break;
    }
    if (!allowed) {
      await this.refuse(actor, action, id, ErrorCode.Forbidden, `Application ${id} is outside what you may see`);
    }
    return app;
  }

  private async refuse(
    actor: Principal,
    action: string,
    applicationId: string,
    code: ErrorCode,
    reason: string,
  ): Promise<never> {
    await this.rejected.record({ actorId: actor.userId, action, applicationId, code, reason });
    throw new ApplicationException(code, reason);
  }

  private async details(app: ApplicationEntity): Promise<ApplicationDetails> {
    const [decisions, tasks, actions] = await Promise.all([
      this.applications.listDecisions(app.id),
      this.applications.listTasks(app.id),
      this.applications.listActions(app.id),
    ]);
    return { application: app, nationalIdMasked: maskIdentifier(app.nationalId), decisions, tasks, actions };
  }
}

function hashRequest(command: SubmitHardshipCommand): string {
  const canonical = JSON.stringify(command, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
  return createHash('sha256').update(canonical).digest('hex');
}
