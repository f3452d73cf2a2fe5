import type { RoutingRules, SlaDuration } from '@aidflow/policy';
import { Client } from 'pg';
import { hashPassword } from '../../libs/org/src/password';
import { seedCampaignData } from './seed-campaigns';
import { NOTICE_WINDOW, seedPrograms, seedRegistries, withNotice } from './seed-programs';

export const DEMO_PASSWORD = 'aidflow-demo';

interface SeedUnit {
  code: string;
  name: string;
  kind: 'city' | 'district' | 'grassroots';
  parent: string | null;
}

interface SeedUser {
  username: string;
  displayName: string;
  role: 'applicant' | 'approver' | 'auditor' | 'admin';
  unit: string | null;
  level: number | null;
  note: string;
  /** Notification channels: a (fake) mobile number with SMS on, and the language of the notices. */
  phone?: string;
  locale?: 'zh-CN' | 'en';
}

/** An org tree of a city federation: two district unions, four grassroots unions. */
export const DEMO_UNITS: readonly SeedUnit[] = [
  { code: 'CITY', name: '示范市总工会 City Federation of Trade Unions', kind: 'city', parent: null },
  { code: 'D-EAST', name: '东城区总工会 East District Union', kind: 'district', parent: 'CITY' },
  { code: 'D-WEST', name: '西城区总工会 West District Union', kind: 'district', parent: 'CITY' },
  {
    code: 'G-EAST-1',
    name: '东城第一机械厂工会 East No.1 Machinery Works Union',
    kind: 'grassroots',
    parent: 'D-EAST',
  },
  { code: 'G-EAST-2', name: '东城环卫所工会 East Sanitation Union', kind: 'grassroots', parent: 'D-EAST' },
  { code: 'G-WEST-1', name: '西城公交集团工会 West Bus Group Union', kind: 'grassroots', parent: 'D-WEST' },
  { code: 'G-WEST-2', name: '西城人民医院工会 West People’s Hospital Union', kind: 'grassroots', parent: 'D-WEST' },
];

export const DEMO_USERS: readonly SeedUser[] = [
  {
    username: 'applicant1',
    displayName: '王建国',
    role: 'applicant',
    unit: 'G-EAST-1',
    level: null,
    note: 'worker at East No.1 Machinery Works',
  },
  {
    username: 'applicant2',
    displayName: '李秀英',
    role: 'applicant',
    unit: 'G-WEST-1',
    level: null,
    note: 'worker at West Bus Group; reads notices in English',
    locale: 'en',
  },
  {
    username: 'approver-g-east-1',
    displayName: '赵敏',
    role: 'approver',
    unit: 'G-EAST-1',
    level: 1,
    note: 'level 1, East No.1 Machinery Works union',
    phone: '13800000001',
  },
  {
    username: 'approver-g-east-2',
    displayName: '钱伟',
    role: 'approver',
    unit: 'G-EAST-2',
    level: 1,
    note: 'level 1, East Sanitation union',
    phone: '13800000002',
  },
  {
    username: 'approver-g-west-1',
    displayName: '孙丽',
    role: 'approver',
    unit: 'G-WEST-1',
    level: 1,
    note: 'level 1, West Bus Group union',
    phone: '13800000003',
  },
  {
    username: 'approver-g-west-2',
    displayName: '周强',
    role: 'approver',
    unit: 'G-WEST-2',
    level: 1,
    note: 'level 1, West Hospital union',
    phone: '13800000004',
  },
  {
    username: 'approver-d-east',
    displayName: '吴刚',
    role: 'approver',
    unit: 'D-EAST',
    level: 2,
    note: 'level 2, East District union',
    phone: '13800000005',
  },
  {
    username: 'approver-d-west',
    displayName: '郑芳',
    role: 'approver',
    unit: 'D-WEST',
    level: 2,
    note: 'level 2, West District union',
    phone: '13800000006',
  },
  {
    username: 'approver-city',
    displayName: '冯涛',
    role: 'approver',
    unit: 'CITY',
    level: 3,
    note: 'level 3, city federation aid office',
    phone: '13800000007',
  },
  {
    username: 'auditor1',
    displayName: '陈审计',
    role: 'auditor',
    unit: 'CITY',
    level: null,
    note: 'auditor (经审会), read-only',
  },
  {
    username: 'leader-city',
    displayName: '卫领导',
    role: 'approver',
    unit: 'CITY',
    level: 4,
    note: 'level 4, leader sign-off above 8,000 CNY',
  },
  {
    username: 'applicant3',
    displayName: '蒋芳',
    role: 'applicant',
    unit: 'G-WEST-2',
    level: null,
    note: "worker at West Hospital; spouse of that union's approver (four-eyes)",
  },
  { username: 'admin1', displayName: '褚管理', role: 'admin', unit: 'CITY', level: null, note: 'administrator' },
];

