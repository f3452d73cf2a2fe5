import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { chainHash, entryDigest, GENESIS_HASH } from './ledger-hash';
import { LedgerRepository } from './ledger.repository';
import type { BrokenLink, LedgerAppend, LedgerEntry, LedgerKind, VerifyReport } from './ledger.repository';

/** Lock class of an append: with the case's hashed id as the second key, appends of one case queue up. */
const CASE_LOCK_CLASS = 7_246_002;
/** Held by the one sealer at a time that links queued entries into the global chain. */
const SEAL_LOCK = 7_246_003;
/** Entries sealed per statement. */
const SEAL_BATCH = 2000;

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
  /** From `ledger_global_chain`; null while the entry waits for the sealer. */
  prev_global_hash: string | null;
  global_hash: string | null;
}

/** An entry with its global link, if sealed. */
const ENTRY_COLUMNS = `e.seq, e.application_id, e.case_seq, e.kind, e.dedupe_key, e.actor_id, e.occurred_at, e.payload,
  e.prev_case_hash, e.case_hash, c.prev_global_hash, c.global_hash`;

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
 *
 * Only the case's own chain is written here, under a lock of that case, so appends of different cases never wait for
 * each other. The entry is queued in `ledger_unsealed` in the same transaction; {@link sealLedger} links it into the
 * global chain once it is committed.
 */
export async function appendLedgerEntry(manager: EntityManager, entry: LedgerAppend): Promise<void> {
  // Its own statement: a statement's snapshot is taken when it starts, so a read in the same statement as the lock
  // wait would miss the entry the lock's previous holder committed.
  await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2::text))', [CASE_LOCK_CLASS, entry.applicationId]);
  const [last] = await manager.query<Array<{ seen: boolean; case_seq: number | null; case_hash: string | null }>>(
    `SELECT EXISTS (SELECT 1 FROM ledger_entries WHERE application_id = $1 AND dedupe_key = $2) AS seen,
            l.case_seq, l.case_hash
     FROM (SELECT 1) one
     LEFT JOIN LATERAL (SELECT case_seq, case_hash FROM ledger_entries WHERE application_id = $1
                        ORDER BY case_seq DESC LIMIT 1) l ON true`,
    [entry.applicationId, entry.dedupeKey],
  );
  if (last.seen) return;
  const caseSeq = (last.case_seq ?? 0) + 1;
  const occurredAt = new Date(entry.occurredAt).toISOString();
  const digest = entryDigest({ ...entry, caseSeq, occurredAt });
  const prevCaseHash = last.case_hash ?? GENESIS_HASH;
  await manager.query(
    `WITH entry AS (
       INSERT INTO ledger_entries (application_id, case_seq, kind, dedupe_key, actor_id, occurred_at, payload,
         prev_case_hash, case_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING seq)
     INSERT INTO ledger_unsealed (seq) SELECT seq FROM entry`,
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
    ],
  );
}

/**
 * Links committed entries that wait in `ledger_unsealed` into the global chain, in `seq` order, batch by batch, and
 * returns how many it sealed. One sealer runs at a time: with `wait: false` (the background sealer) it returns 0 at
 * once when another one holds the lock; with `wait: true` (verification) it waits its turn, so that everything
 * committed before the call is sealed when it returns.
 *
 * An entry of a case is appended only after the case's previous entry committed (the case lock), so a batch that
 * holds an entry holds or follows its case's earlier entries: the global order keeps every case's order.
 */
