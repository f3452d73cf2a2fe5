import { Inject, Injectable } from '@nestjs/common';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import type { OrgUnitEntity } from './org-unit.entity';
import { OrgRepository, UserRepository } from './org.repository';
import type { Role, UserEntity } from './user.entity';

/** A user as the administrators' console lists them: no email, phone or password. */
export interface DirectoryUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  orgUnitId: string | null;
  approvalLevel: number | null;
  disabled: boolean;
}

/** The org tree (for every signed-in user: the branch filters and pickers) and the user list (administrators). */
@Injectable()
export class OrgDirectoryService {
  constructor(
    @Inject(OrgRepository) private readonly org: OrgRepository,
    @Inject(UserRepository) private readonly users: UserRepository,
  ) {}

  units(): Promise<OrgUnitEntity[]> {
    return this.org.listUnits();
  }

  async listUsers(actor: { role: Role }, filter: { role?: Role; orgUnitId?: string }): Promise<DirectoryUser[]> {
    if (actor.role !== 'admin') {
      throw new ApplicationException(ErrorCode.Forbidden, `Only administrators list users; you are ${actor.role}`);
    }
    return (await this.users.list(filter)).map(toDirectoryUser);
  }
}

function toDirectoryUser(u: UserEntity): DirectoryUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    orgUnitId: u.orgUnitId,
    approvalLevel: u.approvalLevel,
    disabled: u.disabledAt !== null,
  };
}
