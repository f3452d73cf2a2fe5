import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { ApplicationsRepository, ApplicationsService } from '../../libs/applications/src';
import type { SubmitHardshipCommand } from '../../libs/applications/src';
import { ApplicationException } from '../../libs/common/src';
import { ProgramsService } from '../../libs/programs/src';
import { ApplicationWorkflowClient, applicationWorkflowId } from '../../libs/temporal/src';
import type { RouteLevel } from '@aidflow/policy';
import type { ApplicationWorkflowInput } from '@aidflow/workflows/types';
import { SYSTEM_ACTOR_ID } from '@aidflow/workflows/types';
import { ELIGIBLE_HARDSHIP } from './hardship-commands';
import { eventually } from './test-stack';
import type { TestStack } from './test-stack';

/**
 * What the workflow suites of the approval verbs and of routing (test/workflows/approval-verbs.test.ts,
 * test/workflows/routing.test.ts) do to cases through the real services: file an eligible hardship case, act as a
 * demo user, wait for a level's open task, read a case's status and submitted route, and start a case on a route the
 * test shapes (modes, SLAs).
 */

export const eligible = ELIGIBLE_HARDSHIP;

export async function refusal(promise: Promise<unknown>): Promise<ApplicationException> {
  const error = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(ApplicationException);
  return error as ApplicationException;
}

/**
 * Actions taken by people. The engine may add its own (a deadline note when a level's deadline would fall in a year
 * the business calendar does not hold yet), depending on the date the tests run.
 */
export const byPeople = <T extends { actorId: string }>(actions: T[]): T[] =>
  actions.filter((a) => a.actorId !== SYSTEM_ACTOR_ID);

/** `stack` is read on each call, so the helpers can be made before the stack is started (in beforeAll). */
export function serviceCases(stack: () => TestStack) {
  const service = (): ApplicationsService => stack().services.get(ApplicationsService);
  let key = 0;

  async function submit(command: SubmitHardshipCommand = eligible) {
    const { application } = await service().submitHardship(
      await stack().principal('applicant1'),
      command,
      `verbs-${++key}`,
    );
    await waitForTask(application.id, 1);
    return application.id;
  }

  const as = (username: string) => stack().principal(username);

  async function waitForTask(id: string, level: number, round = 1): Promise<string[]> {
    return eventually(async () => {
      const [row] = await stack().sql<{ assignee_ids: string[] }>(
        `SELECT assignee_ids FROM approval_tasks WHERE application_id = $1 AND level = $2 AND round = $3 AND status = 'open'`,
        [id, level, round],
      );
      return row?.assignee_ids;
    }, `open task at level ${level}, round ${round}`);
  }

  async function statusOf(id: string): Promise<string> {
    const [row] = await stack().sql<{ status: string }>('SELECT status FROM applications WHERE id = $1', [id]);
    return row.status;
  }

  async function userId(username: string): Promise<string> {
    return (await as(username)).userId;
  }

  async function approve(username: string, id: string) {
    return service().decide(await as(username), id, { decision: 'approve', comment: `ok (${username})` });
  }

  /** Stores an application and starts its workflow with a route the test shapes (modes, SLAs). */
  async function startWithRoute(shape: (route: RouteLevel[]) => RouteLevel[]): Promise<string> {
    const applicant = await as('applicant1');
    const id = await submit();
    // Reuse the stored application and its real route, then run a second case with the shaped route.
    const client = stack().services.get(ApplicationWorkflowClient);
    const temporal = stack().services.get(Client);
    const original = await temporal.workflow.getHandle(applicationWorkflowId(id)).describe();
    expect(original.status.name).toBe('RUNNING');
    const program = await stack().services.get(ProgramsService).requireProgram('hardship-aid');
    const standard = await stack().services.get(ProgramsService).standardOn(program, '2026-06-01');
    const [{ route }] = await stack().sql<{ route: RouteLevel[] }>(
      `SELECT payload->'route' AS route FROM ledger_entries WHERE application_id = $1 AND kind = 'submitted'`,
      [id],
    );
    const newId = randomUUID();
    await stack()
      .services.get(ApplicationsRepository)
      .insert({
        id: newId,
        programId: program.id,
        programCode: program.code,
        applicantUserId: applicant.userId,
        orgUnitId: applicant.orgUnitId!,
        idempotencyKey: `shaped-${newId}`,
        requestHash: 'test',
        category: eligible.category,
        requestedAmountFen: eligible.requestedAmountFen,
        facts: eligible.facts,
        nationalId: null,
        standardId: standard.standardId,
        policyVersion: standard.policyVersion,
        status: 'submitted',
        workflowId: applicationWorkflowId(newId),
        budgetYear: 2026,
      });
    const input: ApplicationWorkflowInput = {
      applicationId: newId,
      programCode: program.code,
      applicantUserId: applicant.userId,
      orgUnitId: applicant.orgUnitId!,
      category: eligible.category,
      requestedAmountFen: eligible.requestedAmountFen,
      facts: eligible.facts,
      standard,
      route: shape(route),
      budgetYear: 2026,
      submittedAt: new Date().toISOString(),
    };
    await client.start(input);
    return newId;
  }

  async function submitAs(username: string, command: SubmitHardshipCommand = eligible) {
    const { application } = await service().submitHardship(await as(username), command, `routing-${++key}`);
    return application.id;
  }

  async function submittedPayload(id: string) {
    const [row] = await stack().sql<{
      payload: { route: RouteLevel[]; routingNotes?: Array<{ rule: string; text: string }> };
    }>(`SELECT payload FROM ledger_entries WHERE application_id = $1 AND kind = 'submitted'`, [id]);
    return row.payload;
  }

  return { submit, as, waitForTask, statusOf, userId, approve, startWithRoute, submitAs, submittedPayload };
}
