import { BusinessCalendar, CalendarDataError, CalendarYearMissingError, CHINA_HOLIDAYS } from './index';
import type { HolidayYear } from './index';

const calendar = new BusinessCalendar();

/** An instant written in China Standard Time. */
const cst = (local: string): Date => new Date(`${local}:00+08:00`);

/** Every 'YYYY-MM-DD' from `from` to `to`, both included. */
function datesFrom(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let ms = Date.parse(`${from}T00:00:00Z`); ms <= Date.parse(`${to}T00:00:00Z`); ms += 86_400_000) {
    dates.push(new Date(ms).toISOString().slice(0, 10));
  }
  return dates;
}

const weekdayOf = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

const caught = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to throw');
};

describe('China holiday data (State Council notices)', () => {
  it('covers 2025 and 2026', () => {
    expect(calendar.coveredYears).toEqual(expect.arrayContaining([2025, 2026]));
  });

  it('puts every make-up working day on a Saturday or Sunday, and counts it as a working day', () => {
    const makeUps = CHINA_HOLIDAYS.flatMap((y) => y.makeUpWorkdays);
    expect(makeUps).toHaveLength(11);
    for (const date of makeUps) {
      expect([date, [0, 6].includes(weekdayOf(date))]).toEqual([date, true]);
      expect([date, calendar.isWorkingDay(date)]).toEqual([date, true]);
    }
  });

  it('has consistent holiday ranges, and counts every holiday day as a non-working day', () => {
    for (const { holidays } of CHINA_HOLIDAYS) {
      for (const holiday of holidays) {
        expect(holiday.from <= holiday.to).toBe(true);
        const days = datesFrom(holiday.from, holiday.to);
        expect(days.length).toBeGreaterThan(0);
        for (const date of days)
          expect([holiday.name, date, calendar.isWorkingDay(date)]).toEqual([holiday.name, date, false]);
      }
    }
  });

  it('has the holiday lengths of the notices: Spring Festival 8 and 9 days, National Day 8 and 7', () => {
    const length = (year: number, name: string): number => {
      const holiday = CHINA_HOLIDAYS.find((y) => y.year === year)?.holidays.find((h) => h.name.includes(name));
      return holiday ? datesFrom(holiday.from, holiday.to).length : 0;
    };
    expect(length(2025, '春节')).toBe(8);
    expect(length(2026, '春节')).toBe(9);
    expect(length(2025, '国庆')).toBe(8);
    expect(length(2026, '国庆')).toBe(7);
  });

  it('has 248 working days in 2025 and in 2026', () => {
    // 2025: 261 weekdays - 18 holiday weekdays + 5 make-up days = 248 (the figure published for 2025).
    expect(calendar.workingDaysBetween(cst('2025-01-01T00:00'), cst('2026-01-01T00:00'))).toBe(248);
    // 2026: 261 weekdays - 19 holiday weekdays (Jan 1-2, Feb 16-20 and 23, Apr 6, May 1, 4, 5, Jun 19, Sep 25,
    // Oct 1, 2, 5, 6, 7) + 6 make-up days = 248.
    expect(calendar.workingDaysBetween(cst('2026-01-01T00:00'), cst('2027-01-01T00:00'))).toBe(248);
  });
});

