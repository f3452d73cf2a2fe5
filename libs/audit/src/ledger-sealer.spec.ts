import { sealIntervalMs } from './ledger-sealer';

describe('sealIntervalMs', () => {
  it('defaults to 200 ms and takes a whole number of milliseconds from 10 to 60000', () => {
    expect(sealIntervalMs({})).toBe(200);
    expect(sealIntervalMs({ LEDGER_SEAL_INTERVAL_MS: '' })).toBe(200);
    expect(sealIntervalMs({ LEDGER_SEAL_INTERVAL_MS: '10' })).toBe(10);
    expect(sealIntervalMs({ LEDGER_SEAL_INTERVAL_MS: '60000' })).toBe(60_000);
  });

  it.each(['9', '60001', '1.5', 'soon', '-200'])('refuses %p, naming the variable and the range', (raw) => {
    expect(() => sealIntervalMs({ LEDGER_SEAL_INTERVAL_MS: raw })).toThrow(
      `LEDGER_SEAL_INTERVAL_MS must be a whole number of milliseconds from 10 to 60000, got "${raw}"`,
    );
  });
});
