import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { OrgChainEntry } from '@aidflow/policy';
import { OrgUnitEntity } from './org-unit.entity';
import { OrgRepository, UserRepository } from './org.repository';
import type { Absence } from './org.repository';
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

  listUnits(): Promise<OrgUnitEntity[]> {
    return this.db
      .getRepository(OrgUnitEntity)
      .createQueryBuilder('o')
      .orderBy(`CASE o.kind WHEN 'city' THEN 0 WHEN 'district' THEN 1 ELSE 2 END`)
      .addOrderBy('o.name')
      .getMany();
  }

  async chainOf(unitId: string): Promise<OrgChainEntry[]> {
    const rows: Array<{ id: string; name: string; kind: OrgChainEntry['kind']; code: string }> = await this.db.query(
      `WITH RECURSIVE chain AS (
         SELECT id, code, name, kind, parent_id, 0 AS depth FROM org_units WHERE id = $1
         UNION ALL
         SELECT o.id, o.code, o.name, o.kind, o.parent_id, c.depth + 1 FROM org_units o JOIN chain c ON o.id = c.parent_id
         WHERE c.depth < 32
       )
       SELECT id, code, name, kind FROM chain ORDER BY depth`,
      [unitId],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, code: r.code }));
  }

  async isWithinBranch(unitId: string, branchRootId: string): Promise<boolean> {
    const chain = await this.chainOf(unitId);
    return chain.some((u) => u.id === branchRootId);
  }

  async approversOf(
    unitIds: readonly string[],
  ): Promise<Array<{ id: string; name: string; orgUnitId: string; level: number }>> {
    if (unitIds.length === 0) return [];
    const users = await this.db.getRepository(UserEntity).find({
      where: { role: 'approver', orgUnitId: In([...unitIds]) },
      order: { username: 'ASC' },
    });
    return users.map((u) => ({ id: u.id, name: u.displayName, orgUnitId: u.orgUnitId!, level: u.approvalLevel! }));
  }

  async administrators(): Promise<Array<{ id: string; name: string }>> {
    const users = await this.db
      .getRepository(UserEntity)
      .find({ where: { role: 'admin' }, order: { username: 'ASC' } });
    // The system user records deadline actions; it is nobody's administrator.
    return users.filter((u) => u.username !== 'system').map((u) => ({ id: u.id, name: u.displayName }));
  }

  async relativesOf(userId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT relative_user_id AS id FROM user_relatives WHERE user_id = $1
       UNION SELECT user_id FROM user_relatives WHERE relative_user_id = $1`,
      [userId],
    );
    return rows.map((r) => r.id);
  }

  async absencesAt(userIds: readonly string[], at: Date): Promise<Absence[]> {
    if (userIds.length === 0) return [];
    return this.absences(`a.user_id = ANY ($1::uuid[]) AND a.starts_at <= $2 AND a.ends_at > $2`, [userIds, at]);
  }

  async setAbsence(absence: Omit<Absence, 'id' | 'userName' | 'delegateName'>): Promise<Absence> {
    const [row]: Array<{ id: string }> = await this.db.query(
      `INSERT INTO approver_absences (user_id, delegate_id, starts_at, ends_at, reason) VALUES ($1, $2, $3, $4, $5)
       RETURNING id`,
      [absence.userId, absence.delegateId, absence.startsAt, absence.endsAt, absence.reason],
    );
    return (await this.absences('a.id = $1', [row.id]))[0];
  }

  async clearAbsences(userId: string): Promise<number> {
    const result: [unknown[], number] = await this.db.query(
      `DELETE FROM approver_absences WHERE user_id = $1 AND ends_at > now()`,
      [userId],
    );
    return result[1];
  }

  listAbsences(userId: string): Promise<Absence[]> {
    return this.absences('a.user_id = $1 AND a.ends_at > now()', [userId]);
  }

  private async absences(where: string, params: unknown[]): Promise<Absence[]> {
    const rows = await this.db.query<
      Array<{
        id: string;
        user_id: string;
        user_name: string;
        delegate_id: string;
        delegate_name: string;
        starts_at: Date;
        ends_at: Date;
        reason: string | null;
      }>
    >(
      `SELECT a.id, a.user_id, u.display_name AS user_name, a.delegate_id, d.display_name AS delegate_name,
              a.starts_at, a.ends_at, a.reason
       FROM approver_absences a JOIN users u ON u.id = a.user_id JOIN users d ON d.id = a.delegate_id
       WHERE ${where} ORDER BY a.starts_at`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      userName: r.user_name,
      delegateId: r.delegate_id,
      delegateName: r.delegate_name,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      reason: r.reason ?? null,
    }));
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

  list(filter: { role?: Role; orgUnitId?: string }): Promise<UserEntity[]> {
    return this.db.getRepository(UserEntity).find({
      where: {
        ...(filter.role ? { role: filter.role } : {}),
        ...(filter.orgUnitId ? { orgUnitId: filter.orgUnitId } : {}),
      },
      order: { username: 'ASC' },
    });
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
