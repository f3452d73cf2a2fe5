import { canonicalJson, chainHash, entryDigest, GENESIS_HASH } from './ledger-hash';

const entry = {
  applicationId: 'a1',
  caseSeq: 1,
  kind: 'submitted',
  dedupeKey: 'submitted',
  actorId: 'u1',
  occurredAt: '2026-01-05T08:00:00.000Z',
  payload: { amountFen: 500_000, facts: { householdSize: 3, annualIncomeFen: 2_400_000 } },
};

describe('ledger hashing', () => {
  it('writes the same canonical JSON whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"x":0,"y":1}]},"b":1}',
    );
  });

  it('gives the same digest for the same content and a different one when any field changes', () => {
    const reordered = {
      ...entry,
      payload: { facts: { annualIncomeFen: 2_400_000, householdSize: 3 }, amountFen: 500_000 },
    };
    expect(entryDigest(reordered)).toBe(entryDigest(entry));
    expect(entryDigest({ ...entry, payload: { ...entry.payload, amountFen: 500_001 } })).not.toBe(entryDigest(entry));
    expect(entryDigest({ ...entry, actorId: 'u2' })).not.toBe(entryDigest(entry));
  });

  it('chains: a link depends on the previous hash', () => {
    const digest = entryDigest(entry);
    const first = chainHash(GENESIS_HASH, digest);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(first, digest)).not.toBe(first);
  });
});
