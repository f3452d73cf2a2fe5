import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Routing as data per program and policy version (levels, conditions, modes, SLAs), relatives on file (four-eyes)
 * and approvers' absences with a delegate.
 */
export class RoutingAndDelegation1764500000000 implements MigrationInterface {
  name = 'RoutingAndDelegation1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE program_standards ADD COLUMN routing jsonb`);
    await q.query(`
      CREATE TABLE user_relatives (
        user_id uuid NOT NULL REFERENCES users(id),
        relative_user_id uuid NOT NULL REFERENCES users(id),
        relation text NOT NULL,
        PRIMARY KEY (user_id, relative_user_id),
        CHECK (user_id <> relative_user_id)
      )`);
    await q.query(`
      CREATE TABLE approver_absences (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        delegate_id uuid NOT NULL REFERENCES users(id),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at),
        CHECK (user_id <> delegate_id)
      )`);
    await q.query(`CREATE INDEX approver_absences_user_idx ON approver_absences (user_id, starts_at, ends_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE approver_absences`);
    await q.query(`DROP TABLE user_relatives`);
    await q.query(`ALTER TABLE program_standards DROP COLUMN routing`);
  }
}
