import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { testEnvironment } from '../setup/test-env';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh database cloned from the migrated, seeded template of this test run. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const env = testEnvironment();
  const name = `aidflow_t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: env.pgAdminUrl });
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${env.templateDatabase}`);
        break;
      } catch (err) {
        // Two files cloning at the same instant: "source database is being accessed by other users".
        if (attempt >= 20 || !/being accessed by other users/.test(String(err))) throw err;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  } finally {
    await admin.end();
  }
  const url = new URL(env.pgAdminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: env.pgAdminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
