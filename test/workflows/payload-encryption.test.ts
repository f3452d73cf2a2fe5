import { Client, Connection } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import {
  decodeArrayFromPayloads,
  decodeOptionalFailureToOptionalError,
} from '@temporalio/common/lib/internal-non-workflow';
import { temporal } from '@temporalio/proto';
import { ApplicationsService } from '../../libs/applications/src';
import type { SubmitHardshipCommand } from '../../libs/applications/src';
import { ApplicationException, ErrorCode } from '../../libs/common/src';
import { applicationWorkflowId, ApplicationWorkflowClient } from '../../libs/temporal/src';
import {
  ABSENCE_DELEGATION_PATCH,
  CONTINUE_AS_NEW_PATCH,
  NON_BLOCKING_NOTICES_PATCH,
  RECEIPT_NOTICE_PATCH,
} from '@aidflow/workflows/patches';
import { testEnvironment } from '../setup/test-env';
import { TEST_PAYLOAD_KEY_ID } from '../support/test-payload-keys';
import { eventually, startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';

/**
 * What the Temporal server stores: every payload of an application's history is AES-256-GCM encrypted (inputs,
 * activity arguments and results, update and query payloads, failure messages). A client without the key reads
 * ciphertext; the product's client, with the key, reads it back. Ids and search attributes carry no personal data.
 */

const NATIONAL_ID = '110101199003074514';
const command: SubmitHardshipCommand = {
  category: 'living',
  requestedAmountFen: 500_000,
  facts: {
    householdSize: 3,
    annualIncomeFen: 2_400_000,
    unavoidableCostsFen: 600_000,
    accidentCostsFen: 0,
    medicalOutOfPocketFen: 0,
    studentCount: 0,
  },
  nationalId: NATIONAL_ID,
};

let stack: TestStack;
let service: ApplicationsService;
let rawConnection: Connection;
/** A client with no codec: what the Temporal server, its UI without a codec endpoint, or anyone with its data sees. */
let raw: Client;

beforeAll(async () => {
  stack = await startTestStack();
  service = stack.services.get(ApplicationsService);
  rawConnection = await Connection.connect({ address: testEnvironment().temporalAddress });
  raw = new Client({ connection: rawConnection, namespace: stack.config.temporal.namespace });
});

afterAll(async () => {
  await rawConnection?.close();
  await stack?.stop();
});

const text = (bytes: Uint8Array | null | undefined): string => Buffer.from(bytes ?? []).toString('utf8');

type History = temporal.api.history.v1.IHistory;

/** Every Payload in the history with where it sits; search attributes are plain by design and left out. */
function payloadsIn(value: unknown, path = 'history'): Array<{ path: string; payload: Payload }> {
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => payloadsIn(item, `${path}[${i}]`));
  const record = value as Record<string, unknown>;
  if (record.metadata && typeof record.metadata === 'object' && 'data' in record) {
    return [{ path, payload: record }];
  }
  return Object.entries(record)
    .filter(([key, child]) => key !== 'searchAttributes' && child !== null && child !== undefined)
    .flatMap(([key, child]) => payloadsIn(child, `${path}.${key}`));
}

async function waitForTask(id: string, level: number): Promise<void> {
  await eventually(async () => {
    const rows = await stack.sql('SELECT 1 FROM approval_tasks WHERE application_id = $1 AND level = $2', [id, level]);
    return rows.length ? true : undefined;
  }, `task at level ${level}`);
}

async function decide(username: string, id: string) {
  return service.decide(await stack.principal(username), id, { decision: 'approve', comment: '同意' });
}

