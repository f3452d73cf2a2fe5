import { Inject, Injectable } from '@nestjs/common';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import type { Principal } from '@aidflow/auth';
import { OrgRepository, UserRepository } from '@aidflow/org';
import type { UserEntity } from '@aidflow/org';
import { ApplicationWorkflowClient } from '@aidflow/temporal';
import type { ActionUpdateName } from '@aidflow/temporal';
import type { ApplicationEntity } from './application.entity';
import { ApplicationsRepository } from './applications.repository';
import type {
  DecideCommand,
  ReturnCommand,
  ResubmitCommand,
  TransferCommand,
  AddApproverCommand,
  CopyCommand,
  AttachCommand,
  BulkDecisionItem,
  BulkDecisionResult,
  ApplicationDetails,
} from './application-commands';
import { ATTACH_ROLES } from './application-commands';
import { CaseAccessService } from './case-access.service';
import { CaseRulesService } from './case-rules.service';

/**
 * What approvers and applicants do on a case: decide (and in bulk), return, resubmit, withdraw, transfer, 加签,
 * copy, urge, comment, attach. Each checks access once (CaseAccessService), runs the workflow's Update (its
 * validator decides whether the verb is allowed now) and records a refusal for auditors.
 */
@Injectable()
export class CaseActionsService {
  constructor(
    @Inject(ApplicationsRepository) private readonly applications: ApplicationsRepository,
    @Inject(OrgRepository) private readonly org: OrgRepository,
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(ApplicationWorkflowClient) private readonly workflows: ApplicationWorkflowClient,
    @Inject(CaseRulesService) private readonly rules: CaseRulesService,
    @Inject(CaseAccessService) private readonly access: CaseAccessService,
  ) {}

  async decide(actor: Principal, id: string, command: DecideCommand): Promise<ApplicationDetails> {
    const action = `decide:${command.decision}`;
    // Administrators decide only the levels routing gave them (no approver configured): the validator checks.
    await this.access.requireAccess(actor, id, action, ['approver', 'admin']);
    try {
      await this.workflows.decide(
        id,
        {
          actorId: actor.userId,
          actorName: actor.displayName,
          decision: command.decision,
          comment: command.comment,
          level: command.level,
        },
        command.idempotencyKey ? { updateId: `decide:${actor.userId}:${command.idempotencyKey}` } : {},
      );
    } catch (err) {
      if (err instanceof ApplicationException) await this.access.refuse(actor, action, id, err.code, err.message);
      throw err;
    }
    return this.access.details((await this.applications.findById(id))!);
  }

  /** 退回: the current approver sends the case back to the applicant (toLevel 0) or to an earlier level. */
  returnCase(actor: Principal, id: string, command: ReturnCommand): Promise<ApplicationDetails> {
    return this.act(actor, id, 'return', ['approver', 'admin'], {
      comment: command.comment,
      toLevel: command.toLevel ?? 0,
    });
  }

  /** 重新提交: the applicant answers a return with changed facts; every level decides again. */
  async resubmit(actor: Principal, id: string, command: ResubmitCommand): Promise<ApplicationDetails> {
    const app = await this.access.requireVisible(actor, id, 'resubmit');
    // The same checks as a submission, with the new facts: no double aid (the case itself aside), caps, the rules.
    const prepared = await this.rules.prepare(
      actor,
      {
        program: app.programCode,
        category: command.category,
        requestedAmountFen: command.requestedAmountFen,
        facts: command.facts,
      },
      {
        checkFiler: false, // act() checks that the caller filed this case
        except: id,
        submittedOn: typeof app.facts.submittedOn === 'string' ? app.facts.submittedOn : undefined,
      },
    );
    const blocking = await this.rules.blockingCase(prepared, undefined, id);
    if (blocking) await this.access.refuse(actor, 'resubmit', id, blocking.code, blocking.message);
    // A case filed under a version that allows several cases per period keeps having no key.
    const newKey = app.businessKey === null ? null : prepared.businessKey;
    const rekeyed = newKey !== app.businessKey;
    if (rekeyed) {
      await this.applications.rekey(id, newKey).catch(async (err: unknown) => {
        if (err instanceof ApplicationException) await this.access.refuse(actor, 'resubmit', id, err.code, err.message);
        throw err;
      });
    }
    try {
      return await this.act(actor, id, 'resubmit', ['applicant'], {
        comment: command.comment,
        facts: prepared.facts,
        category: command.category,
        requestedAmountFen: command.requestedAmountFen,
      });
    } catch (err) {
      if (rekeyed) await this.applications.rekey(id, app.businessKey); // refused: the case keeps its old key
      throw err;
    }
  }

  /** 撤回: the applicant withdraws a case that is not final yet. */
  withdraw(actor: Principal, id: string, comment?: string): Promise<ApplicationDetails> {
    return this.act(actor, id, 'withdraw', ['applicant'], { comment });
  }

  /** 转交: the current approver hands the task to another approver of the case's branch. */
  async transfer(actor: Principal, id: string, command: TransferCommand): Promise<ApplicationDetails> {
    const app = await this.access.requireVisible(actor, id, 'transfer');
    const [target] = await this.approversWhoMaySee(actor, app, [command.to], 'transfer');
    return this.act(actor, id, 'transfer', ['approver', 'admin'], {
      toUserId: target.id,
      toUserName: target.displayName,
      comment: command.comment,
    });
  }

  /** 加签: another approver of the branch decides before or after the current one at this level. */
  async addApprover(actor: Principal, id: string, command: AddApproverCommand): Promise<ApplicationDetails> {
    const app = await this.access.requireVisible(actor, id, 'add_approver');
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
    const app = await this.access.requireVisible(actor, id, 'copy');
    // Someone the case was copied to reads it; widening access further is for its applicant and branch approvers.
    const inBranch =
      actor.role === 'approver' &&
      actor.orgUnitId !== null &&
      (await this.org.isWithinBranch(app.orgUnitId, actor.orgUnitId));
    if (actor.role === 'approver' && !inBranch) {
      await this.access.refuse(
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
      await this.access.refuse(
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
    await this.access.requireAccess(actor, id, update, roles);
    try {
      await this.workflows.act(id, update, { actorId: actor.userId, actorName: actor.displayName, ...request });
    } catch (err) {
      if (err instanceof ApplicationException) await this.access.refuse(actor, update, id, err.code, err.message);
      throw err;
    }
    return this.access.details((await this.applications.findById(id))!);
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
      await this.access.refuse(actor, action, id, ErrorCode.ActionInvalid, `No such user: ${missing.join(', ')}`);
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
        await this.access.refuse(
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
}
