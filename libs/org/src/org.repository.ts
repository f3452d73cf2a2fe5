import type { OrgChainEntry } from '@aidflow/policy';
import type { OrgUnitEntity } from './org-unit.entity';
import type { Role, UserEntity } from './user.entity';

export interface UserWithSecret extends UserEntity {
  passwordHash: string;
}

/** Port: the org tree. */
export abstract class OrgRepository {
  abstract findUnit(id: string): Promise<OrgUnitEntity | null>;
  /** The unit first, then its parent, up to the root. */
  abstract chainOf(unitId: string): Promise<OrgChainEntry[]>;
  /** True when `unitId` is `branchRootId` or lies below it. */
  abstract isWithinBranch(unitId: string, branchRootId: string): Promise<boolean>;
  abstract approversOf(unitIds: readonly string[]): Promise<Array<{ id: string; orgUnitId: string; level: number }>>;
}

/** Port: people who log in. */
export abstract class UserRepository {
  abstract findById(id: string): Promise<UserEntity | null>;
  abstract findByIds(ids: readonly string[]): Promise<UserEntity[]>;
  abstract findByUsernames(usernames: readonly string[]): Promise<UserEntity[]>;
  abstract findForLogin(username: string): Promise<UserWithSecret | null>;
  abstract countByRole(role: Role): Promise<number>;
}
