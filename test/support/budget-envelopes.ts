import { Client } from 'pg';
import { ApplicationException } from '../../libs/common/src';
import type { ErrorCode } from '../../libs/common/src';
import type { RepositoryTestDatabase, SeededIds } from './repositories';

/**
 * What the budget repository's integration tests (test/integration/typeorm-budget.repository.test.ts) read and set up
 * around it: the envelopes of a year and a year of envelopes of a test's own, the balance of every envelope, a case's
 * reservations, a reservation another transaction holds uncommitted, the wait until a repository query blocks on its
 * lock, and how a refusal is told apart.
 */

export const THIS_YEAR = new Date().getUTCFullYear();

export interface EnvelopeRow {
  id: string;
  funding_source: string;
  allocated_fen: string;
  reserved_fen: string;
  paid_fen: string;
}

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
export function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

export function errorCodeOf(error: unknown): ErrorCode | string {
  return error instanceof ApplicationException ? error.code : `not an ApplicationException: ${String(error)}`;
}

export async function expectApplicationException(
  promise: Promise<unknown>,
  code: ErrorCode,
): Promise<ApplicationException> {
  const outcome = await settle(promise);
  if (outcome.ok) throw new Error(`Expected ${code}, but the call succeeded`);
  expect(errorCodeOf(outcome.error)).toBe(code);
  return outcome.error as ApplicationException;
}

/** `t` and `ids` are read on each call, so the helpers can be made before the database is opened (in beforeAll). */
export function budgetEnvelopes(t: () => RepositoryTestDatabase, ids: () => SeededIds) {
  let nextYear = 2100;
  return {
    async envelopes(year: number): Promise<Record<string, EnvelopeRow>> {
      const rows = await t().sql<EnvelopeRow>(
        `SELECT id, funding_source, allocated_fen, reserved_fen, paid_fen FROM budget_envelopes
         WHERE program_id = $1 AND year = $2`,
        [ids().programId, year],
      );
      return Object.fromEntries(rows.map((r) => [r.funding_source, r]));
    },

    /**
     * A year of its own for one test, so tests do not share envelope balances: the seeded two envelopes of the
     * hardship-aid program (central_special, city_finance) copied to a fresh year, then set to the given allocations.
     */
    async envelopeYear(allocated: { central_special: number; city_finance: number }): Promise<number> {
      const year = nextYear++;
      await t().sql(
        `INSERT INTO budget_envelopes (program_id, year, funding_source, allocated_fen)
         SELECT program_id, $2, funding_source, allocated_fen FROM budget_envelopes WHERE program_id = $1 AND year = $3`,
        [ids().programId, year, THIS_YEAR],
      );
      for (const [source, fen] of Object.entries(allocated)) {
        await t().sql(
          `UPDATE budget_envelopes SET allocated_fen = $4 WHERE program_id = $1 AND year = $2 AND funding_source = $3`,
          [ids().programId, year, source, fen],
        );
      }
      return year;
    },

    /** Every envelope of the year: reserved_fen is the sum of its reservations and stays within allocated_fen. */
    async expectBalancedEnvelopes(year: number): Promise<void> {
      const rows = await t().sql<{
        funding_source: string;
        allocated: string;
        reserved: string;
        sum_of_reservations: string;
      }>(
        `SELECT e.funding_source, e.allocated_fen AS allocated, e.reserved_fen AS reserved,
                coalesce((SELECT sum(r.amount_fen) FROM budget_reservations r WHERE r.envelope_id = e.id), 0) AS sum_of_reservations
         FROM budget_envelopes e WHERE e.program_id = $1 AND e.year = $2`,
        [ids().programId, year],
      );
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect({ source: row.funding_source, reserved: Number(row.reserved) }).toEqual({
          source: row.funding_source,
          reserved: Number(row.sum_of_reservations),
        });
        expect(Number(row.reserved)).toBeLessThanOrEqual(Number(row.allocated));
      }
    },

    async reservationCount(applicationId: string): Promise<number> {
      const [row] = await t().sql<{ n: number }>(
        'SELECT count(*)::int AS n FROM budget_reservations WHERE application_id = $1',
        [applicationId],
      );
      return row.n;
    },

    /**
     * Holds, in a transaction of its own, a reservation that is written but not yet committed: what a concurrent
     * reserve() looks like from the outside while it is between its UPDATE and its COMMIT.
     */
    async uncommittedReservation(year: number, source: string, applicationId: string, amountFen: number) {
      const other = new Client({ connectionString: t().db.url, application_name: 'concurrent-reservation' });
      await other.connect();
      await other.query('BEGIN');
      const { rows } = await other.query<{ id: string }>(
        `UPDATE budget_envelopes SET reserved_fen = reserved_fen + $4
         WHERE program_id = $1 AND year = $2 AND funding_source = $3 RETURNING id`,
        [ids().programId, year, source, amountFen],
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
    },

    /** Polls until one of the repository's connections waits for a row lock (a guard deadline, not an assertion). */
    async untilARepositoryQueryWaitsForALock(): Promise<void> {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const [row] = await t().sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND application_name = 'aidflow' AND wait_event_type = 'Lock'`,
        );
        if (row.n > 0) return;
        if (Date.now() > deadline) throw new Error('No repository query started waiting for the locked envelope');
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}
