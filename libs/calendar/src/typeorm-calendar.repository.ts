import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import type { CalendarKind, HolidayPeriod, HolidayYear } from '@aidflow/workflows/calendar';
import { CalendarRepository } from './calendar.repository';
import type { CalendarYearRecord } from './calendar.repository';

interface CalendarRow {
  id: string;
  year: number;
  kind: CalendarKind;
  source: string;
  holidays: HolidayPeriod[];
  make_up_workdays: string[];
  note: string | null;
  loaded_by: string | null;
  loaded_at: Date;
  superseded_at: Date | null;
}

const toRecord = (r: CalendarRow): CalendarYearRecord => ({
  id: r.id,
  year: r.year,
  kind: r.kind,
  source: r.source,
  holidays: r.holidays,
  makeUpWorkdays: r.make_up_workdays,
  note: r.note,
  loadedBy: r.loaded_by,
  loadedAt: r.loaded_at,
  supersededAt: r.superseded_at,
});

const INSERT = `INSERT INTO business_calendar_years (year, kind, source, holidays, make_up_workdays, note, loaded_by)
  VALUES ($1, $2, $3, $4, $5, $6, $7)`;

const values = (data: HolidayYear, kind: CalendarKind, note: string | null, loadedBy: string | null): unknown[] => [
  data.year,
  kind,
  data.source,
  JSON.stringify(data.holidays),
  JSON.stringify(data.makeUpWorkdays),
  note,
  loadedBy,
];

@Injectable()
export class TypeOrmCalendarRepository extends CalendarRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {
    super();
  }

  async current(): Promise<CalendarYearRecord[]> {
    const rows = await this.db.query<CalendarRow[]>(
      `SELECT * FROM business_calendar_years WHERE superseded_at IS NULL ORDER BY year`,
    );
    return rows.map(toRecord);
  }

  async history(year: number): Promise<CalendarYearRecord[]> {
    const rows = await this.db.query<CalendarRow[]>(
      `SELECT * FROM business_calendar_years WHERE year = $1 ORDER BY loaded_at, superseded_at NULLS LAST`,
      [year],
    );
    return rows.map(toRecord);
  }

  loadOfficial(
    data: HolidayYear,
    loadedBy: string | null,
    note: string | null,
  ): Promise<{ record: CalendarYearRecord; replaced: CalendarYearRecord | null }> {
    return this.db.transaction(async (tx) => {
      await lockYear(tx, data.year);
      const [replaced] = await tx.query<[CalendarRow[], number]>(
        `UPDATE business_calendar_years SET superseded_at = now() WHERE year = $1 AND superseded_at IS NULL
         RETURNING *`,
        [data.year],
      );
      const [row] = await tx.query<CalendarRow[]>(`${INSERT} RETURNING *`, values(data, 'official', note, loadedBy));
      return { record: toRecord(row), replaced: replaced[0] ? toRecord(replaced[0]) : null };
    });
  }

  async ensureProvisional(data: HolidayYear): Promise<CalendarYearRecord> {
    await this.db.query(
      `${INSERT} ON CONFLICT (year) WHERE superseded_at IS NULL DO NOTHING`,
      values(data, 'provisional', 'computed when a deadline first needed the year', null),
    );
    const [row] = await this.db.query<CalendarRow[]>(
      `SELECT * FROM business_calendar_years WHERE year = $1 AND superseded_at IS NULL`,
      [data.year],
    );
    return toRecord(row);
  }
}

/** One writer per year at a time: two administrators loading the same year cannot interleave. */
async function lockYear(tx: EntityManager, year: number): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`calendar-year:${year}`]);
}
