import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { chainHash, entryDigest, GENESIS_HASH } from './ledger-hash';
import { LedgerRepository } from './ledger.repository';
import type { BrokenLink, LedgerAppend, LedgerEntry, LedgerKind, VerifyReport } from './ledger.repository';

/** Serialises appends to the global chain (any constant; it names this lock in pg_locks). */
const LEDGER_LOCK = 7_246_001;

interface Row {
  seq: string;
  application_id: string;
  case_seq: number;
  kind: LedgerKind;
  dedupe_key: string;
  actor_id: string | null;
  occurred_at: Date;
  payload: Record<string, unknown>;
  prev_case_hash: string;
  case_hash: string;
  prev_global_hash: string;
  global_hash: string;
}

function toEntry(r: Row): LedgerEntry {
  return {
    seq: Number(r.seq),
    applicationId: r.application_id,
    caseSeq: r.case_seq,
    kind: r.kind,
    dedupeKey: r.dedupe_key,
    actorId: r.actor_id,
    occurredAt: r.occurred_at.toISOString(),
    payload: r.payload,
    prevCaseHash: r.prev_case_hash,
    caseHash: r.case_hash,
    prevGlobalHash: r.prev_global_hash,
    globalHash: r.global_hash,
  };
}

/**
 * Appends one entry inside the caller's transaction (TypeORM adapters of other features call this, so that the
 * projection and the ledger change together or not at all). Idempotent by (application, dedupe key).
 */
export async function appendLedgerEntry(manager: EntityManager, entry: LedgerAppend): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock($1)', [LEDGER_LOCK]);
  const seen = await manager.query<unknown[]>(
    'SELECT 1 FROM ledger_entries WHERE application_id = $1 AND dedupe_key = $2',
    [entry.applicationId, entry.dedupeKey],
  );
  if (seen.length > 0) return;
  const [lastCase] = await manager.query<Array<{ case_seq: number; case_hash: string }>>(
    'SELECT case_seq, case_hash FROM ledger_entries WHERE application_id = $1 ORDER BY case_seq DESC LIMIT 1',
    [entry.applicationId],
  );
  const [lastGlobal] = await manager.query<Array<{ global_hash: string }>>(
    'SELECT global_hash FROM ledger_entries ORDER BY seq DESC LIMIT 1',
  );
  const caseSeq = (lastCase?.case_seq ?? 0) + 1;
  const occurredAt = new Date(entry.occurredAt).toISOString();
  const digest = entryDigest({ ...entry, caseSeq, occurredAt });
  const prevCaseHash = lastCase?.case_hash ?? GENESIS_HASH;
  const prevGlobalHash = lastGlobal?.global_hash ?? GENESIS_HASH;
  await manager.query(
    `INSERT INTO ledger_entries (application_id, case_seq, kind, dedupe_key, actor_id, occurred_at, payload,
       prev_case_hash, case_hash, prev_global_hash, global_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      entry.applicationId,
      caseSeq,
      entry.kind,
      entry.dedupeKey,
      entry.actorId,
      occurredAt,
      JSON.stringify(entry.payload),
      prevCaseHash,
      chainHash(prevCaseHash, digest),
      prevGlobalHash,
      chainHash(prevGlobalHash, digest),
    ],
  );
}

@Injectable()
export class TypeOrmLedgerRepository extends LedgerRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {
    super();
  }

  append(entry: LedgerAppend): Promise<void> {
    return this.db.transaction((tx) => appendLedgerEntry(tx, entry));
  }

  async entriesFor(applicationId: string, options: { asOf?: Date } = {}): Promise<LedgerEntry[]> {
    const rows = await this.db.query<Row[]>(
      `SELECT * FROM ledger_entries WHERE application_id = $1 AND ($2::timestamptz IS NULL OR occurred_at <= $2)
       ORDER BY case_seq`,
      [applicationId, options.asOf ?? null],
    );
    return rows.map(toEntry);
  }

  async verify(onProgress?: (checked: number, total: number) => void): Promise<VerifyReport> {
    const [{ total }] = await this.db.query<Array<{ total: string }>>('SELECT count(*) AS total FROM ledger_entries');
    const totalRows = Number(total);
    const lastCaseHash = new Map<string, { caseSeq: number; hash: string }>();
    let prevGlobal = GENESIS_HASH;
    let checked = 0;
    let afterSeq = 0;
    const pageSize = 2000;
    for (;;) {
      const rows = await this.db.query<Row[]>('SELECT * FROM ledger_entries WHERE seq > $1 ORDER BY seq LIMIT $2', [
        afterSeq,
        pageSize,
      ]);
      if (rows.length === 0) break;
      for (const row of rows) {
        const entry = toEntry(row);
        const broken = checkLink(entry, prevGlobal, lastCaseHash.get(entry.applicationId));
        if (broken) return { checked, ok: false, firstBroken: broken };
        prevGlobal = entry.globalHash;
        lastCaseHash.set(entry.applicationId, { caseSeq: entry.caseSeq, hash: entry.caseHash });
        checked++;
      }
      afterSeq = Number(rows[rows.length - 1].seq);
      onProgress?.(checked, totalRows);
    }
    return { checked, ok: true, firstBroken: null };
  }
}

function checkLink(
  entry: LedgerEntry,
  prevGlobal: string,
  prevCase: { caseSeq: number; hash: string } | undefined,
): BrokenLink | null {
  const at = { seq: entry.seq, applicationId: entry.applicationId };
  const digest = entryDigest(entry);
  if (entry.prevGlobalHash !== prevGlobal) {
    return {
      ...at,
      chain: 'global',
      problem: 'prev_global_hash does not match the previous row (a row was removed or inserted)',
    };
  }
  if (entry.globalHash !== chainHash(prevGlobal, digest)) {
    return { ...at, chain: 'global', problem: 'global_hash does not match the row content (the row was altered)' };
  }
  const expectedPrevCase = prevCase?.hash ?? GENESIS_HASH;
  if (entry.caseSeq !== (prevCase?.caseSeq ?? 0) + 1 || entry.prevCaseHash !== expectedPrevCase) {
    return {
      ...at,
      chain: 'case',
      problem: `case entry ${entry.caseSeq} does not follow entry ${prevCase?.caseSeq ?? 0}`,
    };
  }
  if (entry.caseHash !== chainHash(expectedPrevCase, digest)) {
    return { ...at, chain: 'case', problem: 'case_hash does not match the row content (the row was altered)' };
  }
  return null;
}
