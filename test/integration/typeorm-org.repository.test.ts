import { randomUUID } from 'node:crypto';
import { verifyPassword } from '../../libs/org/src/password';
import { TypeOrmOrgRepository, TypeOrmUserRepository } from '../../libs/org/src/typeorm-org.repository';
import { DEMO_PASSWORD } from '../../scripts/lib/seed';
import { openRepositoryTestDatabase, seededIds } from '../support/repositories';
import type { RepositoryTestDatabase, SeededIds } from '../support/repositories';

let t: RepositoryTestDatabase;
let ids: SeededIds;
let org: TypeOrmOrgRepository;
let users: TypeOrmUserRepository;

beforeAll(async () => {
  t = await openRepositoryTestDatabase();
  ids = await seededIds(t.dataSource);
  org = new TypeOrmOrgRepository(t.dataSource);
  users = new TypeOrmUserRepository(t.dataSource);
});

afterAll(async () => {
  await t?.close();
});

describe('TypeOrmOrgRepository.chainOf', () => {
  it('returns a grassroots unit, then its district, then the city', async () => {
    const chain = await org.chainOf(ids.units['G-EAST-1']);

    expect(chain.map((u) => [u.id, u.kind])).toEqual([
      [ids.units['G-EAST-1'], 'grassroots'],
      [ids.units['D-EAST'], 'district'],
      [ids.units['CITY'], 'city'],
    ]);
    expect(chain[0].name).toContain('East No.1 Machinery Works Union');
  });

  it('returns the city alone for the root', async () => {
    expect((await org.chainOf(ids.units['CITY'])).map((u) => u.id)).toEqual([ids.units['CITY']]);
  });

  it('returns an empty chain for an unknown unit', async () => {
    expect(await org.chainOf(randomUUID())).toEqual([]);
  });
});

describe('TypeOrmOrgRepository.isWithinBranch', () => {
  it('counts a unit as within its own branch', async () => {
    expect(await org.isWithinBranch(ids.units['G-EAST-1'], ids.units['G-EAST-1'])).toBe(true);
  });

  it('counts descendants as within the branch of their district and of the city', async () => {
    expect(await org.isWithinBranch(ids.units['G-EAST-2'], ids.units['D-EAST'])).toBe(true);
    expect(await org.isWithinBranch(ids.units['G-WEST-1'], ids.units['CITY'])).toBe(true);
    expect(await org.isWithinBranch(ids.units['D-WEST'], ids.units['CITY'])).toBe(true);
  });

  it('does not count a unit of a sibling branch', async () => {
    expect(await org.isWithinBranch(ids.units['G-EAST-1'], ids.units['D-WEST'])).toBe(false);
    expect(await org.isWithinBranch(ids.units['G-EAST-1'], ids.units['G-EAST-2'])).toBe(false);
  });

  it('does not count an ancestor as within the branch of its descendant', async () => {
    expect(await org.isWithinBranch(ids.units['D-EAST'], ids.units['G-EAST-1'])).toBe(false);
    expect(await org.isWithinBranch(ids.units['CITY'], ids.units['D-EAST'])).toBe(false);
  });
});

describe('TypeOrmOrgRepository.approversOf', () => {
  it('returns the seeded approvers of the chain with their levels, and no other role', async () => {
    const approvers = await org.approversOf([ids.units['G-EAST-1'], ids.units['D-EAST'], ids.units['CITY']]);

    expect(approvers).toEqual(
      expect.arrayContaining([
        { id: ids.users['approver-g-east-1'], name: '赵敏', orgUnitId: ids.units['G-EAST-1'], level: 1 },
        { id: ids.users['approver-d-east'], name: '吴刚', orgUnitId: ids.units['D-EAST'], level: 2 },
        { id: ids.users['approver-city'], name: '冯涛', orgUnitId: ids.units['CITY'], level: 3 },
        { id: ids.users['leader-city'], name: '卫领导', orgUnitId: ids.units['CITY'], level: 4 },
      ]),
    );
    expect(approvers).toHaveLength(4); // not applicant1 (G-EAST-1), auditor1 or admin1 (CITY)
  });

  it('returns no approvers of units outside the given ones', async () => {
    const approvers = await org.approversOf([ids.units['D-WEST']]);

    expect(approvers).toEqual([
      { id: ids.users['approver-d-west'], name: '郑芳', orgUnitId: ids.units['D-WEST'], level: 2 },
    ]);
  });

  it('returns nothing for no units', async () => {
    expect(await org.approversOf([])).toEqual([]);
  });
});

describe('TypeOrmUserRepository', () => {
  it('returns the password hash to findForLogin, and it verifies the seeded password', async () => {
    const user = await users.findForLogin('approver-city');

    expect(user).toMatchObject({ id: ids.users['approver-city'], username: 'approver-city', role: 'approver' });
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(DEMO_PASSWORD, user!.passwordHash)).toBe(true);
    expect(await verifyPassword('not-the-password', user!.passwordHash)).toBe(false);
  });

  it('returns null to findForLogin for an unknown username', async () => {
    expect(await users.findForLogin('nobody')).toBeNull();
  });

  it('does not select the password hash in findById or findByIds', async () => {
    const user = await users.findById(ids.users['applicant1']);
    const [listed] = await users.findByIds([ids.users['applicant1']]);

    expect(user).toMatchObject({ username: 'applicant1', displayName: '王建国', orgUnitId: ids.units['G-EAST-1'] });
    expect(user!.passwordHash).toBeUndefined();
    expect(listed).toMatchObject({ username: 'applicant1' });
    expect(listed.passwordHash).toBeUndefined();
  });

  it('counts the seeded users by role', async () => {
    expect(await users.countByRole('approver')).toBe(8);
    expect(await users.countByRole('applicant')).toBe(3);
  });
});
