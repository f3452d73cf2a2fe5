import { appendLedgerEntry, sealLedger, TypeOrmLedgerRepository } from '../../libs/audit/src/typeorm-ledger.repository';
import type { LedgerAppend } from '../../libs/audit/src/ledger.repository';
import { LedgerGlobalChain1765000000000 } from '../../libs/database/src/migrations/1765000000000-LedgerGlobalChain';
import { insertApplications, openRepositoryTestDatabase, seededIds } from '../support/repositories';
import type { RepositoryTestDatabase } from '../support/repositories';

let t: RepositoryTestDatabase;
let ledger: TypeOrmLedgerRepository;
let cases: string[];

beforeAll(async () => {
  t = await openRepositoryTestDatabase({ poolSize: 12 });
  ledger = new TypeOrmLedgerRepository(t.dataSource);
  cases = (await insertApplications(t.dataSource, await seededIds(t.dataSource), 12)).map((a) => a.id);
});

afterAll(async () => {
  await t?.close();
});

function action(applicationId: string, key: string): LedgerAppend {
  return {
    applicationId,
    kind: 'action',
    dedupeKey: key,
    actorId: null,
    occurredAt: new Date().toISOString(),
    payload: { verb: 'comment', comment: key },
  };
}

async function count(table: string): Promise<number> {
  const [row] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return row.n;
}

