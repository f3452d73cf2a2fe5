import { ApplicationFailure } from '@temporalio/common';

/** Codes an action can be refused with; the API maps them to 403/409/422. */
export const DecisionRefusal = {
  closed: 'APPLICATION_CLOSED',
  alreadyDecided: 'LEVEL_ALREADY_DECIDED',
  notActive: 'LEVEL_NOT_ACTIVE',
  notApprover: 'NOT_APPROVER_OF_CURRENT_LEVEL',
  notApplicant: 'NOT_APPLICANT',
  notReturned: 'NOT_RETURNED',
  invalid: 'ACTION_INVALID',
  tooSoon: 'URGED_TOO_RECENTLY',
  inProgress: 'ACTION_IN_PROGRESS',
  notInNotice: 'NOT_IN_PUBLIC_NOTICE',
  alreadyObjected: 'OBJECTION_ALREADY_LODGED',
  notReviewer: 'NOT_OBJECTION_REVIEWER',
  noOpenObjection: 'NO_OPEN_OBJECTION',
} as const;

export type DecisionRefusalCode = (typeof DecisionRefusal)[keyof typeof DecisionRefusal];

/** Refuses an Update in its validator: nothing is written to the history, the caller gets the code. */
export function refuse(type: DecisionRefusalCode, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}
