import type { OrgChainEntry } from '@aidflow/policy';
import type { OrgUnitEntity } from './org-unit.entity';
import type { Role, UserEntity } from './user.entity';

export interface UserWithSecret extends UserEntity {
  passwordHash: string;
}

export interface Absence {
  id: string;
  userId: string;
  userName: string;
  delegateId: string;
  delegateName: string;
  startsAt: Date;
  endsAt: Date;
  reason: string | null;
}

/** Port: the org tree. */
export abstract class OrgRepository {
  abstract findUnit(id: string): Promise<OrgUnitEntity | null>;
  /** Every unit: the city federation first, then districts, then grassroots unions, each by name. */
  abstract listUnits(): Promise<OrgUnitEntity[]>;
  /** The unit first, then its parent, up to the root. */
  abstract chainOf(unitId: string): Promise<OrgChainEntry[]>;
  /** True when `unitId` is `branchRootId` or lies below it. */
  abstract isWithinBranch(unitId: string, branchRootId: string): Promise<boolean>;
  abstract approversOf(
    unitIds: readonly string[],
  ): Promise<Array<{ id: string; name: string; orgUnitId: string; level: number }>>;
  /** Administrators: they take a level nobody is configured for. */
  abstract administrators(): Promise<Array<{ id: string; name: string }>>;
  /** Relatives of a user on file (four-eyes: they never approve that user's cases). */
  abstract relativesOf(userId: string): Promise<string[]>;
  /** Approvers away at `at`, with their delegate: tasks arriving then go to the delegate. */
  abstract absencesAt(userIds: readonly string[], at: Date): Promise<Absence[]>;
  abstract setAbsence(absence: Omit<Absence, 'id' | 'userName' | 'delegateName'>): Promise<Absence>;
  abstract clearAbsences(userId: string): Promise<number>;
  abstract listAbsences(userId: string): Promise<Absence[]>;
}

/** Port: people who log in. */
export abstract class UserRepository {
  abstract findById(id: string): Promise<UserEntity | null>;
  abstract findByIds(ids: readonly string[]): Promise<UserEntity[]>;
  abstract findByUsernames(usernames: readonly string[]): Promise<UserEntity[]>;
  abstract findForLogin(username: string): Promise<UserWithSecret | null>;
  abstract countByRole(role: Role): Promise<number>;
  /** Users by username, optionally of one role and/or one org unit. */
  abstract list(filter: { role?: Role; orgUnitId?: string }): Promise<UserEntity[]>;
}
