import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@aidflow/common';

/** The single mapping from domain error codes to HTTP statuses. */
export const ERROR_STATUS: Record<ErrorCode, HttpStatus> = {
  [ErrorCode.ValidationFailed]: HttpStatus.BAD_REQUEST,
  [ErrorCode.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.InvalidCredentials]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [ErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.ApplicationNotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.ProgramNotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.StandardNotFound]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.OrgUnitNotFound]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.NoApproverForLevel]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.NotApproverOfCurrentLevel]: HttpStatus.FORBIDDEN,
  [ErrorCode.LevelAlreadyDecided]: HttpStatus.CONFLICT,
  [ErrorCode.LevelNotActive]: HttpStatus.CONFLICT,
  [ErrorCode.ApplicationClosed]: HttpStatus.CONFLICT,
  [ErrorCode.IdempotencyKeyReused]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.BudgetExhausted]: HttpStatus.CONFLICT,
  [ErrorCode.BudgetEnvelopeNotFound]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.WorkflowUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.NotApplicant]: HttpStatus.FORBIDDEN,
  [ErrorCode.NotReturned]: HttpStatus.CONFLICT,
  [ErrorCode.ActionInvalid]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.UrgedTooRecently]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.NotificationNotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.DeliveryRejected]: HttpStatus.BAD_GATEWAY,
  [ErrorCode.AttachmentTooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorCode.AttachmentTypeNotAllowed]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [ErrorCode.AttachmentNotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.AttachmentIntegrityFailed]: HttpStatus.INTERNAL_SERVER_ERROR,
};
