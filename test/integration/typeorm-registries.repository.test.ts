import { ApplicationException, ErrorCode } from '../../libs/common/src';
import { TypeOrmOrgRepository, TypeOrmUserRepository } from '../../libs/org/src/typeorm-org.repository';
import { ProgramsService } from '../../libs/programs/src/programs.service';
import { TypeOrmProgramsRepository } from '../../libs/programs/src/typeorm-programs.repository';
import type { HouseholdFileFacts } from '../../libs/registries/src/household-file.entity';
import { RegistriesService } from '../../libs/registries/src/registries.service';
import { TypeOrmRegistriesRepository } from '../../libs/registries/src/typeorm-registries.repository';
import { insertApplications, openRepositoryTestDatabase, seededIds } from '../support/repositories';
import type { RepositoryTestDatabase, SeededIds } from '../support/repositories';

let t: RepositoryTestDatabase;
let ids: SeededIds;
let repo: TypeOrmRegistriesRepository;
let service: RegistriesService;
const year = new Date().getUTCFullYear();
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  t = await openRepositoryTestDatabase({ poolSize: 3 });
  ids = await seededIds(t.dataSource);
  repo = new TypeOrmRegistriesRepository(t.dataSource);
  service = new RegistriesService(
    repo,
    new TypeOrmOrgRepository(t.dataSource),
    new TypeOrmUserRepository(t.dataSource),
    new ProgramsService(new TypeOrmProgramsRepository(t.dataSource)),
  );
});

afterAll(async () => {
  await t?.close();
});

function facts(overrides: Partial<HouseholdFileFacts> = {}): HouseholdFileFacts {
  return {
    householdSize: 3,
    annualIncomeFen: 2_400_000,
    unavoidableCostsFen: 0,
    accidentCostsFen: 0,
    perCapitaMonthlyIncomeFen: 66_666,
    reasons: ['deep hardship'],
    policyVersion: ids.policyVersion,
    note: null,
    ...overrides,
  };
}

function fileFor(username: string, unit: keyof SeededIds['units']) {
  return {
    headUserId: ids.users[username],
    orgUnitId: ids.units[unit],
    tier: 'deep' as const,
    facts: facts(),
    standardId: ids.standardId,
    filedOn: today,
    filedBy: ids.users['approver-g-east-1'],
  };
}

async function failureOf(promise: Promise<unknown>): Promise<{ code: ErrorCode | 'resolved'; message: string }> {
  try {
    await promise;
    return { code: 'resolved', message: '' };
  } catch (err) {
    if (err instanceof ApplicationException) return { code: err.code, message: err.message };
    throw err;
  }
}

async function codeOf(promise: Promise<unknown>): Promise<ErrorCode | 'resolved'> {
  return (await failureOf(promise)).code;
}

