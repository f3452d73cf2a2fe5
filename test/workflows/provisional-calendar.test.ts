import { ApplicationWorkflowClient } from '../../libs/temporal/src';
import { startNoticeCase, startTemplateCase } from '../support/notice-cases';
import { eventually, startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';

/**
 * No case stalls on a year the business calendar has no official schedule for (real Temporal, real PostgreSQL, the
 * real activities): a public-notice window and a level deadline long enough to reach two years past the last
 * official one (from 2026: into 2028) are computed on provisional schedules, and the case says so on its trail, in
 * its notice (Query and projection), and keeps going.
 */

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

/** Enough working days to pass two whole years from any date. */
const LONG = { workingDays: 520 };

/** The years between now and `until` that have no official schedule in the test database. */
async function unofficialYearsUntil(until: string): Promise<number[]> {
  const official = new Set(
    (
      await stack.sql<{ year: number }>(
        `SELECT year FROM business_calendar_years WHERE superseded_at IS NULL AND kind = 'official'`,
      )
    ).map((r) => r.year),
  );
  const years: number[] = [];
  // The computation looks at the days from the opening (China time) to the date it reaches.
  const from = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
  const to = new Date(Date.parse(until) + 8 * 3_600_000).getUTCFullYear();
  for (let year = from; year <= to; year++) if (!official.has(year)) years.push(year);
  return years;
}

async function calendarActions(id: string) {
  return stack.sql<{
    actor_id: string;
    comment: string;
    details: { provisional: boolean; provisionalYears: number[]; at: string };
  }>(
    `SELECT actor_id, comment, details FROM case_actions WHERE application_id = $1 AND verb = 'calendar' ORDER BY seq`,
    [id],
  );
}

describe('a year with no official business calendar', () => {
  it('times a public notice two years long on provisional schedules, flagged on the notice and on the trail', async () => {
    const id = await startNoticeCase(stack, LONG);
    const [notice] = await stack.sql<{ closes_at: Date; provisional_calendar_years: number[]; status: string }>(
      `SELECT closes_at, provisional_calendar_years, status FROM public_notices WHERE application_id = $1`,
      [id],
    );
    const expected = await unofficialYearsUntil(notice.closes_at.toISOString());

    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(notice.status).toBe('open');
    expect(notice.provisional_calendar_years).toEqual(expected);
    const view = await stack.services.get(ApplicationWorkflowClient).status(id);
    expect(view.status).toBe('in_notice');
    expect(view.notice).toMatchObject({
      closesAt: notice.closes_at.toISOString(),
      provisionalCalendarYears: expected,
    });
    const actions = await eventually(async () => {
      const rows = await calendarActions(id);
      return rows.length ? rows : undefined;
    }, 'the calendar note on the trail');
    expect(actions).toHaveLength(1);
    expect(actions[0].details).toEqual({
      provisional: true,
      provisionalYears: expected,
      at: notice.closes_at.toISOString(),
    });
    expect(actions[0].comment).toBe(
      `The public notice closes ${notice.closes_at.toISOString()}, computed on a provisional business calendar for ` +
        `${expected.join(', ')} (the statutory holidays without the State Council notice, which may move the date)`,
    );
    // Each provisional year is stored once, computed from the statutory rule, and names it.
    const stored = await stack.sql<{ year: number; kind: string; source: string }>(
      `SELECT year, kind, source FROM business_calendar_years WHERE year = ANY($1) AND superseded_at IS NULL ORDER BY year`,
      [expected],
    );
    expect(stored.map((r) => [r.year, r.kind])).toEqual(expected.map((y) => [y, 'provisional']));
    expect(stored.every((r) => r.source.includes('全国年节及纪念日放假办法'))).toBe(true);
  });

  it('gives a level a deadline on provisional schedules instead of none, and records it', async () => {
    const { id } = await startTemplateCase(stack, {
      window: null,
      shapeRoute: (route) => route.map((l) => ({ ...l, sla: { due: LONG, onDue: 'remind' as const } })),
    });

    const [action] = await eventually(async () => {
      const rows = await calendarActions(id);
      return rows.length ? rows : undefined;
    }, 'the calendar note of level 1');

    const expected = await unofficialYearsUntil(action.details.at);
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(action.details).toMatchObject({ provisional: true, provisionalYears: expected });
    expect(action.comment).toMatch(/^Level 1 is due \d{4}-\d{2}-\d{2}T.*computed on a provisional business calendar/);
    // The level waits for its approver with that deadline; no "No deadline for this level" note.
    const notes = await stack.sql<{ comment: string }>(
      `SELECT comment FROM case_actions WHERE application_id = $1 AND comment LIKE 'No deadline%'`,
      [id],
    );
    expect(notes).toEqual([]);
    expect((await stack.services.get(ApplicationWorkflowClient).status(id)).status).toBe('pending_approval');
  });
});
