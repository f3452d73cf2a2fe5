import { Inject, Injectable, Logger } from '@nestjs/common';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import type { LevelSla, SlaDuration } from '@aidflow/policy';
import {
  BusinessCalendar,
  CalendarDataError,
  CalendarYearMissingError,
  CHINA_UTC_OFFSET_MINUTES,
} from '@aidflow/workflows/calendar';
import type { HolidayYear } from '@aidflow/workflows/calendar';
import type { DeadlinePlan } from '@aidflow/workflows/application/contract';
import { CalendarRepository } from './calendar.repository';
import type { CalendarYearRecord } from './calendar.repository';
import { PROVISIONAL_YEARS, provisionalHolidayYear } from './provisional-calendar';

/** Administrators are told from this many days before the last official year ends. */
export const CALENDAR_WARNING_DAYS = 60;

/** How long a process reuses the calendar it read (a load through this process is seen at once). */
export const CALENDAR_CACHE_MS = 30_000;

/** A computed instant and the provisional years its computation consulted (empty: official schedules only). */
export interface CalendarResult<T> {
  value: T;
  provisionalYears: number[];
}

export type { DeadlinePlan };

export type CalendarHealth = 'ok' | 'expiring' | 'expired';

export interface CalendarStatus {
  health: CalendarHealth;
  /** The last year with an official schedule, and its last day (local date). */
  lastOfficialYear: number | null;
  officialUntil: string | null;
  /** Days from today (local date) to `officialUntil`; negative once it has passed. */
  daysLeft: number | null;
  /** Years the calendar runs on a provisional schedule. */
  provisionalYears: number[];
  years: Array<{ year: number; kind: HolidayYear['kind']; source: string; loadedAt: string }>;
  /** What to do, in words; null while the official schedule reaches more than the warning period ahead. */
  warning: string | null;
}

export interface LoadCalendarYear {
  year: number;
  source: string;
  holidays: HolidayYear['holidays'];
  makeUpWorkdays: HolidayYear['makeUpWorkdays'];
  note?: string | null;
}

const localDate = (at: Date): string =>
  new Date(at.getTime() + CHINA_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);

const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The plain (non-working-day) part of a duration, for counting back from a deadline. */
function plainMs(d: SlaDuration): number {
  return ((d.hours ?? 0) * 3600 + (d.minutes ?? 0) * 60 + (d.seconds ?? 0)) * 1000;
}

/**
 * The business calendar as data (PostgreSQL): deadlines and notice windows in working days are computed here, inside
 * activities, so the workflow gets them as recorded results (deterministic on replay). A year with no schedule never
 * stalls a case: the calendar computes a provisional one by the statutory rule, stores it (so every worker uses the
 * same), and names the provisional years in the result, which the case records on its trail.
 */
@Injectable()
export class CalendarService {
  private readonly logger = new Logger(CalendarService.name);
  private cached: { calendar: BusinessCalendar; at: number } | null = null;

  constructor(@Inject(CalendarRepository) private readonly repository: CalendarRepository) {}

  /** `start` + `duration` on the business calendar. */
  addDuration(start: Date, duration: SlaDuration): Promise<CalendarResult<Date>> {
    return this.compute(
      (calendar) => calendar.addDuration(start, duration),
      (end) => [start, end],
    );
  }

  /**
   * When a level opened at `openedAt` is due, and when to remind: N working days before the deadline is the
   * deadline's working days minus N, counted from the opening, minus the plain part; never before the opening.
   */
  planDeadline(openedAt: Date, sla: LevelSla): Promise<DeadlinePlan> {
    return this.compute(
      (calendar) => {
        const due = calendar.addDuration(openedAt, sla.due);
        let remindAt: Date | null = null;
        if (sla.remindBefore) {
          const days = Math.max(0, (sla.due.workingDays ?? 0) - (sla.remindBefore.workingDays ?? 0));
          const base = calendar.addDuration(openedAt, { ...sla.due, workingDays: days });
          const at = new Date(base.getTime() - plainMs(sla.remindBefore));
          remindAt = at.getTime() > openedAt.getTime() ? at : openedAt;
        }
        return { due, remindAt };
      },
      ({ due }) => [openedAt, due],
    ).then(({ value, provisionalYears }) => ({
      remindAt: value.remindAt?.toISOString() ?? null,
      dueAt: value.due.toISOString(),
      provisionalYears,
    }));
  }

  /**
   * Runs a computation on the calendar; each year it finds missing gets a provisional schedule (stored, then the
   * computation runs again). `span` gives the instants the computation looked between, for naming the provisional
   * years it used.
   */
  async compute<T>(
    run: (calendar: BusinessCalendar) => T,
    span: (value: T) => [Date, Date],
  ): Promise<CalendarResult<T>> {
    for (let attempt = 0; ; attempt++) {
      const calendar = await this.calendar();
      try {
        const value = run(calendar);
        const [a, b] = span(value);
        return { value, provisionalYears: calendar.provisionalYearsBetween(a, b) };
      } catch (err) {
        if (!(err instanceof CalendarYearMissingError) || attempt >= PROVISIONAL_YEARS.max - PROVISIONAL_YEARS.min) {
          throw err;
        }
        if (err.year < PROVISIONAL_YEARS.min || err.year > PROVISIONAL_YEARS.max) throw err;
        const stored = await this.repository.ensureProvisional(provisionalHolidayYear(err.year));
        this.cached = null;
        if (stored.kind === 'provisional') {
          this.logger.warn(
            `No official business calendar for ${err.year}: deadlines into ${err.year} use the provisional schedule ` +
              `computed from the statutory rule until an administrator loads the State Council notice`,
          );
        }
      }
    }
  }

