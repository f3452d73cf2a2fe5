import type { Client } from 'pg';
import { EXAMPLE_STANDARDS, PROGRAM_POLICIES } from '@aidflow/policy';
import type { RoutingRules, SlaDuration } from '@aidflow/policy';

/** A program's seeded data: its current policy version (example standards of DOMAIN.md), routing, exclusions, money. */
interface ProgramSeed {
  code: string;
  openForSubmission: boolean;
  policyVersion: string;
  validFrom: string;
  routing: RoutingRules;
  exclusions: Array<{ program: string; categories?: string[]; appliesTo?: string[]; reason: string }>;
  /** CNY per funding source, per budget year. */
  envelopes: Array<[source: 'central_special' | 'city_finance' | 'union_funds' | 'donations', yuan: number]>;
}

const days = (workingDays: number) => ({
  due: { workingDays },
  remindBefore: { workingDays: 1 },
  onDue: 'remind' as const,
});
const GRASSROOTS = { level: 1, name: 'grassroots', title: '基层工会 grassroots union', orgKind: 'grassroots' as const };
const DISTRICT = {
  level: 2,
  name: 'district',
  title: '区/行业工会 district or industry union',
  orgKind: 'district' as const,
};
const CITY = { level: 3, name: 'city', title: '市总工会帮扶中心 city federation aid office', orgKind: 'city' as const };
const LEADER = { level: 4, name: 'leader', title: '分管领导 leader sign-off', orgKind: 'city' as const };

/** The notice window (公示) of the seeded versions: 5 working days; tests seed without one (SeedOptions). */
export const NOTICE_WINDOW: SlaDuration = { workingDays: 5 };

export const PROGRAM_SEEDS: readonly ProgramSeed[] = [
  {
    code: 'tuition-grant',
    openForSubmission: true,
    policyVersion: 'tuition-grant/2026.1',
    validFrom: '2026-01-01',
    routing: {
      levels: [
        { ...GRASSROOTS, sla: days(3) },
        { ...DISTRICT, sla: days(3) },
        { ...CITY, sla: days(5) },
      ],
      sameApproverConsecutive: 'pass',
    },
    exclusions: [
      {
        program: 'hardship-aid',
        categories: ['education'],
        reason: 'a tuition grant is not paid twice for the same schooling (education relief of hardship aid this year)',
      },
    ],
    envelopes: [
      ['union_funds', 30_000],
      ['donations', 20_000],
    ],
  },
  {
    code: 'model-worker-funds',
    openForSubmission: true,
    policyVersion: 'model-worker-funds/2026.1',
    validFrom: '2026-01-01',
    routing: {
      levels: [
        { ...GRASSROOTS, sla: days(3) },
        { ...CITY, sla: days(5) },
        { ...LEADER, when: { minAmountFen: 800_000 }, sla: days(3) },
      ],
      sameApproverConsecutive: 'pass',
    },
    exclusions: [],
    envelopes: [['city_finance', 72_700]],
  },
  {
    code: 'emergency-relief',
    openForSubmission: true,
    policyVersion: 'emergency-relief/2026.1',
    validFrom: '2026-01-01',
    // Fast track: two levels, one working day each; an overdue grassroots task escalates to the city.
    routing: {
      levels: [
        { ...GRASSROOTS, sla: { due: { workingDays: 1 }, onDue: 'escalate' } },
        { ...CITY, sla: { due: { workingDays: 1 }, onDue: 'remind' } },
      ],
      sameApproverConsecutive: 'pass',
    },
    exclusions: [],
    envelopes: [
      ['city_finance', 60_000],
      ['donations', 40_000],
    ],
  },
  {
    code: 'medical-mutual-aid',
    openForSubmission: true,
    policyVersion: 'medical-mutual-aid/2026.1',
    validFrom: '2026-01-01',
    routing: {
      levels: [
        { ...GRASSROOTS, sla: days(3) },
        { ...CITY, sla: days(5) },
      ],
      sameApproverConsecutive: 'pass',
    },
    exclusions: [],
    envelopes: [['union_funds', 1_000_000]],
  },
  {
    code: 'condolence',
    openForSubmission: true,
    policyVersion: 'condolence/2026.1',
    validFrom: '2026-01-01',
    routing: {
      levels: [
        { ...GRASSROOTS, sla: days(2) },
        { ...DISTRICT, sla: days(2) },
        { ...CITY, sla: days(3) },
      ],
      sameApproverConsecutive: 'pass',
    },
    exclusions: [],
    envelopes: [
      ['union_funds', 6_000],
      ['donations', 4_000],
    ],
  },
  {
    code: 'union-subsidy',
    openForSubmission: true,
    policyVersion: 'union-subsidy/2026.1',
    validFrom: '2026-01-01',
    // A grassroots union applies; the level above reviews, then the city.
    routing: {
      levels: [
        { ...DISTRICT, sla: days(5) },
        { ...CITY, sla: days(5) },
      ],
      sameApproverConsecutive: 'pass',
    },
    exclusions: [],
    envelopes: [['union_funds', 351_000]],
  },
];

