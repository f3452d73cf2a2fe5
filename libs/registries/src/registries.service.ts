import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@aidflow/auth';
import { ApplicationException, ErrorCode, maskName, yuan } from '@aidflow/common';
import { OrgRepository, UserRepository } from '@aidflow/org';
import type { UserEntity } from '@aidflow/org';
import { hardshipTier, perCapitaMonthlyIncomeFen } from '@aidflow/policy';
import type { HardshipTier, HouseholdFacts, VerifiedFacts } from '@aidflow/policy';
import { HARDSHIP_PROGRAM_CODE, ProgramsService, toHardshipStandard } from '@aidflow/programs';
import type { HouseholdFileEntity, HouseholdFileEventEntity, HouseholdFileFacts } from './household-file.entity';
import type { HonourLevel, WorkStatus } from './model-worker.entity';
import { RegistriesRepository } from './registries.repository';
import { branchRootOf, requireAdmin, requireBranchReader, requireUnionOfficer } from './registry-access';
import type { HouseholdFileView, MedicalEnrolmentView, ModelWorkerView, Page } from './registries.repository';
import type { SubsidyUsageReportEntity, UsageItem } from './subsidy-usage-report.entity';

export const UNION_SUBSIDY_PROGRAM_CODE = 'union-subsidy';
export const HOUSEHOLD_FILES_PAGE_SIZE = 50;

/** The household's figures from the home visit (fen). */
export interface HouseholdFigures {
  householdSize: number;
  annualIncomeFen: number;
  unavoidableCostsFen?: number;
  accidentCostsFen?: number;
  note?: string;
}

export interface HouseholdFileDetails {
  file: HouseholdFileView;
  events: HouseholdFileEventEntity[];
}

export interface VerificationResult extends HouseholdFileDetails {
  /** True when the household met no tier any more and the file was closed (退档, reason `recovered`). */
  closed: boolean;
  message: string;
}

const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * The registries the programs read: household files (一户一档: 建档, yearly re-verification, 退档), the model-worker
 * registry (劳模), medical mutual-aid enrolments, and the usage reports of grassroots-union subsidies. Grassroots
 * officers (level-1 approvers) keep the files and enrolments of their own branch; administrators keep everything.
 */
@Injectable()
export class RegistriesService {
  constructor(
    @Inject(RegistriesRepository) private readonly registries: RegistriesRepository,
    @Inject(OrgRepository) private readonly org: OrgRepository,
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(ProgramsService) private readonly programs: ProgramsService,
  ) {}

  // --- lookups the programs read at submission (VerifiedFacts) ---

  /** The open file headed by the user: its number, tier, filing and last verification dates; null if none. */
  async householdFileOf(userId: string): Promise<VerifiedFacts['householdFile']> {
    const file = await this.registries.openFileOfHead(userId);
    return file ? { fileId: file.fileNo, tier: file.tier, filedOn: file.filedOn, verifiedOn: file.verifiedOn } : null;
  }

  /** The open file's uuid: the household's subject in business keys; null if the user heads no open file. */
  async householdFileIdOf(userId: string): Promise<string | null> {
    return (await this.registries.openFileOfHead(userId))?.id ?? null;
  }

  /** The active model-worker registry entry linked to the user; null if none. */
  async modelWorkerOf(userId: string): Promise<VerifiedFacts['modelWorker']> {
    const entry = await this.registries.activeModelWorkerOfUser(userId);
    return entry ? { entryId: entry.id, honourLevel: entry.honourLevel, workStatus: entry.workStatus } : null;
  }

  /** The enrolment covering `date`, else the latest one (so the rule can say the date is outside coverage). */
  async medicalEnrolmentOn(userId: string, date: string): Promise<VerifiedFacts['medicalEnrolment']> {
    const e = await this.registries.enrolmentOn(userId, date);
    return e
      ? { enrolmentId: e.id, coverageFrom: e.coverageFrom, coverageTo: e.coverageTo, enrolledOn: e.enrolledOn }
      : null;
  }

  // --- household files (一户一档) ---

