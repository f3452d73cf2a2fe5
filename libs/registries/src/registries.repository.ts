import type { HardshipTier } from '@aidflow/policy';
import type { HouseholdFileEntity, HouseholdFileEventEntity, HouseholdFileFacts } from './household-file.entity';
import type { MedicalEnrolmentEntity } from './medical-enrolment.entity';
import type { HonourLevel, ModelWorkerEntity, WorkStatus } from './model-worker.entity';
import type { SubsidyUsageReportEntity, UsageItem } from './subsidy-usage-report.entity';

/** A household file with its head's name (full; the service masks it where lists need it). */
export interface HouseholdFileView extends HouseholdFileEntity {
  headName: string;
  headUsername: string;
}

export interface NewHouseholdFile {
  headUserId: string;
  orgUnitId: string;
  tier: HardshipTier;
  facts: HouseholdFileFacts;
  standardId: string;
  filedOn: string;
  filedBy: string;
}

export interface HouseholdFileVerification {
  /** null: the household meets no tier any more; the file is closed (退档, reason `recovered`). */
  tier: HardshipTier | null;
  facts: HouseholdFileFacts;
  standardId: string;
  verifiedOn: string;
  actorId: string;
}

export interface ModelWorkerView extends ModelWorkerEntity {
  orgUnitCode: string;
  username: string | null;
}

export interface NewModelWorker {
  userId: string | null;
  name: string;
  honourLevel: HonourLevel;
  workStatus: WorkStatus;
  orgUnitId: string;
  awardedYear: number;
}

export interface MedicalEnrolmentView extends MedicalEnrolmentEntity {
  username: string;
  memberName: string;
  unitCode: string;
}

/** What a usage report needs to know about the application it reports on. */
export interface ReportedCase {
  id: string;
  programCode: string;
  applicantUserId: string;
  orgUnitId: string;
  status: string;
  grantedAmountFen: number | null;
}

export interface NewUsageReport {
  applicationId: string;
  reportedBy: string;
  reporterName: string;
  items: UsageItem[];
  totalFen: number;
  note: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Port: the registries the programs read (household files, model workers, medical enrolments, usage reports). */
export abstract class RegistriesRepository {
  /** The open file headed by the user, if any. */
  abstract openFileOfHead(userId: string): Promise<HouseholdFileEntity | null>;
  abstract findFile(id: string): Promise<HouseholdFileView | null>;
  abstract fileEvents(fileId: string): Promise<HouseholdFileEventEntity[]>;
  /** Newest first; `branchRootId` limits the list to files of that unit and below. */
  abstract listFiles(filter: {
    status?: 'open' | 'closed';
    branchRootId?: string;
    page: number;
    pageSize: number;
  }): Promise<Page<HouseholdFileView>>;
  /**
   * Opens a file with the next number of the filing year and its `filed` event, in one transaction. Throws
   * HOUSEHOLD_FILE_EXISTS (naming the file) when the head has an open file already, also when two filings race.
   */
  abstract createFile(file: NewHouseholdFile): Promise<HouseholdFileEntity>;
  /** Yearly re-verification: new facts and tier (event `verified` or `retiered`), or closure as `recovered`. */
  abstract verifyFile(id: string, verification: HouseholdFileVerification): Promise<HouseholdFileEntity>;
  /** 退档: closes an open file with its reason and a `closed` event. */
  abstract closeFile(
    id: string,
    closure: { reason: string; closedOn: string; actorId: string },
  ): Promise<HouseholdFileEntity>;

  abstract unitIdByCode(code: string): Promise<string | null>;
  abstract createModelWorker(entry: NewModelWorker): Promise<ModelWorkerView>;
  abstract findModelWorker(id: string): Promise<ModelWorkerView | null>;
  abstract listModelWorkers(filter: { branchRootId?: string }): Promise<ModelWorkerView[]>;
  abstract updateModelWorker(
    id: string,
    change: { active?: boolean; workStatus?: WorkStatus },
  ): Promise<ModelWorkerView>;
  /** The active registry entry linked to the user. */
  abstract activeModelWorkerOfUser(userId: string): Promise<ModelWorkerEntity | null>;

  /** Throws ALREADY_ENROLLED when the member is enrolled for that year. */
  abstract createEnrolment(enrolment: Omit<MedicalEnrolmentEntity, 'id' | 'createdAt'>): Promise<MedicalEnrolmentView>;
  abstract listEnrolments(filter: {
    userId?: string;
    year?: number;
    branchRootId?: string;
  }): Promise<MedicalEnrolmentView[]>;
  /** The enrolment whose coverage contains `date`, else the member's latest one; null when never enrolled. */
  abstract enrolmentOn(userId: string, date: string): Promise<MedicalEnrolmentEntity | null>;

  abstract reportedCase(applicationId: string): Promise<ReportedCase | null>;
  /** Stores the report and appends it to the case's ledger in one transaction; USAGE_REPORT_EXISTS on a second one. */
  abstract createUsageReport(report: NewUsageReport): Promise<SubsidyUsageReportEntity>;
  abstract findUsageReport(applicationId: string): Promise<SubsidyUsageReportEntity | null>;
}
