import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change of a budget envelope's allocation is kept: who set which amount, from what, when and why. The row of
 * a newly created envelope has no old amount.
 */
export class BudgetEnvelopeChanges1764760000000 implements MigrationInterface {
  name = 'BudgetEnvelopeChanges1764760000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE budget_envelope_changes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        envelope_id uuid NOT NULL REFERENCES budget_envelopes(id),
        old_allocated_fen bigint CHECK (old_allocated_fen >= 0),
        new_allocated_fen bigint NOT NULL CHECK (new_allocated_fen >= 0),
        reason text NOT NULL,
        changed_by uuid NOT NULL REFERENCES users(id),
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX budget_envelope_changes_envelope_idx ON budget_envelope_changes (envelope_id, changed_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE budget_envelope_changes`);
  }
}
