/**
 * Every failure the domain can name. The API maps each code to one HTTP status (see the exception filter in
 * apps/api); activities turn them into non-retryable Temporal failures whose `type` is the code.
 */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  Unauthenticated = 'UNAUTHENTICATED',
  InvalidCredentials = 'INVALID_CREDENTIALS',
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
  WorkflowUnavailable = 'WORKFLOW_UNAVAILABLE',
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
