/**
 * Every failure the domain can name. The API maps each code to one HTTP status (see the exception filter in
 * apps/api); activities turn them into non-retryable Temporal failures whose `type` is the code.
 */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  Unauthenticated = 'UNAUTHENTICATED',
  InvalidCredentials = 'INVALID_CREDENTIALS',
  /** Too many wrong passwords in a row for one username: locked for a while (429 with Retry-After). */
  LoginLocked = 'LOGIN_LOCKED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  ApplicationNotFound = 'APPLICATION_NOT_FOUND',
  ProgramNotFound = 'PROGRAM_NOT_FOUND',
  StandardNotFound = 'STANDARD_NOT_FOUND',
  OrgUnitNotFound = 'ORG_UNIT_NOT_FOUND',
  NoApproverForLevel = 'NO_APPROVER_FOR_LEVEL',
  NotApproverOfCurrentLevel = 'NOT_APPROVER_OF_CURRENT_LEVEL',
  LevelAlreadyDecided = 'LEVEL_ALREADY_DECIDED',
  LevelNotActive = 'LEVEL_NOT_ACTIVE',
  ApplicationClosed = 'APPLICATION_CLOSED',
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  BudgetExhausted = 'BUDGET_EXHAUSTED',
  BudgetEnvelopeNotFound = 'BUDGET_ENVELOPE_NOT_FOUND',
  /** An envelope for that program, year and funding source exists already (change its allocation instead). */
  BudgetEnvelopeExists = 'BUDGET_ENVELOPE_EXISTS',
  /** A new allocation below the money already reserved and paid from the envelope. */
  AllocationBelowCommitted = 'ALLOCATION_BELOW_COMMITTED',
  WorkflowUnavailable = 'WORKFLOW_UNAVAILABLE',
  /** The product database cannot be reached (down, restarting, out of connections): retry later. */
  DatabaseUnavailable = 'DATABASE_UNAVAILABLE',
  NotApplicant = 'NOT_APPLICANT',
  NotReturned = 'NOT_RETURNED',
  ActionInvalid = 'ACTION_INVALID',
  UrgedTooRecently = 'URGED_TOO_RECENTLY',
  ActionInProgress = 'ACTION_IN_PROGRESS',
  NotificationNotFound = 'NOTIFICATION_NOT_FOUND',
  /** A delivery channel (the SMS gateway) refused a message for good (HTTP 4xx): retrying would not help. */
  DeliveryRejected = 'DELIVERY_REJECTED',
  /** An attachment over ATTACHMENT_MAX_BYTES. */
  AttachmentTooLarge = 'ATTACHMENT_TOO_LARGE',
  /** An attachment of a type not on the list (PDF, JPEG, PNG), or whose bytes are not of the declared type. */
  AttachmentTypeNotAllowed = 'ATTACHMENT_TYPE_NOT_ALLOWED',
  AttachmentNotFound = 'ATTACHMENT_NOT_FOUND',
  /** The stored bytes no longer match the SHA-256 recorded at upload: the file was changed outside the app. */
  AttachmentIntegrityFailed = 'ATTACHMENT_INTEGRITY_FAILED',
  /** The bank refused a payment instruction for good (HTTP 4xx): retrying would not help. */
  PaymentRejected = 'PAYMENT_REJECTED',
  /** Reconciliation was asked for while PAYMENT_BANK_URL is not set. */
  PaymentsOff = 'PAYMENTS_OFF',
  CampaignNotFound = 'CAMPAIGN_NOT_FOUND',
  /** A campaign's recipients x amounts exceed its budget, or its budget envelope cannot cover the budget. */
  CampaignBudgetShortfall = 'CAMPAIGN_BUDGET_SHORTFALL',
  /** The campaign is not in a state that allows this (a taken code, not running, payments still in flight). */
  CampaignConflict = 'CAMPAIGN_CONFLICT',
  /** No double aid: the same person / household / union already has an open or granted case of the program and period. */
  DuplicateApplication = 'DUPLICATE_APPLICATION',
  /** A cross-program exclusion: an earlier grant (named in the message and details) blocks this application. */
  ExcludedByEarlierGrant = 'EXCLUDED_BY_EARLIER_GRANT',
  /** An administrator's new standard row is incomplete or does not fit after the one in force. */
  StandardInvalid = 'STANDARD_INVALID',
  /** An objection to a case that is not in its public notice (公示) window (not yet, or any more). */
  NotInPublicNotice = 'NOT_IN_PUBLIC_NOTICE',
  /** The same user objects to the same case a second time. */
  ObjectionAlreadyLodged = 'OBJECTION_ALREADY_LODGED',
  /** A review of objections by someone who is not one of the case's objection reviewers. */
  NotObjectionReviewer = 'NOT_OBJECTION_REVIEWER',
  /** A review while no objection of the case is waiting for one. */
  NoOpenObjection = 'NO_OPEN_OBJECTION',
  /** 一户一档: the household head already has an open file (named in the message). */
  HouseholdFileExists = 'HOUSEHOLD_FILE_EXISTS',
  /** A change of a household file that is closed (退档) already. */
  HouseholdFileClosed = 'HOUSEHOLD_FILE_CLOSED',
  /** The household's figures meet no hardship tier (named in the message), so it cannot be filed. */
  NoHardshipTier = 'NO_HARDSHIP_TIER',
  /** The user is linked to a model-worker registry entry already. */
  ModelWorkerExists = 'MODEL_WORKER_EXISTS',
  /** The member is enrolled in medical mutual aid for that coverage year already. */
  AlreadyEnrolled = 'ALREADY_ENROLLED',
  /** The application has a usage report already (one per application). */
  UsageReportExists = 'USAGE_REPORT_EXISTS',
  /** A usage report for a case that is not an approved union subsidy, or that spends more than was granted. */
  UsageReportInvalid = 'USAGE_REPORT_INVALID',
  /** A business-calendar year an administrator loads is wrong (the message names the entry). */
  CalendarInvalid = 'CALENDAR_INVALID',
  /** No business calendar is stored for the year asked for. */
  CalendarYearNotFound = 'CALENDAR_YEAR_NOT_FOUND',
}

export class ApplicationException extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApplicationException';
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (Object.values(ErrorCode) as string[]).includes(value);
}
