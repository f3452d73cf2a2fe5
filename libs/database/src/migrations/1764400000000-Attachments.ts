import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Files attached to a case by reference. The bytes live here (never in workflow history, which records only the id,
 * name, type, size and SHA-256); the size and hash are checked against the bytes by the database too.
 */
export class Attachments1764400000000 implements MigrationInterface {
  name = 'Attachments1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE attachments (
        id uuid PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES applications(id),
        uploaded_by uuid NOT NULL REFERENCES users(id),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
        content_type text NOT NULL,
        size_bytes int NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (octet_length(content) = size_bytes)
      )`);
    // PDF, JPEG and PNG are compressed already: store them out of line without another compression attempt.
    await q.query(`ALTER TABLE attachments ALTER COLUMN content SET STORAGE EXTERNAL`);
    await q.query(`CREATE INDEX attachments_application_idx ON attachments (application_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE attachments`);
  }
}
