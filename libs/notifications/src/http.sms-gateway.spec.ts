import { Logger } from '@nestjs/common';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import { LocalSmsGateway } from '../../../scripts/lib/sms-gateway';
import { HttpSmsGateway } from './http.sms-gateway';

const message = { to: '13800000001', text: '【帮扶审批】申请3f2a9c1e待您审批', idempotencyKey: 'row-1' };

let local: LocalSmsGateway;
let gateway: HttpSmsGateway;

beforeAll(() => {
  Logger.overrideLogger(false);
}); // the warnings are what these tests provoke

beforeEach(async () => {
  local = new LocalSmsGateway();
  gateway = new HttpSmsGateway(await local.start());
});

afterEach(async () => {
  await local.stop();
});

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

describe('HttpSmsGateway against the local gateway', () => {
  it('posts { to, text, idempotencyKey } as JSON', async () => {
    await gateway.send(message);

    expect(gateway.enabled).toBe(true);
    expect(local.messages).toEqual([expect.objectContaining({ ...message, duplicate: false })]);
  });

  it('treats 503 as temporary: a plain error the activity retries', async () => {
    local.failNext = 1;

    const error = await failureOf(gateway.send(message));

    expect(error).not.toBeInstanceOf(ApplicationException);
    expect(error.message).toContain('HTTP 503');
    await gateway.send(message);
    expect(local.messages).toHaveLength(1);
  });

  it('treats 400 as a permanent refusal (DELIVERY_REJECTED), without echoing the number', async () => {
    local.rejectNext = 1;

    const error = await failureOf(gateway.send(message));

    expect(error).toBeInstanceOf(ApplicationException);
    expect((error as ApplicationException).code).toBe(ErrorCode.DeliveryRejected);
    expect(error.message).toContain('HTTP 400');
    expect(local.messages).toEqual([]);
  });

  it('gives up on a gateway that does not answer in time, as a temporary failure', async () => {
    const silent = createServer(() => undefined); // never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const { port } = silent.address() as AddressInfo;
    try {
      const error = await failureOf(new HttpSmsGateway(`http://127.0.0.1:${port}/sms`, 200).send(message));
      expect(error).not.toBeInstanceOf(ApplicationException);
      expect(error.message).toBe('SMS gateway did not answer within 200 ms');
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('reports an unreachable gateway as a temporary failure, and is off without a URL', async () => {
    const url = local.url;
    await local.stop();

    const error = await failureOf(new HttpSmsGateway(url).send(message));

    expect(error).not.toBeInstanceOf(ApplicationException);
    expect(error.message).toMatch(/^SMS gateway unreachable/);
    expect(new HttpSmsGateway(undefined).enabled).toBe(false);
  });
});
