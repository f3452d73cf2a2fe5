import { Client } from 'pg';
import { TypeOrmBudgetRepository } from '../../libs/budget/src/typeorm-budget.repository';
import type { BudgetReservationEntity } from '../../libs/budget/src/budget-reservation.entity';
import { ApplicationException, ErrorCode } from '../../libs/common/src';
import { insertApplications, openRepositoryTestDatabase, seededIds } from '../support/repositories';
import type { RepositoryTestDatabase, SeededIds } from '../support/repositories';

const THIS_YEAR = new Date().getUTCFullYear();
const AMOUNT = 500_000; // 5,000 CNY

let t: RepositoryTestDatabase;
let ids: SeededIds;
let budget: TypeOrmBudgetRepository;

beforeAll(async () => {
  t = await openRepositoryTestDatabase({ poolSize: 10 });
  ids = await seededIds(t.dataSource);
  budget = new TypeOrmBudgetRepository(t.dataSource);
});

afterAll(async () => {
  await t?.close();
});

interface EnvelopeRow {
  id: string;
  funding_source: string;
  allocated_fen: string;
  reserved_fen: string;
  paid_fen: string;
}

async function envelopes(year: number): Promise<Record<string, EnvelopeRow>> {
  const rows = await t.sql<EnvelopeRow>(
    `SELECT id, funding_source, allocated_fen, reserved_fen, paid_fen FROM budget_envelopes
     WHERE program_id = $1 AND year = $2`,
    [ids.programId, year],
  );
  return Object.fromEntries(rows.map((r) => [r.funding_source, r]));
}

let nextYear = 2100;
/**
 * A year of its own for one test, so tests do not share envelope balances: the seeded two envelopes of the
 * hardship-aid program (central_special, city_finance) copied to a fresh year, then set to the given allocations.
 */
async function envelopeYear(allocated: { central_special: number; city_finance: number }): Promise<number> {
  const year = nextYear++;
  await t.sql(
    `INSERT INTO budget_envelopes (program_id, year, funding_source, allocated_fen)
     SELECT program_id, $2, funding_source, allocated_fen FROM budget_envelopes WHERE program_id = $1 AND year = $3`,
    [ids.programId, year, THIS_YEAR],
  );
  for (const [source, fen] of Object.entries(allocated)) {
    await t.sql(
      `UPDATE budget_envelopes SET allocated_fen = $4 WHERE program_id = $1 AND year = $2 AND funding_source = $3`,
      [ids.programId, year, source, fen],
    );
  }
  return year;
}

/** Every envelope of the year: reserved_fen is the sum of its reservations and stays within allocated_fen. */
async function expectBalancedEnvelopes(year: number): Promise<void> {
  const rows = await t.sql<{
    funding_source: string;
    allocated: string;
    reserved: string;
    sum_of_reservations: string;
  }>(
    `SELECT e.funding_source, e.allocated_fen AS allocated, e.reserved_fen AS reserved,
            coalesce((SELECT sum(r.amount_fen) FROM budget_reservations r WHERE r.envelope_id = e.id), 0) AS sum_of_reservations
     FROM budget_envelopes e WHERE e.program_id = $1 AND e.year = $2`,
    [ids.programId, year],
  );
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    expect({ source: row.funding_source, reserved: Number(row.reserved) }).toEqual({
      source: row.funding_source,
      reserved: Number(row.sum_of_reservations),
    });
    expect(Number(row.reserved)).toBeLessThanOrEqual(Number(row.allocated));
  }
}

