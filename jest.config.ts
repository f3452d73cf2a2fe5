import type { Config } from 'jest';

/**
 * One run, every kind of test, as Jest projects (`npx jest --selectProjects unit` runs one kind):
 * - unit: the `*.spec.ts` next to the code (apps, libs, workflows, scripts): pure, no server, no global setup;
 * - integration (repositories on PostgreSQL), workflow (workflows on a Temporal dev server), e2e (the API over HTTP
 *   with its worker), faults (RELIABILITY.md's faults on real processes), replay (committed histories), and stack
 *   (any other `*.test.ts`): the global setup starts one Temporal dev server and one PostgreSQL for all of them
 *   (or uses TEMPORAL_ADDRESS / DATABASE_URL) and bundles the workflows once; each test file gets its own database
 *   and task queue. Jest runs the one global setup once, however many of these projects are selected.
 */
const shared = {
  rootDir: '.',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@aidflow/policy$': '<rootDir>/workflows/policy',
    '^@aidflow/workflows/(.*)$': '<rootDir>/workflows/$1',
    '^@aidflow/(.*)$': '<rootDir>/libs/$1/src',
  },
} satisfies Config;

const withStack = {
  ...shared,
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
} satisfies Config;

/** The folders under test/ with a project of their own; any other `*.test.ts` belongs to `stack`. */
const SUITES = { integration: 'integration', workflow: 'workflows', e2e: 'e2e', faults: 'faults', replay: 'replay' };

const config: Config = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/workflows', '<rootDir>/scripts'],
      testRegex: '\\.spec\\.ts$',
    },
    ...Object.entries(SUITES).map(([displayName, folder]) => ({
      ...withStack,
      displayName,
      roots: [`<rootDir>/test/${folder}`],
      testRegex: '\\.test\\.ts$',
    })),
    {
      ...withStack,
      displayName: 'stack',
      roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/workflows', '<rootDir>/scripts', '<rootDir>/test'],
      testRegex: '\\.test\\.ts$',
      testPathIgnorePatterns: ['/node_modules/', ...Object.values(SUITES).map((folder) => `<rootDir>/test/${folder}/`)],
    },
  ],
  testTimeout: 60_000,
  maxWorkers: 2,
  verbose: true,
  reporters: ['default', '<rootDir>/test/setup/summary-reporter.js'],
};

export default config;
