import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ApplicationException, ErrorCode, maskIdentifier } from '@aidflow/common';
import type { Principal } from '@aidflow/auth';
import { RejectedAttemptsRepository } from '@aidflow/audit';
import { OrgRepository } from '@aidflow/org';
import { assessHardship, buildRoute, HARDSHIP_LEVELS } from '@aidflow/policy';
import type { HardshipAssessment, HardshipCategory, HouseholdFacts, RouteLevel } from '@aidflow/policy';
import { HARDSHIP_PROGRAM_CODE, ProgramsService } from '@aidflow/programs';
import { ApplicationWorkflowClient, applicationWorkflowId } from '@aidflow/temporal';
import type { ApplicationWorkflowInput, DecisionVerb } from '../../../workflows/types';
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

export interface ApplicationDetails {
  application: ApplicationEntity;
  nationalIdMasked: string | null;
  decisions: DecisionEntity[];
  tasks: ApprovalTaskEntity[];
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
    const route = await this.resolveRoute(actor);
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
      { route },
    );
    if (stored.id !== id) return this.replay(stored, requestHash, idempotencyKey); // lost a race with the same key
    await this.workflows.start(input);
    this.logger.log(
      `Application ${id} submitted (${program.code}/${command.category}, standard ${standard.policyVersion})`,
    );
    const details = await this.details({ ...stored, nationalId: command.nationalId ?? null });
    return {
      ...details,
      assessment: assessHardship(command.facts, command.category, command.requestedAmountFen, standard),
    };
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
      route: await this.resolveRoute(actorLike),
      budgetYear: app.budgetYear,
      submittedAt: app.createdAt.toISOString(),
    };
  }

  private async resolveRoute(actor: { userId: string; orgUnitId: string | null }): Promise<RouteLevel[]> {
    const chain = await this.org.chainOf(actor.orgUnitId!);
    const approvers = await this.org.approversOf(chain.map((u) => u.id));
    const { route, problems } = buildRoute(
      HARDSHIP_LEVELS,
      chain,
      (unitId, level) => approvers.filter((a) => a.orgUnitId === unitId && a.level === level).map((a) => a.id),
      actor.userId,
    );
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
    return route;
  }

  async get(actor: Principal, id: string): Promise<ApplicationDetails> {
    const app = await this.requireVisible(actor, id, 'view');
    return this.details(app);
  }

  async decide(actor: Principal, id: string, command: DecideCommand): Promise<ApplicationDetails> {
    const action = `decide:${command.decision}`;
    await this.requireVisible(actor, id, action);
    if (actor.role !== 'approver') {
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

  listTasks(actor: Principal): Promise<TaskListItem[]> {
    if (actor.role !== 'approver') {
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
        allowed = actor.orgUnitId !== null && (await this.org.isWithinBranch(app.orgUnitId, actor.orgUnitId));
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
    const [decisions, tasks] = await Promise.all([
      this.applications.listDecisions(app.id),
      this.applications.listTasks(app.id),
    ]);
    return { application: app, nationalIdMasked: maskIdentifier(app.nationalId), decisions, tasks };
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
