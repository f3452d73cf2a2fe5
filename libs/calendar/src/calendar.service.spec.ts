import { ApplicationException } from '@aidflow/common';
import { CHINA_HOLIDAYS } from '@aidflow/workflows/calendar';
import type { HolidayYear } from '@aidflow/workflows/calendar';
import { alertStage } from './calendar-alerts.service';
import { CalendarRepository } from './calendar.repository';
import type { CalendarYearRecord } from './calendar.repository';
import { CalendarService } from './calendar.service';
import { provisionalHolidayYear } from './provisional-calendar';

/** In-memory port: the same contract as the TypeORM adapter (one current row per year, earlier ones superseded). */
class InMemoryCalendarRepository extends CalendarRepository {
  rows: CalendarYearRecord[] = [];
  private seq = 0;

  constructor(years: readonly HolidayYear[]) {
    super();
    for (const y of years) this.insert(y, y.kind ?? 'official', null);
  }

  private insert(data: HolidayYear, kind: 'official' | 'provisional', loadedBy: string | null): CalendarYearRecord {
    const row: CalendarYearRecord = {
      ...data,
      kind,
      id: `row-${++this.seq}`,
      note: null,
      loadedBy,
      loadedAt: new Date(Date.UTC(2026, 0, 1) + this.seq * 1000),
      supersededAt: null,
    };
    this.rows.push(row);
    return row;
  }

  current(): Promise<CalendarYearRecord[]> {
    return Promise.resolve(this.rows.filter((r) => r.supersededAt === null).sort((a, b) => a.year - b.year));
  }

  history(year: number): Promise<CalendarYearRecord[]> {
    return Promise.resolve(this.rows.filter((r) => r.year === year));
  }

  loadOfficial(data: HolidayYear, loadedBy: string | null) {
    const replaced = this.rows.find((r) => r.year === data.year && r.supersededAt === null) ?? null;
    if (replaced) replaced.supersededAt = new Date();
    return Promise.resolve({ record: this.insert(data, 'official', loadedBy), replaced });
  }

  ensureProvisional(data: HolidayYear): Promise<CalendarYearRecord> {
    const current = this.rows.find((r) => r.year === data.year && r.supersededAt === null);
    return Promise.resolve(current ?? this.insert(data, 'provisional', null));
  }
}

/** An instant written in China Standard Time. */
const cst = (local: string): Date => new Date(`${local}:00+08:00`);

const serviceWith = (years: readonly HolidayYear[] = CHINA_HOLIDAYS) => {
  const repository = new InMemoryCalendarRepository(years);
  return { repository, service: new CalendarService(repository) };
};

describe('CalendarService across a year with no official schedule', () => {
  it('times a 5-working-day window opened 2026-12-28 on a provisional 2027, and says so', async () => {
    const { repository, service } = serviceWith();

    const closing = await service.addDuration(cst('2026-12-28T10:00'), { workingDays: 5 });

    // Tue 29, Wed 30, Thu 31; Fri 1 Jan is 元旦; Mon 4, Tue 5 Jan.
    expect(closing.value).toEqual(cst('2027-01-05T10:00'));
    expect(closing.provisionalYears).toEqual([2027]);
    const stored = repository.rows.filter((r) => r.year === 2027);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ kind: 'provisional', holidays: provisionalHolidayYear(2027).holidays });
  });

  it('reaches into 2028 with a window long enough, naming both provisional years', async () => {
    const { repository, service } = serviceWith();

    const closing = await service.addDuration(cst('2026-12-28T10:00'), { workingDays: 300 });

    expect(closing.value.getTime()).toBeGreaterThan(cst('2028-01-01T00:00').getTime());
    expect(closing.provisionalYears).toEqual([2027, 2028]);
    expect((await repository.current()).map((r) => [r.year, r.kind])).toEqual([
      [2025, 'official'],
      [2026, 'official'],
      [2027, 'provisional'],
      [2028, 'provisional'],
    ]);
  });

  it('flags nothing for a window inside the official years', async () => {
    const { repository, service } = serviceWith();

    const closing = await service.addDuration(cst('2026-12-21T10:00'), { workingDays: 5 });

    expect(closing).toEqual({ value: cst('2026-12-28T10:00'), provisionalYears: [] });
    expect(repository.rows.map((r) => r.year)).toEqual([2025, 2026]);
  });

  it('plans a level deadline and its reminder across the year on the provisional year', async () => {
    const { service } = serviceWith();

    const plan = await service.planDeadline(cst('2026-12-30T15:00'), {
      due: { workingDays: 3 },
      remindBefore: { workingDays: 1 },
      onDue: 'remind',
    });

    // Thu 31, (Fri 1 元旦), Mon 4, Tue 5; the reminder one working day before.
    expect(plan).toEqual({
      dueAt: cst('2027-01-05T15:00').toISOString(),
      remindAt: cst('2027-01-04T15:00').toISOString(),
      provisionalYears: [2027],
    });
  });

  it('uses the official schedule once an administrator loads it, keeping the provisional one as superseded', async () => {
    const { repository, service } = serviceWith();
    await service.addDuration(cst('2026-12-28T10:00'), { workingDays: 5 });

    const { record, replaced } = await service.load(
      {
        year: 2027,
        source: 'test notice for 2027',
        holidays: [{ name: '元旦 New Year’s Day', from: '2027-01-01', to: '2027-01-03' }],
        makeUpWorkdays: [],
      },
      'admin-1',
    );
    const closing = await service.addDuration(cst('2026-12-28T10:00'), { workingDays: 5 });

    expect(record).toMatchObject({ year: 2027, kind: 'official', loadedBy: 'admin-1' });
    expect(replaced).toMatchObject({ year: 2027, kind: 'provisional' });
    expect(closing).toEqual({ value: cst('2027-01-05T10:00'), provisionalYears: [] });
    expect(repository.rows.filter((r) => r.year === 2027).map((r) => [r.kind, r.supersededAt === null])).toEqual([
      ['provisional', false],
      ['official', true],
    ]);
  });
});

