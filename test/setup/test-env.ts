/** What the global setup hands to every test file, through environment variables. */
export interface TestEnvironment {
  temporalAddress: string;
  pgAdminUrl: string;
  templateDatabase: string;
  workflowBundlePath: string;
}

const KEYS = {
  temporalAddress: 'AIDFLOW_TEST_TEMPORAL_ADDRESS',
  pgAdminUrl: 'AIDFLOW_TEST_PG_ADMIN_URL',
  templateDatabase: 'AIDFLOW_TEST_TEMPLATE_DB',
  workflowBundlePath: 'AIDFLOW_TEST_WORKFLOW_BUNDLE',
} as const;

export function publishTestEnvironment(env: TestEnvironment): void {
  for (const [field, key] of Object.entries(KEYS)) process.env[key] = env[field as keyof TestEnvironment];
}

export function testEnvironment(): TestEnvironment {
  const out = {} as TestEnvironment;
  for (const [field, key] of Object.entries(KEYS)) {
    const value = process.env[key];
    if (!value) throw new Error(`${key} is not set: run the tests through jest (npm test), whose global setup sets it`);
    out[field as keyof TestEnvironment] = value;
  }
  return out;
}
