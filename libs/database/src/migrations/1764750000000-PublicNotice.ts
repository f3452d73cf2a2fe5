import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Public notice (公示) before payment: one notice per application, listed publicly with masked display fields only
 * (never the full name or national id), and the objections lodged during it (one per user and case).
 */
export class PublicNotice1764750000000 implements MigrationInterface {
  name = 'PublicNotice1764750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE public_notices (
        application_id uuid PRIMARY KEY REFERENCES applications(id),
        opened_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        closed_at timestamptz,
        status text NOT NULL
          CHECK (status IN ('open', 'under_review', 'closed_clean', 'cleared', 'upheld', 'withdrawn')),
        applicant_name_masked text NOT NULL,
        national_id_masked text,
        program_code text NOT NULL,
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        org_unit_name text NOT NULL,
        CHECK (closes_at >= opened_at),
        CHECK ((status IN ('open', 'under_review')) = (closed_at IS NULL))
      )`);
    await q.query(
      `CREATE INDEX public_notices_current_idx ON public_notices (closes_at) WHERE status IN ('open', 'under_review')`,
    );
    await q.query(`
      CREATE TABLE objections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES public_notices(application_id),
        objector_user_id uuid NOT NULL REFERENCES users(id),
        reason text NOT NULL CHECK (char_length(reason) BETWEEN 5 AND 2000),
        lodged_at timestamptz NOT NULL DEFAULT now(),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'dismissed')),
        reviewed_by uuid REFERENCES users(id),
        review_comment text,
        reviewed_at timestamptz,
        UNIQUE (application_id, objector_user_id),
        CHECK ((status = 'open') = (reviewed_at IS NULL))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE objections`);
    await q.query(`DROP TABLE public_notices`);
  }
}