describe('CalendarService.load', () => {
  const refusal = async (input: Parameters<CalendarService['load']>[0]) => {
    const { service, repository } = serviceWith();
    const err = await service.load(input, null).catch((e: unknown) => e);
    expect(repository.rows).toHaveLength(2); // nothing stored
    return err as ApplicationException;
  };

  it('refuses a make-up day that is not a weekend day, naming the entry, and stores nothing', async () => {
    const err = await refusal({
      year: 2027,
      source: 'test',
      holidays: [{ name: '春节 Spring Festival', from: '2027-02-05', to: '2027-02-11' }],
      makeUpWorkdays: ['2027-02-15'],
    });
    expect(err).toBeInstanceOf(ApplicationException);
    expect(err).toMatchObject({ code: 'CALENDAR_INVALID' });
    expect(err.message).toBe(
      'Invalid business calendar data, 2027 makeUpWorkdays[0] "2027-02-15": a make-up working day must be a ' +
        'Saturday or Sunday, not a Monday',
    );
  });

  it('refuses holidays outside the year, an empty list and an empty source', async () => {
    expect(
      (
        await refusal({
          year: 2027,
          source: 'test',
          holidays: [{ name: '国庆节 National Day', from: '2028-10-01', to: '2028-10-07' }],
          makeUpWorkdays: [],
        })
      ).message,
    ).toBe('Invalid business calendar data, 2027 holiday "国庆节 National Day": 2028-10-01 is not in 2027');
    expect((await refusal({ year: 2027, source: 'test', holidays: [], makeUpWorkdays: [] })).message).toBe(
      "holidays of 2027 is empty: list the notice's holidays",
    );
    expect(
      (
        await refusal({
          year: 2027,
          source: '  ',
          holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-01' }],
          makeUpWorkdays: [],
        })
      ).message,
    ).toBe('Invalid business calendar data, year 2027: source is empty: name the notice the schedule comes from');
  });
});

describe('CalendarService.status', () => {
  it('is ok more than 60 days before the official calendar ends', async () => {
    const status = await serviceWith().service.status(cst('2026-10-31T12:00'));
    expect(status).toMatchObject({ health: 'ok', lastOfficialYear: 2026, daysLeft: 61, warning: null });
  });

  it('warns from 60 days before, naming the date, the year to load and how', async () => {
    const status = await serviceWith().service.status(cst('2026-12-07T12:00'));
    expect(status).toMatchObject({ health: 'expiring', officialUntil: '2026-12-31', daysLeft: 24 });
    expect(status.warning).toBe(
      'The official business calendar ends on 2026-12-31 (in 24 days): deadlines reaching into 2027 will run on a ' +
        'provisional schedule (flagged on each case) until you load the State Council holiday notice for 2027 ' +
        '(PUT /calendar/years/2027 or npm run calendar -- load <file>)',
    );
  });

  it('is expired once the year has begun without an official schedule, and lists the provisional years', async () => {
    const { service } = serviceWith([...CHINA_HOLIDAYS, provisionalHolidayYear(2027)]);
    const status = await service.status(cst('2027-01-04T09:00'));
    expect(status).toMatchObject({
      health: 'expired',
      lastOfficialYear: 2026,
      daysLeft: -4,
      provisionalYears: [2027],
    });
    expect(status.warning).toContain('ended on 2026-12-31');
  });

  it('counts the official reach up to the first gap, not the highest year loaded', async () => {
    const official2028: HolidayYear = {
      year: 2028,
      source: 'test',
      holidays: [{ name: '元旦', from: '2028-01-01', to: '2028-01-01' }],
      makeUpWorkdays: [],
    };
    const status = await serviceWith([...CHINA_HOLIDAYS, official2028]).service.status(cst('2026-12-07T12:00'));
    expect(status).toMatchObject({ health: 'expiring', lastOfficialYear: 2026 });
  });
});

describe('alertStage', () => {
  it('is 60d, then 14d, then ended; nothing earlier', () => {
    expect([61, 60, 15, 14, 0, -1].map(alertStage)).toEqual([null, '60d', '60d', '14d', '14d', 'ended']);
    expect(alertStage(null)).toBe('ended');
  });
});
