import { ApplicationsService } from '../../libs/applications/src';
import { ELIGIBLE_HARDSHIP } from '../support/hardship-commands';
import { eventually, startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';

/**
 * Many final approvals racing against a small envelope, on the real stack: workflows, activities, PostgreSQL. The
 * hardship-aid envelopes of the year fit exactly three 5,000 CNY grants; eight cases reach the last level and the
 * city approver approves all eight at the same moment.
 */

const YEAR = new Date().getUTCFullYear();
const CASES = 8;
const GRANT_FEN = ELIGIBLE_HARDSHIP.requestedAmountFen; // 5,000 CNY
const FITS = 3;

let stack: TestStack;
let service: ApplicationsService;

beforeAll(async () => {
  stack = await startTestStack();
  service = stack.services.get(ApplicationsService);
});

afterAll(async () => {
  await stack?.stop();
});

interface EnvelopeRow {
  id: string;
  funding_source: string;
  allocated_fen: string;
  reserved_fen: string;
  paid_fen: string;
}

const envelopes = () =>
  stack.sql<EnvelopeRow>(
    `SELECT e.id, e.funding_source, e.allocated_fen, e.reserved_fen, e.paid_fen
     FROM budget_envelopes e JOIN programs p ON p.id = e.program_id WHERE p.code = 'hardship-aid' AND e.year = $1`,
    [YEAR],
  );

/**
 * Eight applicants of the East No.1 Machinery Works union, one case each (one open case per person and program):
 * copies of applicant1 under their own names.
 */
async function applicants(): Promise<string[]> {
  const names = Array.from({ length: CASES }, (_, i) => `race-applicant-${i + 1}`);
  for (const name of names) {
    await stack.sql(
      `INSERT INTO users (username, display_name, email, password_hash, role, org_unit_id, approval_level, locale)
       SELECT $1, display_name || $2, $1 || '@aidflow.local', password_hash, role, org_unit_id, approval_level, locale
       FROM users WHERE username = 'applicant1'`,
      [name, name.slice(-2)],
    );
  }
  return names;
}

async function waitForOpenTask(applicationId: string, level: number): Promise<void> {
  await eventually(async () => {
    const rows = await stack.sql(
      `SELECT 1 FROM approval_tasks WHERE application_id = $1 AND level = $2 AND status = 'open'`,
      [applicationId, level],
    );
    return rows.length ? true : undefined;
  }, `open task of ${applicationId} at level ${level}`);
}

/** Submits a case and approves its first two levels; resolves when the last level (the city) has its open task. */
async function toLastLevel(username: string, index: number): Promise<string> {
  const { application } = await service.submitHardship(
    await stack.principal(username),
    ELIGIBLE_HARDSHIP,
    `budget-race-${index}`,
  );
  for (const [level, approver] of [
    [1, 'approver-g-east-1'],
    [2, 'approver-d-east'],
  ] as const) {
    await waitForOpenTask(application.id, level);
    await service.decide(await stack.principal(approver), application.id, { decision: 'approve', comment: '同意' });
  }
  await waitForOpenTask(application.id, 3);
  return application.id;
}

describe('budget race: final approvals against a small envelope', () => {
  it('approves exactly as many cases as the envelope fits and ends the rest budget_exhausted, never overspending', async () => {
    // The year's envelopes hold exactly three grants: all in central funds, nothing in city finance.
    await stack.sql(
      `UPDATE budget_envelopes SET allocated_fen = CASE funding_source WHEN 'central_special' THEN $2::bigint ELSE 0 END
       WHERE program_id = (SELECT id FROM programs WHERE code = 'hardship-aid') AND year = $1`,
      [YEAR, FITS * GRANT_FEN],
    );
    const allocatedFen = (await envelopes()).reduce((sum, e) => sum + Number(e.allocated_fen), 0);
    expect(allocatedFen).toBe(FITS * GRANT_FEN);

    const names = await applicants();
    const ids = await Promise.all(names.map((name, i) => toLastLevel(name, i)));

    // Watch the envelopes while the race runs: reserved + paid never above allocated, in any snapshot.
    const snapshots: EnvelopeRow[][] = [];
    let racing = true;
    const watcher = (async () => {
      while (racing) {
        snapshots.push(await envelopes());
        await new Promise((r) => setTimeout(r, 20));
      }
    })();

    const city = await stack.principal('approver-city');
    const decisions = await Promise.allSettled(
      ids.map((id) => service.decide(city, id, { decision: 'approve', comment: '同意' })),
    );
    expect(decisions.map((d) => d.status)).toEqual(Array(CASES).fill('fulfilled'));

    const finals = await eventually(
      async () => {
        const rows = await stack.sql<{ id: string; status: string; outcome_reason: string | null }>(
          'SELECT id, status, outcome_reason FROM applications WHERE id = ANY ($1)',
          [ids],
        );
        return rows.every((r) => r.status === 'approved' || r.status === 'budget_exhausted') ? rows : undefined;
      },
      'every case approved or budget_exhausted',
      60_000,
    );
    // Every approved case's payment settles (the reservation becomes paid money).
    await eventually(
      async () => {
        const rows = await stack.sql(
          `SELECT 1 FROM disbursements WHERE application_id = ANY ($1) AND status = 'paid'`,
          [ids],
        );
        return rows.length === FITS ? true : undefined;
      },
      'the approved cases paid',
      30_000,
    );
    racing = false;
    await watcher;
    snapshots.push(await envelopes());

    const approved = finals.filter((r) => r.status === 'approved');
    const exhausted = finals.filter((r) => r.status === 'budget_exhausted');
    expect({ approved: approved.length, exhausted: exhausted.length }).toEqual({
      approved: FITS,
      exhausted: CASES - FITS,
    });
    for (const row of exhausted) {
      expect(row.outcome_reason).toContain(`has ${GRANT_FEN / 100} CNY left (largest remaining: 0 CNY)`);
    }

    expect(snapshots.length).toBeGreaterThan(1);
    for (const snapshot of snapshots) {
      for (const e of snapshot) {
        expect({
          source: e.funding_source,
          within: Number(e.reserved_fen) + Number(e.paid_fen) <= Number(e.allocated_fen),
        }).toEqual({ source: e.funding_source, within: true });
      }
    }

    // The reservations: one per approved case, none for the exhausted ones, adding up to the whole allocation.
    const reservations = await stack.sql<{ application_id: string; amount_fen: string; status: string }>(
      `SELECT r.application_id, r.amount_fen, r.status FROM budget_reservations r
       JOIN budget_envelopes e ON e.id = r.envelope_id JOIN programs p ON p.id = e.program_id
       WHERE p.code = 'hardship-aid' AND e.year = $1`,
      [YEAR],
    );
    expect(reservations.map((r) => r.application_id).sort()).toEqual(approved.map((r) => r.id).sort());
    expect(reservations.reduce((sum, r) => sum + Number(r.amount_fen), 0)).toBe(allocatedFen);
    expect(reservations.map((r) => r.status)).toEqual(Array(FITS).fill('committed'));
    const final = await envelopes();
    expect(final.reduce((sum, e) => sum + Number(e.paid_fen), 0)).toBe(allocatedFen);
    expect(final.reduce((sum, e) => sum + Number(e.reserved_fen), 0)).toBe(0);
    const reservedEntries = await stack.sql(
      `SELECT 1 FROM ledger_entries WHERE application_id = ANY ($1) AND kind = 'budget_reserved'`,
      [ids],
    );
    expect(reservedEntries).toHaveLength(FITS);

    // What the envelope CHECK constraint cannot guarantee: exactly three grants committed, and nothing else.
    const committedFen = reservations
      .filter((r) => r.status === 'committed')
      .reduce((sum, r) => sum + Number(r.amount_fen), 0);
    expect(committedFen).toBe(FITS * GRANT_FEN);
    const exhaustedIds = exhausted.map((r) => r.id);
    expect(
      await stack.sql('SELECT application_id FROM budget_reservations WHERE application_id = ANY ($1)', [exhaustedIds]),
    ).toEqual([]);
    expect(
      await stack.sql('SELECT application_id FROM disbursements WHERE application_id = ANY ($1)', [exhaustedIds]),
    ).toEqual([]);
    expect(stack.bank.payments.filter((p) => exhaustedIds.includes(p.applicationId))).toEqual([]);
    // Each approved case is paid once: one disbursement, one bank payment for it, the grant's amount.
    for (const { id } of approved) {
      const disbursements = await stack.sql<{ id: string; amount_fen: string }>(
        'SELECT id, amount_fen FROM disbursements WHERE application_id = $1',
        [id],
      );
      expect(disbursements.map((d) => Number(d.amount_fen))).toEqual([GRANT_FEN]);
      const payments = stack.bank.payments.filter((p) => p.applicationId === id);
      expect(payments.map((p) => [p.instructionId, p.amountFen])).toEqual([[disbursements[0].id, GRANT_FEN]]);
    }
  });
});