describe('personal data in Temporal payloads', () => {
  it('stores the workflow input encrypted, readable only through the client that holds the key', async () => {
    const applicant = await stack.principal('applicant1');
    const { application } = await service.submitHardship(applicant, command, 'encryption-1');
    await waitForTask(application.id, 1);
    const workflowId = applicationWorkflowId(application.id);

    const history: History = await raw.workflow.getHandle(workflowId).fetchHistory();
    const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
    const input = started?.input?.payloads ?? [];
    expect(input).toHaveLength(1);
    expect(text(input[0].metadata?.encoding)).toBe('binary/encrypted');
    expect(text(input[0].metadata?.['encryption-key-id'])).toBe(TEST_PAYLOAD_KEY_ID);
    const inputBytes = Buffer.from(input[0].data ?? []);
    for (const plain of [applicant.userId, applicant.orgUnitId ?? '-', 'hardship-aid', 'householdSize', 'json/plain']) {
      expect(inputBytes.includes(plain)).toBe(false);
    }

    // The product's client decodes the very same bytes.
    const client = stack.services.get(Client);
    const [decoded] = await decodeArrayFromPayloads(client.options.loadedDataConverter, input);
    expect(decoded).toMatchObject({
      applicationId: application.id,
      applicantUserId: applicant.userId,
      programCode: 'hardship-aid',
      requestedAmountFen: 500_000,
      facts: command.facts,
    });

    // Nothing else in the stored history is readable either: activity inputs and results, update arguments, ...
    // The one exception is the SDK's own patch marker (`patched()`), which it writes outside the data converter and
    // which holds nothing but the patch id.
    const payloads = payloadsIn(history.events);
    expect(payloads.length).toBeGreaterThan(3);
    const clear = payloads.filter(({ payload }) => text(payload.metadata?.encoding) !== 'binary/encrypted');
    // One marker per patch the case has run through so far; they hold the patch id and nothing else.
    expect(clear.length).toBeGreaterThanOrEqual(1);
    expect(clear.every(({ path }) => /markerRecordedEventAttributes\.details\.patch-data/.test(path))).toBe(true);
    // continue-as-new is asked at the case's first wait, so it is there once level 1 waits.
    const known = [RECEIPT_NOTICE_PATCH, ABSENCE_DELEGATION_PATCH, NON_BLOCKING_NOTICES_PATCH, CONTINUE_AS_NEW_PATCH];
    for (const { payload } of clear) {
      const marker = JSON.parse(text(payload.data)) as { id: string; deprecated: boolean };
      expect(Object.keys(marker).sort()).toEqual(['deprecated', 'id']);
      expect(known).toContain(marker.id);
    }
    const stored = Buffer.from(temporal.api.history.v1.History.encode(history).finish());
    for (const plain of [NATIONAL_ID, applicant.userId, 'householdSize', 'annualIncomeFen']) {
      expect(stored.includes(plain)).toBe(false);
    }
  });

  it('keeps national ids and user ids out of workflow ids and search attributes', async () => {
    const applicant = await stack.principal('applicant1');
    const { application } = await service.submitHardship(applicant, command, 'encryption-2');
    await waitForTask(application.id, 1);
    const workflowId = applicationWorkflowId(application.id);
    expect(workflowId).toBe(`application-${application.id}`);

    const description = await raw.workflow.getHandle(workflowId).describe();
    const visible = JSON.stringify({
      workflowId: description.workflowId,
      searchAttributes: description.searchAttributes,
      typed: description.typedSearchAttributes,
      memo: description.memo ?? null,
    });
    expect(visible).toContain('hardship-aid'); // the attributes are there, and readable
    for (const personal of [NATIONAL_ID, NATIONAL_ID.slice(-4), applicant.userId, applicant.username]) {
      expect(visible).not.toContain(personal);
    }
  });

  it('answers queries and update refusals in ciphertext to a client without the key, in clear to ours', async () => {
    const applicant = await stack.principal('applicant1');
    const { application } = await service.submitHardship(applicant, command, 'encryption-3');
    await waitForTask(application.id, 1);
    const handle = raw.workflow.getHandle(applicationWorkflowId(application.id));

    await expect(handle.query('status')).rejects.toThrow(/binary\/encrypted/);
    const refusal = await handle
      .executeUpdate('decide', { args: [{ actorId: 'not-an-approver', actorName: 'x', decision: 'approve' }] })
      .then(
        () => null,
        (e: unknown) => e as Error & { cause?: Error },
      );
    expect(refusal).toBeInstanceOf(Error);
    expect(`${refusal?.message} ${refusal?.cause?.message ?? ''}`).not.toMatch(/not an approver/);

    const ours = stack.services.get(ApplicationWorkflowClient);
    expect((await ours.status(application.id)).status).toBe('pending_approval');
    const refused = await ours
      .decide(application.id, { actorId: 'not-an-approver', actorName: 'x', decision: 'approve' })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(refused).toBeInstanceOf(ApplicationException);
    expect((refused as ApplicationException).code).toBe(ErrorCode.NotApproverOfCurrentLevel);
    expect((refused as ApplicationException).message).toMatch(/not an approver of level 1/);
  });

  it('encrypts failure messages and stack traces recorded in the history', async () => {
    await stack.sql(
      `UPDATE budget_envelopes SET reserved_fen = GREATEST(0, allocated_fen - paid_fen - 100000)
       WHERE program_id = (SELECT id FROM programs WHERE code = 'hardship-aid') AND year = $1`,
      [new Date().getUTCFullYear()],
    );
    try {
      const applicant = await stack.principal('applicant1');
      const { application } = await service.submitHardship(applicant, command, 'encryption-4');
      await waitForTask(application.id, 1);
      await decide('approver-g-east-1', application.id);
      await decide('approver-d-east', application.id);
      const final = await decide('approver-city', application.id);
      expect(final.application.outcomeReason).toContain('CNY left'); // the workflow read the message with the key

      const history: History = await raw.workflow.getHandle(applicationWorkflowId(application.id)).fetchHistory();
      const failure = history.events?.find((e) => e.activityTaskFailedEventAttributes)
        ?.activityTaskFailedEventAttributes?.failure;
      expect(failure?.message).toBe('Encoded failure');
      expect(failure?.stackTrace ?? '').toBe('');
      expect(text(failure?.encodedAttributes?.metadata?.encoding)).toBe('binary/encrypted');
      const stored = Buffer.from(temporal.api.history.v1.History.encode(history).finish());
      expect(stored.includes('CNY left')).toBe(false);

      const client = stack.services.get(Client);
      const error = await decodeOptionalFailureToOptionalError(client.options.loadedDataConverter, failure);
      expect(error?.message).toContain('CNY left');
    } finally {
      await stack.sql(`UPDATE budget_envelopes SET reserved_fen = 0`);
    }
  });
});
