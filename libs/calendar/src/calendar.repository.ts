import type { CalendarKind, HolidayYear } from '@aidflow/workflows/calendar';

/** One stored schedule of a year: the current one, or an earlier one it superseded. */
export interface CalendarYearRecord extends HolidayYear {
  id: string;
  kind: CalendarKind;
  note: string | null;
  /** Who loaded it; null for the shipped schedules and for provisional ones the system computed. */
  loadedBy: string | null;
  loadedAt: Date;
  /** When a later schedule of the same year replaced it; null for the current one. */
  supersededAt: Date | null;
}

/** Port: the business calendar's years, one current schedule per year, earlier ones kept. */
export abstract class CalendarRepository {
  /** The current schedule of every year, by year. */
  abstract current(): Promise<CalendarYearRecord[]>;
  /** Every schedule ever stored for the year, oldest first (the last one is current unless superseded). */
  abstract history(year: number): Promise<CalendarYearRecord[]>;
  /**
   * In one transaction: the year's current schedule (official or provisional) is marked superseded and `data`
   * becomes current, as official. Returns the new row and the one it replaced.
   */
  abstract loadOfficial(
    data: HolidayYear,
    loadedBy: string | null,
    note: string | null,
  ): Promise<{ record: CalendarYearRecord; replaced: CalendarYearRecord | null }>;
  /**
   * Stores a provisional schedule for a year that has none; a year that has one (official or provisional, stored by
   * a concurrent caller) keeps it. Returns the year's current schedule either way.
   */
  abstract ensureProvisional(data: HolidayYear): Promise<CalendarYearRecord>;
}
