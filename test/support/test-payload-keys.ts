import { createHash } from 'node:crypto';

/**
 * The payload keys of every test stack: fixed, so a history recorded by one test run (a replay fixture) can be
 * decoded by another. Test-only material, derived from a public label; production keys come from PAYLOAD_KEYS.
 */
export const TEST_PAYLOAD_KEY_ID = 'test-1';
export const TEST_PAYLOAD_KEY = createHash('sha256').update('aidflow test payload key 1').digest();

export const TEST_PAYLOAD_KEY_ENV = {
  PAYLOAD_KEYS: `${TEST_PAYLOAD_KEY_ID}:${TEST_PAYLOAD_KEY.toString('base64')}`,
  PAYLOAD_KEY_CURRENT: TEST_PAYLOAD_KEY_ID,
} as const;
