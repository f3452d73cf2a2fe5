import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The global hash chain moves off the append path (issue 13: one lock for the whole ledger serialised every case).
 *
 * An append now writes the case chain only, under a lock of its own case, and queues the entry in
 * `ledger_unsealed` in the same transaction. One sealer at a time links queued entries into the global chain, in
 * `ledger_global_chain`: one row per entry, append-only like the ledger, in the order the entries were sealed.
 *
 * Rows written before this migration keep their `prev_global_hash` / `global_hash` columns; their links are copied
 * into the new table in `seq` order (the order they were chained in), so verification of old data is unchanged.
 * The two columns become nullable and are no longer written.
 */
export class LedgerGlobalChain1765000000000 implements MigrationInterface {
  name = 'LedgerGlobalChain1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ledger_global_chain (
        pos bigint PRIMARY KEY,
        entry_seq bigint NOT NULL UNIQUE REFERENCES ledger_entries (seq),
        prev_global_hash text NOT NULL,
        global_hash text NOT NULL,
        sealed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      INSERT INTO ledger_global_chain (pos, entry_seq, prev_global_hash, global_hash)
      SELECT row_number() OVER (ORDER BY seq), seq, prev_global_hash, global_hash FROM ledger_entries`);
    await q.query(`
      ALTER TABLE ledger_entries ALTER COLUMN prev_global_hash DROP NOT NULL, ALTER COLUMN global_hash DROP NOT NULL`);
    await q.query(`
      CREATE TRIGGER ledger_global_chain_no_update_delete BEFORE UPDATE OR DELETE ON ledger_global_chain
      FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only()`);
    await q.query(`
      CREATE TRIGGER ledger_global_chain_no_truncate BEFORE TRUNCATE ON ledger_global_chain
      FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_append_only()`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ledger_global_chain FROM PUBLIC`);
    // The queue of entries not yet in the global chain: a row leaves it in the transaction that seals its entry.
    await q.query(`CREATE TABLE ledger_unsealed (seq bigint PRIMARY KEY REFERENCES ledger_entries (seq))`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The old layout chains in seq order. Entries sealed in another order (appends of different cases commit in any
    // order) cannot be put back without re-chaining them, which would change hashes auditors may have kept.
    const [{ moved }] = (await q.query(`
      SELECT count(*)::int AS moved FROM (SELECT pos, row_number() OVER (ORDER BY entry_seq) AS n FROM ledger_global_chain) c
      WHERE c.pos <> c.n`)) as Array<{ moved: number }>;
    if (moved > 0) {
      throw new Error(
        `Cannot revert LedgerGlobalChain: ${moved} ledger entries were sealed out of seq order, and the old ` +
          'global_hash columns can only hold a chain in seq order',
      );
    }
    const [{ queued }] = (await q.query(`SELECT count(*)::int AS queued FROM ledger_unsealed`)) as Array<{
      queued: number;
    }>;
    if (queued > 0) {
      throw new Error(
        `Cannot revert LedgerGlobalChain: ${queued} ledger entries wait to be sealed; start the product once (it ` +
          'seals them) or run `npm run audit -- verify`, then revert',
      );
    }
    await q.query(`DROP TABLE ledger_unsealed`);
    // Entries written since the upgrade have no global columns: copy their links back before the table goes.
    await q.query(`ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_no_update_delete`);
    await q.query(`
      UPDATE ledger_entries e SET prev_global_hash = c.prev_global_hash, global_hash = c.global_hash
      FROM ledger_global_chain c WHERE c.entry_seq = e.seq AND e.global_hash IS NULL`);
    await q.query(`ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_no_update_delete`);
    await q.query(`DROP TABLE ledger_global_chain`);
  }
}