describe('TypeOrmRegistriesRepository: household files (一户一档)', () => {
  it('numbers files per year, keeps one open file per head, and writes a filed event with the file', async () => {
    const file = await repo.createFile(fileFor('applicant2', 'G-WEST-1'));
    expect(file.fileNo).toBe(`HF-${year}-000001`);
    expect(file).toMatchObject({ status: 'open', tier: 'deep', filedOn: today, verifiedOn: today, householdSize: 3 });

    expect((await repo.openFileOfHead(ids.users['applicant2']))?.id).toBe(file.id);
    expect(await repo.openFileOfHead(ids.users['applicant3'])).toBeNull();
    const events = await repo.fileEvents(file.id);
    expect(events.map((e) => [e.kind, e.tier])).toEqual([['filed', 'deep']]);

    const second = await failureOf(repo.createFile(fileFor('applicant2', 'G-WEST-1')));
    expect(second.code).toBe(ErrorCode.HouseholdFileExists);
    expect(second.message).toContain(file.fileNo);
    const [{ count }] = await t.sql<{ count: string }>(`SELECT count(*) FROM household_files WHERE head_user_id = $1`, [
      ids.users['applicant2'],
    ]);
    expect(Number(count)).toBe(1);
  });

  it('answers the submission lookups with the open file: number, tier, dates and uuid', async () => {
    const file = (await repo.openFileOfHead(ids.users['applicant2']))!;
    expect(await service.householdFileOf(ids.users['applicant2'])).toEqual({
      fileId: file.fileNo,
      tier: 'deep',
      filedOn: today,
      verifiedOn: today,
    });
    expect(await service.householdFileIdOf(ids.users['applicant2'])).toBe(file.id);
    expect(await service.householdFileOf(ids.users['applicant3'])).toBeNull();
    expect(await service.householdFileIdOf(ids.users['applicant3'])).toBeNull();
  });

  it('re-verifies (same tier: verified, other tier: retiered) and closes as recovered when no tier is met', async () => {
    const file = (await repo.openFileOfHead(ids.users['applicant2']))!;
    const actorId = ids.users['approver-g-east-1'];
    const base = { standardId: ids.standardId, verifiedOn: today, actorId };
    await repo.verifyFile(file.id, { ...base, tier: 'deep', facts: facts({ householdSize: 4 }) });
    const retiered = await repo.verifyFile(file.id, { ...base, tier: 'relative', facts: facts() });
    expect(retiered).toMatchObject({ tier: 'relative', status: 'open' });
    const closed = await repo.verifyFile(file.id, {
      ...base,
      tier: null,
      facts: facts({ annualIncomeFen: 9_000_000 }),
    });
    expect(closed).toMatchObject({ status: 'closed', closedReason: 'recovered', closedOn: today, tier: 'relative' });

    const events = await repo.fileEvents(file.id);
    expect(events.map((e) => e.kind)).toEqual(['filed', 'verified', 'retiered', 'closed']);
    expect(events[2].note).toContain('deep -> relative');
    expect(events[3].note).toContain('recovered');
    expect(await repo.openFileOfHead(ids.users['applicant2'])).toBeNull();
    expect(await service.householdFileOf(ids.users['applicant2'])).toBeNull();
    expect(await codeOf(repo.verifyFile(file.id, { ...base, tier: 'deep', facts: facts() }))).toBe(
      ErrorCode.HouseholdFileClosed,
    );
  });

  it('closes a file with its reason (退档) and lets the household be filed again under a new number', async () => {
    const file = await repo.createFile(fileFor('applicant2', 'G-WEST-1'));
    expect(file.fileNo).toBe(`HF-${year}-000002`);
    const closed = await repo.closeFile(file.id, {
      reason: '迁出本市 moved away',
      closedOn: today,
      actorId: ids.users['admin1'],
    });
    expect(closed).toMatchObject({ status: 'closed', closedReason: '迁出本市 moved away', closedOn: today });
    expect((await repo.fileEvents(file.id)).map((e) => e.kind)).toEqual(['filed', 'closed']);
    expect(
      await codeOf(repo.closeFile(file.id, { reason: 'again', closedOn: today, actorId: ids.users['admin1'] })),
    ).toBe(ErrorCode.HouseholdFileClosed);
  });

  it('lists files newest first, limited to a branch and a status', async () => {
    const west = await repo.createFile(fileFor('applicant3', 'G-WEST-2'));
    const all = await repo.listFiles({ page: 1, pageSize: 50 });
    expect(all.total).toBe(4); // the seeded HF-DEMO-000001 of applicant1 (East) and three filed here (West)
    expect(all.items[0].id).toBe(west.id);
    const westOpen = await repo.listFiles({ branchRootId: ids.units['D-WEST'], status: 'open', page: 1, pageSize: 50 });
    expect(westOpen.items.map((f) => f.fileNo)).toEqual([west.fileNo]);
    const westClosed = await repo.listFiles({
      branchRootId: ids.units['D-WEST'],
      status: 'closed',
      page: 1,
      pageSize: 50,
    });
    expect(westClosed.total).toBe(2);
    const east = await repo.listFiles({ branchRootId: ids.units['G-EAST-1'], page: 1, pageSize: 50 });
    expect(east.items.map((f) => [f.fileNo, f.headUsername])).toEqual([['HF-DEMO-000001', 'applicant1']]);
    const page2 = await repo.listFiles({ page: 2, pageSize: 3 });
    expect(page2.items).toHaveLength(1);
    expect(page2.total).toBe(4);
  });
});

