import type { RejectedAttemptsRepository } from '@aidflow/audit';
import type { Principal } from '@aidflow/auth';
import { ApplicationException } from '@aidflow/common';
import type { ErrorCode } from '@aidflow/common';

/** Records a refused attempt on a case for auditors, then throws it as an ApplicationException. */
export async function refuse(
  rejected: RejectedAttemptsRepository,
  actor: Principal,
  action: string,
  applicationId: string,
  code: ErrorCode,
  reason: string,
): Promise<never> {
  await rejected.record({ actorId: actor.userId, action, applicationId, code, reason });
  throw new ApplicationException(code, reason);
}
