import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every program as data: standards carry cross-program exclusions; applications carry the business key that allows
 * one open (or granted) application per person / household / union, program and period. The registries the programs
 * read: household files (建档, yearly re-verification, 退档), the model-worker registry, medical mutual-aid enrolments;
 * and the usage reports of grassroots-union subsidies.
 */
export class ProgramsAndRegistries1764700000000 implements MigrationInterface {
  name = 'ProgramsAndRegistries1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE programs
        ADD COLUMN subject text NOT NULL DEFAULT 'household' CHECK (subject IN ('person', 'household', 'union')),
        ADD COLUMN open_for_submission boolean NOT NULL DEFAULT true`);
    await q.query(`
      ALTER TABLE program_standards
        ADD COLUMN exclusions jsonb NOT NULL DEFAULT '[]'::jsonb,
        ADD COLUMN created_by uuid REFERENCES users(id),
        ADD COLUMN note text`);
    await q.query(`
      ALTER TABLE applications
        ADD COLUMN subject_key text,
        ADD COLUMN period text,
        ADD COLUMN business_key text`);
    // Refused, rejected, withdrawn and unfunded cases free the key; open and approved ones hold it.
    await q.query(`
      CREATE UNIQUE INDEX applications_business_key_held ON applications (business_key)
      WHERE business_key IS NOT NULL AND status NOT IN ('refused', 'rejected', 'withdrawn', 'budget_exhausted')`);
    await q.query(`CREATE INDEX applications_subject_idx ON applications (subject_key, budget_year)`);

    await q.query(`
      CREATE TABLE household_files (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_no text NOT NULL UNIQUE,
        head_user_id uuid NOT NULL REFERENCES users(id),
        org_unit_id uuid NOT NULL REFERENCES org_units(id),
        tier text NOT NULL CHECK (tier IN ('deep', 'relative', 'accident')),
        household_size int NOT NULL CHECK (household_size BETWEEN 1 AND 30),
        facts jsonb NOT NULL,
        standard_id uuid REFERENCES program_standards(id),
        status text NOT NULL CHECK (status IN ('open', 'closed')),
        filed_on date NOT NULL,
        verified_on date NOT NULL,
        closed_on date,
        closed_reason text,
        filed_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'closed') = (closed_on IS NOT NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX household_files_one_open ON household_files (head_user_id) WHERE status = 'open'`,
    );
    await q.query(`
      CREATE TABLE household_file_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_id uuid NOT NULL REFERENCES household_files(id),
        kind text NOT NULL CHECK (kind IN ('filed', 'verified', 'retiered', 'closed')),
        actor_id uuid NOT NULL REFERENCES users(id),
        occurred_at timestamptz NOT NULL DEFAULT now(),
        tier text,
        note text,
        facts jsonb
      )`);
    await q.query(`
      CREATE TABLE model_workers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid UNIQUE REFERENCES users(id),
        name text NOT NULL,
        honour_level text NOT NULL CHECK (honour_level IN ('national', 'provincial', 'city')),
        work_status text NOT NULL CHECK (work_status IN ('working', 'retired', 'farmer')),
        org_unit_id uuid NOT NULL REFERENCES org_units(id),
        awarded_year int NOT NULL CHECK (awarded_year BETWEEN 1950 AND 2100),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE medical_enrolments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        coverage_year int NOT NULL,
        unit_org_id uuid NOT NULL REFERENCES org_units(id),
        enrolled_on date NOT NULL,
        coverage_from date NOT NULL,
        coverage_to date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, coverage_year),
        CHECK (coverage_to >= coverage_from)
      )`);
    await q.query(`
      CREATE TABLE subsidy_usage_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL UNIQUE REFERENCES applications(id),
        reported_by uuid NOT NULL REFERENCES users(id),
        items jsonb NOT NULL,
        total_fen bigint NOT NULL CHECK (total_fen >= 0),
        note text,
        reported_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE subsidy_usage_reports`);
    await q.query(`DROP TABLE medical_enrolments`);
    await q.query(`DROP TABLE model_workers`);
    await q.query(`DROP TABLE household_file_events`);
    await q.query(`DROP TABLE household_files`);
    await q.query(`DROP INDEX applications_subject_idx`);
    await q.query(`DROP INDEX applications_business_key_held`);
    await q.query(`ALTER TABLE applications DROP COLUMN business_key, DROP COLUMN period, DROP COLUMN subject_key`);
    await q.query(`ALTER TABLE program_standards DROP COLUMN note, DROP COLUMN created_by, DROP COLUMN exclusions`);
    await q.query(`ALTER TABLE programs DROP COLUMN open_for_submission, DROP COLUMN subject`);
  }
}
