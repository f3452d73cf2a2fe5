import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The auditors' record: an append-only, hash-chained decision ledger (per case and global), the archive of closed
 * workflow histories, and the log of unmasked exports.
 */
export class AuditLedgerAndArchive1764100000000 implements MigrationInterface {
  name = 'AuditLedgerAndArchive1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ledger_entries (
        seq bigserial PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES applications(id),
        case_seq int NOT NULL,
        kind text NOT NULL,
        dedupe_key text NOT NULL,
        actor_id uuid,
        occurred_at timestamptz NOT NULL,
        payload jsonb NOT NULL,
        prev_case_hash text NOT NULL,
        case_hash text NOT NULL,
        prev_global_hash text NOT NULL,
        global_hash text NOT NULL,
        UNIQUE (application_id, case_seq),
        UNIQUE (application_id, dedupe_key)
      )`);
    await q.query(`CREATE INDEX ledger_entries_occurred_idx ON ledger_entries (occurred_at)`);
    // Append-only for every role the app can run as: rows can be inserted, never changed or removed.
    await q.query(`
      CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger_entries is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER ledger_entries_no_update_delete BEFORE UPDATE OR DELETE ON ledger_entries
      FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only()`);
    await q.query(`
      CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
      FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_append_only()`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ledger_entries FROM PUBLIC`);

    await q.query(`
      CREATE TABLE workflow_archive (
        workflow_id text NOT NULL,
        run_id text NOT NULL,
        application_id uuid REFERENCES applications(id),
        workflow_type text NOT NULL,
        status text NOT NULL,
        started_at timestamptz,
        closed_at timestamptz,
        event_count int NOT NULL,
        history jsonb NOT NULL,
        archived_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workflow_id, run_id)
      )`);
    await q.query(`CREATE INDEX workflow_archive_application_idx ON workflow_archive (application_id)`);

    await q.query(`
      CREATE TABLE export_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        actor_id uuid NOT NULL REFERENCES users(id),
        kind text NOT NULL,
        format text NOT NULL,
        unmasked boolean NOT NULL,
        filters jsonb NOT NULL,
        row_count int,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS export_log`);
    await q.query(`DROP TABLE IF EXISTS workflow_archive`);
    await q.query(`DROP TABLE IF EXISTS ledger_entries`);
    await q.query(`DROP FUNCTION IF EXISTS ledger_entries_append_only()`);
  }
}
