import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import type { Principal } from '@aidflow/auth';
import { RejectedAttemptsRepository } from '@aidflow/audit';
import { OrgRepository } from '@aidflow/org';
import { assessApplication, routeCase } from '@aidflow/policy';
import type { Assessment, PinnedStandard, RouteLevel, RoutingNote } from '@aidflow/policy';
import { HARDSHIP_PROGRAM_CODE, ProgramsService } from '@aidflow/programs';
import { ApplicationWorkflowClient, applicationWorkflowId } from '@aidflow/temporal';
import type { ApplicationWorkflowInput, NoticeConfig } from '@aidflow/workflows/types';
import type { ApplicationEntity } from './application.entity';
import { ApplicationsRepository } from './applications.repository';
import type {
  SubmitHardshipCommand,
  SubmitCommand,
  Preview,
  Blocking,
  ApplicationDetails,
} from './application-commands';
import { CaseAccessService } from './case-access.service';
import { CaseRulesService } from './case-rules.service';

/**
 * Filing a case: the rules checked (CaseRulesService), the route resolved from the pinned policy version, the row
 * stored under its Idempotency-Key with the no-double-aid check inside the insert's transaction, the workflow started.
 */
@Injectable()
export class SubmissionService {
  private readonly logger = new Logger(SubmissionService.name);

  constructor(
    @Inject(ApplicationsRepository) private readonly applications: ApplicationsRepository,
    @Inject(OrgRepository) private readonly org: OrgRepository,
    @Inject(ProgramsService) private readonly programs: ProgramsService,
    @Inject(ApplicationWorkflowClient) private readonly workflows: ApplicationWorkflowClient,
    @Inject(RejectedAttemptsRepository) private readonly rejected: RejectedAttemptsRepository,
    @Inject(CaseRulesService) private readonly rules: CaseRulesService,
    @Inject(CaseAccessService) private readonly access: CaseAccessService,
  ) {}

  /**
   * Stores the application and starts its workflow. The same Idempotency-Key returns the same application (and
   * starts its workflow if an earlier attempt stored it but could not reach Temporal). No double aid: an open or
   * granted case of the same subject, program and period, or of an excluded program the same year, refuses it (409,
   * naming the earlier case).
   */
  async submit(actor: Principal, command: SubmitCommand, idempotencyKey: string): Promise<ApplicationDetails> {
    const requestHash = hashRequest(command);
    const earlier = await this.applications.findByIdempotencyKey(actor.userId, idempotencyKey);
    if (earlier) return this.replay(earlier, requestHash, idempotencyKey);

    const prepared = await this.rules.prepare(actor, command);
    const orgUnitId = actor.orgUnitId!;
    const refuseBlocked = async (blocking: Blocking): Promise<never> => {
      await this.rejected.record({
        actorId: actor.userId,
        action: 'submit',
        applicationId: blocking.applicationId,
        code: blocking.code,
        reason: blocking.message,
      });
      throw new ApplicationException(blocking.code, blocking.message, { blocking });
    };
    const { program, standard, assessment, facts } = prepared;
    const { route, notes, notice } = await this.resolveRoute(actor, standard, assessment, command.category);
    const id = randomUUID();
    const input: ApplicationWorkflowInput = {
      applicationId: id,
      programCode: program.code,
      applicantUserId: actor.userId,
      orgUnitId,
      category: command.category,
      requestedAmountFen: command.requestedAmountFen,
      facts,
      standard,
      route,
      budgetYear: prepared.budgetYear,
      submittedAt: new Date().toISOString(),
      ...(notice ? { notice } : {}),
      assessment, // assessed once, here; the workflow records it
    };
    // No double aid, checked inside the insert's transaction under a lock on the applicant: two submissions of one
    // person (same program, an excluded program, claims against one cap) are decided one after the other.
    let blockedInside: Blocking | null = null;
    const stored = await this.applications
      .insert(
        {
          id,
          programId: program.id,
          programCode: program.code,
          applicantUserId: actor.userId,
          orgUnitId,
          idempotencyKey,
          requestHash,
          category: command.category,
          requestedAmountFen: command.requestedAmountFen,
          facts,
          nationalId: command.nationalId ?? null,
          standardId: standard.standardId,
          policyVersion: standard.policyVersion,
          status: 'submitted',
          workflowId: applicationWorkflowId(id),
          budgetYear: input.budgetYear,
          subjectKey: prepared.subjectKey,
          period: String(prepared.budgetYear),
          businessKey: prepared.businessKey,
          eligibility: assessment,
        },
        { route, routingNotes: notes },
        {
          lockKey: `applicant:${actor.userId}`,
          guard: async (tx) => {
            blockedInside = await this.rules.blockingCase(prepared, tx);
            if (blockedInside) throw new ApplicationException(blockedInside.code, blockedInside.message);
            await this.rules.requireSamePaidInPeriod(prepared, tx);
          },
        },
      )
      .catch(async (err: unknown) => {
        if (blockedInside) return refuseBlocked(blockedInside);
        // A concurrent submission for the same subject, program and period won the business key: name it.
        if (!(err instanceof ApplicationException) || err.code !== ErrorCode.DuplicateApplication) throw err;
        const winner = await this.rules.blockingCase(prepared);
        return winner ? refuseBlocked(winner) : Promise.reject(err);
      });
    if (stored.id !== id) return this.replay(stored, requestHash, idempotencyKey); // lost a race with the same key
    await this.workflows.start(input);
    this.logger.log(
      `Application ${id} submitted (${program.code}/${command.category}, standard ${standard.policyVersion})`,
    );
    const details = await this.access.details({ ...stored, nationalId: command.nationalId ?? null });
    return { ...details, assessment };
  }

