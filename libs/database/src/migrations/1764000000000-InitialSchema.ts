import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE org_units (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('grassroots', 'district', 'city')),
        parent_id uuid REFERENCES org_units(id)
      )`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL UNIQUE,
        display_name text NOT NULL,
        email text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('applicant', 'approver', 'auditor', 'admin')),
        org_unit_id uuid REFERENCES org_units(id),
        approval_level int CHECK (approval_level BETWEEN 1 AND 9),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (role <> 'approver' OR (org_unit_id IS NOT NULL AND approval_level IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX users_approvers_idx ON users (org_unit_id, approval_level) WHERE role = 'approver'`);
    await q.query(`
      CREATE TABLE programs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        name_en text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE program_standards (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL REFERENCES programs(id),
        policy_version text NOT NULL,
        valid_from date NOT NULL,
        valid_to date,
        params jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (program_id, policy_version),
        CHECK (valid_to IS NULL OR valid_to > valid_from)
      )`);
    await q.query(`
      CREATE TABLE budget_envelopes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL REFERENCES programs(id),
        year int NOT NULL,
        funding_source text NOT NULL CHECK (funding_source IN ('central_special', 'city_finance', 'union_funds', 'donations')),
        allocated_fen bigint NOT NULL CHECK (allocated_fen >= 0),
        reserved_fen bigint NOT NULL DEFAULT 0 CHECK (reserved_fen >= 0),
        paid_fen bigint NOT NULL DEFAULT 0 CHECK (paid_fen >= 0),
        UNIQUE (program_id, year, funding_source),
        CHECK (reserved_fen + paid_fen <= allocated_fen)
      )`);
    await q.query(`
      CREATE TABLE applications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL REFERENCES programs(id),
        program_code text NOT NULL,
        applicant_user_id uuid NOT NULL REFERENCES users(id),
        org_unit_id uuid NOT NULL REFERENCES org_units(id),
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        category text NOT NULL,
        requested_amount_fen bigint NOT NULL CHECK (requested_amount_fen > 0),
        granted_amount_fen bigint,
        facts jsonb NOT NULL,
        national_id text,
        standard_id uuid NOT NULL REFERENCES program_standards(id),
        policy_version text NOT NULL,
        eligibility jsonb,
        tier text,
        status text NOT NULL,
        current_level int,
        outcome_reason text,
        workflow_id text NOT NULL UNIQUE,
        budget_year int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (applicant_user_id, idempotency_key)
      )`);
    await q.query(`CREATE INDEX applications_org_status_idx ON applications (org_unit_id, status)`);
    await q.query(`
      CREATE TABLE budget_reservations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        envelope_id uuid NOT NULL REFERENCES budget_envelopes(id),
        application_id uuid NOT NULL UNIQUE REFERENCES applications(id),
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        status text NOT NULL CHECK (status IN ('reserved', 'committed', 'released')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE disbursements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL UNIQUE REFERENCES applications(id),
        reservation_id uuid NOT NULL REFERENCES budget_reservations(id),
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        status text NOT NULL CHECK (status IN ('pending_payment', 'paid')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE approval_tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications(id),
        level int NOT NULL,
        level_name text NOT NULL,
        org_unit_id uuid NOT NULL REFERENCES org_units(id),
        assignee_ids uuid[] NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'completed')),
        opened_at timestamptz NOT NULL,
        closed_at timestamptz,
        UNIQUE (application_id, level)
      )`);
    await q.query(
      `CREATE INDEX approval_tasks_open_assignees_idx ON approval_tasks USING gin (assignee_ids) WHERE status = 'open'`,
    );
    await q.query(`
      CREATE TABLE decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications(id),
        level int NOT NULL,
        level_name text NOT NULL,
        org_unit_id uuid NOT NULL REFERENCES org_units(id),
        actor_id uuid NOT NULL REFERENCES users(id),
        actor_name text NOT NULL,
        decision text NOT NULL CHECK (decision IN ('approve', 'reject')),
        comment text,
        decided_at timestamptz NOT NULL,
        UNIQUE (application_id, level)
      )`);
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications(id),
        event_key text NOT NULL,
        recipient_user_id uuid NOT NULL REFERENCES users(id),
        channel text NOT NULL CHECK (channel IN ('email')),
        address text NOT NULL,
        subject text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (application_id, event_key, recipient_user_id, channel)
      )`);
    await q.query(`
      CREATE TABLE rejected_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        actor_id uuid,
        action text NOT NULL,
        application_id uuid,
        code text NOT NULL,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'rejected_attempts',
      'notifications',
      'decisions',
      'approval_tasks',
      'disbursements',
      'budget_reservations',
      'applications',
      'budget_envelopes',
      'program_standards',
      'programs',
      'users',
      'org_units',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
