import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CHINA_HOLIDAYS } from '@aidflow/workflows/calendar/china-holidays';

/**
 * The business calendar as data: one current row per year (the State Council notice an administrator loaded, or a
 * provisional schedule computed from the statutory rule when none was), earlier rows kept and marked superseded so
 * auditors can see which schedule a deadline was computed with. Seeded with the schedules the product shipped with
 * (2025, 2026). Public notices record the provisional years their closing date was computed on. System notices (the
 * administrators' calendar warnings) are notifications about no application.
 */
export class BusinessCalendar1764900000000 implements MigrationInterface {
  name = 'BusinessCalendar1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE business_calendar_years (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        year int NOT NULL CHECK (year BETWEEN 1970 AND 2100),
        kind text NOT NULL CHECK (kind IN ('official', 'provisional')),
        source text NOT NULL CHECK (length(btrim(source)) > 0),
        holidays jsonb NOT NULL CHECK (jsonb_typeof(holidays) = 'array'),
        make_up_workdays jsonb NOT NULL CHECK (jsonb_typeof(make_up_workdays) = 'array'),
        note text,
        loaded_by uuid REFERENCES users(id),
        loaded_at timestamptz NOT NULL DEFAULT now(),
        superseded_at timestamptz
      )`);
    await q.query(
      `CREATE UNIQUE INDEX business_calendar_years_current_idx ON business_calendar_years (year) WHERE superseded_at IS NULL`,
    );
    for (const y of CHINA_HOLIDAYS) {
      await q.query(
        `INSERT INTO business_calendar_years (year, kind, source, holidays, make_up_workdays, note)
         VALUES ($1, 'official', $2, $3, $4, 'shipped with aidflow')`,
        [y.year, y.source, JSON.stringify(y.holidays), JSON.stringify(y.makeUpWorkdays)],
      );
    }

    await q.query(`ALTER TABLE public_notices ADD COLUMN provisional_calendar_years int[] NOT NULL DEFAULT '{}'`);

    await q.query(`ALTER TABLE notifications ALTER COLUMN application_id DROP NOT NULL`);
    // The initial schema's unnamed UNIQUE (application_id, event_key, recipient_user_id, channel): PostgreSQL named it.
    const unique = (await q.query(
      `SELECT conname FROM pg_constraint WHERE conrelid = 'notifications'::regclass AND contype = 'u'`,
    )) as Array<{ conname: string }>;
    for (const { conname } of unique) await q.query(`ALTER TABLE notifications DROP CONSTRAINT "${conname}"`);
    // One notice per key also for system notices (no application): NULLs count as equal here.
    await q.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_once_key
         UNIQUE NULLS NOT DISTINCT (application_id, event_key, recipient_user_id, channel)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // System notices cannot live in the old schema, where every notice is about an application.
    await q.query(`DELETE FROM notifications WHERE application_id IS NULL`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_once_key`);
    await q.query(`ALTER TABLE notifications ADD UNIQUE (application_id, event_key, recipient_user_id, channel)`);
    await q.query(`ALTER TABLE notifications ALTER COLUMN application_id SET NOT NULL`);
    await q.query(`ALTER TABLE public_notices DROP COLUMN provisional_calendar_years`);
    await q.query(`DROP TABLE business_calendar_years`);
  }
}
