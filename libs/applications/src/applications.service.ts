import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ApplicationException, ErrorCode, fenToYuan, maskIdentifier } from '@aidflow/common';
import type { Principal } from '@aidflow/auth';
import { RejectedAttemptsRepository } from '@aidflow/audit';
import { OrgRepository, UserRepository } from '@aidflow/org';
import type { UserEntity } from '@aidflow/org';
import { assessApplication, parseFacts, routeCase } from '@aidflow/policy';
import type {
  Assessment,
  HardshipCategory,
  HouseholdFacts,
  PinnedStandard,
  ProgramFacts,
  ProgramPolicy,
  RouteLevel,
  RoutingNote,
  VerifiedFacts,
} from '@aidflow/policy';
import { HARDSHIP_PROGRAM_CODE, ProgramsService, toPinnedStandard } from '@aidflow/programs';
import type { ProgramEntity, ProgramStandardEntity } from '@aidflow/programs';
import { RegistriesService } from '@aidflow/registries';
import { ApplicationWorkflowClient, applicationWorkflowId } from '@aidflow/temporal';
import type { ActionUpdateName } from '@aidflow/temporal';
import type {
  ApplicationStatus,
  ApplicationWorkflowInput,
  AttachRequest,
  DecisionVerb,
  NoticeConfig,
} from '../../../workflows/types';
import type { CaseActionEntity } from './case-action.entity';
import type { ApplicationEntity } from './application.entity';
import { ApplicationsRepository } from './applications.repository';
import { refuse } from './refuse';
import type { ApplicationListPage, TaskListItem } from './applications.repository';
import type { ApprovalTaskEntity } from './approval-task.entity';
import type { DecisionEntity } from './decision.entity';

/** Hardship aid with its household facts already in fen: the typed entry point scripts and tests use. */
export interface SubmitHardshipCommand {
  category: HardshipCategory;
  requestedAmountFen: number;
  facts: HouseholdFacts;
  nationalId?: string;
}

/** A submission as the applicant sent it: facts as the program defines them, money in CNY. */
export interface SubmitCommand {
  program: string;
  category: string;
  requestedAmountFen: number;
  facts: Record<string, unknown>;
  nationalId?: string;
}

/** What the program's rules say about a would-be application, with the no-double-aid checks (`POST .../preview`). */
export interface Preview {
  program: { code: string; name: string; nameEn: string };
  assessment: Assessment;
  /** The earlier case that would block this one (duplicate or cross-program exclusion), if any. */
  blockedBy: Blocking | null;
  documents: readonly string[];
  /** Registry facts the rules used, as the system found them. */
  verified: VerifiedFacts;
}

export interface Blocking {
  code: ErrorCode.DuplicateApplication | ErrorCode.ExcludedByEarlierGrant;
  message: string;
  applicationId: string;
  programCode: string;
  status: string;
  grantedAmountFen: number | null;
  submittedAt: string;
}

interface Prepared {
  program: ProgramEntity;
  policy: ProgramPolicy;
  row: ProgramStandardEntity;
  standard: PinnedStandard;
  facts: ProgramFacts;
  assessment: Assessment;
  category: string;
  subjectKey: string;
  /** The key stored with the case (null when the policy version allows several cases per period). */
  businessKey: string | null;
  /** Every key that blocks: the stored one and, for a household, the head's key from before the filing. */
  businessKeys: string[];
  /** Whose held amounts count against a cap across claims. */
  paidKey: string;
  budgetYear: number;
  today: string;
}

export interface DecideCommand {
  decision: DecisionVerb;
  comment?: string;
  level?: number;
  /**
   * The caller's Idempotency-Key: a retry with the same key (after a 503, a lost answer, a double click) is the same
   * Temporal Update (same update id) and answers as the first did, instead of deciding again.
   */
  idempotencyKey?: string;
}

export interface ReturnCommand {
  comment: string;
  /** 0 or absent: to the applicant; otherwise an earlier level. */
  toLevel?: number;
}

export interface ResubmitCommand {
  category: string;
  requestedAmountFen: number;
  /** As sent: money in CNY. */
  facts: Record<string, unknown>;
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
  assessment?: Assessment;
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
    @Inject(RegistriesService) private readonly registries: RegistriesService,
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