/** Runs a statement as the table owner with the append-only guard off, as a tamperer with that right would. */
async function tamper(table: string, trigger: string, statement: string, params: unknown[]): Promise<void> {
  await t.sql(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
  try {
    await t.sql(statement, params);
  } finally {
    await t.sql(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
  }
}

async function migrate(direction: 'up' | 'down'): Promise<void> {
  const runner = t.dataSource.createQueryRunner();
  try {
    await runner.startTransaction();
    await new LedgerGlobalChain1765000000000()[direction](runner);
    await runner.commitTransaction();
  } catch (err) {
    await runner.rollbackTransaction();
    throw err;
  } finally {
    await runner.release();
  }
}

describe('ledger: case chains on the append path, the global chain sealed after commit', () => {
  it('the migration moves the links of entries written before it into the chain table, and back', async () => {
    await sealLedger(t.dataSource, { wait: true });
    const total = await count('ledger_entries');
    await migrate('down');
    const [legacy] = await t.sql<{ missing: number }>(
      'SELECT count(*)::int AS missing FROM ledger_entries WHERE global_hash IS NULL OR prev_global_hash IS NULL',
    );
    expect(legacy.missing).toBe(0);
    await migrate('up');
    expect(await count('ledger_global_chain')).toBe(total);
    expect(await ledger.verify()).toEqual({ checked: total, ok: true, firstBroken: null });
  });
  it('appends of different cases and of one case run concurrently and keep every chain whole', async () => {
    const before = await count('ledger_entries');
    // 12 cases x 8 appends, all at once: one transaction per append, as activities of different cases do.
    await Promise.all(
      cases.flatMap((id) =>
        Array.from({ length: 8 }, (_, i) =>
          t.dataSource.transaction((tx) => appendLedgerEntry(tx, action(id, `c${i}`))),
        ),
      ),
    );
    expect(await count('ledger_entries')).toBe(before + 96);
    for (const id of cases) {
      const entries = await ledger.entriesFor(id);
      // The submission's entry, then the 8 comments, numbered without a gap or a repeat.
      expect(entries.map((e) => e.caseSeq)).toEqual(Array.from({ length: entries.length }, (_, i) => i + 1));
      expect(entries.filter((e) => e.kind === 'action')).toHaveLength(8);
      entries.slice(1).forEach((e, i) => expect(e.prevCaseHash).toBe(entries[i].caseHash));
    }
    const report = await ledger.verify();
    expect(report).toEqual({ checked: before + 96, ok: true, firstBroken: null });
    expect(await count('ledger_unsealed')).toBe(0);
    expect(await count('ledger_global_chain')).toBe(before + 96);
  });

  it('an entry is queued until sealed, then carries its global link; a retried append adds nothing', async () => {
    const [id] = cases;
    await ledger.append(action(id, 'queued'));
    await ledger.append(action(id, 'queued'));
    const queued = (await ledger.entriesFor(id)).filter((e) => e.dedupeKey === 'queued');
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ prevGlobalHash: null, globalHash: null });
    expect(await count('ledger_unsealed')).toBe(1);

    expect(await sealLedger(t.dataSource, { wait: false })).toBe(1);
    const [sealed] = (await ledger.entriesFor(id)).filter((e) => e.dedupeKey === 'queued');
    const [tip] = await t.sql<{ prev_global_hash: string; global_hash: string }>(
      'SELECT prev_global_hash, global_hash FROM ledger_global_chain ORDER BY pos DESC LIMIT 2',
    );
    expect(sealed.globalHash).toBe(tip.global_hash);
    expect(sealed.prevGlobalHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await sealLedger(t.dataSource, { wait: false })).toBe(0);
  });

  it('the global chain is append-only like the ledger', async () => {
    await expect(t.sql(`UPDATE ledger_global_chain SET global_hash = 'x' WHERE pos = 1`)).rejects.toThrow(
      /ledger_entries is append-only: UPDATE is not allowed/,
    );
    await expect(t.sql('DELETE FROM ledger_global_chain WHERE pos = 1')).rejects.toThrow(/append-only: DELETE/);
  });

  it('names an altered entry, a removed global link and an entry taken out of the queue', async () => {
    const [, second, third] = cases;
    const [target] = await t.sql<{ seq: string; payload: Record<string, unknown> }>(
      `SELECT seq, payload FROM ledger_entries WHERE application_id = $1 AND dedupe_key = 'c3'`,
      [second],
    );
    const altered = JSON.stringify({ ...target.payload, comment: 'changed' });
    const setPayload = (payload: string) =>
      tamper(
        'ledger_entries',
        'ledger_entries_no_update_delete',
        'UPDATE ledger_entries SET payload = $2 WHERE seq = $1',
        [target.seq, payload],
      );
    await setPayload(altered);
    try {
      expect((await ledger.verify()).firstBroken).toEqual({
        seq: Number(target.seq),
        applicationId: second,
        chain: 'global',
        problem: 'global_hash does not match the row content (the row was altered)',
      });
    } finally {
      await setPayload(JSON.stringify(target.payload));
    }
    expect((await ledger.verify()).ok).toBe(true);

    // A link removed from the middle of the global chain: the next link no longer follows.
    const [link] = await t.sql<{ pos: string; entry_seq: string; prev_global_hash: string; global_hash: string }>(
      `SELECT c.* FROM ledger_global_chain c JOIN ledger_entries e ON e.seq = c.entry_seq
       WHERE e.application_id = $1 AND e.dedupe_key = 'c5'`,
      [third],
    );
    await tamper(
      'ledger_global_chain',
      'ledger_global_chain_no_update_delete',
      'DELETE FROM ledger_global_chain WHERE pos = $1',
      [link.pos],
    );
    const [next] = await t.sql<{ entry_seq: string; application_id: string }>(
      `SELECT c.entry_seq, e.application_id FROM ledger_global_chain c JOIN ledger_entries e ON e.seq = c.entry_seq
       WHERE c.pos > $1 ORDER BY c.pos LIMIT 1`,
      [link.pos],
    );
    expect((await ledger.verify()).firstBroken).toEqual({
      seq: Number(next.entry_seq),
      applicationId: next.application_id,
      chain: 'global',
      problem: 'prev_global_hash does not match the previous row (a row was removed or inserted)',
    });
    await t.sql(
      'INSERT INTO ledger_global_chain (pos, entry_seq, prev_global_hash, global_hash) VALUES ($1, $2, $3, $4)',
      [link.pos, link.entry_seq, link.prev_global_hash, link.global_hash],
    );
    expect((await ledger.verify()).ok).toBe(true);

    // An entry whose queue row is removed before it was sealed never reaches the chain: verify names it.
    await ledger.append(action(third, 'dropped'));
    const [dropped] = await t.sql<{ seq: string }>(
      `SELECT seq FROM ledger_entries WHERE application_id = $1 AND dedupe_key = 'dropped'`,
      [third],
    );
    await t.sql('DELETE FROM ledger_unsealed WHERE seq = $1', [dropped.seq]);
    expect(await ledger.verify()).toMatchObject({
      ok: false,
      firstBroken: {
        seq: Number(dropped.seq),
        applicationId: third,
        chain: 'global',
        problem: 'the entry is in neither the global chain nor the queue to it (a link was removed)',
      },
    });
    await t.sql('INSERT INTO ledger_unsealed (seq) VALUES ($1)', [dropped.seq]);
    expect((await ledger.verify()).ok).toBe(true);
  });

  it('the migration refuses to revert once entries were sealed out of seq order', async () => {
    const [first, second] = cases;
    // An append that commits after a later one: the later entry is sealed first.
    const slow = t.dataSource.createQueryRunner();
    await slow.startTransaction();
    try {
      await appendLedgerEntry(slow.manager, action(first, 'slow'));
      await ledger.append(action(second, 'fast'));
      await sealLedger(t.dataSource, { wait: false });
      await slow.commitTransaction();
    } finally {
      await slow.release();
    }
    await sealLedger(t.dataSource, { wait: false });
    await expect(migrate('down')).rejects.toThrow(
      /Cannot revert LedgerGlobalChain: 2 ledger entries were sealed out of seq order/,
    );
    expect(await ledger.verify()).toMatchObject({ ok: true });
  });
});
