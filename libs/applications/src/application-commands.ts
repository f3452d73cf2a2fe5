import type { ErrorCode } from '@aidflow/common';
import type {
  Assessment,
  HouseholdFacts,
  HardshipCategory,
  PinnedStandard,
  ProgramFacts,
  ProgramPolicy,
  VerifiedFacts,
} from '@aidflow/policy';
import type { ProgramEntity, ProgramStandardEntity } from '@aidflow/programs';
import type { AttachRequest, DecisionVerb } from '@aidflow/workflows/types';
import type { Principal } from '@aidflow/auth';
import type { ApplicationEntity } from './application.entity';
import type { ApprovalTaskEntity } from './approval-task.entity';
import type { CaseActionEntity } from './case-action.entity';
import type { DecisionEntity } from './decision.entity';

/** The commands and answers of the application use cases (submission, case actions, reading a case). */

/** Hardship aid with its household facts already in fen: the typed entry point scripts and tests use. */
export interface SubmitHardshipCommand {
  category: HardshipCategory;
  requestedAmountFen: number;
  facts: HouseholdFacts;
  nationalId?: string;
}

/**
 * A submission: facts as the program defines them, money in CNY as the applicant sent it, or (`factsMoneyIn: 'fen'`)
 * already in the program's own shape (`<name>Fen`, whole fen) when a caller inside the system holds them so; never
 * converted to CNY and back.
 */
export interface SubmitCommand {
  program: string;
  category: string;
  requestedAmountFen: number;
  facts: Record<string, unknown>;
  factsMoneyIn?: 'yuan' | 'fen';
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

export interface Prepared {
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
