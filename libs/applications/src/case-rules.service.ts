import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Inject, Injectable } from '@nestjs/common';
import { ApplicationException, ErrorCode, formatYuan } from '@aidflow/common';
import type { Principal } from '@aidflow/auth';
import { assessApplication, parseFacts } from '@aidflow/policy';
import type { ProgramFacts, ProgramPolicy, VerifiedFacts } from '@aidflow/policy';
import { ProgramsService, toPinnedStandard } from '@aidflow/programs';
import { RegistriesService } from '@aidflow/registries';
import type { ApplicationEntity } from './application.entity';
import { ApplicationsRepository } from './applications.repository';
import type { SubmitCommand, Blocking, Prepared } from './application-commands';

/**
 * The rules a filing is checked against before anything is stored: who may file for the program, its facts parsed
 * (each wrong field named) and the registry facts looked up, the standard in force pinned and assessed, and no double
 * aid (an open or granted case of the same subject, program and period, or of an excluded program).
 */
@Injectable()
export class CaseRulesService {
  constructor(
    @Inject(ApplicationsRepository) private readonly applications: ApplicationsRepository,
    @Inject(ProgramsService) private readonly programs: ProgramsService,
    @Inject(RegistriesService) private readonly registries: RegistriesService,
  ) {}

  /**
   * Who may file for the program (applicants for themselves; for a union's own subsidy, a grassroots union's level-1
   * officer), the facts parsed and checked (each wrong field named), the registry facts looked up, the standard in
   * force today pinned, and the assessment.
   */
  async prepare(
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
    const { facts: parsed, errors } = parseFacts(policy.factFields, command.facts, {
      moneyIn: command.factsMoneyIn ?? 'yuan',
    });
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
  async requireSamePaidInPeriod(prepared: Prepared, tx: EntityManager, except?: string): Promise<void> {
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
        `Another claim in the coverage period was filed meanwhile (held so far ${formatYuan(now)} CNY, ` +
          `not ${formatYuan(used)}); submit again to be assessed against it`,
      );
    }
  }

  /**
   * The earlier case that blocks this one: the same business key (or, for a household, the key the head held before
   * the household was filed), else a cross-program exclusion of the standard. `except`: a case being resubmitted.
   */
  async blockingCase(prepared: Prepared, tx?: EntityManager, except?: string): Promise<Blocking | null> {
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
      const amount = earlier.grantedAmountFen !== null ? `, granted ${formatYuan(earlier.grantedAmountFen)} CNY` : '';
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
}