  /** Hardship aid from facts in fen (see SubmitHardshipCommand): the same path as `submit`. */
  submitHardship(
    actor: Principal,
    command: SubmitHardshipCommand,
    idempotencyKey: string,
  ): Promise<ApplicationDetails> {
    const f = command.facts;
    return this.submit(
      actor,
      {
        program: HARDSHIP_PROGRAM_CODE,
        category: command.category,
        requestedAmountFen: command.requestedAmountFen,
        facts: {
          householdSize: f.householdSize,
          annualIncomeFen: f.annualIncomeFen,
          unavoidableCostsFen: f.unavoidableCostsFen,
          accidentCostsFen: f.accidentCostsFen,
          medicalOutOfPocketFen: f.medicalOutOfPocketFen,
          studentCount: f.studentCount,
        },
        factsMoneyIn: 'fen',
        ...(command.nationalId ? { nationalId: command.nationalId } : {}),
      },
      idempotencyKey,
    );
  }

  /** 预审: what the program's rules would say about these facts today, rule by rule, without storing anything. */
  async preview(actor: Principal, command: Omit<SubmitCommand, 'nationalId'>): Promise<Preview> {
    const prepared = await this.rules.prepare(actor, command, { checkFiler: false });
    const blockedBy =
      actor.role === 'applicant' || actor.role === 'approver' ? await this.rules.blockingCase(prepared) : null;
    return {
      program: { code: prepared.program.code, name: prepared.program.name, nameEn: prepared.program.nameEn },
      assessment: prepared.assessment,
      blockedBy,
      documents: prepared.policy.documents,
      verified: prepared.facts.verified ?? {},
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
    return { ...(await this.access.details(earlier)), replayed: true };
  }

  private async rebuildInput(app: ApplicationEntity): Promise<ApplicationWorkflowInput> {
    const standard = await this.programs.pinnedStandard(app.programCode, app.standardId);
    const actorLike = { userId: app.applicantUserId, orgUnitId: app.orgUnitId };
    const { route, notice } = await this.resolveRoute(
      actorLike,
      standard,
      assessApplication(app.programCode, app.facts, app.category, app.requestedAmountFen, standard),
      app.category,
    );
    return {
      applicationId: app.id,
      programCode: app.programCode,
      applicantUserId: app.applicantUserId,
      orgUnitId: app.orgUnitId,
      category: app.category,
      requestedAmountFen: app.requestedAmountFen,
      facts: app.facts,
      standard,
      route,
      budgetYear: app.budgetYear,
      submittedAt: app.createdAt.toISOString(),
      ...(notice ? { notice } : {}),
    };
  }

  /** The route of the pinned policy version's rules for this applicant and amount; every rule that fired noted. */
  private async resolveRoute(
    actor: { userId: string; orgUnitId: string | null },
    standard: PinnedStandard,
    assessment: Assessment,
    category: string,
  ): Promise<{ route: RouteLevel[]; notes: RoutingNote[]; notice: NoticeConfig | null }> {
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
    // 公示: objections are reviewed by the city aid office's approvers (never the applicant or a relative), else
    // by the administrators.
    let notice: NoticeConfig | null = null;
    if (rules.notice) {
      const city = chain.filter((u) => u.kind === 'city').map((u) => u.id);
      const reviewers = approvers
        .filter((a) => city.includes(a.orgUnitId) && a.id !== actor.userId && !relativeIds.includes(a.id))
        .map((a) => a.id);
      const reviewerIds = [...new Set(reviewers.length > 0 ? reviewers : administrators.map((a) => a.id))];
      notice = { window: rules.notice.window, reviewerIds };
    }
    return { route, notes, notice };
  }
}

function hashRequest(command: SubmitCommand): string {
  const canonical = JSON.stringify(command, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
  return createHash('sha256').update(canonical).digest('hex');
}