  /** 建档: a grassroots officer files a household after the home visit; the tier follows from today's standard. */
  async fileHousehold(actor: Principal, input: HouseholdFigures & { username: string }): Promise<HouseholdFileDetails> {
    const head = await this.requireUser(input.username);
    if (head.role !== 'applicant' || !head.orgUnitId) {
      throw new ApplicationException(
        ErrorCode.ValidationFailed,
        `username must name a worker (an applicant user) of a grassroots union; ${input.username} is ${head.role}`,
      );
    }
    await requireUnionOfficer(this.org, actor, head.orgUnitId, 'Filing a household');
    const open = await this.registries.openFileOfHead(head.id);
    if (open) {
      throw new ApplicationException(
        ErrorCode.HouseholdFileExists,
        `${input.username} already heads open household file ${open.fileNo} (filed ${open.filedOn}); ` +
          `re-verify or close it instead`,
        { fileId: open.id, fileNo: open.fileNo },
      );
    }
    const on = today();
    const { tier, facts, standardId } = await this.tierOf(input, on);
    if (tier === null) {
      throw new ApplicationException(
        ErrorCode.NoHardshipTier,
        `The household meets no hardship tier, so it cannot be filed: ${facts.reasons.join('; ')}`,
        { ...facts },
      );
    }
    const file = await this.registries.createFile({
      headUserId: head.id,
      orgUnitId: head.orgUnitId,
      tier,
      facts,
      standardId,
      filedOn: on,
      filedBy: actor.userId,
    });
    return this.details(file.id);
  }

  /** Files newest first: approvers see their branch, auditors and administrators all; head names are masked. */
  async listFiles(
    actor: Principal,
    filter: { status?: 'open' | 'closed'; page?: number },
  ): Promise<Page<HouseholdFileView>> {
    const page = await this.registries.listFiles({
      status: filter.status,
      branchRootId: branchRootOf(actor),
      page: filter.page ?? 1,
      pageSize: HOUSEHOLD_FILES_PAGE_SIZE,
    });
    return { ...page, items: page.items.map((f) => ({ ...f, headName: maskName(f.headName) ?? '' })) };
  }

  /** One file with every change; for its branch's approvers, auditors, administrators and its head. */
  async fileDetails(actor: Principal, id: string): Promise<HouseholdFileDetails> {
    const details = await this.details(id);
    if (actor.role === 'applicant' && details.file.headUserId === actor.userId) return details;
    await requireBranchReader(this.org, actor, details.file.orgUnitId, `Household file ${details.file.fileNo}`);
    return details;
  }

  /**
   * Yearly re-verification: the tier is computed again from the new figures and today's standard; a household that
   * meets no tier any more is closed (退档, reason `recovered`).
   */
  async verifyFile(actor: Principal, id: string, input: HouseholdFigures): Promise<VerificationResult> {
    const file = await this.requireFile(id);
    await requireUnionOfficer(this.org, actor, file.orgUnitId, `Re-verifying household file ${file.fileNo}`);
    const on = today();
    const { tier, facts, standardId } = await this.tierOf(input, on);
    const updated = await this.registries.verifyFile(id, {
      tier,
      facts,
      standardId,
      verifiedOn: on,
      actorId: actor.userId,
    });
    const details = await this.details(updated.id);
    const message =
      tier === null
        ? `Household file ${file.fileNo} is closed (退档, reason recovered): the household meets no hardship tier ` +
          `any more (${facts.reasons.join('; ')})`
        : tier === file.tier
          ? `Household file ${file.fileNo} re-verified: still ${tier}`
          : `Household file ${file.fileNo} re-verified: tier ${file.tier} -> ${tier}`;
    return { ...details, closed: tier === null, message };
  }

  /** 退档: closes an open file with the reason given. */
  async closeFile(actor: Principal, id: string, reason: string): Promise<HouseholdFileDetails> {
    const file = await this.requireFile(id);
    await requireUnionOfficer(this.org, actor, file.orgUnitId, `Closing household file ${file.fileNo}`);
    await this.registries.closeFile(id, { reason, closedOn: today(), actorId: actor.userId });
    return this.details(id);
  }