/** Programs with a notice window (公示) before payment, when the seed has one. */
const WITH_NOTICE = new Set(['hardship-aid', 'tuition-grant']);

export function withNotice(code: string, routing: RoutingRules, window: SlaDuration | null): RoutingRules {
  return window && WITH_NOTICE.has(code) ? { ...routing, notice: { window } } : routing;
}

/** Inserts the programs besides hardship aid, their standards and envelopes. Idempotent. */
export async function seedPrograms(client: Client, years: number[], notice: SlaDuration | null): Promise<void> {
  for (const seed of PROGRAM_SEEDS) {
    const policy = PROGRAM_POLICIES[seed.code];
    await client.query(
      `INSERT INTO programs (code, name, name_en, subject, open_for_submission) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (code) DO NOTHING`,
      [seed.code, policy.name, policy.nameEn, policy.subject, seed.openForSubmission],
    );
    await client.query(
      `INSERT INTO program_standards (program_id, policy_version, valid_from, valid_to, params, routing, exclusions)
       VALUES ((SELECT id FROM programs WHERE code = $1), $2, $3, NULL, $4, $5, $6)
       ON CONFLICT (program_id, policy_version) DO NOTHING`,
      [
        seed.code,
        seed.policyVersion,
        seed.validFrom,
        JSON.stringify(EXAMPLE_STANDARDS[seed.code]),
        JSON.stringify(withNotice(seed.code, seed.routing, notice)),
        JSON.stringify(seed.exclusions),
      ],
    );
    for (const year of years) {
      for (const [source, yuan] of seed.envelopes) {
        await client.query(
          `INSERT INTO budget_envelopes (program_id, year, funding_source, allocated_fen)
           VALUES ((SELECT id FROM programs WHERE code = $1), $2, $3, $4)
           ON CONFLICT (program_id, year, funding_source) DO NOTHING`,
          [seed.code, year, source, Math.round(yuan * 100)],
        );
      }
    }
  }
}

/**
 * Demo registry rows: applicant1's household is filed (深度困难), applicant2 is enrolled in medical mutual aid for
 * the year (enrolled on 2 January), applicant3 is a provincial model worker. Idempotent.
 */
export async function seedRegistries(client: Client, year: number): Promise<void> {
  await client.query(
    `INSERT INTO household_files (file_no, head_user_id, org_unit_id, tier, household_size, facts, status, filed_on,
                                  verified_on, filed_by)
     SELECT 'HF-DEMO-000001', u.id, u.org_unit_id, 'deep', 3,
            '{"householdSize":3,"annualIncomeFen":2400000,"unavoidableCostsFen":600000,"accidentCostsFen":0}',
            'open', $1, $1, (SELECT id FROM users WHERE username = 'approver-g-east-1')
     FROM users u WHERE u.username = 'applicant1'
     ON CONFLICT DO NOTHING`,
    [`${year}-01-05`],
  );
  await client.query(
    `INSERT INTO medical_enrolments (user_id, coverage_year, unit_org_id, enrolled_on, coverage_from, coverage_to)
     SELECT u.id, $1, u.org_unit_id, $2, $3, $4 FROM users u WHERE u.username = 'applicant2'
     ON CONFLICT (user_id, coverage_year) DO NOTHING`,
    [year, `${year}-01-02`, `${year}-01-01`, `${year}-12-31`],
  );
  await client.query(
    `INSERT INTO model_workers (user_id, name, honour_level, work_status, org_unit_id, awarded_year)
     SELECT u.id, u.display_name, 'provincial', 'working', u.org_unit_id, 2019 FROM users u
     WHERE u.username = 'applicant3'
     ON CONFLICT (user_id) DO NOTHING`,
  );
}
