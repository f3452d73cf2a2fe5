import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaigns (送温暖, the Spring-Festival model-worker batch): a campaign with a budget fans out one case (visit) per
 * recipient drawn from the registries; each visit is confirmed with proof and paid exactly once. Front-line groups
 * (water, heating, sanitation, hospitals, police, customs) get their registry here. Campaign events are the
 * append-only audit trail of campaigns (the hash-chained ledger is keyed by application).
 */
export class Campaigns1764800000000 implements MigrationInterface {
  name = 'Campaigns1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE frontline_workers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        group_code text NOT NULL CHECK (group_code IN ('water', 'heating', 'sanitation', 'hospitals', 'police', 'customs')),
        org_unit_id uuid NOT NULL REFERENCES org_units(id),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX frontline_workers_group_idx ON frontline_workers (group_code) WHERE active`);
    await q.query(`
      CREATE TABLE campaigns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        program_id uuid NOT NULL REFERENCES programs(id),
        program_code text NOT NULL,
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        funding_source text NOT NULL
          CHECK (funding_source IN ('central_special', 'city_finance', 'union_funds', 'donations')),
        envelope_id uuid REFERENCES budget_envelopes(id),
        budget_fen bigint NOT NULL CHECK (budget_fen > 0),
        status text NOT NULL CHECK (status IN ('draft', 'running', 'completed', 'closed')),
        target_groups jsonb NOT NULL,
        amounts jsonb NOT NULL,
        recipients int NOT NULL DEFAULT 0,
        planned_fen bigint NOT NULL DEFAULT 0,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        fanned_out_at timestamptz,
        completed_at timestamptz,
        closed_at timestamptz,
        released_fen bigint,
        close_report jsonb,
        CHECK ((status = 'draft') = (started_at IS NULL)),
        CHECK ((status = 'closed') = (closed_at IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE campaign_visits (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        recipient_kind text NOT NULL CHECK (recipient_kind IN ('needy_household', 'model_worker', 'frontline')),
        recipient_id uuid NOT NULL,
        recipient_name text NOT NULL,
        group_code text NOT NULL,
        org_unit_id uuid NOT NULL REFERENCES org_units(id),
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        state text NOT NULL DEFAULT 'planned'
          CHECK (state IN ('planned', 'visited', 'paid', 'payment_failed', 'skipped')),
        case_started_at timestamptz,
        delivery text CHECK (delivery IN ('cash', 'in_kind')),
        proof_sha256 text CHECK (proof_sha256 ~ '^[0-9a-f]{64}$'),
        proof_note text,
        visitor_id uuid REFERENCES users(id),
        visited_at timestamptz,
        confirmed_at timestamptz,
        bank_payment_id text UNIQUE,
        paid_at timestamptz,
        payment_error text,
        UNIQUE (campaign_id, recipient_kind, recipient_id),
        CHECK (state IN ('planned', 'skipped') OR (confirmed_at IS NOT NULL AND (proof_sha256 IS NOT NULL OR proof_note IS NOT NULL))),
        CHECK (state <> 'paid' OR paid_at IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX campaign_visits_state_idx ON campaign_visits (campaign_id, state)`);
    await q.query(`CREATE INDEX campaign_visits_page_idx ON campaign_visits (campaign_id, id)`);
    await q.query(`CREATE INDEX campaign_visits_org_idx ON campaign_visits (campaign_id, org_unit_id)`);
    await q.query(`
      CREATE TABLE campaign_events (
        seq bigserial PRIMARY KEY,
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        visit_id uuid REFERENCES campaign_visits(id),
        kind text NOT NULL,
        dedupe_key text NOT NULL,
        actor_id uuid,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        payload jsonb NOT NULL,
        UNIQUE (campaign_id, dedupe_key)
      )`);
    await q.query(`
      CREATE FUNCTION campaign_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'campaign_events is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER campaign_events_append_only BEFORE UPDATE OR DELETE ON campaign_events
      FOR EACH ROW EXECUTE FUNCTION campaign_events_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE campaign_events`);
    await q.query(`DROP FUNCTION campaign_events_append_only()`);
    await q.query(`DROP TABLE campaign_visits`);
    await q.query(`DROP TABLE campaigns`);
    await q.query(`DROP TABLE frontline_workers`);
  }
}
