import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The approval verbs: levels decided more than once (rounds, after a return), several approvers per level (会签,
 * 加签), the actions trail (return, transfer, copy, urge, ...), read access for people a case was copied to, and
 * the system user that deadline actions are recorded under.
 */
export class ApprovalActions1764300000000 implements MigrationInterface {
  name = 'ApprovalActions1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE approval_tasks ADD COLUMN round int NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE approval_tasks ADD COLUMN assignment text[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE approval_tasks DROP CONSTRAINT approval_tasks_application_id_level_key`);
    await q.query(
      `ALTER TABLE approval_tasks ADD CONSTRAINT approval_tasks_level_round_key UNIQUE (application_id, level, round)`,
    );
    await q.query(`ALTER TABLE approval_tasks DROP CONSTRAINT approval_tasks_status_check`);
    await q.query(
      `ALTER TABLE approval_tasks ADD CONSTRAINT approval_tasks_status_check CHECK (status IN ('open', 'completed', 'cancelled'))`,
    );
    await q.query(`ALTER TABLE decisions ADD COLUMN round int NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE decisions DROP CONSTRAINT decisions_application_id_level_key`);
    await q.query(
      `ALTER TABLE decisions ADD CONSTRAINT decisions_level_round_actor_key UNIQUE (application_id, level, round, actor_id)`,
    );
    await q.query(`
      CREATE TABLE case_actions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications(id),
        seq int NOT NULL,
        verb text NOT NULL,
        actor_id uuid NOT NULL REFERENCES users(id),
        actor_name text NOT NULL,
        level int,
        round int,
        comment text,
        details jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL,
        UNIQUE (application_id, seq)
      )`);
    await q.query(`
      CREATE TABLE case_watchers (
        application_id uuid NOT NULL REFERENCES applications(id),
        user_id uuid NOT NULL REFERENCES users(id),
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (application_id, user_id)
      )`);
    await q.query(`CREATE INDEX case_watchers_user_idx ON case_watchers (user_id)`);
    // Deadline actions (auto-approve, escalate, ...) are recorded under this user; it cannot log in.
    await q.query(`
      INSERT INTO users (id, username, display_name, email, password_hash, role)
      VALUES ('00000000-0000-4000-8000-000000000000', 'system', '系统 system', 'system@aidflow.local', '!', 'admin')
      ON CONFLICT (id) DO NOTHING`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_watchers`);
    await q.query(`DROP TABLE case_actions`);
    await q.query(`DELETE FROM decisions WHERE round > 1`);
    await q.query(`ALTER TABLE decisions DROP CONSTRAINT decisions_level_round_actor_key`);
    await q.query(
      `ALTER TABLE decisions ADD CONSTRAINT decisions_application_id_level_key UNIQUE (application_id, level)`,
    );
    await q.query(`ALTER TABLE decisions DROP COLUMN round`);
    await q.query(`DELETE FROM approval_tasks WHERE round > 1`);
    await q.query(`UPDATE approval_tasks SET status = 'completed' WHERE status = 'cancelled'`);
    await q.query(`ALTER TABLE approval_tasks DROP CONSTRAINT approval_tasks_status_check`);
    await q.query(
      `ALTER TABLE approval_tasks ADD CONSTRAINT approval_tasks_status_check CHECK (status IN ('open', 'completed'))`,
    );
    await q.query(`ALTER TABLE approval_tasks DROP CONSTRAINT approval_tasks_level_round_key`);
    await q.query(
      `ALTER TABLE approval_tasks ADD CONSTRAINT approval_tasks_application_id_level_key UNIQUE (application_id, level)`,
    );
    await q.query(`ALTER TABLE approval_tasks DROP COLUMN assignment`);
    await q.query(`ALTER TABLE approval_tasks DROP COLUMN round`);
    await q.query(`DELETE FROM users WHERE id = '00000000-0000-4000-8000-000000000000'`);
  }
}
