import { Client as PgClient } from 'pg';
import { httpClient } from '../support/http-client';
import { eventually, startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';

/**
 * RELIABILITY.md F-6 and F-7 over HTTP on the real stack (API, Temporal, PostgreSQL): duplicate submissions (the
 * same Idempotency-Key twice in a row and 20 at once) make exactly one case and one workflow; concurrent decisions
 * (a double click, with and without a key; approve racing withdraw) are accepted exactly once, the other answer a
 * 409 that names why; the next level's approver acting while the decision before theirs is still being written is
 * accepted (the API tries a decision refused ACTION_IN_PROGRESS again for a few seconds).
 */

let stack: TestStack;
const client = httpClient(() => stack.baseUrl!);

beforeAll(async () => {
  stack = await startTestStack({ http: true });
});

afterAll(async () => {
  await stack?.stop();
});

const application = {
  program: 'hardship-aid',
  category: 'living',
  requestedAmount: 5000,
  household: { householdSize: 3, annualIncome: 24000, unavoidableCosts: 6000 },
};

let keys = 0;

async function submit(key = `races-${++keys}-${Date.now()}`) {
  return client.request<{ id: string; replayed?: boolean }>('POST', '/applications', {
    token: await client.login('applicant1'),
    body: application,
    headers: { 'Idempotency-Key': key },
  });
}

async function waitForLevel(id: string, level: number): Promise<void> {
  await eventually(async () => {
    const rows = await stack.sql(
      `SELECT 1 FROM approval_tasks WHERE application_id = $1 AND level = $2 AND status = 'open'`,
      [id, level],
    );
    return rows.length ? true : undefined;
  }, `the open task at level ${level}`);
}

async function approve(id: string, key?: string) {
  return client.request<{ code?: string; message?: string }>('POST', `/applications/${id}/decisions`, {
    token: await client.login('approver-g-east-1'),
    body: { decision: 'approve', comment: '同意' },
    headers: key ? { 'Idempotency-Key': key } : {},
  });
}

const decisionsAt = async (id: string, level: number): Promise<number> =>
  (
    await stack.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM decisions WHERE application_id = $1 AND level = $2`,
      [id, level],
    )
  )[0].n;

describe('F-6: duplicate submissions', () => {
  it('makes one case of the same Idempotency-Key sent twice in a row and 20 times at once', async () => {
    const first = await submit('races-dup-1');
    const second = await submit('races-dup-1');
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body).toMatchObject({ id: first.body.id, replayed: true });

    const burst = await Promise.all(Array.from({ length: 20 }, () => submit('races-dup-20')));
    const ids = new Set(burst.map((r) => r.body.id));
    expect(burst.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    expect(burst.filter((r) => r.status === 201).length).toBeLessThanOrEqual(1);
    expect(ids.size).toBe(1);
    const rows = await stack.sql<{ id: string; workflow_id: string }>(
      `SELECT id, workflow_id FROM applications WHERE idempotency_key IN ('races-dup-1', 'races-dup-20')`,
    );
    expect(rows).toHaveLength(2);
    // One workflow per case: its id is the business key, and it answers the case's status.
    const [id] = [...ids];
    await waitForLevel(id, 1);
    const view = await client.request<{ status: string }>('GET', `/applications/${id}`, {
      token: await client.login('applicant1'),
    });
    expect(view.body.status).toBe('pending_approval');
  });
});

describe('F-7: concurrent decisions', () => {
  it('accepts one of two approvals sent at once by the same approver; the other gets 409 naming why', async () => {
    const { body } = await submit();
    await waitForLevel(body.id, 1);

    const answers = await Promise.all([approve(body.id), approve(body.id)]);

    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const refused = answers.find((a) => a.status === 409)!;
    expect(['LEVEL_ALREADY_DECIDED', 'ACTION_IN_PROGRESS']).toContain(refused.body.code);
    expect(refused.body.message).toBeTruthy();
    expect(await decisionsAt(body.id, 1)).toBe(1);
  });

  it('answers a double click with the same Idempotency-Key twice with the one decision', async () => {
    const { body } = await submit();
    await waitForLevel(body.id, 1);

    const answers = await Promise.all([approve(body.id, `click-${body.id}`), approve(body.id, `click-${body.id}`)]);

    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(await decisionsAt(body.id, 1)).toBe(1);
  });

  it('lets the next level decide while the decision before it is still being written (the API tries again)', async () => {
    const { body } = await submit();
    await waitForLevel(body.id, 1);
    // Hold the level 1 task's row, so the worker's recordDecision waits: the workflow has taken the decision and
    // not settled it, which is what the next approver meets when they act the moment their task shows.
    const holder = new PgClient({ connectionString: stack.db.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM approval_tasks WHERE application_id = $1 AND level = 1 FOR UPDATE`, [body.id]);
      const first = approve(body.id);
      await eventually(async () => {
        const waiting = await stack.sql(
          `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE approval_tasks%'`,
        );
        return waiting.length ? true : undefined;
      }, 'recordDecision waiting for the held task row');
      const second = client.request<{ code?: string; message?: string; currentLevel?: number }>(
        'POST',
        `/applications/${body.id}/decisions`,
        { token: await client.login('approver-d-east'), body: { decision: 'approve', comment: '同意' } },
      );
      await new Promise((resolve) => setTimeout(resolve, 600)); // the second meets the unsettled case, and waits
      await holder.query('COMMIT');
      const answer = await second;
      expect({ status: answer.status, code: answer.body.code }).toEqual({ status: 200, code: undefined });
      expect(answer.body.currentLevel).toBe(3);
      expect((await first).status).toBe(200);
    } finally {
      await holder.end();
    }
    expect(await decisionsAt(body.id, 1)).toBe(1);
    expect(await decisionsAt(body.id, 2)).toBe(1);
  });

  it('lets exactly one of an approval and a withdrawal sent at once win; the other gets 409', async () => {
    const { body } = await submit();
    await waitForLevel(body.id, 1);

    const [approved, withdrawn] = await Promise.all([
      approve(body.id),
      client.request<{ code?: string }>('POST', `/applications/${body.id}/withdraw`, {
        token: await client.login('applicant1'),
        body: { comment: '不需要了' },
      }),
    ]);

    const statuses = [approved.status, withdrawn.status].sort();
    expect(statuses).toEqual([200, 409]);
    const [app] = await stack.sql<{ status: string }>(`SELECT status FROM applications WHERE id = $1`, [body.id]);
    if (approved.status === 200) {
      expect(await decisionsAt(body.id, 1)).toBe(1);
      expect(app.status).toBe('pending_approval');
    } else {
      expect(await decisionsAt(body.id, 1)).toBe(0);
      expect(app.status).toBe('withdrawn');
    }
  });
});
