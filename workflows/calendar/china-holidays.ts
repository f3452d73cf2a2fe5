/**
 * China's statutory public holidays and make-up working days (调休), one entry per year, transcribed from the
 * State Council General Office notice for that year (国务院办公厅关于<year>年部分节假日安排的通知).
 * Pure data, imports nothing. `BusinessCalendar` validates it when it is built.
 *
 * These are the schedules the product ships with: the migration that creates `business_calendar_years` seeds them.
 * From then on the calendar is data in PostgreSQL: an administrator loads each new year's notice
 * (`PUT /calendar/years/:year`, `npm run calendar -- load`), and a year nobody loaded gets a provisional schedule
 * computed from the statutory rule (libs/calendar), flagged on every deadline computed from it.
 */

/** One holiday period of the notice, both ends included, as local (China) calendar dates. */
export interface HolidayPeriod {
  /** Chinese and English name, e.g. '春节 Spring Festival'. */
  name: string;
  /** First day off, 'YYYY-MM-DD'. */
  from: string;
  /** Last day off, 'YYYY-MM-DD' (same as `from` for a one-day holiday). */
  to: string;
}

/** The holiday schedule of one year. */
export interface HolidayYear {
  year: number;
  holidays: readonly HolidayPeriod[];
  /** Weekend days that are working days (调休上班), 'YYYY-MM-DD'. */
  makeUpWorkdays: readonly string[];
  /** The notice the entry was transcribed from (for a provisional year: the rule it was computed from). */
  source: string;
  /**
   * `official`: the State Council notice for the year (the default). `provisional`: computed from the statutory rule
   * because no notice was loaded; every deadline computed from it says so.
   */
  kind?: CalendarKind;
}

export type CalendarKind = 'official' | 'provisional';

export const CHINA_HOLIDAYS: readonly HolidayYear[] = [
  {
    year: 2025,
    holidays: [
      { name: '元旦 New Year’s Day', from: '2025-01-01', to: '2025-01-01' },
      { name: '春节 Spring Festival', from: '2025-01-28', to: '2025-02-04' },
      { name: '清明节 Qingming Festival', from: '2025-04-04', to: '2025-04-06' },
      { name: '劳动节 Labour Day', from: '2025-05-01', to: '2025-05-05' },
      { name: '端午节 Dragon Boat Festival', from: '2025-05-31', to: '2025-06-02' },
      { name: '国庆节、中秋节 National Day and Mid-Autumn Festival', from: '2025-10-01', to: '2025-10-08' },
    ],
    makeUpWorkdays: [
      '2025-01-26', // Sun, Spring Festival
      '2025-02-08', // Sat, Spring Festival
      '2025-04-27', // Sun, Labour Day
      '2025-09-28', // Sun, National Day
      '2025-10-11', // Sat, National Day
    ],
    source: 'State Council General Office notice on the 2025 holiday schedule, 国办发明电〔2024〕12号',
  },
  {
    year: 2026,
    holidays: [
      { name: '元旦 New Year’s Day', from: '2026-01-01', to: '2026-01-03' },
      { name: '春节 Spring Festival', from: '2026-02-15', to: '2026-02-23' },
      { name: '清明节 Qingming Festival', from: '2026-04-04', to: '2026-04-06' },
      { name: '劳动节 Labour Day', from: '2026-05-01', to: '2026-05-05' },
      { name: '端午节 Dragon Boat Festival', from: '2026-06-19', to: '2026-06-21' },
      { name: '中秋节 Mid-Autumn Festival', from: '2026-09-25', to: '2026-09-27' },
      { name: '国庆节 National Day', from: '2026-10-01', to: '2026-10-07' },
    ],
    makeUpWorkdays: [
      '2026-01-04', // Sun, New Year's Day
      '2026-02-14', // Sat, Spring Festival
      '2026-02-28', // Sat, Spring Festival
      '2026-05-09', // Sat, Labour Day
      '2026-09-20', // Sun, National Day
      '2026-10-10', // Sat, National Day
    ],
    source: 'State Council General Office notice on the 2026 holiday schedule, 国办发明电〔2025〕7号',
  },
];