  private async tierOf(
    input: HouseholdFigures,
    on: string,
  ): Promise<{ tier: HardshipTier | null; facts: HouseholdFileFacts; standardId: string }> {
    const program = await this.programs.requireProgram(HARDSHIP_PROGRAM_CODE);
    const standard = toHardshipStandard(await this.programs.rowOn(program, on));
    const household: HouseholdFacts = {
      householdSize: input.householdSize,
      annualIncomeFen: input.annualIncomeFen,
      unavoidableCostsFen: input.unavoidableCostsFen ?? 0,
      accidentCostsFen: input.accidentCostsFen ?? 0,
      medicalOutOfPocketFen: 0,
      studentCount: 0,
    };
    const { tier, reasons } = hardshipTier(household, standard);
    return {
      tier,
      standardId: standard.standardId,
      facts: {
        householdSize: household.householdSize,
        annualIncomeFen: household.annualIncomeFen,
        unavoidableCostsFen: household.unavoidableCostsFen,
        accidentCostsFen: household.accidentCostsFen,
        perCapitaMonthlyIncomeFen: perCapitaMonthlyIncomeFen(household),
        reasons,
        policyVersion: standard.policyVersion,
        note: input.note ?? null,
      },
    };
  }

  private async requireFile(id: string): Promise<HouseholdFileEntity> {
    const file = await this.registries.findFile(id);
    if (!file) throw new ApplicationException(ErrorCode.NotFound, `Household file ${id} does not exist`);
    return file;
  }

  private async details(id: string): Promise<HouseholdFileDetails> {
    const file = await this.registries.findFile(id);
    if (!file) throw new ApplicationException(ErrorCode.NotFound, `Household file ${id} does not exist`);
    return { file, events: await this.registries.fileEvents(id) };
  }

  // --- model-worker registry (劳模) ---

  async createModelWorker(
    actor: Principal,
    input: {
      name: string;
      honourLevel: HonourLevel;
      workStatus: WorkStatus;
      orgUnitCode: string;
      awardedYear: number;
      username?: string;
    },
  ): Promise<ModelWorkerView> {
    requireAdmin(actor, 'Adding to the model-worker registry');
    const orgUnitId = await this.registries.unitIdByCode(input.orgUnitCode);
    if (!orgUnitId) {
      throw new ApplicationException(ErrorCode.OrgUnitNotFound, `orgUnitCode ${input.orgUnitCode} is not an org unit`);
    }
    const user = input.username ? await this.requireUser(input.username) : null;
    return this.registries.createModelWorker({
      userId: user?.id ?? null,
      name: input.name,
      honourLevel: input.honourLevel,
      workStatus: input.workStatus,
      orgUnitId,
      awardedYear: input.awardedYear,
    });
  }

  /**
   * Administrators and auditors see every entry; approvers see their branch's. Names are masked in the list for every
   * role (personal data); the administrator's create and change responses name the one entry in full.
   */
  async listModelWorkers(actor: Principal): Promise<ModelWorkerView[]> {
    const entries = await this.registries.listModelWorkers({ branchRootId: branchRootOf(actor) });
    return entries.map((e) => ({ ...e, name: maskName(e.name) ?? '' }));
  }

  async updateModelWorker(
    actor: Principal,
    id: string,
    change: { active?: boolean; workStatus?: WorkStatus },
  ): Promise<ModelWorkerView> {
    requireAdmin(actor, 'Changing the model-worker registry');
    if (change.active === undefined && change.workStatus === undefined) {
      throw new ApplicationException(ErrorCode.ValidationFailed, 'Give active or workStatus (or both) to change');
    }
    if (!(await this.registries.findModelWorker(id))) {
      throw new ApplicationException(ErrorCode.NotFound, `Model-worker entry ${id} does not exist`);
    }
    return this.registries.updateModelWorker(id, change);
  }

  // --- medical mutual-aid enrolments (职工医疗互助) ---

  /** Members enrol yearly through their unit: enrolled today, covered for the whole coverage year. */
  async enrol(actor: Principal, input: { username: string; coverageYear: number }): Promise<MedicalEnrolmentView> {
    const member = await this.requireUser(input.username);
    if (!member.orgUnitId) {
      throw new ApplicationException(
        ErrorCode.ValidationFailed,
        `username must name a member of a union; ${input.username} belongs to no org unit`,
      );
    }
    await requireUnionOfficer(this.org, actor, member.orgUnitId, `Enrolling ${input.username} in medical mutual aid`);
    return this.registries.createEnrolment({
      userId: member.id,
      coverageYear: input.coverageYear,
      unitOrgId: member.orgUnitId,
      enrolledOn: today(),
      coverageFrom: `${input.coverageYear}-01-01`,
      coverageTo: `${input.coverageYear}-12-31`,
    });
  }