    const prepared = await this.prepare(actor, command);
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
            blockedInside = await this.blockingCase(prepared, tx);
            if (blockedInside) throw new ApplicationException(blockedInside.code, blockedInside.message);
            await this.requireSamePaidInPeriod(prepared, tx);
          },
        },
      )
      .catch(async (err: unknown) => {
        if (blockedInside) return refuseBlocked(blockedInside);
        // A concurrent submission for the same subject, program and period won the business key: name it.
        if (!(err instanceof ApplicationException) || err.code !== ErrorCode.DuplicateApplication) throw err;
        const winner = await this.blockingCase(prepared);
        return winner ? refuseBlocked(winner) : Promise.reject(err);
      });
    if (stored.id !== id) return this.replay(stored, requestHash, idempotencyKey); // lost a race with the same key
    await this.workflows.start(input);
    this.logger.log(
      `Application ${id} submitted (${program.code}/${command.category}, standard ${standard.policyVersion})`,
    );
    const details = await this.details({ ...stored, nationalId: command.nationalId ?? null });
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
          annualIncome: fenToYuan(f.annualIncomeFen),
          unavoidableCosts: fenToYuan(f.unavoidableCostsFen),
          accidentCosts: fenToYuan(f.accidentCostsFen),
          medicalOutOfPocket: fenToYuan(f.medicalOutOfPocketFen),
          studentCount: f.studentCount,
        },
        ...(command.nationalId ? { nationalId: command.nationalId } : {}),
      },
      idempotencyKey,
    );
  }

  /** 预审: what the program's rules would say about these facts today, rule by rule, without storing anything. */
  async preview(actor: Principal, command: Omit<SubmitCommand, 'nationalId'>): Promise<Preview> {
    const prepared = await this.prepare(actor, command, { checkFiler: false });
    const blockedBy =
      actor.role === 'applicant' || actor.role === 'approver' ? await this.blockingCase(prepared) : null;
    return {
      program: { code: prepared.program.code, name: prepared.program.name, nameEn: prepared.program.nameEn },
      assessment: prepared.assessment,
      blockedBy,
      documents: prepared.policy.documents,
      verified: prepared.facts.verified ?? {},
    };
  }

  /**
   * Who may file for the program (applicants for themselves; for a union's own subsidy, a grassroots union's level-1
   * officer), the facts parsed and checked (each wrong field named), the registry facts looked up, the standard in
   * force today pinned, and the assessment.
   */
  private async prepare(
    actor: Principal,
    command: Omit<SubmitCommand, 'nationalId'>,
    /** checkFiler false: a preview or a resubmission (who may file, and whether the program takes filings, aside). */
    options: { checkFiler?: boolean; except?: string; submittedOn?: string } = {},
  ): Promise<Prepared> {
    const program = await this.programs.requireProgram(command.program);
    const policy = this.programs.policyOf(program);
    const checkFiler = options.checkFiler ?? true;
    if (!program.openForSubmission && checkFiler) {
      throw new ApplicationException(
        ErrorCode.ValidationFailed,
        `Program "${program.code}" is not open for applications (it is run as a campaign or closed)`,
      );
    }
    if (checkFiler) this.requireFiler(actor, policy);
    if (!policy.categories.includes(command.category)) {
      throw new ApplicationException(
        ErrorCode.ValidationFailed,
        `category must be one of ${policy.categories.join(', ')} for program ${program.code}`,
      );
    }
    const { facts: parsed, errors } = parseFacts(policy.factFields, command.facts);
    if (errors.length > 0) {
      throw new ApplicationException(ErrorCode.ValidationFailed, errors.join('; '), { errors });
    }
    const today = new Date().toISOString().slice(0, 10);
    const row = await this.programs.rowOn(program, today);
    const standard = toPinnedStandard(program.code, row);
    const verified = await this.verifiedFacts(actor, policy, program.code, parsed, today, options.except);
    const facts: ProgramFacts = {
      ...parsed,
      submittedOn: options.submittedOn ?? today,
      verified,
    };
    const assessment = assessApplication(program.code, facts, command.category, command.requestedAmountFen, standard);
    const budgetYear = Number(today.slice(0, 4));
    const subjectKey = await this.subjectKey(actor, policy);
    // A period that names the beneficiary (a student, a duty certificate) is keyed whoever files it.
    const period = policy.period(facts, budgetYear, command.category);
    const byPeriod = policy.keyedBy === 'period';
    const keyOf = (subject: string): string =>
      createHash('sha256')
        .update(`${subject}|${program.code}|${byPeriod ? period.toUpperCase().replace(/\s+/g, '') : period}`)
        .digest('hex');
    const own = `user:${actor.userId}`;
    // A policy version may allow several cases per period (`oneCasePerPeriod: 0`); exclusions still apply.
    const businessKey = standard.oneCasePerPeriod === 0 ? null : keyOf(byPeriod ? '*' : subjectKey);
    const businessKeys =
      businessKey === null
        ? []
        : [businessKey, ...(!byPeriod && policy.subject === 'household' && subjectKey !== own ? [keyOf(own)] : [])];
    return {
      program,
      policy,
      row,
      standard,
      facts,
      assessment,
      category: command.category,
      subjectKey,
      businessKey,
      businessKeys,
      paidKey: own,
      budgetYear,
      today,
    };
  }

  private requireFiler(actor: Principal, policy: ProgramPolicy): void {
    if (!actor.orgUnitId) {
      throw new ApplicationException(
        ErrorCode.OrgUnitNotFound,
        'Your account belongs to no grassroots union; ask an administrator',
      );
    }
    if (policy.subject === 'union') {
      if (actor.role !== 'approver' || actor.approvalLevel !== 1) {
        throw new ApplicationException(
          ErrorCode.Forbidden,
          `A grassroots union's officer (a level-1 approver) files ${policy.code} for the union; you are ${
            actor.role === 'approver' ? `a level-${actor.approvalLevel} approver` : `an ${actor.role}`
          }`,
        );
      }
      return;
    }
    if (actor.role !== 'applicant') {
      throw new ApplicationException(ErrorCode.Forbidden, `Only applicants submit applications; you are ${actor.role}`);
    }
  }

  /** The registry facts the program's rules read, looked up now and recorded with the case. */
  private async verifiedFacts(
    actor: Principal,
    policy: ProgramPolicy,
    programCode: string,
    facts: ProgramFacts,
    today: string,
    except?: string,
  ): Promise<VerifiedFacts> {
    const verified: VerifiedFacts = {};
    for (const kind of policy.verifiedFacts) {
      switch (kind) {
        case 'householdFile':
          verified.householdFile = await this.registries.householdFileOf(actor.userId);
          break;
        case 'modelWorker':
          verified.modelWorker = await this.registries.modelWorkerOf(actor.userId);
          break;
        case 'medicalEnrolment': {
          const on = typeof facts.admissionDate === 'string' ? facts.admissionDate : today;
          verified.medicalEnrolment = await this.registries.medicalEnrolmentOn(actor.userId, on);
          break;
        }
        case 'paidInPeriodFen':
          break; // below, once the enrolment (the coverage period) is known
      }
    }
    if (policy.verifiedFacts.includes('paidInPeriodFen')) {
      const enrolment = verified.medicalEnrolment;
      verified.paidInPeriodFen = enrolment
        ? await this.applications.sumHeldAmounts(
            `user:${actor.userId}`,
            programCode,
            enrolment.coverageFrom,
            enrolment.coverageTo,
            except,
          )
        : 0;
    }
    return verified;
  }

  /** Whose aid the business key counts: the person, their household's file, or the union. */
  private async subjectKey(actor: Principal, policy: ProgramPolicy): Promise<string> {
    switch (policy.subject) {
      case 'person':
        return `user:${actor.userId}`;
      case 'union':
        return `union:${actor.orgUnitId}`;
      case 'household': {
        const fileId = await this.registries.householdFileIdOf(actor.userId);
        return fileId ? `household:${fileId}` : `user:${actor.userId}`;
      }
    }
  }

  /**
   * A cap across claims was assessed against what the person already held in the coverage period; a claim filed
   * meanwhile changes that figure, so this one is refused and assessed again when resubmitted.
   */
  private async requireSamePaidInPeriod(prepared: Prepared, tx: EntityManager, except?: string): Promise<void> {
    const used = prepared.facts.verified?.paidInPeriodFen;
    const enrolment = prepared.facts.verified?.medicalEnrolment;
    if (used === undefined || !enrolment) return;
    const now = await this.applications.sumHeldAmounts(
      prepared.paidKey,
      prepared.program.code,
      enrolment.coverageFrom,
      enrolment.coverageTo,
      except,
      tx,
    );
    if (now !== used) {
      throw new ApplicationException(
        ErrorCode.ActionInProgress,
        `Another claim in the coverage period was filed meanwhile (held so far ${fenToYuan(now).toFixed(2)} CNY, ` +
          `not ${fenToYuan(used).toFixed(2)}); submit again to be assessed against it`,
      );
    }
  }

  /**
   * The earlier case that blocks this one: the same business key (or, for a household, the key the head held before
   * the household was filed), else a cross-program exclusion of the standard. `except`: a case being resubmitted.
   */
  private async blockingCase(prepared: Prepared, tx?: EntityManager, except?: string): Promise<Blocking | null> {
    let duplicate: ApplicationEntity | null = null;
    for (const key of prepared.businessKeys) {
      duplicate ??= await this.applications.findHolderOfBusinessKey(key, tx, except);
    }
    if (duplicate) {
      return {
        code: ErrorCode.DuplicateApplication,
        message:
          `No double aid: application ${duplicate.id} (${duplicate.programCode}, ${duplicate.status}, submitted ` +
          `${duplicate.createdAt.toISOString().slice(0, 10)}) already covers the same ${prepared.policy.subject}, ` +
          `program and period`,
        applicationId: duplicate.id,
        programCode: duplicate.programCode,
        status: duplicate.status,
        grantedAmountFen: duplicate.grantedAmountFen,
        submittedAt: duplicate.createdAt.toISOString(),
      };
    }
    for (const exclusion of prepared.row.exclusions ?? []) {
      if (exclusion.appliesTo && !exclusion.appliesTo.includes(prepared.category)) continue;
      const earlier = await this.applications.findHeldCase(
        prepared.subjectKey,
        exclusion.program,
        prepared.budgetYear,
        exclusion.categories ?? null,
        tx,
      );
      if (!earlier) continue;
      const amount =
        earlier.grantedAmountFen !== null ? `, granted ${fenToYuan(earlier.grantedAmountFen).toFixed(2)} CNY` : '';
      return {
        code: ErrorCode.ExcludedByEarlierGrant,
        message:
          `Blocked by application ${earlier.id} (${earlier.programCode}/${earlier.category}, ${earlier.status}` +
          `${amount}, submitted ${earlier.createdAt.toISOString().slice(0, 10)}): ${exclusion.reason}`,
        applicationId: earlier.id,
        programCode: earlier.programCode,
        status: earlier.status,
        grantedAmountFen: earlier.grantedAmountFen,
        submittedAt: earlier.createdAt.toISOString(),
      };
    }
    return null;
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
  async resubmit(actor: Principal, id: string, command: ResubmitCommand): Promise<ApplicationDetails> {
    const app = await this.requireVisible(actor, id, 'resubmit');
    // The same checks as a submission, with the new facts: no double aid (the case itself aside), caps, the rules.
    const prepared = await this.prepare(
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
    const blocking = await this.blockingCase(prepared, undefined, id);
    if (blocking) await this.refuse(actor, 'resubmit', id, blocking.code, blocking.message);
    // A case filed under a version that allows several cases per period keeps having no key.
    const newKey = app.businessKey === null ? null : prepared.businessKey;
    const rekeyed = newKey !== app.businessKey;
    if (rekeyed) {
      await this.applications.rekey(id, newKey).catch(async (err: unknown) => {
        if (err instanceof ApplicationException) await this.refuse(actor, 'resubmit', id, err.code, err.message);
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
    const app = await this.requireVisible(actor, id, update);
    // The applicant's verbs belong to whoever filed the case: an applicant, or the union officer of a union subsidy.
    const filer = roles.includes('applicant') && app.applicantUserId === actor.userId;
    if (!roles.includes(actor.role) && !filer) {
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

  /**
   * A page of cases, newest first. `mine`: the cases the caller filed (anyone); otherwise every case, for auditors and
   * administrators only (approvers see theirs through GET /tasks).
   */
  listApplications(
    actor: Principal,
    query: { mine: boolean; status?: ApplicationStatus; programCode?: string; page: number; pageSize: number },
  ): Promise<ApplicationListPage> {
    if (!query.mine && actor.role !== 'auditor' && actor.role !== 'admin') {
      throw new ApplicationException(
        ErrorCode.Forbidden,
        `Listing every case is for auditors and administrators; you are ${actor.role} (send mine=true)`,
      );
    }
    return this.applications.listApplications({
      ...(query.mine ? { applicantUserId: actor.userId } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.programCode ? { programCode: query.programCode } : {}),
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
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

  /** Records the refused attempt for auditors, then throws it (see refuse.ts). */
  private refuse(actor: Principal, action: string, applicationId: string, code: ErrorCode, reason: string) {
    return refuse(this.rejected, actor, action, applicationId, code, reason);
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

function hashRequest(command: SubmitCommand): string {
  const canonical = JSON.stringify(command, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
  return createHash('sha256').update(canonical).digest('hex');
}
