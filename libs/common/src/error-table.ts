import { ErrorCode } from './application.exception';

/**
 * The one error table: every domain error code with its HTTP status and whether the same request may succeed later
 * without anything else changing (`retryable`). The API answers with the status (and Retry-After on a retryable
 * 503), activities turn a non-retryable code into a non-retryable Temporal failure whose `type` is the code, and
 * the OpenAPI document's error answers are checked against it (ApiErrors). The workflow's refusal codes are codes
 * of this table (apps/api/src/common/error-status.spec.ts).
 */
export interface ErrorEntry {
  status: number;
  retryable: boolean;
}

const entry = (status: number, retryable = false): ErrorEntry => ({ status, retryable });

export const ERROR_TABLE: Readonly<Record<ErrorCode, ErrorEntry>> = {
  [ErrorCode.DuplicateApplication]: entry(409),
  [ErrorCode.ExcludedByEarlierGrant]: entry(409),
  [ErrorCode.StandardInvalid]: entry(422),
  [ErrorCode.CalendarInvalid]: entry(422),
  [ErrorCode.CalendarYearNotFound]: entry(404),
  [ErrorCode.ValidationFailed]: entry(400),
  [ErrorCode.Unauthenticated]: entry(401),
  [ErrorCode.InvalidCredentials]: entry(401),
  [ErrorCode.LoginLocked]: entry(429),
  [ErrorCode.Forbidden]: entry(403),
  [ErrorCode.NotFound]: entry(404),
  [ErrorCode.ApplicationNotFound]: entry(404),
  [ErrorCode.ProgramNotFound]: entry(404),
  [ErrorCode.StandardNotFound]: entry(422),
  [ErrorCode.OrgUnitNotFound]: entry(422),
  [ErrorCode.NoApproverForLevel]: entry(422),
  [ErrorCode.NotApproverOfCurrentLevel]: entry(403),
  [ErrorCode.LevelAlreadyDecided]: entry(409),
  [ErrorCode.LevelNotActive]: entry(409),
  [ErrorCode.ApplicationClosed]: entry(409),
  [ErrorCode.IdempotencyKeyReused]: entry(422),
  [ErrorCode.BudgetExhausted]: entry(409),
  [ErrorCode.BudgetEnvelopeNotFound]: entry(422),
  [ErrorCode.BudgetEnvelopeExists]: entry(409),
  [ErrorCode.AllocationBelowCommitted]: entry(422),
  [ErrorCode.WorkflowUnavailable]: entry(503, true),
  [ErrorCode.DatabaseUnavailable]: entry(503, true),
  [ErrorCode.NotApplicant]: entry(403),
  [ErrorCode.NotReturned]: entry(409),
  [ErrorCode.ActionInvalid]: entry(422),
  [ErrorCode.UrgedTooRecently]: entry(429),
  [ErrorCode.ActionInProgress]: entry(409),
  [ErrorCode.NotificationNotFound]: entry(404),
  [ErrorCode.DeliveryRejected]: entry(502),
  [ErrorCode.AttachmentTooLarge]: entry(413),
  [ErrorCode.AttachmentTypeNotAllowed]: entry(415),
  [ErrorCode.AttachmentNotFound]: entry(404),
  [ErrorCode.AttachmentIntegrityFailed]: entry(500),
  [ErrorCode.PaymentRejected]: entry(502),
  [ErrorCode.PaymentsOff]: entry(503),
  [ErrorCode.NotInPublicNotice]: entry(409),
  [ErrorCode.ObjectionAlreadyLodged]: entry(409),
  [ErrorCode.NotObjectionReviewer]: entry(403),
  [ErrorCode.NoOpenObjection]: entry(409),
  [ErrorCode.CampaignNotFound]: entry(404),
  [ErrorCode.CampaignBudgetShortfall]: entry(422),
  [ErrorCode.CampaignConflict]: entry(409),
  [ErrorCode.HouseholdFileExists]: entry(409),
  [ErrorCode.HouseholdFileClosed]: entry(409),
  [ErrorCode.NoHardshipTier]: entry(422),
  [ErrorCode.ModelWorkerExists]: entry(409),
  [ErrorCode.AlreadyEnrolled]: entry(409),
  [ErrorCode.UsageReportExists]: entry(409),
  [ErrorCode.UsageReportInvalid]: entry(422),
};

/** True when retrying the same request (or activity) later may succeed: the dependency was unavailable. */
export const isRetryable = (code: ErrorCode): boolean => ERROR_TABLE[code].retryable;