/** Relatives on file: they never approve each other's cases (four-eyes). */
export const DEMO_RELATIVES = [{ user: 'applicant3', relative: 'approver-g-west-2', relation: '配偶 spouse' }] as const;

/**
 * Hardship-aid routing of the seeded policy versions: grassroots -> district -> city aid office, plus the leader's
 * sign-off above 8,000 CNY; SLAs in working days with a reminder a day before; an overdue district task escalates
 * to the city; the same single approver at two consecutive levels passes the later one (recorded).
 */
export const HARDSHIP_ROUTING: RoutingRules = {
  levels: [
    {
      level: 1,
      name: 'grassroots',
      title: '基层工会 grassroots union',
      orgKind: 'grassroots',
      sla: { due: { workingDays: 3 }, remindBefore: { workingDays: 1 }, onDue: 'remind' },
    },
    {
      level: 2,
      name: 'district',
      title: '区/行业工会 district or industry union',
      orgKind: 'district',
      sla: { due: { workingDays: 3 }, remindBefore: { workingDays: 1 }, onDue: 'escalate' },
    },
    {
      level: 3,
      name: 'city',
      title: '市总工会帮扶中心 city federation aid office',
      orgKind: 'city',
      sla: { due: { workingDays: 5 }, remindBefore: { workingDays: 1 }, onDue: 'remind' },
    },
    {
      level: 4,
      name: 'leader',
      title: '分管领导 leader sign-off',
      orgKind: 'city',
      when: { minAmountFen: 800_000 },
      sla: { due: { workingDays: 3 }, remindBefore: { workingDays: 1 }, onDue: 'remind' },
    },
  ],
  sameApproverConsecutive: 'pass',
};

/** Hardship-aid standards: the yearly rows of the example public standard (amounts in fen). */
export const HARDSHIP_STANDARDS = [
  {
    policyVersion: 'hardship-aid/2025.1',
    validFrom: '2025-01-01',
    validTo: '2026-01-01',
    params: {
      minimumLivingStandardFen: 76_000,
      livingReliefFen: 600_000,
      medicalReliefRate: 0.5,
      educationReliefPerStudentFen: 400_000,
      accidentCostShare: 0.8,
    },
  },
  {
    policyVersion: 'hardship-aid/2026.1',
    validFrom: '2026-01-01',
    validTo: null,
    params: {
      minimumLivingStandardFen: 80_000,
      livingReliefFen: 760_000,
      medicalReliefRate: 0.5,
      educationReliefPerStudentFen: 630_000,
      accidentCostShare: 0.8,
    },
  },
] as const;

export interface SeedOptions {
  /** Budget envelopes are created for these years (default: this year). */
  years?: number[];
  /**
   * The notice window (公示) of the seeded hardship-aid and tuition-grant versions (default 5 working days). The test
   * suite seeds without one; its notice tests add a policy version with a window of seconds.
   */
  notice?: SlaDuration | null;
  /**
   * Hardship aid's seeded versions allow several cases per household and year (`oneCasePerPeriod: 0`). Only the test
   * suite sets it: its demo applicants file dozens of hardship cases a year; no double aid is tested on the other
   * programs and on a hardship version that keeps the default (test/e2e/program-standards.e2e.test.ts).
   */
  hardshipManyCasesPerYear?: boolean;
}

/** Hardship aid's cross-program exclusion: education relief is not paid twice for the same schooling. */
const HARDSHIP_EXCLUSIONS = [
  {
    program: 'tuition-grant',
    appliesTo: ['education'],
    reason: 'education relief is not paid twice for the same schooling (a tuition grant this year)',
  },
];

