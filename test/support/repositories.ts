import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { ApplicationEntity } from '../../libs/applications/src/application.entity';
import type { NewApplication } from '../../libs/applications/src/applications.repository';
import { TypeOrmApplicationsRepository } from '../../libs/applications/src/typeorm-applications.repository';
import { dataSourceOptions } from '../../libs/database/src/data-source-options';
import { createTestDatabase } from './test-database';
import type { TestDatabase } from './test-database';
import { ELIGIBLE_HARDSHIP } from './hardship-commands';

/** One test file's own database (a clone of the seeded template) and a TypeORM DataSource on it. */
export interface RepositoryTestDatabase {
  db: TestDatabase;
  dataSource: DataSource;
  /** Raw SQL through the DataSource: bigint columns come back as strings here. */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function openRepositoryTestDatabase(options: { poolSize?: number } = {}): Promise<RepositoryTestDatabase> {
  const db = await createTestDatabase();
  const dataSource = new DataSource(dataSourceOptions(db.url, { poolSize: options.poolSize ?? 10 }));
  try {
    await dataSource.initialize();
  } catch (err) {
    await db.drop();
    throw err;
  }
  return {
    db,
    dataSource,
    sql: async <T>(text: string, params: unknown[] = []): Promise<T[]> => dataSource.query<T[]>(text, params),
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await db.drop();
    },
  };
}

/** Ids of the seeded demo data (scripts/lib/seed.ts), looked up by their natural keys. */
export interface SeededIds {
  programId: string;
  standardId: string;
  policyVersion: string;
  units: Record<'CITY' | 'D-EAST' | 'D-WEST' | 'G-EAST-1' | 'G-EAST-2' | 'G-WEST-1' | 'G-WEST-2', string>;
  users: Record<string, string>;
}

export async function seededIds(dataSource: DataSource): Promise<SeededIds> {
  const [program] = await dataSource.query<Array<{ id: string }>>(
    `SELECT id FROM programs WHERE code = 'hardship-aid'`,
  );
  const [standard] = await dataSource.query<Array<{ id: string; policy_version: string }>>(
    `SELECT id, policy_version FROM program_standards WHERE policy_version = 'hardship-aid/2026.1'`,
  );
  if (!program || !standard) throw new Error('The template database is not seeded: no hardship-aid program/standard');
  const units = await dataSource.query<Array<{ id: string; code: string }>>(`SELECT id, code FROM org_units`);
  const users = await dataSource.query<Array<{ id: string; username: string }>>(`SELECT id, username FROM users`);
  return {
    programId: program.id,
    standardId: standard.id,
    policyVersion: standard.policy_version,
    units: Object.fromEntries(units.map((u) => [u.code, u.id])) as SeededIds['units'],
    users: Object.fromEntries(users.map((u) => [u.username, u.id])),
  };
}

/** A submitted hardship application of applicant1 (G-EAST-1) for this year; override what the test cares about. */
export function newApplication(ids: SeededIds, overrides: Partial<NewApplication> = {}): NewApplication {
  const id = overrides.id ?? randomUUID();
  return {
    id,
    programId: ids.programId,
    programCode: 'hardship-aid',
    applicantUserId: ids.users['applicant1'],
    orgUnitId: ids.units['G-EAST-1'],
    idempotencyKey: `key-${id}`,
    requestHash: `hash-${id}`,
    category: ELIGIBLE_HARDSHIP.category,
    requestedAmountFen: ELIGIBLE_HARDSHIP.requestedAmountFen,
    facts: { ...ELIGIBLE_HARDSHIP.facts },
    nationalId: null,
    standardId: ids.standardId,
    policyVersion: ids.policyVersion,
    status: 'submitted',
    workflowId: `application-${id}`,
    budgetYear: new Date().getUTCFullYear(),
    ...overrides,
  };
}

/** Stores `count` applications (rows the budget, task and notification tables point to) and returns them. */
export async function insertApplications(
  dataSource: DataSource,
  ids: SeededIds,
  count: number,
  overrides: Partial<NewApplication> = {},
): Promise<ApplicationEntity[]> {
  const repository = new TypeOrmApplicationsRepository(dataSource);
  const stored: ApplicationEntity[] = [];
  for (let i = 0; i < count; i++) stored.push(await repository.insert(newApplication(ids, overrides)));
  return stored;
}