export async function sealLedger(db: DataSource, options: { wait: boolean }): Promise<number> {
  let sealed = 0;
  for (;;) {
    const count = await db.transaction(async (tx) => {
      if (options.wait) {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [SEAL_LOCK]);
      } else {
        const [{ locked }] = await tx.query<Array<{ locked: boolean }>>(
          'SELECT pg_try_advisory_xact_lock($1) AS locked',
          [SEAL_LOCK],
        );
        if (!locked) return -1;
      }
      const rows = await tx.query<Row[]>(
        `SELECT ${ENTRY_COLUMNS} FROM ledger_entries e LEFT JOIN ledger_global_chain c ON c.entry_seq = e.seq
         WHERE e.seq IN (SELECT seq FROM ledger_unsealed ORDER BY seq LIMIT $1) ORDER BY e.seq`,
        [SEAL_BATCH],
      );
      if (rows.length === 0) return 0;
      const [tip] = await tx.query<Array<{ pos: string; global_hash: string }>>(
        'SELECT pos, global_hash FROM ledger_global_chain ORDER BY pos DESC LIMIT 1',
      );
      let pos = Number(tip?.pos ?? 0);
      let prev = tip?.global_hash ?? GENESIS_HASH;
      const links = { seq: [] as string[], pos: [] as number[], prev: [] as string[], hash: [] as string[] };
      for (const row of rows) {
        const hash = chainHash(prev, entryDigest(toEntry(row)));
        links.seq.push(row.seq);
        links.pos.push(++pos);
        links.prev.push(prev);
        links.hash.push(hash);
        prev = hash;
      }
      await tx.query(
        `INSERT INTO ledger_global_chain (entry_seq, pos, prev_global_hash, global_hash)
         SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[])`,
        [links.seq, links.pos, links.prev, links.hash],
      );
      await tx.query('DELETE FROM ledger_unsealed WHERE seq = ANY($1::bigint[])', [links.seq]);
      return rows.length;
    });
    if (count <= 0) return sealed;
    sealed += count;
  }
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
      `SELECT ${ENTRY_COLUMNS} FROM ledger_entries e LEFT JOIN ledger_global_chain c ON c.entry_seq = e.seq
       WHERE e.application_id = $1 AND ($2::timestamptz IS NULL OR e.occurred_at <= $2)
       ORDER BY e.case_seq`,
      [applicationId, options.asOf ?? null],
    );
    return rows.map(toEntry);
  }

  /**
   * Seals what is committed, then walks the global chain from its first link, checking every entry's global and case
   * links; last, every entry must be in the global chain (an entry appended while this ran may still be queued).
   */
  async verify(onProgress?: (checked: number, total: number) => void): Promise<VerifyReport> {
    await sealLedger(this.db, { wait: true });
    const [{ total }] = await this.db.query<Array<{ total: string }>>(
      'SELECT count(*) AS total FROM ledger_global_chain',
    );
    const totalRows = Number(total);
    const lastCaseHash = new Map<string, { caseSeq: number; hash: string }>();
    let prevGlobal = GENESIS_HASH;
    let checked = 0;
    let afterPos = 0;
    const pageSize = 2000;
    for (;;) {
      const rows = await this.db.query<Array<Row & { pos: string }>>(
        `SELECT c.pos, ${ENTRY_COLUMNS} FROM ledger_global_chain c JOIN ledger_entries e ON e.seq = c.entry_seq
         WHERE c.pos > $1 ORDER BY c.pos LIMIT $2`,
        [afterPos, pageSize],
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        const entry = toEntry(row);
        const broken = checkLink(entry, prevGlobal, lastCaseHash.get(entry.applicationId));
        if (broken) return { checked, ok: false, firstBroken: broken };
        prevGlobal = entry.globalHash!;
        lastCaseHash.set(entry.applicationId, { caseSeq: entry.caseSeq, hash: entry.caseHash });
        checked++;
      }
      afterPos = Number(rows[rows.length - 1].pos);
      onProgress?.(checked, totalRows);
    }
    const [orphan] = await this.db.query<Array<{ seq: string; application_id: string }>>(
      `SELECT e.seq, e.application_id FROM ledger_entries e
       WHERE NOT EXISTS (SELECT 1 FROM ledger_global_chain c WHERE c.entry_seq = e.seq)
         AND NOT EXISTS (SELECT 1 FROM ledger_unsealed u WHERE u.seq = e.seq)
       ORDER BY e.seq LIMIT 1`,
    );
    if (orphan) {
      const problem = 'the entry is in neither the global chain nor the queue to it (a link was removed)';
      return {
        checked,
        ok: false,
        firstBroken: { seq: Number(orphan.seq), applicationId: orphan.application_id, chain: 'global', problem },
      };
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