describe('isWorkingDay', () => {
  it('is true Monday to Friday and false on weekends in an ordinary week', () => {
    expect(datesFrom('2025-03-03', '2025-03-09').map((d) => calendar.isWorkingDay(d))).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('reads an instant as a date in China time, not UTC', () => {
    // Saturday 01:00 in Beijing is still Friday 17:00 in UTC.
    const saturdayEarly = cst('2025-03-08T01:00');
    expect(calendar.isWorkingDay(saturdayEarly)).toBe(false);
    expect(new BusinessCalendar({ utcOffsetMinutes: 0 }).isWorkingDay(saturdayEarly)).toBe(true);
  });

  it('rejects a string that is not a calendar date', () => {
    expect(() => calendar.isWorkingDay('2025-02-30')).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('2025-3-1')).toThrow('Not a calendar date');
  });
});

describe('addWorkingDays', () => {
  it('counts a Sunday make-up day: Fri 2025-01-24 + 1 = Sun 2025-01-26', () => {
    expect(calendar.addWorkingDays(cst('2025-01-24T10:00'), 1)).toEqual(cst('2025-01-26T10:00'));
  });

  it('counts a Saturday make-up day: Fri 2026-02-13 + 1 = Sat 2026-02-14', () => {
    expect(calendar.addWorkingDays(cst('2026-02-13T16:30'), 1)).toEqual(cst('2026-02-14T16:30'));
  });

  it('skips the 2025 National Day holiday: Tue 2025-09-30 + 1 = Thu 2025-10-09', () => {
    expect(calendar.addWorkingDays(cst('2025-09-30T11:00'), 1)).toEqual(cst('2025-10-09T11:00'));
  });

  it('crosses the 2026 National Day holiday: Wed 2026-09-30 + 3 = Sat 2026-10-10', () => {
    // Oct 1-7 are off; Thu Oct 8 is working day 1, Fri Oct 9 is 2, and Sat Oct 10 is a make-up working day: 3.
    expect(calendar.addWorkingDays(cst('2026-09-30T10:00'), 3)).toEqual(cst('2026-10-10T10:00'));
  });

  it('keeps the wall-clock time: 3 working days from Friday 10:00 is Wednesday 10:00 in an ordinary week', () => {
    expect(calendar.addWorkingDays(cst('2025-03-07T10:00'), 3)).toEqual(cst('2025-03-12T10:00'));
  });

  it('skips weekends', () => {
    expect(calendar.addWorkingDays(cst('2025-03-07T10:00'), 1)).toEqual(cst('2025-03-10T10:00')); // Fri -> Mon
    expect(calendar.addWorkingDays(cst('2025-03-06T10:00'), 2)).toEqual(cst('2025-03-10T10:00')); // Thu -> Mon
    expect(calendar.addWorkingDays(cst('2025-03-03T10:00'), 10)).toEqual(cst('2025-03-17T10:00')); // two weeks
  });

  it('keeps the time of a start late on a working day, in China time', () => {
    // Friday 23:30 in Beijing (15:30 UTC) is on a working day: the deadline is Monday 23:30.
    expect(calendar.addWorkingDays(cst('2025-03-07T23:30'), 1)).toEqual(cst('2025-03-10T23:30'));
  });

  it('starts a clock that starts on a weekend at 09:00 of the next working day', () => {
    // Sat 15:00 -> the clock starts Mon 09:00 -> 1 working day later: Tue 09:00.
    expect(calendar.addWorkingDays(cst('2025-03-08T15:00'), 1)).toEqual(cst('2025-03-11T09:00'));
    // Sat 01:00 (still Friday in UTC) is a weekend start too.
    expect(calendar.addWorkingDays(cst('2025-03-08T01:00'), 1)).toEqual(cst('2025-03-11T09:00'));
  });

  it('starts a clock that starts on a holiday at 09:00 of the next working day', () => {
    // Fri 2025-10-03 is in the National Day holiday: the clock starts Thu Oct 9 09:00, + 1 = Fri Oct 10 09:00.
    expect(calendar.addWorkingDays(cst('2025-10-03T14:00'), 1)).toEqual(cst('2025-10-10T09:00'));
    // Sat 2025-10-11 (make-up) is the next working day after Fri Oct 10.
    expect(calendar.addWorkingDays(cst('2025-10-03T14:00'), 2)).toEqual(cst('2025-10-11T09:00'));
  });

  it('uses the configured start of a working day', () => {
    const eightThirty = new BusinessCalendar({ workdayStartMinutes: 8 * 60 + 30 });
    expect(eightThirty.addWorkingDays(cst('2025-03-08T15:00'), 1)).toEqual(cst('2025-03-11T08:30'));
  });

  it('returns the start itself for 0 working days', () => {
    expect(calendar.addWorkingDays(cst('2025-03-08T15:00'), 0)).toEqual(cst('2025-03-08T15:00'));
  });

  it('rejects negative and fractional working days and invalid dates', () => {
    expect(() => calendar.addWorkingDays(cst('2025-03-07T10:00'), -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(cst('2025-03-07T10:00'), 1.5)).toThrow('whole number');
    expect(() => calendar.addWorkingDays(new Date(Number.NaN), 1)).toThrow('valid Date');
  });
});

describe('addDuration', () => {
  it('adds plain hours and minutes', () => {
    expect(calendar.addDuration(cst('2025-03-07T10:00'), { hours: 2, minutes: 30 })).toEqual(cst('2025-03-07T12:30'));
    expect(calendar.addDuration(cst('2025-03-07T10:00'), { minutes: 1, seconds: 30 })).toEqual(
      new Date('2025-03-07T10:01:30+08:00'),
    );
  });

  it('runs plain hours through weekends and holidays', () => {
    expect(calendar.addDuration(cst('2025-03-07T20:00'), { hours: 24 })).toEqual(cst('2025-03-08T20:00'));
    expect(calendar.addDuration(cst('2025-09-30T20:00'), { hours: 48 })).toEqual(cst('2025-10-02T20:00'));
  });

  it('adds working days first, then hours and minutes', () => {
    // Fri 10:00 + 1 working day = Mon 10:00, + 4 h 15 min = Mon 14:15.
    expect(calendar.addDuration(cst('2025-03-07T10:00'), { workingDays: 1, hours: 4, minutes: 15 })).toEqual(
      cst('2025-03-10T14:15'),
    );
    // Fri 2025-01-24 18:00 + 1 working day = Sun 2025-01-26 18:00 (make-up), + 8 h = Mon 2025-01-27 02:00.
    expect(calendar.addDuration(cst('2025-01-24T18:00'), { workingDays: 1, hours: 8 })).toEqual(
      cst('2025-01-27T02:00'),
    );
  });

  it('does not consult the calendar for a duration without working days', () => {
    expect(calendar.addDuration(cst('2027-03-01T10:00'), { minutes: 30 })).toEqual(cst('2027-03-01T10:30'));
  });

  it('rejects negative amounts', () => {
    expect(() => calendar.addDuration(cst('2025-03-07T10:00'), { hours: -1 })).toThrow('hours must be');
  });
});

describe('workingDaysBetween', () => {
  it('counts the working days from the first date (included) to the second (excluded)', () => {
    expect(calendar.workingDaysBetween(cst('2025-03-07T10:00'), cst('2025-03-12T10:00'))).toBe(3); // Fri, Mon, Tue
    expect(calendar.workingDaysBetween(cst('2025-03-07T10:00'), cst('2025-03-07T18:00'))).toBe(0);
    expect(calendar.workingDaysBetween(cst('2025-03-08T10:00'), cst('2025-03-10T10:00'))).toBe(0); // Sat, Sun
  });

  it('is negative when the second instant is earlier', () => {
    expect(calendar.workingDaysBetween(cst('2025-03-12T10:00'), cst('2025-03-07T10:00'))).toBe(-3);
  });

  it('follows the holiday schedule', () => {
    // Only Tue 2025-09-30: Oct 1-8 are off.
    expect(calendar.workingDaysBetween(cst('2025-09-30T09:00'), cst('2025-10-09T09:00'))).toBe(1);
    // Mon 2025-01-20 .. Sun 2025-02-09: Jan 20-24 (5), Sun Jan 26 make-up (1), Mon Jan 27 (1), Jan 28 - Feb 4 off,
    // Feb 5-7 (3), Sat Feb 8 make-up (1) = 11.
    expect(calendar.workingDaysBetween(cst('2025-01-20T09:00'), cst('2025-02-10T09:00'))).toBe(11);
  });

  it('is the inverse of addWorkingDays, from working days, weekends and holidays', () => {
    const starts = ['2025-01-24T10:00', '2025-03-08T15:00', '2025-09-30T10:00', '2025-10-03T14:00', '2026-02-13T17:00'];
    for (const start of starts) {
      for (let n = 0; n <= 15; n += 1) {
        const deadline = calendar.addWorkingDays(cst(start), n);
        expect([start, n, calendar.workingDaysBetween(cst(start), deadline)]).toEqual([start, n, n]);
      }
    }
  });
});

describe('years without data', () => {
  it('throws CalendarYearMissingError naming 2027 for a date in 2027', () => {
    const err = caught(() => calendar.isWorkingDay('2027-03-01'));
    expect(err).toBeInstanceOf(CalendarYearMissingError);
    expect(err).toMatchObject({ year: 2027, date: '2027-03-01' });
    expect((err as Error).message).toBe(
      'No business calendar for 2027 (needed for 2027-03-01): load the State Council holiday schedule for 2027 ' +
        '(PUT /calendar/years/2027 or npm run calendar -- load)',
    );
  });

  it('throws when a computation crosses into 2027', () => {
    expect(calendar.addWorkingDays(cst('2026-12-30T10:00'), 1)).toEqual(cst('2026-12-31T10:00'));
    const err = caught(() => calendar.addWorkingDays(cst('2026-12-30T10:00'), 3));
    expect(err).toBeInstanceOf(CalendarYearMissingError);
    expect(err).toMatchObject({ year: 2027, date: '2027-01-01' });
    expect(() => calendar.workingDaysBetween(cst('2026-12-01T10:00'), cst('2027-01-05T10:00'))).toThrow(
      'No business calendar for 2027',
    );
  });

  it('throws for a year before the data too', () => {
    expect(() => calendar.addWorkingDays(cst('2024-12-20T10:00'), 1)).toThrow('No business calendar for 2024');
  });

  it('decides the year by the date in China time', () => {
    // 2026-12-31 20:00 UTC is already 2027-01-01 04:00 in Beijing.
    expect(() => calendar.isWorkingDay(new Date('2026-12-31T20:00:00Z'))).toThrow(CalendarYearMissingError);
  });
});

describe('holiday data validation', () => {
  const base: HolidayYear = {
    year: 2025,
    holidays: [{ name: '春节 Spring Festival', from: '2025-01-28', to: '2025-02-04' }],
    makeUpWorkdays: ['2025-01-26'],
    source: 'test',
  };
  const build = (overrides: Partial<HolidayYear>, more: HolidayYear[] = []): unknown =>
    caught(() => new BusinessCalendar({ years: [{ ...base, ...overrides }, ...more] }));

  it('accepts valid data', () => {
    expect(new BusinessCalendar({ years: [base] }).coveredYears).toEqual([2025]);
  });

  it('rejects a holiday that ends before it starts, naming it', () => {
    const err = build({ holidays: [{ name: '春节 Spring Festival', from: '2025-02-04', to: '2025-01-28' }] });
    expect(err).toBeInstanceOf(CalendarDataError);
    expect((err as Error).message).toBe(
      'Invalid business calendar data, 2025 holiday "春节 Spring Festival": from 2025-02-04 is after to 2025-01-28',
    );
  });

  it('rejects a date that does not parse', () => {
    const err = build({ holidays: [{ name: '清明节 Qingming Festival', from: '2025-04-04', to: '2025-04-31' }] });
    expect((err as Error).message).toContain(
      '2025 holiday "清明节 Qingming Festival": "2025-04-31" is not a calendar date',
    );
    expect((build({ makeUpWorkdays: ['2025/01/26'] }) as Error).message).toContain('2025 makeUpWorkdays[0]');
  });

  it('rejects a make-up day inside a holiday', () => {
    const err = build({ makeUpWorkdays: ['2025-01-26', '2025-02-01'] });
    expect((err as Error).message).toBe(
      'Invalid business calendar data, 2025 makeUpWorkdays[1] "2025-02-01": the day is inside holiday "春节 Spring Festival"',
    );
  });

  it('rejects a make-up day that is not a weekend day', () => {
    const err = build({ makeUpWorkdays: ['2025-02-05'] });
    expect((err as Error).message).toContain('must be a Saturday or Sunday, not a Wednesday');
  });

  it('rejects a date outside its year, overlapping holidays and a year given twice', () => {
    expect((build({ makeUpWorkdays: ['2052-01-26'] }) as Error).message).toContain('2052-01-26 is not in 2025');
    const overlapping = build({
      holidays: [...base.holidays, { name: '重复 Duplicate', from: '2025-02-04', to: '2025-02-05' }],
    });
    expect((overlapping as Error).message).toContain('2025 holiday "重复 Duplicate": 2025-02-04 is also in holiday');
    expect((build({}, [base]) as Error).message).toContain('year 2025: the year appears twice');
  });
});

describe('provisional years', () => {
  const provisional2027: HolidayYear = {
    year: 2027,
    kind: 'provisional',
    holidays: [{ name: '元旦 New Year’s Day', from: '2027-01-01', to: '2027-01-01' }],
    makeUpWorkdays: [],
    source: 'computed from the statutory rule (test)',
  };
  const withProvisional = new BusinessCalendar({ years: [...CHINA_HOLIDAYS, provisional2027] });

  it('lists the provisional years it holds, and only those', () => {
    expect(withProvisional.coveredYears).toEqual([2025, 2026, 2027]);
    expect(withProvisional.provisionalYears).toEqual([2027]);
    expect(calendar.provisionalYears).toEqual([]);
  });

  it('names the provisional years between two instants, in China time, in either order', () => {
    expect(withProvisional.provisionalYearsBetween(cst('2026-12-28T10:00'), cst('2027-01-05T10:00'))).toEqual([2027]);
    expect(withProvisional.provisionalYearsBetween(cst('2027-01-05T10:00'), cst('2026-12-28T10:00'))).toEqual([2027]);
    expect(withProvisional.provisionalYearsBetween(cst('2026-03-02T10:00'), cst('2026-12-31T23:00'))).toEqual([]);
    // 2026-12-31 20:00 UTC is 2027-01-01 04:00 in Beijing.
    expect(withProvisional.provisionalYearsBetween(cst('2026-12-30T10:00'), new Date('2026-12-31T20:00:00Z'))).toEqual([
      2027,
    ]);
  });

  it('computes across the year boundary on the provisional year', () => {
    // Thu 2026-12-31 + 1 working day: Fri 2027-01-01 is New Year's Day, so Mon 2027-01-04.
    expect(withProvisional.addWorkingDays(cst('2026-12-31T10:00'), 1)).toEqual(cst('2027-01-04T10:00'));
  });

  it('refuses a kind that is neither official nor provisional, naming the year', () => {
    const err = caught(
      () => new BusinessCalendar({ years: [{ ...provisional2027, kind: 'guessed' as unknown as 'official' }] }),
    );
    expect(err).toBeInstanceOf(CalendarDataError);
    expect((err as Error).message).toBe(
      'Invalid business calendar data, year 2027: kind must be official or provisional, got guessed',
    );
  });
});