async function reservationCount(applicationId: string): Promise<number> {
  const [row] = await t.sql<{ n: number }>(
    'SELECT count(*)::int AS n FROM budget_reservations WHERE application_id = $1',
    [applicationId],
  );
  return row.n;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

function errorCodeOf(error: unknown): ErrorCode | string {
  return error instanceof ApplicationException ? error.code : `not an ApplicationException: ${String(error)}`;
}

async function expectApplicationException(promise: Promise<unknown>, code: ErrorCode): Promise<ApplicationException> {
  const outcome = await settle(promise);
  if (outcome.ok) throw new Error(`Expected ${code}, but the call succeeded`);
  expect(errorCodeOf(outcome.error)).toBe(code);
  return outcome.error as ApplicationException;
}

/**
 * Holds, in a transaction of its own, a reservation that is written but not yet committed: what a concurrent
 * reserve() looks like from the outside while it is between its UPDATE and its COMMIT.
 */
async function uncommittedReservation(year: number, source: string, applicationId: string, amountFen: number) {
  const other = new Client({ connectionString: t.db.url, application_name: 'concurrent-reservation' });
  await other.connect();
  await other.query('BEGIN');
  const { rows } = await other.query<{ id: string }>(
    `UPDATE budget_envelopes SET reserved_fen = reserved_fen + $4
     WHERE program_id = $1 AND year = $2 AND funding_source = $3 RETURNING id`,
    [ids.programId, year, source, amountFen],
  );
  await other.query(
    `INSERT INTO budget_reservations (envelope_id, application_id, amount_fen, status) VALUES ($1, $2, $3, 'reserved')`,
    [rows[0].id, applicationId, amountFen],
  );
  return {
    commit: async () => {
      await other.query('COMMIT');
      await other.end();
    },
    rollback: async () => {
      await other.query('ROLLBACK').catch(() => undefined);
      await other.end();
    },
  };
}

/** Polls until one of the repository's connections waits for a row lock (a guard deadline, not an assertion). */
async function untilARepositoryQueryWaitsForALock(): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const [row] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = 'aidflow' AND wait_event_type = 'Lock'`,
    );
    if (row.n > 0) return;
    if (Date.now() > deadline) throw new Error('No repository query started waiting for the locked envelope');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('TypeOrmBudgetRepository.reserve', () => {
  it('draws from central_special before city_finance', async () => {
    const [app] = await insertApplications(t.dataSource, ids, 1);
    const before = await envelopes(THIS_YEAR);

    const reservation = await budget.reserve({
      applicationId: app.id,
      programId: ids.programId,
      year: THIS_YEAR,
      amountFen: AMOUNT,
    });

    const after = await envelopes(THIS_YEAR);
    expect(reservation).toMatchObject({
      applicationId: app.id,
      envelopeId: before['central_special'].id,
      amountFen: AMOUNT,
      status: 'reserved',
    });
    expect(Number(after['central_special'].reserved_fen)).toBe(Number(before['central_special'].reserved_fen) + AMOUNT);
    expect(after['city_finance'].reserved_fen).toBe(before['city_finance'].reserved_fen);
    await expectBalancedEnvelopes(THIS_YEAR);
  });

  it('returns the first reservation to a second call for the same application and reserves nothing more', async () => {
    const year = await envelopeYear({ central_special: 2_000_000, city_finance: 2_000_000 });
    const [app] = await insertApplications(t.dataSource, ids, 1);
    const request = { applicationId: app.id, programId: ids.programId, year, amountFen: AMOUNT };

    const first = await budget.reserve(request);
    const afterFirst = await envelopes(year);
    const second = await budget.reserve({ ...request, amountFen: 700_000 });
    const afterSecond = await envelopes(year);

    expect(second.id).toBe(first.id);
    expect(second.amountFen).toBe(AMOUNT);
    expect(afterSecond).toEqual(afterFirst);
    expect(Number(afterSecond['central_special'].reserved_fen)).toBe(AMOUNT);
    expect(await reservationCount(app.id)).toBe(1);
  });

  it('falls back to city_finance when central_special has less than the amount left', async () => {
    const year = await envelopeYear({ central_special: AMOUNT - 1, city_finance: 2_000_000 });
    const [app] = await insertApplications(t.dataSource, ids, 1);

    const reservation = await budget.reserve({
      applicationId: app.id,
      programId: ids.programId,
      year,
      amountFen: AMOUNT,
    });

    const after = await envelopes(year);
    expect(reservation.envelopeId).toBe(after['city_finance'].id);
    expect(Number(after['city_finance'].reserved_fen)).toBe(AMOUNT);
    expect(Number(after['central_special'].reserved_fen)).toBe(0);
  });

  it('counts paid money as spent when it looks for an envelope with enough left', async () => {
    const year = await envelopeYear({ central_special: 1_000_000, city_finance: 1_000_000 });
    await t.sql(`UPDATE budget_envelopes SET paid_fen = 600_000 WHERE program_id = $1 AND year = $2`, [
      ids.programId,
      year,
    ]);
    const [app] = await insertApplications(t.dataSource, ids, 1);

    await expectApplicationException(
      budget.reserve({ applicationId: app.id, programId: ids.programId, year, amountFen: AMOUNT }),
      ErrorCode.BudgetExhausted,
    );
  });

  it('refuses with BUDGET_EXHAUSTED naming the largest remaining amount when no envelope has enough', async () => {
    const year = await envelopeYear({ central_special: 100_000, city_finance: 250_000 });
    const [app] = await insertApplications(t.dataSource, ids, 1);
    const before = await envelopes(year);

    const error = await expectApplicationException(
      budget.reserve({ applicationId: app.id, programId: ids.programId, year, amountFen: 300_000 }),
      ErrorCode.BudgetExhausted,
    );

    expect(error.message).toContain('3000 CNY');
    expect(error.message).toContain('largest remaining: 2500 CNY');
    expect(error.details).toEqual({ year, requestedFen: 300_000, largestRemainingFen: 250_000 });
    expect(await envelopes(year)).toEqual(before);
    expect(await reservationCount(app.id)).toBe(0);
  });

  it('refuses with BUDGET_ENVELOPE_NOT_FOUND when the program has no envelope that year', async () => {
    const [app] = await insertApplications(t.dataSource, ids, 1);

    const error = await expectApplicationException(
      budget.reserve({ applicationId: app.id, programId: ids.programId, year: 1999, amountFen: AMOUNT }),
      ErrorCode.BudgetEnvelopeNotFound,
    );

    expect(error.message).toContain('1999');
    expect(await reservationCount(app.id)).toBe(0);
  });

  it('never overspends when 25 reservations race for an envelope that fits 7', async () => {
    // Only central_special has money: 7 reservations fit, with 499,999 fen to spare (less than an eighth).
    const year = await envelopeYear({ central_special: 7 * AMOUNT + AMOUNT - 1, city_finance: 0 });
    const apps = await insertApplications(t.dataSource, ids, 25);

    const outcomes = await Promise.all(
      apps.map((app) =>
        settle(budget.reserve({ applicationId: app.id, programId: ids.programId, year, amountFen: AMOUNT })),
      ),
    );

    const granted = outcomes.filter((o) => o.ok);
    const refused = outcomes.filter((o): o is { ok: false; error: unknown } => !o.ok);
    expect(granted).toHaveLength(7);
    expect(refused.map((o) => errorCodeOf(o.error))).toEqual(Array(18).fill(ErrorCode.BudgetExhausted));
    const after = await envelopes(year);
    expect(Number(after['central_special'].reserved_fen)).toBe(7 * AMOUNT);
    expect(Number(after['city_finance'].reserved_fen)).toBe(0);
    const [count] = await t.sql<{ n: number }>(
      'SELECT count(*)::int AS n FROM budget_reservations WHERE application_id = ANY($1::uuid[])',
      [apps.map((a) => a.id)],
    );
    expect(count.n).toBe(7);
    await expectBalancedEnvelopes(year);
  });

  it('never overspends when 25 reservations race for two envelopes that together fit 7', async () => {
    const year = await envelopeYear({ central_special: 3 * AMOUNT + 1, city_finance: 4 * AMOUNT + AMOUNT - 1 });
    const apps = await insertApplications(t.dataSource, ids, 25);

    const outcomes = await Promise.all(
      apps.map((app) =>
        settle(budget.reserve({ applicationId: app.id, programId: ids.programId, year, amountFen: AMOUNT })),
      ),
    );

    const granted = outcomes.flatMap((o) => (o.ok ? [o.value] : []));
    const refused = outcomes.flatMap((o) => (o.ok ? [] : [o.error]));
    expect(granted).toHaveLength(7);
    expect(refused.map(errorCodeOf)).toEqual(Array(18).fill(ErrorCode.BudgetExhausted));
    const after = await envelopes(year);
    expect(Number(after['central_special'].reserved_fen)).toBe(3 * AMOUNT);
    expect(Number(after['city_finance'].reserved_fen)).toBe(4 * AMOUNT);
    await expectBalancedEnvelopes(year);
  });

  it('grants every one of 20 racing reservations when the two envelopes together fit exactly 20', async () => {
    const year = await envelopeYear({ central_special: 8 * AMOUNT, city_finance: 12 * AMOUNT });
    const apps = await insertApplications(t.dataSource, ids, 20);

    const outcomes = await Promise.all(
      apps.map((app) =>
        settle(budget.reserve({ applicationId: app.id, programId: ids.programId, year, amountFen: AMOUNT })),
      ),
    );

    const refusals = outcomes.flatMap((o) => (o.ok ? [] : [(o.error as Error).message]));
    expect(refusals).toEqual([]);
    const after = await envelopes(year);
    expect(Number(after['central_special'].reserved_fen)).toBe(8 * AMOUNT);
    expect(Number(after['city_finance'].reserved_fen)).toBe(12 * AMOUNT);
    await expectBalancedEnvelopes(year);
  });

  it('moves on to city_finance when a concurrent reservation takes the rest of central_special first', async () => {
    const year = await envelopeYear({ central_special: 1_000_000, city_finance: 1_000_000 });
    const [first, second] = await insertApplications(t.dataSource, ids, 2);
    const concurrent = await uncommittedReservation(year, 'central_special', first.id, 600_000);
    let outcome: Settled<BudgetReservationEntity>;
    try {
      // Sees 10,000 CNY left in central_special (the other reservation is not committed), so it waits on that row.
      const pending = settle(
        budget.reserve({ applicationId: second.id, programId: ids.programId, year, amountFen: 600_000 }),
      );
      await untilARepositoryQueryWaitsForALock();
      await concurrent.commit();
      outcome = await pending;
    } catch (err) {
      await concurrent.rollback();
      throw err;
    }

    // 4,000 CNY are left in central_special and 10,000 CNY in city_finance: the second reservation fits.
    expect(outcome.ok ? 'reserved' : (outcome.error as Error).message).toBe('reserved');
    const after = await envelopes(year);
    expect(Number(after['central_special'].reserved_fen)).toBe(600_000);
    expect(Number(after['city_finance'].reserved_fen)).toBe(600_000);
    await expectBalancedEnvelopes(year);
  });

  it('returns the concurrent reservation of the same application instead of refusing it', async () => {
    // The envelope fits one reservation; a retry of reserve() for the same application overlaps the first attempt.
    const year = await envelopeYear({ central_special: AMOUNT, city_finance: 0 });
    const [app] = await insertApplications(t.dataSource, ids, 1);
    const firstAttempt = await uncommittedReservation(year, 'central_special', app.id, AMOUNT);
    let outcome: Settled<BudgetReservationEntity>;
    try {
      const retry = settle(
        budget.reserve({ applicationId: app.id, programId: ids.programId, year, amountFen: AMOUNT }),
      );
      await untilARepositoryQueryWaitsForALock();
      await firstAttempt.commit();
      outcome = await retry;
    } catch (err) {
      await firstAttempt.rollback();
      throw err;
    }

    expect(outcome.ok ? outcome.value.applicationId : (outcome.error as Error).message).toBe(app.id);
    expect(Number((await envelopes(year))['central_special'].reserved_fen)).toBe(AMOUNT);
    expect(await reservationCount(app.id)).toBe(1);
    await expectBalancedEnvelopes(year);
  });

  it('reserves once when 10 calls for the same application race', async () => {
    const year = await envelopeYear({ central_special: 2_000_000, city_finance: 2_000_000 });
    const [app] = await insertApplications(t.dataSource, ids, 1);

    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () =>
        settle(budget.reserve({ applicationId: app.id, programId: ids.programId, year, amountFen: AMOUNT })),
      ),
    );

    const reservationIds = outcomes.map((o) => (o.ok ? o.value.id : (o.error as Error).message));
    expect(new Set(reservationIds).size).toBe(1);
    expect(await reservationCount(app.id)).toBe(1);
    const after = await envelopes(year);
    expect(Number(after['central_special'].reserved_fen) + Number(after['city_finance'].reserved_fen)).toBe(AMOUNT);
    await expectBalancedEnvelopes(year);
  });
});

describe('TypeOrmBudgetRepository.createDisbursement', () => {
  it('creates one pending payment from the reservation and returns it again on a second call', async () => {
    const year = await envelopeYear({ central_special: 2_000_000, city_finance: 2_000_000 });
    const [app] = await insertApplications(t.dataSource, ids, 1);
    const reservation = await budget.reserve({
      applicationId: app.id,
      programId: ids.programId,
      year,
      amountFen: AMOUNT,
    });

    const first = await budget.createDisbursement(app.id, AMOUNT);
    const second = await budget.createDisbursement(app.id, 123_400);

    expect(first).toMatchObject({
      applicationId: app.id,
      reservationId: reservation.id,
      amountFen: AMOUNT,
      status: 'pending_payment',
    });
    expect(second.id).toBe(first.id);
    expect(second.amountFen).toBe(AMOUNT);
    expect((await budget.findDisbursement(app.id))?.id).toBe(first.id);
    const [count] = await t.sql<{ n: number }>(
      'SELECT count(*)::int AS n FROM disbursements WHERE application_id = $1',
      [app.id],
    );
    expect(count.n).toBe(1);
  });

  it('creates one disbursement when 10 calls for the same application race', async () => {
    const year = await envelopeYear({ central_special: 2_000_000, city_finance: 2_000_000 });
    const [app] = await insertApplications(t.dataSource, ids, 1);
    await budget.reserve({ applicationId: app.id, programId: ids.programId, year, amountFen: AMOUNT });

    const results = await Promise.all(Array.from({ length: 10 }, () => budget.createDisbursement(app.id, AMOUNT)));

    expect(new Set(results.map((d) => d.id)).size).toBe(1);
    const [count] = await t.sql<{ n: number }>(
      'SELECT count(*)::int AS n FROM disbursements WHERE application_id = $1',
      [app.id],
    );
    expect(count.n).toBe(1);
  });

  it('refuses with NOT_FOUND when the application has no reservation', async () => {
    const [app] = await insertApplications(t.dataSource, ids, 1);

    const error = await expectApplicationException(budget.createDisbursement(app.id, AMOUNT), ErrorCode.NotFound);

    expect(error.message).toContain(app.id);
    expect(await budget.findDisbursement(app.id)).toBeNull();
  });
});
