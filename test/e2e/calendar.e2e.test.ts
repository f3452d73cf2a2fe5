import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CalendarAlertsService, provisionalHolidayYear } from '../../libs/calendar/src';
import { CALENDAR_EXIT, runCalendarCli } from '../../scripts/calendar';
import { httpClient } from '../support/http-client';
import { startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';

/**
 * The business calendar as administrators and operators meet it, on the real stack (HTTP API, PostgreSQL, the mail
 * sink): the health endpoint's warning, the admin notice 60 and 14 days before the official calendar ends (once per
 * stage), loading a year's State Council notice over HTTP and from the command line, and refusals that name the
 * entry and store nothing.
 */

let stack: TestStack;
const client = httpClient(() => stack.baseUrl!);

beforeAll(async () => {
  stack = await startTestStack({ http: true });
});

afterAll(async () => {
  await stack?.stop();
});

const as = async (username: string, method: string, path: string, body?: unknown) =>
  client.request<Record<string, unknown>>(method, path, { token: await client.login(username), body });

/** An instant written in China Standard Time. */
const cst = (local: string): Date => new Date(`${local}:00+08:00`);

const calendarRows = async (): Promise<number> =>
  (await stack.sql<{ n: number }>(`SELECT count(*)::int AS n FROM business_calendar_years`))[0].n;

/** A notice for 2027 made up for the test (the real one is an administrator's to load when it is published). */
const notice2027 = {
  source: 'test notice for 2027 (made up by the test)',
  holidays: [
    { name: '元旦 New Year’s Day', from: '2027-01-01', to: '2027-01-03' },
    { name: '春节 Spring Festival', from: '2027-02-05', to: '2027-02-13' },
  ],
  makeUpWorkdays: ['2027-02-20'],
};

describe('the calendar warning', () => {
  it('reports the calendar on /health without a token, the same as /calendar/status', async () => {
    const health = await client.request<{ calendar: Record<string, unknown>; warnings: string[] }>('GET', '/health');
    const status = await as('admin1', 'GET', '/calendar/status');

    expect(health.status).toBe(200);
    expect(status.status).toBe(200);
    expect(health.body.calendar).toEqual({
      health: status.body.health,
      officialUntil: status.body.officialUntil,
      daysLeft: status.body.daysLeft,
      warning: status.body.warning,
    });
    expect(health.body.warnings).toEqual(status.body.warning ? [status.body.warning] : []);
    // The shipped schedules end with 2026: from 60 days before, there is a warning naming the year to load.
    if (status.body.health !== 'ok') expect(status.body.warning).toContain('2027');
  });

  it('tells every administrator once at 60 days, again at 14 days, in the inbox and by email', async () => {
    const alerts = stack.services.get(CalendarAlertsService);
    const admins = await stack.sql<{ id: string }>(
      `SELECT id FROM users WHERE role = 'admin' AND username <> 'system'`,
    );

    expect(await alerts.check(cst('2026-10-20T09:00'))).toMatchObject({ eventKey: null, notified: 0 });
    const first = await alerts.check(cst('2026-11-15T09:00'));
    const again = await alerts.check(cst('2026-11-16T09:00'));
    const later = await alerts.check(cst('2026-12-20T09:00'));

    expect(first).toMatchObject({ eventKey: 'calendar_expiring:2027:60d', notified: admins.length });
    expect(first.status).toMatchObject({ health: 'expiring', daysLeft: 46 });
    expect(again).toMatchObject({ eventKey: 'calendar_expiring:2027:60d', notified: 0 });
    expect(later).toMatchObject({ eventKey: 'calendar_expiring:2027:14d', notified: admins.length });
    const inbox = await as('admin1', 'GET', '/me/notifications');
    const calendarNotices = (
      inbox.body.items as Array<{ event: string; applicationId: string | null; subject: string }>
    ).filter((n) => n.event === 'calendar_expiring');
    expect(calendarNotices).toHaveLength(2);
    expect(calendarNotices.every((n) => n.applicationId === null)).toBe(true);
    expect(calendarNotices[0].subject).toContain('2027');
    const mail = await stack.mail.waitFor(
      (m) => m.subject.includes('工作日历') && m.to.includes('admin1@aidflow.local'),
    );
    expect(mail.text).toContain('2026-12-31');
  });
});

describe('loading a year over HTTP', () => {
  it('refuses a field that is not a date with 400 naming it, and stores nothing', async () => {
    const before = await calendarRows();
    const res = await as('admin1', 'PUT', '/calendar/years/2027', {
      ...notice2027,
      holidays: [{ name: '元旦', from: '2027/01/01', to: '2027-01-01' }],
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.body)).toContain('from must be a date YYYY-MM-DD');
    expect(await calendarRows()).toBe(before);
  });

  it('refuses overlapping holidays with 422 naming the entry, and stores nothing', async () => {
    const before = await calendarRows();
    const res = await as('admin1', 'PUT', '/calendar/years/2027', {
      ...notice2027,
      holidays: [...notice2027.holidays, { name: '元宵 Lantern', from: '2027-02-13', to: '2027-02-14' }],
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'CALENDAR_INVALID',
      message:
        'Invalid business calendar data, 2027 holiday "元宵 Lantern": 2027-02-13 is also in holiday "春节 Spring Festival"',
    });
    expect(await calendarRows()).toBe(before);
  });

  it('shows what the statutory rule gives for a year without storing it', async () => {
    const before = await calendarRows();
    const res = await as('approver-city', 'GET', '/calendar/years/2027/provisional');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      year: 2027,
      kind: 'provisional',
      holidays: provisionalHolidayYear(2027).holidays,
    });
    expect(await calendarRows()).toBe(before);
    expect((await as('admin1', 'GET', '/calendar/years/2101/provisional')).status).toBe(400);
    expect((await as('admin1', 'GET', '/calendar/years/abc')).body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await as('admin1', 'GET', '/calendar/years/2040')).body).toMatchObject({ code: 'CALENDAR_YEAR_NOT_FOUND' });
  });

  it('loads the notice for 2027 (administrators only); the official calendar then reaches the end of 2027', async () => {
    expect((await as('approver-city', 'PUT', '/calendar/years/2027', notice2027)).status).toBe(403);

    const loaded = await as('admin1', 'PUT', '/calendar/years/2027', notice2027);

    expect(loaded.status).toBe(200);
    expect(loaded.body).toMatchObject({
      year: 2027,
      kind: 'official',
      source: notice2027.source,
      holidays: notice2027.holidays,
      makeUpWorkdays: ['2027-02-20'],
      loadedBy: (await stack.principal('admin1')).userId,
      supersededAt: null,
    });
    const history = await as('auditor1', 'GET', '/calendar/years/2027');
    expect((history.body as unknown as Array<{ kind: string; supersededAt: string | null }>).at(-1)).toMatchObject({
      kind: 'official',
      supersededAt: null,
    });
    const status = await as('admin1', 'GET', '/calendar/status');
    expect(status.body).toMatchObject({ lastOfficialYear: 2027, officialUntil: '2027-12-31' });
  });
});

