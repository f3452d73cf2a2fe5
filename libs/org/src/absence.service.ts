import { Inject, Injectable } from '@nestjs/common';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import type { Absence } from './org.repository';
import { OrgRepository, UserRepository } from './org.repository';

export interface SetAbsenceCommand {
  delegateUsername: string;
  startsAt: Date;
  endsAt: Date;
  reason?: string;
}

/** Absence delegation: an approver away from `startsAt` to `endsAt` has tasks arriving then go to a delegate. */
@Injectable()
export class AbsenceService {
  constructor(
    @Inject(OrgRepository) private readonly org: OrgRepository,
    @Inject(UserRepository) private readonly users: UserRepository,
  ) {}

  async set(actor: { userId: string; role: string }, command: SetAbsenceCommand): Promise<Absence> {
    if (actor.role !== 'approver') {
      throw new ApplicationException(ErrorCode.Forbidden, `Only approvers delegate their tasks; you are ${actor.role}`);
    }
    const [delegate] = await this.users.findByUsernames([command.delegateUsername]);
    if (!delegate) {
      throw new ApplicationException(ErrorCode.ActionInvalid, `No such user: ${command.delegateUsername}`);
    }
    if (delegate.id === actor.userId) {
      throw new ApplicationException(ErrorCode.ActionInvalid, 'You cannot delegate to yourself');
    }
    if (delegate.role !== 'approver') {
      throw new ApplicationException(
        ErrorCode.ActionInvalid,
        `${command.delegateUsername} is not an approver and cannot take approval tasks`,
      );
    }
    if (command.endsAt.getTime() <= command.startsAt.getTime()) {
      throw new ApplicationException(ErrorCode.ValidationFailed, 'until must be after from');
    }
    if (command.endsAt.getTime() <= Date.now()) {
      throw new ApplicationException(ErrorCode.ValidationFailed, 'until must be in the future');
    }
    return this.org.setAbsence({
      userId: actor.userId,
      delegateId: delegate.id,
      startsAt: command.startsAt,
      endsAt: command.endsAt,
      reason: command.reason?.trim() || null,
    });
  }

  list(actor: { userId: string }): Promise<Absence[]> {
    return this.org.listAbsences(actor.userId);
  }

  clear(actor: { userId: string }): Promise<number> {
    return this.org.clearAbsences(actor.userId);
  }
}