/**
 * Seeds the demo data. Idempotent: rows that exist (by code / username / version) are left as they are, so a second
 * start keeps everything users changed.
 */
export async function seedDemoData(databaseUrl: string, options: SeedOptions = {}): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  const years = options.years ?? [new Date().getUTCFullYear()];
  const notice = options.notice === undefined ? NOTICE_WINDOW : options.notice;
  await client.connect();
  try {
    await client.query('BEGIN');
    for (const unit of DEMO_UNITS) {
      await client.query(
        `INSERT INTO org_units (code, name, kind, parent_id)
         VALUES ($1, $2, $3, (SELECT id FROM org_units WHERE code = $4)) ON CONFLICT (code) DO NOTHING`,
        [unit.code, unit.name, unit.kind, unit.parent],
      );
    }
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const user of DEMO_USERS) {
      await client.query(
        `INSERT INTO users (username, display_name, email, password_hash, role, org_unit_id, approval_level,
                            phone, locale, notify_sms)
         VALUES ($1, $2, $3, $4, $5, (SELECT id FROM org_units WHERE code = $6), $7, $8::text, $9, $8::text IS NOT NULL)
         ON CONFLICT (username) DO NOTHING`,
        [
          user.username,
          user.displayName,
          `${user.username}@aidflow.local`,
          passwordHash,
          user.role,
          user.unit,
          user.level,
          user.phone ?? null,
          user.locale ?? 'zh-CN',
        ],
      );
      // Demo users created before notification channels existed: give them their channels once, i.e. only while
      // every channel setting still has its default (a user who set anything keeps it).
      if (user.phone || user.locale) {
        await client.query(
          `UPDATE users SET phone = $2::text, locale = $3, notify_sms = $2::text IS NOT NULL
           WHERE username = $1 AND phone IS NULL AND locale = 'zh-CN' AND NOT notify_sms`,
          [user.username, user.phone ?? null, user.locale ?? 'zh-CN'],
        );
      }
    }
    await client.query(
      `INSERT INTO programs (code, name, name_en) VALUES ('hardship-aid', '困难职工帮扶', 'Hardship aid for registered needy workers')
       ON CONFLICT (code) DO NOTHING`,
    );
    for (const s of HARDSHIP_STANDARDS) {
      await client.query(
        `INSERT INTO program_standards (program_id, policy_version, valid_from, valid_to, params, routing, exclusions)
         VALUES ((SELECT id FROM programs WHERE code = 'hardship-aid'), $1, $2, $3, $4, $5, $6)
         ON CONFLICT (program_id, policy_version) DO NOTHING`,
        [
          s.policyVersion,
          s.validFrom,
          s.validTo,
          JSON.stringify(options.hardshipManyCasesPerYear ? { ...s.params, oneCasePerPeriod: 0 } : s.params),
          JSON.stringify(withNotice('hardship-aid', HARDSHIP_ROUTING, notice)),
          JSON.stringify(HARDSHIP_EXCLUSIONS),
        ],
      );
    }
    for (const r of DEMO_RELATIVES) {
      await client.query(
        `INSERT INTO user_relatives (user_id, relative_user_id, relation)
         SELECT a.id, b.id, $3 FROM users a, users b WHERE a.username = $1 AND b.username = $2
         ON CONFLICT DO NOTHING`,
        [r.user, r.relative, r.relation],
      );
    }
    // The yearly envelope of the annual report: 334,960 CNY for registered needy workers, from two sources.
    for (const year of years) {
      for (const [source, fen] of [
        ['central_special', 20_000_000],
        ['city_finance', 13_496_000],
      ] as const) {
        await client.query(
          `INSERT INTO budget_envelopes (program_id, year, funding_source, allocated_fen)
           VALUES ((SELECT id FROM programs WHERE code = 'hardship-aid'), $1, $2, $3)
           ON CONFLICT (program_id, year, funding_source) DO NOTHING`,
          [year, source, fen],
        );
      }
    }
    await seedPrograms(client, years, notice);
    await seedCampaignData(client, { years });
    await seedRegistries(client, new Date().getUTCFullYear());
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    await client.end();
  }
}
