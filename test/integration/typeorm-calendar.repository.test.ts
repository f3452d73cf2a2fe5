import { NoticeActivities } from '../../libs/activities/src/notice.activities';
import { TypeOrmPublicNoticeRepository } from '../../libs/applications/src/typeorm-public-notice.repository';
import { TypeOrmBudgetRepository } from '../../libs/budget/src/typeorm-budget.repository';
import { CalendarService, provisionalHolidayYear, TypeOrmCalendarRepository } from '../../libs/calendar/src';
import { CHINA_HOLIDAYS } from '@aidflow/workflows/calendar';
import { insertApplications, openRepositoryTestDatabase, seededIds } from '../support/repositories';
import type { RepositoryTestDatabase, SeededIds } from '../support/repositories';

/**
 * The business calendar on real PostgreSQL: the migration's shipped years, provisional years stored once whatever
 * the concurrency, official loads superseding (and keeping) what was there, and a public notice opened on
 * 2026-12-28 whose window crosses into a year with no official schedule.
 */

let t: RepositoryTestDatabase;
let ids: SeededIds;
let repository: TypeOrmCalendarRepository;

beforeAll(async () => {
  t = await openRepositoryTestDatabase();
  ids = await seededIds(t.dataSource);
  repository = new TypeOrmCalendarRepository(t.dataSource);
});

afterAll(async () => {
  await t?.close();
});

/** An instant written in China Standard Time. */
const cst = (local: string): Date => new Date(`${local}:00+08:00`);

const currentYears = async () =>
  (await repository.current()).map((r) => ({ year: r.year, kind: r.kind, source: r.source }));

describe('TypeOrmCalendarRepository', () => {
  it('holds the schedules shipped with the product, as official, after the migration', async () => {
    const shipped = CHINA_HOLIDAYS.map((y) => ({ year: y.year, kind: 'official', source: y.source }));
    expect((await currentYears()).filter((y) => y.year <= 2026)).toEqual(shipped);
    const [y2026] = await repository.history(2026);
    expect(y2026).toMatchObject({
      holidays: CHINA_HOLIDAYS[1].holidays,
      makeUpWorkdays: CHINA_HOLIDAYS[1].makeUpWorkdays,
    });
  });

  it('stores one provisional schedule for a year however many callers ask at once', async () => {
    const data = provisionalHolidayYear(2031);
    const rows = await Promise.all(Array.from({ length: 10 }, () => repository.ensureProvisional(data)));

    expect(new Set(rows.map((r) => r.id)).size).toBe(1);
    expect(await t.sql(`SELECT kind FROM business_calendar_years WHERE year = 2031`)).toEqual([
      { kind: 'provisional' },
    ]);
  });

  it('replaces the current schedule with an official load, keeping the old one superseded', async () => {
    await repository.ensureProvisional(provisionalHolidayYear(2032));
    const official = {
      year: 2032,
      source: 'test notice for 2032',
      holidays: [{ name: '元旦 New Year’s Day', from: '2032-01-01', to: '2032-01-03' }],
      makeUpWorkdays: [],
    };

    const first = await repository.loadOfficial(official, ids.users['admin'], 'first load');
    const second = await repository.loadOfficial({ ...official, source: 'corrected notice' }, ids.users['admin'], null);

    expect(first.replaced).toMatchObject({ kind: 'provisional', year: 2032 });
    expect(second.replaced).toMatchObject({ id: first.record.id, source: 'test notice for 2032' });
    const history = await repository.history(2032);
    expect(history.map((r) => [r.kind, r.source, r.supersededAt === null])).toEqual([
      ['provisional', provisionalHolidayYear(2032).source, false],
      ['official', 'test notice for 2032', false],
      ['official', 'corrected notice', true],
    ]);
    expect((await repository.current()).filter((r) => r.year === 2032)).toHaveLength(1);
  });
});

describe('a public notice opened on 2026-12-28', () => {
  it('closes on the provisional 2027 and records the provisional year on the notice and in the ledger', async () => {
    const calendar = new CalendarService(repository);
    const notices = new TypeOrmPublicNoticeRepository(t.dataSource);
    const activities = new NoticeActivities(notices, new TypeOrmBudgetRepository(t.dataSource), calendar);
    const [app] = await insertApplications(t.dataSource, ids, 1);

    const opened = await activities.openPublicNotice({
      applicationId: app.id,
      openedAt: cst('2026-12-28T10:00').toISOString(),
      window: { workingDays: 5 },
      amountFen: 500_000,
    });
    const again = await activities.openPublicNotice({
      applicationId: app.id,
      openedAt: cst('2026-12-28T11:00').toISOString(),
      window: { workingDays: 5 },
      amountFen: 500_000,
    });

    expect(opened).toEqual({
      openedAt: cst('2026-12-28T10:00').toISOString(),
      closesAt: cst('2027-01-05T10:00').toISOString(), // 元旦 on Fri 1 Jan skipped
      provisionalYears: [2027],
    });
    expect(again).toEqual(opened); // a retried activity keeps the first closing time
    const [notice] = await t.sql<{ provisional_calendar_years: number[] }>(
      `SELECT provisional_calendar_years FROM public_notices WHERE application_id = $1`,
      [app.id],
    );
    expect(notice.provisional_calendar_years).toEqual([2027]);
    const [entry] = await t.sql<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM ledger_entries WHERE application_id = $1 AND kind = 'notice_opened'`,
      [app.id],
    );
    expect(entry.payload).toMatchObject({ provisionalCalendarYears: [2027] });
    expect((await repository.history(2027)).map((r) => r.kind)).toEqual(['provisional']);
  });
});
