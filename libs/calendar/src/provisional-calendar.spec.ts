import { BusinessCalendar, CHINA_HOLIDAYS } from '@aidflow/workflows/calendar';
import { provisionalHolidayYear, statutoryHolidays } from './provisional-calendar';

const daysOff = (year: number): string[] => {
  const calendar = new BusinessCalendar({ years: [provisionalHolidayYear(year)] });
  const off: string[] = [];
  for (let ms = Date.UTC(year, 0, 1); ms < Date.UTC(year + 1, 0, 1); ms += 86_400_000) {
    const date = new Date(ms).toISOString().slice(0, 10);
    if (!calendar.isWorkingDay(date)) off.push(date);
  }
  return off;
};

const holidayDays = (year: number): string[] =>
  provisionalHolidayYear(year).holidays.flatMap((h) => {
    const days: string[] = [];
    for (let ms = Date.parse(`${h.from}T00:00:00Z`); ms <= Date.parse(`${h.to}T00:00:00Z`); ms += 86_400_000) {
      days.push(new Date(ms).toISOString().slice(0, 10));
    }
    return days;
  });

const isWeekend = (date: string): boolean => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

describe('statutoryHolidays (Article 2, lunar dates from the library)', () => {
  it('puts the lunar holidays of 2025 and 2026 where the State Council notices put them', () => {
    // 2025: 除夕 Jan 28, 清明 Apr 4, 端午 May 31, 中秋 Oct 6; 2026: 除夕 Feb 16, 清明 Apr 5, 端午 Jun 19, 中秋 Sep 25.
    const days = (year: number) =>
      Object.fromEntries(statutoryHolidays(year).map((h) => [h.name.split(' ')[0], h.days]));
    expect(days(2025)).toMatchObject({
      春节: ['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'],
      清明节: ['2025-04-04'],
      端午节: ['2025-05-31'],
      中秋节: ['2025-10-06'],
    });
    expect(days(2026)).toMatchObject({
      春节: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19'],
      清明节: ['2026-04-05'],
      端午节: ['2026-06-19'],
      中秋节: ['2026-09-25'],
    });
  });

  it('counts 13 legal holiday days a year, as the 2024 rule does', () => {
    for (const year of [2025, 2027, 2028, 2040]) {
      expect(statutoryHolidays(year).reduce((n, h) => n + h.days.length, 0)).toBe(13);
    }
  });
});

describe('provisionalHolidayYear', () => {
  it('gives every legal holiday day of the official 2025 and 2026 schedules a day off', () => {
    for (const official of CHINA_HOLIDAYS) {
      const calendar = new BusinessCalendar({ years: [official] });
      for (const holiday of statutoryHolidays(official.year)) {
        for (const day of holiday.days) expect([day, calendar.isWorkingDay(day)]).toEqual([day, false]);
      }
    }
  });

  it('makes up each legal day on a weekend with the next free weekday (补假), 2027', () => {
    const y = provisionalHolidayYear(2027);
    expect(y).toMatchObject({ year: 2027, kind: 'provisional', makeUpWorkdays: [] });
    expect(y.holidays).toEqual([
      { name: '元旦 New Year’s Day', from: '2027-01-01', to: '2027-01-01' },
      // 除夕 Fri 5 Feb to 初三 Mon 8 Feb; Sat and Sun made up on Tue 9 and Wed 10.
      { name: '春节 Spring Festival', from: '2027-02-05', to: '2027-02-10' },
      { name: '清明节 Qingming Festival', from: '2027-04-05', to: '2027-04-05' },
      // 1 May is a Saturday, 2 May a Sunday: made up on Mon 3 and Tue 4.
      { name: '劳动节 Labour Day', from: '2027-05-01', to: '2027-05-04' },
      { name: '端午节 Dragon Boat Festival', from: '2027-06-09', to: '2027-06-09' },
      { name: '中秋节 Mid-Autumn Festival', from: '2027-09-15', to: '2027-09-15' },
      { name: '国庆节 National Day', from: '2027-10-01', to: '2027-10-05' },
    ]);
    expect(y.source).toContain('全国年节及纪念日放假办法');
    expect(y.source).toContain('lunar-typescript');
  });

  it('makes up a legal day that two holidays share (中秋 on 3 October 2028)', () => {
    const y = provisionalHolidayYear(2028);
    const october = y.holidays.filter((h) => h.from.startsWith('2028-10'));
    expect(october).toEqual([
      { name: '国庆节 National Day', from: '2028-10-01', to: '2028-10-02' },
      { name: '中秋节 Mid-Autumn Festival', from: '2028-10-03', to: '2028-10-03' },
      { name: '国庆节 National Day', from: '2028-10-04', to: '2028-10-05' },
    ]);
  });

  it('gives 13 weekdays off (legal days, made up where they fall on a weekend) and no weekday more', () => {
    for (const year of [2027, 2028, 2029, 2035, 2050]) {
      const weekdaysOff = daysOff(year).filter((d) => !isWeekend(d));
      expect([year, weekdaysOff.length]).toEqual([year, 13]);
      expect(new Set(holidayDays(year)).size).toBe(holidayDays(year).length);
    }
  });

  it('is a valid calendar year for every year it covers, and the same every time', () => {
    for (let year = 1970; year <= 2100; year++) {
      expect(() => new BusinessCalendar({ years: [provisionalHolidayYear(year)] })).not.toThrow();
    }
    expect(provisionalHolidayYear(2031)).toEqual(provisionalHolidayYear(2031));
  });

  it('refuses a year outside 1970-2100, naming it', () => {
    expect(() => provisionalHolidayYear(2101)).toThrow('not 2101');
    expect(() => provisionalHolidayYear(1969)).toThrow('not 1969');
  });
});
