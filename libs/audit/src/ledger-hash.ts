import { createHash } from 'node:crypto';

/** The hash every chain starts from. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

export interface LedgerContent {
  applicationId: string;
  caseSeq: number;
  kind: string;
  dedupeKey: string;
  actorId: string | null;
  occurredAt: string;
  payload: unknown;
}

/** sha256 of the entry's content, independent of its place in either chain. */
export function entryDigest(entry: LedgerContent): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        applicationId: entry.applicationId,
        caseSeq: entry.caseSeq,
        kind: entry.kind,
        dedupeKey: entry.dedupeKey,
        actorId: entry.actorId,
        occurredAt: entry.occurredAt,
        payload: entry.payload,
      }),
    )
    .digest('hex');
}

/** Links an entry to the previous hash of a chain. */
export function chainHash(previousHash: string, digest: string): string {
  return createHash('sha256').update(`${previousHash}:${digest}`).digest('hex');
}
