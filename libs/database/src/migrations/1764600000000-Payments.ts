import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Money moves exactly once: a disbursement carries the bank's payment id once paid (or why the bank refused it),
 * and every reconciliation against the bank's records is kept with the rows it flagged.
 */
export class Payments1764600000000 implements MigrationInterface {
  name = 'Payments1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE disbursements DROP CONSTRAINT disbursements_status_check`);
    await q.query(
      `ALTER TABLE disbursements ADD CONSTRAINT disbursements_status_check
         CHECK (status IN ('pending_payment', 'paid', 'payment_failed'))`,
    );
    await q.query(`
      ALTER TABLE disbursements
        ADD COLUMN bank_payment_id text UNIQUE,
        ADD COLUMN paid_at timestamptz,
        ADD COLUMN payment_error text,
        ADD CONSTRAINT disbursements_paid_check CHECK ((status = 'paid') = (bank_payment_id IS NOT NULL))`);
    await q.query(`
      CREATE TABLE payment_reconciliations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        run_at timestamptz NOT NULL DEFAULT now(),
        matched int NOT NULL,
        flagged jsonb NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE payment_reconciliations`);
    await q.query(`UPDATE disbursements SET status = 'pending_payment' WHERE status = 'payment_failed'`);
    await q.query(`
      ALTER TABLE disbursements
        DROP CONSTRAINT disbursements_paid_check,
        DROP COLUMN payment_error,
        DROP COLUMN paid_at,
        DROP COLUMN bank_payment_id`);
    await q.query(`ALTER TABLE disbursements DROP CONSTRAINT disbursements_status_check`);
    await q.query(
      `ALTER TABLE disbursements ADD CONSTRAINT disbursements_status_check CHECK (status IN ('pending_payment', 'paid'))`,
    );
  }
}
