/**
 * The business calendar behind SLAs in working days: weekends, China's statutory holidays and the weekend days that
 * are worked instead (调休), kept as data per year in `china-holidays.ts`.
 *
 * Pure code, imports nothing outside this folder, never reads the clock: every instant arrives as a parameter, so
 * the workflow bundle and the libs compute the same deadlines. Local dates use a fixed UTC offset (China Standard
 * Time, UTC+8, has no daylight saving time), with plain arithmetic and no time-zone library.
 */
import { CHINA_HOLIDAYS } from './china-holidays';
import type { HolidayYear } from './china-holidays';

/** China Standard Time, UTC+08:00, all year. */
export const CHINA_UTC_OFFSET_MINUTES = 8 * 60;

/** When a working day starts, for a clock that starts outside working days: 09:00 local. */
export const DEFAULT_WORKDAY_START_MINUTES = 9 * 60;

/** An SLA: working days on the calendar, then plain (elapsed) hours, minutes and seconds. */
export interface CalendarDuration {
  workingDays?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
}

export interface BusinessCalendarOptions {
  /** The holiday schedule per year; default: China's (`CHINA_HOLIDAYS`). */
  years?: readonly HolidayYear[];
  /** Offset of local time from UTC in minutes; default +480 (UTC+08:00). */
  utcOffsetMinutes?: number;
  /** Minutes after local midnight when a working day starts; default 540 (09:00). */
  workdayStartMinutes?: number;
}

/** A date (or a computation) needs a year for which the calendar has no holiday schedule. */
export class CalendarYearMissingError extends Error {
  override readonly name = 'CalendarYearMissingError';

  constructor(
    readonly year: number,
    /** The local date that needed it, 'YYYY-MM-DD'. */
    readonly date: string,
  ) {
    super(
      `No business calendar for ${year} (needed for ${date}): load the State Council holiday schedule for ${year} ` +
        `(PUT /calendar/years/${year} or npm run calendar -- load)`,
    );
  }
}

/** The holiday data given to the calendar is wrong; the message names the entry. */
export class CalendarDataError extends Error {
  override readonly name = 'CalendarDataError';

  constructor(
    /** Which entry, e.g. `2025 holiday "春节 Spring Festival"`. */
    readonly entry: string,
    problem: string,
  ) {
    super(`Invalid business calendar data, ${entry}: ${problem}`);
  }
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** A local calendar date as whole days since 1970-01-01. */
type DayNumber = number;

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

function parseIsoDate(text: string): DayNumber | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  // Date.UTC rolls 2025-02-30 over to March; a real date comes back unchanged.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return ms / DAY_MS;
}

function isoDate(day: DayNumber): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function yearOf(day: DayNumber): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

function monthOf(day: DayNumber): number {
  return new Date(day * DAY_MS).getUTCMonth() + 1;
}

/** 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
function weekdayOf(day: DayNumber): number {
  return (((day + 4) % 7) + 7) % 7;
}

function isWeekend(day: DayNumber): boolean {
  const weekday = weekdayOf(day);
  return weekday === 0 || weekday === 6;
}

function assertInstant(value: Date, what: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new RangeError(`${what} must be a valid Date`);
  }
}

function assertAmount(value: number, what: string, wholeNumber: boolean): void {
  if (!Number.isFinite(value) || value < 0 || (wholeNumber && !Number.isInteger(value))) {
    throw new RangeError(`${what} must be ${wholeNumber ? 'a whole number' : 'a number'} >= 0, got ${value}`);
  }
}

/**
 * Working days: Monday to Friday, except the holidays of the year's schedule, plus its make-up working days.
 *
 * Deadline rule (`addWorkingDays`): the deadline is the same local wall-clock time N working days later. A clock
 * that starts on a day that is not a working day (weekend, holiday) starts at the beginning of the next working day,
 * 09:00 local: Saturday 15:00 + 1 working day = Tuesday 09:00. A clock that starts on a working day keeps its time,
 * whatever the hour: Friday 23:00 + 1 = Monday 23:00. Zero working days change nothing.
 *
 * Every day the computation looks at must lie in a year with data, or it throws `CalendarYearMissingError`; the
 * calendar never guesses a year's holidays.
 */
export class BusinessCalendar {
  readonly utcOffsetMinutes: number;
  readonly workdayStartMinutes: number;
  private readonly offsetMs: number;
  private readonly years = new Set<number>();
  private readonly provisional = new Set<number>();
  /** Holiday day -> its name. */
  private readonly holidays = new Map<DayNumber, string>();
  private readonly makeUpWorkdays = new Set<DayNumber>();