  /** Applicants see their own enrolments; approvers their branch's; auditors and administrators all. */
  async listEnrolments(
    actor: Principal,
    filter: { username?: string; year?: number },
  ): Promise<MedicalEnrolmentView[]> {
    let userId: string | undefined;
    if (actor.role === 'applicant') {
      if (filter.username && filter.username !== actor.username) {
        throw new ApplicationException(ErrorCode.Forbidden, 'Applicants see only their own enrolments');
      }
      userId = actor.userId;
    } else if (filter.username) {
      userId = (await this.requireUser(filter.username)).id;
    }
    const rows = await this.registries.listEnrolments({
      userId,
      year: filter.year,
      branchRootId: actor.role === 'applicant' ? undefined : branchRootOf(actor),
    });
    if (actor.role === 'applicant') return rows;
    return rows.map((r) => ({ ...r, memberName: maskName(r.memberName) ?? '' }));
  }

  // --- usage reports of grassroots-union subsidies ---

  /** The union that received an approved subsidy reports how it used the money: once, within the granted amount. */
  async reportUsage(
    actor: Principal,
    applicationId: string,
    input: { items: UsageItem[]; note?: string },
  ): Promise<SubsidyUsageReportEntity> {
    const app = await this.requireCase(applicationId);
    if (actor.role !== 'admin' && app.applicantUserId !== actor.userId) {
      throw new ApplicationException(
        ErrorCode.Forbidden,
        `Only the officer who submitted application ${applicationId} (or an administrator) reports its usage`,
      );
    }
    if (app.programCode !== UNION_SUBSIDY_PROGRAM_CODE) {
      throw new ApplicationException(
        ErrorCode.UsageReportInvalid,
        `Usage reports are for ${UNION_SUBSIDY_PROGRAM_CODE} cases; application ${applicationId} is ${app.programCode}`,
      );
    }
    if (app.status !== 'approved') {
      throw new ApplicationException(
        ErrorCode.UsageReportInvalid,
        `Application ${applicationId} is ${app.status}; a usage report needs an approved subsidy`,
        { status: app.status },
      );
    }
    const totalFen = input.items.reduce((sum, item) => sum + item.amountFen, 0);
    const grantedFen = app.grantedAmountFen ?? 0;
    if (totalFen > grantedFen) {
      throw new ApplicationException(
        ErrorCode.UsageReportInvalid,
        `The items total ${yuan(totalFen)}, more than the granted ${yuan(grantedFen)}`,
        { totalFen, grantedFen },
      );
    }
    return this.registries.createUsageReport({
      applicationId,
      reportedBy: actor.userId,
      reporterName: actor.displayName,
      items: input.items,
      totalFen,
      note: input.note ?? null,
    });
  }

  /** The report of an application: for its submitter, its branch's approvers, auditors and administrators. */
  async usageReport(actor: Principal, applicationId: string): Promise<SubsidyUsageReportEntity> {
    const app = await this.requireCase(applicationId);
    if (app.applicantUserId !== actor.userId) {
      await requireBranchReader(this.org, actor, app.orgUnitId, `Application ${applicationId}`);
    }
    const report = await this.registries.findUsageReport(applicationId);
    if (!report) {
      throw new ApplicationException(ErrorCode.NotFound, `Application ${applicationId} has no usage report yet`);
    }
    return report;
  }

  private async requireCase(applicationId: string) {
    const app = await this.registries.reportedCase(applicationId);
    if (!app) {
      throw new ApplicationException(ErrorCode.ApplicationNotFound, `Application ${applicationId} does not exist`);
    }
    return app;
  }

  // --- who may do what ---

  private async requireUser(username: string): Promise<UserEntity> {
    const [user] = await this.users.findByUsernames([username]);
    if (!user) throw new ApplicationException(ErrorCode.NotFound, `username ${username} is not a user`);
    return user;
  }
}