describe('TypeOrmRegistriesRepository: model workers and medical enrolments', () => {
  it('finds the active entry linked to a user, not a deactivated one, and refuses a second entry per user', async () => {
    const entry = await repo.createModelWorker({
      userId: ids.users['applicant2'],
      name: '李劳模',
      honourLevel: 'provincial',
      workStatus: 'working',
      orgUnitId: ids.units['G-WEST-1'],
      awardedYear: 2015,
    });
    expect(entry).toMatchObject({ orgUnitCode: 'G-WEST-1', username: 'applicant2', active: true });
    expect(await service.modelWorkerOf(ids.users['applicant2'])).toEqual({
      entryId: entry.id,
      honourLevel: 'provincial',
      workStatus: 'working',
    });
    const second = await failureOf(
      repo.createModelWorker({
        userId: ids.users['applicant2'],
        name: '李劳模',
        honourLevel: 'city',
        workStatus: 'working',
        orgUnitId: ids.units['G-WEST-1'],
        awardedYear: 2016,
      }),
    );
    expect(second.code).toBe(ErrorCode.ModelWorkerExists);
    expect(second.message).toContain(entry.id);

    const retired = await repo.updateModelWorker(entry.id, { workStatus: 'retired' });
    expect(retired).toMatchObject({ workStatus: 'retired', active: true });
    await repo.updateModelWorker(entry.id, { active: false });
    expect(await service.modelWorkerOf(ids.users['applicant2'])).toBeNull();
    // Entries linked to users (the demo registry also holds model workers without an account).
    const linked = <T extends { userId: string | null }>(rows: T[]): T[] => rows.filter((m) => m.userId !== null);
    expect(linked(await repo.listModelWorkers({ branchRootId: ids.units['D-EAST'] }))).toEqual([]);
    const west = linked(await repo.listModelWorkers({ branchRootId: ids.units['G-WEST-1'] }));
    expect(west.map((m) => [m.id, m.active])).toEqual([[entry.id, false]]);
  });

  it('answers the enrolment covering a date, else the latest one, and refuses a second enrolment per year', async () => {
    const member = ids.users['applicant1'];
    const enrol = (coverageYear: number) =>
      repo.createEnrolment({
        userId: member,
        coverageYear,
        unitOrgId: ids.units['G-EAST-1'],
        enrolledOn: `${coverageYear - 1}-12-15`,
        coverageFrom: `${coverageYear}-01-01`,
        coverageTo: `${coverageYear}-12-31`,
      });
    const earlier = await enrol(2025);
    const later = await enrol(2026);
    expect(later).toMatchObject({ username: 'applicant1', unitCode: 'G-EAST-1', coverageFrom: '2026-01-01' });

    expect(await service.medicalEnrolmentOn(member, '2025-06-30')).toEqual({
      enrolmentId: earlier.id,
      coverageFrom: '2025-01-01',
      coverageTo: '2025-12-31',
      enrolledOn: '2024-12-15',
    });
    expect((await service.medicalEnrolmentOn(member, '2026-02-01'))?.enrolmentId).toBe(later.id);
    // Outside every coverage: the latest enrolment, so the rule can say the date is not covered.
    expect((await service.medicalEnrolmentOn(member, '2027-03-01'))?.enrolmentId).toBe(later.id);
    expect(await service.medicalEnrolmentOn(ids.users['applicant3'], '2026-02-01')).toBeNull();

    const second = await failureOf(enrol(2026));
    expect(second.code).toBe(ErrorCode.AlreadyEnrolled);
    expect(second.message).toContain(later.id);
    expect((await repo.listEnrolments({ userId: member, year: 2026 })).map((e) => e.id)).toEqual([later.id]);
    expect(await repo.listEnrolments({ userId: member, branchRootId: ids.units['D-WEST'] })).toEqual([]);
  });
});

describe('TypeOrmRegistriesRepository: usage reports', () => {
  it('stores one report per application and appends it to the case ledger in the same transaction', async () => {
    const [app] = await insertApplications(t.dataSource, ids, 1, {
      status: 'approved',
      applicantUserId: ids.users['approver-g-east-1'],
    });
    await t.sql(`UPDATE applications SET granted_amount_fen = 500000 WHERE id = $1`, [app.id]);
    expect(await repo.reportedCase(app.id)).toMatchObject({
      status: 'approved',
      grantedAmountFen: 500_000,
      applicantUserId: ids.users['approver-g-east-1'],
    });

    const report = await repo.createUsageReport({
      applicationId: app.id,
      reportedBy: ids.users['approver-g-east-1'],
      reporterName: '东城基层审批人',
      items: [{ purpose: 'books', amountFen: 300_000 }],
      totalFen: 300_000,
      note: null,
    });
    expect(report).toMatchObject({ applicationId: app.id, totalFen: 300_000 });
    expect(await repo.findUsageReport(app.id)).toMatchObject({ id: report.id, items: [{ purpose: 'books' }] });
    const ledger = await t.sql<{ kind: string; payload: { verb: string } }>(
      `SELECT kind, payload FROM ledger_entries WHERE application_id = $1 AND kind = 'action'`,
      [app.id],
    );
    expect(ledger.map((e) => [e.kind, e.payload.verb])).toEqual([['action', 'usage_report']]);

    await expect(
      repo.createUsageReport({
        applicationId: app.id,
        reportedBy: ids.users['admin1'],
        reporterName: 'admin',
        items: [],
        totalFen: 0,
        note: null,
      }),
    ).rejects.toMatchObject({ code: ErrorCode.UsageReportExists });
    expect(await repo.findUsageReport(app.id)).toMatchObject({ id: report.id });
    expect(await repo.reportedCase('00000000-0000-0000-0000-000000000000')).toBeNull();
  });
});
