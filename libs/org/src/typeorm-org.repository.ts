import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { OrgChainEntry } from '@aidflow/policy';
import { OrgUnitEntity } from './org-unit.entity';
import { OrgRepository, UserRepository } from './org.repository';
import type { UserWithSecret } from './org.repository';
import { UserEntity } from './user.entity';
import type { Role } from './user.entity';

@Injectable()
export class TypeOrmOrgRepository extends OrgRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {
    super();
  }

  findUnit(id: string): Promise<OrgUnitEntity | null> {
    return this.db.getRepository(OrgUnitEntity).findOneBy({ id });
  }

  async chainOf(unitId: string): Promise<OrgChainEntry[]> {
    const rows: Array<{ id: string; name: string; kind: OrgChainEntry['kind'] }> = await this.db.query(
      `WITH RECURSIVE chain AS (
         SELECT id, name, kind, parent_id, 0 AS depth FROM org_units WHERE id = $1
         UNION ALL
         SELECT o.id, o.name, o.kind, o.parent_id, c.depth + 1 FROM org_units o JOIN chain c ON o.id = c.parent_id
         WHERE c.depth < 32
       )
       SELECT id, name, kind FROM chain ORDER BY depth`,
      [unitId],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind }));
  }

  async isWithinBranch(unitId: string, branchRootId: string): Promise<boolean> {
    const chain = await this.chainOf(unitId);
    return chain.some((u) => u.id === branchRootId);
  }

  async approversOf(unitIds: readonly string[]): Promise<Array<{ id: string; orgUnitId: string; level: number }>> {
    if (unitIds.length === 0) return [];
    const users = await this.db.getRepository(UserEntity).find({
      where: { role: 'approver', orgUnitId: In([...unitIds]) },
      order: { username: 'ASC' },
    });
    return users.map((u) => ({ id: u.id, orgUnitId: u.orgUnitId!, level: u.approvalLevel! }));
  }
}

@Injectable()
export class TypeOrmUserRepository extends UserRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {
    super();
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.db.getRepository(UserEntity).findOneBy({ id });
  }

  findByUsernames(usernames: readonly string[]): Promise<UserEntity[]> {
    if (usernames.length === 0) return Promise.resolve([]);
    return this.db.getRepository(UserEntity).findBy({ username: In([...usernames]) });
  }

  findByIds(ids: readonly string[]): Promise<UserEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.getRepository(UserEntity).findBy({ id: In([...ids]) });
  }

  async findForLogin(username: string): Promise<UserWithSecret | null> {
    const user = await this.db
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :username', { username })
      .getOne();
    return user ?? null;
  }

  countByRole(role: Role): Promise<number> {
    return this.db.getRepository(UserEntity).countBy({ role });
  }
}
