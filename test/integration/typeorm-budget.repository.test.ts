import { TypeOrmBudgetRepository } from '../../libs/budget/src/typeorm-budget.repository';
import type { BudgetReservationEntity } from '../../libs/budget/src/budget-reservation.entity';
import { ErrorCode } from '../../libs/common/src';
import {
  budgetEnvelopes,
  errorCodeOf,
  expectApplicationException,
  settle,
  THIS_YEAR,
} from '../support/budget-envelopes';
import type { Settled } from '../support/budget-envelopes';
import { insertApplications, openRepositoryTestDatabase, seededIds } from '../support/repositories';
import type { RepositoryTestDatabase, SeededIds } from '../support/repositories';

/**
 * TypeOrmBudgetRepository on PostgreSQL: reserve() draws from the envelopes in order, returns the first reservation
 * again, refuses when no envelope has enough or none exists, and never overspends when reservations race (also with
 * another transaction's reservation uncommitted); createDisbursement() creates one pending payment per reservation.
 * The envelope helpers are in test/support/budget-envelopes.ts.
 */

const AMOUNT = 500_000; // 5,000 CNY

let t: RepositoryTestDatabase;
let ids: SeededIds;
let budget: TypeOrmBudgetRepository;
const {
  envelopes,
  envelopeYear,
  expectBalancedEnvelopes,
  reservationCount,
  uncommittedReservation,
  untilARepositoryQueryWaitsForALock,
} = budgetEnvelopes(
  () => t,
  () => ids,
);

beforeAll(async () => {
  t = await openRepositoryTestDatabase({ poolSize: 10 });
  ids = await seededIds(t.dataSource);
  budget = new TypeOrmBudgetRepository(t.dataSource);
});

afterAll(async () => {
  await t?.close();
});

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