describe('npm run calendar', () => {
  const run = async (...argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runCalendarCli(argv, {
      env: { DATABASE_URL: stack.env.DATABASE_URL },
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t) },
    });
    return { code, stdout, stderr };
  };

  it('prints the provisional schedule of a year as JSON that load takes', async () => {
    const { code, stdout } = await run('provisional', '2029', '--json');
    expect(code).toBe(CALENDAR_EXIT.ok);
    expect(JSON.parse(stdout)).toEqual(provisionalHolidayYear(2029));
  });

  it('loads a notice from a file, lists it, and refuses a bad file naming the entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aidflow-calendar-'));
    const good = join(dir, 'calendar-2029.json');
    const bad = join(dir, 'calendar-2029-bad.json');
    writeFileSync(
      good,
      JSON.stringify({
        year: 2029,
        ...notice2027,
        holidays: [{ name: '元旦', from: '2029-01-01', to: '2029-01-01' }],
        makeUpWorkdays: [],
      }),
    );
    writeFileSync(
      bad,
      JSON.stringify({
        year: 2029,
        source: 'x',
        holidays: [{ name: '元旦', from: '2029-01-01', to: '2028-12-31' }],
        makeUpWorkdays: [],
      }),
    );

    const refused = await run('load', bad);
    expect(refused.code).toBe(CALENDAR_EXIT.usage);
    expect(refused.stderr).toContain('2029 holiday "元旦": from 2029-01-01 is after to 2028-12-31');
    const loaded = await run('load', good, '--by', 'admin1', '--note', 'test load');
    expect(loaded).toMatchObject({ code: CALENDAR_EXIT.ok, stderr: '' });
    expect(loaded.stdout).toContain('Loaded 2029 (official)');
    const list = await run('list');
    expect(list.stdout).toMatch(/2029 {2}official/);
    expect((await run('load', good, '--by', 'applicant1')).stderr).toContain('--by must name an administrator');
    expect((await run('frobnicate')).code).toBe(CALENDAR_EXIT.usage);
  });

  it('answers status with exit 0 while the calendar is ok, 1 once it expires within 60 days or has expired', async () => {
    const { code, stdout } = await run('status', '--json');
    const status = JSON.parse(stdout) as { health: string };
    expect(code).toBe(status.health === 'ok' ? CALENDAR_EXIT.ok : CALENDAR_EXIT.warning);
  });
});