  constructor(options: BusinessCalendarOptions = {}) {
    const {
      years = CHINA_HOLIDAYS,
      utcOffsetMinutes = CHINA_UTC_OFFSET_MINUTES,
      workdayStartMinutes = DEFAULT_WORKDAY_START_MINUTES,
    } = options;
    if (!Number.isInteger(utcOffsetMinutes) || Math.abs(utcOffsetMinutes) > 14 * 60) {
      throw new RangeError(`utcOffsetMinutes must be a whole number of minutes within ±14 h, got ${utcOffsetMinutes}`);
    }
    if (!Number.isInteger(workdayStartMinutes) || workdayStartMinutes < 0 || workdayStartMinutes >= 24 * 60) {
      throw new RangeError(`workdayStartMinutes must be a whole number in 0..1439, got ${workdayStartMinutes}`);
    }
    this.utcOffsetMinutes = utcOffsetMinutes;
    this.workdayStartMinutes = workdayStartMinutes;
    this.offsetMs = utcOffsetMinutes * MINUTE_MS;
    this.load(years);
  }

  /** The years this calendar has a holiday schedule for, ascending. */
  get coveredYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }

  /** The covered years whose schedule is provisional (computed from the statutory rule, not an official notice). */
  get provisionalYears(): number[] {
    return [...this.provisional].sort((a, b) => a - b);
  }

  /**
   * The provisional years among the local dates from `a`'s to `b`'s, both included, ascending: the years whose
   * schedule a computation between the two instants consulted. Years with no data are not listed (a computation that
   * needed one threw).
   */
  provisionalYearsBetween(a: Date, b: Date): number[] {
    assertInstant(a, 'a');
    assertInstant(b, 'b');
    const [from, to] = [yearOf(this.dayOf(a)), yearOf(this.dayOf(b))].sort((x, y) => x - y);
    return this.provisionalYears.filter((year) => year >= from && year <= to);
  }

  /**
   * Whether a day is a working day. A Date is taken as the local date it falls on (UTC+8 by default); a string is a
   * local calendar date 'YYYY-MM-DD'.
   */
  isWorkingDay(date: Date | string): boolean {
    if (typeof date === 'string') {
      const day = parseIsoDate(date);
      if (day === null) throw new RangeError(`Not a calendar date (YYYY-MM-DD): "${date}"`);
      return this.isWorking(day);
    }
    assertInstant(date, 'date');
    return this.isWorking(this.dayOf(date));
  }

  /** The deadline N working days after `start`; see the class comment for the rule. */
  addWorkingDays(start: Date, days: number): Date {
    assertInstant(start, 'start');
    assertAmount(days, 'days', true);
    if (days === 0) return new Date(start.getTime());
    let day = this.dayOf(start);
    let timeOfDayMs = this.timeOfDayMs(start);
    if (!this.isWorking(day)) {
      day += 1;
      while (!this.isWorking(day)) day += 1;
      timeOfDayMs = this.workdayStartMinutes * MINUTE_MS;
    }
    for (let left = days; left > 0;) {
      day += 1;
      if (this.isWorking(day)) left -= 1;
    }
    return new Date(day * DAY_MS + timeOfDayMs - this.offsetMs);
  }

  /**
   * Working days first (`addWorkingDays`), then plain hours, minutes and seconds of elapsed time, which may end on
   * any day. A duration without working days never consults the calendar.
   */
  addDuration(start: Date, duration: CalendarDuration): Date {
    const { workingDays = 0, hours = 0, minutes = 0, seconds = 0 } = duration;
    assertAmount(workingDays, 'workingDays', true);
    assertAmount(hours, 'hours', false);
    assertAmount(minutes, 'minutes', false);
    assertAmount(seconds, 'seconds', false);
    const afterDays = this.addWorkingDays(start, workingDays);
    return new Date(afterDays.getTime() + Math.round(hours * 3_600_000 + minutes * MINUTE_MS + seconds * 1000));
  }

  /**
   * The working days among the local dates from `a`'s (included) to `b`'s (excluded); negative when `b` is before
   * `a`. Dates only, times of day do not matter. It is the inverse of `addWorkingDays`:
   * `workingDaysBetween(s, addWorkingDays(s, n)) === n` for every start `s`.
   */
  workingDaysBetween(a: Date, b: Date): number {
    assertInstant(a, 'a');
    assertInstant(b, 'b');
    const from = this.dayOf(a);
    const to = this.dayOf(b);
    const [low, high, sign] = from <= to ? [from, to, 1] : [to, from, -1];
    let count = 0;
    for (let day = low; day < high; day += 1) {
      if (this.isWorking(day)) count += 1;
    }
    return sign * count;
  }

  private dayOf(instant: Date): DayNumber {
    return Math.floor((instant.getTime() + this.offsetMs) / DAY_MS);
  }

  private timeOfDayMs(instant: Date): number {
    const local = instant.getTime() + this.offsetMs;
    return local - Math.floor(local / DAY_MS) * DAY_MS;
  }

  private isWorking(day: DayNumber): boolean {
    const year = yearOf(day);
    if (!this.years.has(year)) throw new CalendarYearMissingError(year, isoDate(day));
    if (this.makeUpWorkdays.has(day)) return true;
    if (this.holidays.has(day)) return false;
    return !isWeekend(day);
  }

  /**
   * Checks and indexes the data. A date must lie in its entry's year (or in the December before / January after,
   * where a notice may move a day across the new year); make-up days must be weekend days outside every holiday;
   * holidays must not overlap.
   */
  private load(entries: readonly HolidayYear[]): void {
    const makeUps: Array<{ entry: string; day: DayNumber }> = [];
    const dateOf = (text: string, entry: string, year: number): DayNumber => {
      const day = typeof text === 'string' ? parseIsoDate(text) : null;
      if (day === null) throw new CalendarDataError(entry, `"${String(text)}" is not a calendar date (YYYY-MM-DD)`);
      const dayYear = yearOf(day);
      const nearYear =
        dayYear === year ||
        (dayYear === year - 1 && monthOf(day) === 12) ||
        (dayYear === year + 1 && monthOf(day) === 1);
      if (!nearYear) throw new CalendarDataError(entry, `${text} is not in ${year}`);
      return day;
    };

    for (const data of entries) {
      const { year } = data;
      if (!Number.isInteger(year) || year < 1970 || year > 9999) {
        throw new CalendarDataError(`year ${String(year)}`, 'the year must be a whole number from 1970 to 9999');
      }
      if (this.years.has(year)) throw new CalendarDataError(`year ${year}`, 'the year appears twice');
      if (typeof data.source !== 'string' || data.source.trim() === '') {
        throw new CalendarDataError(`year ${year}`, 'source is empty: name the notice the schedule comes from');
      }
      if (data.kind !== undefined && data.kind !== 'official' && data.kind !== 'provisional') {
        throw new CalendarDataError(`year ${year}`, `kind must be official or provisional, got ${String(data.kind)}`);
      }
      this.years.add(year);
      if (data.kind === 'provisional') this.provisional.add(year);

      data.holidays.forEach((holiday, index) => {
        const entry = `${year} holiday "${holiday.name}"`;
        if (typeof holiday.name !== 'string' || holiday.name.trim() === '') {
          throw new CalendarDataError(`${year} holidays[${index}]`, 'the holiday has no name');
        }
        const from = dateOf(holiday.from, entry, year);
        const to = dateOf(holiday.to, entry, year);
        if (from > to) throw new CalendarDataError(entry, `from ${holiday.from} is after to ${holiday.to}`);
        for (let day = from; day <= to; day += 1) {
          const other = this.holidays.get(day);
          if (other !== undefined) throw new CalendarDataError(entry, `${isoDate(day)} is also in holiday "${other}"`);
          this.holidays.set(day, holiday.name);
        }
      });

      data.makeUpWorkdays.forEach((text, index) => {
        const entry = `${year} makeUpWorkdays[${index}] "${text}"`;
        makeUps.push({ entry, day: dateOf(text, entry, year) });
      });
    }

    // After every holiday is known, so that a make-up day is checked against the holidays of all years.
    for (const { entry, day } of makeUps) {
      const holiday = this.holidays.get(day);
      if (holiday !== undefined) throw new CalendarDataError(entry, `the day is inside holiday "${holiday}"`);
      if (!isWeekend(day)) {
        throw new CalendarDataError(
          entry,
          `a make-up working day must be a Saturday or Sunday, not a ${WEEKDAY_NAMES[weekdayOf(day)]}`,
        );
      }
      if (this.makeUpWorkdays.has(day)) throw new CalendarDataError(entry, 'the day is listed twice');
      this.makeUpWorkdays.add(day);
    }
  }
}
