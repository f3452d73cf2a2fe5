import type { Config } from 'jest';

/**
 * One run, every kind of test: unit specs next to the code, and the integration / workflow / e2e suites under test/.
 * The global setup starts one Temporal dev server and one PostgreSQL for the whole run (or uses TEMPORAL_ADDRESS /
 * DATABASE_URL) and bundles the workflows once; each test file gets its own database and task queue.
 */
const config: Config = {
  rootDir: '.',
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/workflows', '<rootDir>/scripts', '<rootDir>/test'],
  testRegex: '\\.(spec|test)\\.ts$',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@aidflow/policy$': '<rootDir>/workflows/policy',
    '^@aidflow/(.*)$': '<rootDir>/libs/$1/src',
  },
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  testTimeout: 60_000,
  maxWorkers: 2,
  verbose: true,
  reporters: ['default', '<rootDir>/test/setup/summary-reporter.js'],
};

export default config;