  /** The calendar of the stored current schedules (cached for `CALENDAR_CACHE_MS`). */
  async calendar(): Promise<BusinessCalendar> {
    if (this.cached && Date.now() - this.cached.at < CALENDAR_CACHE_MS) return this.cached.calendar;
    const calendar = new BusinessCalendar({ years: await this.repository.current() });
    this.cached = { calendar, at: Date.now() };
    return calendar;
  }

  years(): Promise<CalendarYearRecord[]> {
    return this.repository.current();
  }

  /** Every schedule stored for the year, oldest first; 404 when there is none. */
  async history(year: number): Promise<CalendarYearRecord[]> {
    const rows = await this.repository.history(year);
    if (rows.length === 0) {
      throw new ApplicationException(
        ErrorCode.CalendarYearNotFound,
        `No business calendar is stored for ${year}; GET /calendar/years/${year}/provisional shows what the statutory rule gives`,
      );
    }
    return rows;
  }

  /** What the statutory rule gives for a year (not stored). */
  provisional(year: number): HolidayYear {
    if (!Number.isInteger(year) || year < PROVISIONAL_YEARS.min || year > PROVISIONAL_YEARS.max) {
      throw new ApplicationException(
        ErrorCode.ValidationFailed,
        `year must be a whole number from ${PROVISIONAL_YEARS.min} to ${PROVISIONAL_YEARS.max}`,
        { field: 'year' },
      );
    }
    return provisionalHolidayYear(year);
  }

  /**
   * An administrator loads the State Council notice for a year. The schedule is checked as a whole (dates, holidays
   * not overlapping, make-up days on weekends); it replaces the year's current schedule, which is kept, superseded.
   * Deadlines already computed keep the dates they were given (they are on the cases' records).
   */
  async load(
    input: LoadCalendarYear,
    loadedBy: string | null,
  ): Promise<{ record: CalendarYearRecord; replaced: CalendarYearRecord | null }> {
    const data: HolidayYear = {
      year: input.year,
      kind: 'official',
      source: input.source?.trim() ?? '',
      holidays: input.holidays,
      makeUpWorkdays: input.makeUpWorkdays,
    };
    if (!Number.isInteger(data.year) || data.year < 2000 || data.year > PROVISIONAL_YEARS.max) {
      throw new ApplicationException(ErrorCode.CalendarInvalid, `year must be from 2000 to ${PROVISIONAL_YEARS.max}`, {
        field: 'year',
      });
    }
    if (!Array.isArray(data.holidays) || data.holidays.length === 0) {
      throw new ApplicationException(
        ErrorCode.CalendarInvalid,
        `holidays of ${data.year} is empty: list the notice's holidays`,
        {
          field: 'holidays',
        },
      );
    }
    try {
      new BusinessCalendar({ years: [data] });
    } catch (err) {
      if (err instanceof CalendarDataError) {
        throw new ApplicationException(ErrorCode.CalendarInvalid, err.message, { entry: err.entry });
      }
      throw err;
    }
    const result = await this.repository.loadOfficial(data, loadedBy, input.note ?? null);
    this.cached = null;
    return result;
  }

  /** Where the calendar stands on `now`: how far the official schedules reach, and the warning to give. */
  async status(now: Date = new Date()): Promise<CalendarStatus> {
    const rows = await this.repository.current();
    const today = localDate(now);
    const official = new Set(rows.filter((r) => r.kind !== 'provisional').map((r) => r.year));
    // The official schedules reach up to the first year from this one that has none (a gap counts, not the maximum).
    let next = Number(today.slice(0, 4));
    while (official.has(next)) next += 1;
    const lastOfficialYear = official.has(next - 1) ? next - 1 : null;
    const officialUntil = lastOfficialYear === null ? null : `${lastOfficialYear}-12-31`;
    const daysLeft = officialUntil === null ? null : daysBetween(today, officialUntil);
    let health: CalendarHealth = 'ok';
    let warning: string | null = null;
    const howTo = `load the State Council holiday notice for ${next} (PUT /calendar/years/${next} or npm run calendar -- load <file>)`;
    if (daysLeft === null || daysLeft < 0) {
      health = 'expired';
      warning =
        `The official business calendar ${officialUntil ? `ended on ${officialUntil}` : 'is empty'}: deadlines into ` +
        `${next} run on a provisional schedule computed from the statutory rule (flagged on each case); ${howTo}`;
    } else if (daysLeft <= CALENDAR_WARNING_DAYS) {
      health = 'expiring';
      warning =
        `The official business calendar ends on ${officialUntil} (in ${daysLeft} days): deadlines reaching into ` +
        `${next} will run on a provisional schedule (flagged on each case) until you ${howTo}`;
    }
    return {
      health,
      lastOfficialYear,
      officialUntil,
      daysLeft,
      provisionalYears: rows.filter((r) => r.kind === 'provisional').map((r) => r.year),
      years: rows.map((r) => ({
        year: r.year,
        kind: r.kind,
        source: r.source,
        loadedAt: r.loadedAt.toISOString(),
      })),
      warning,
    };
  }
}
