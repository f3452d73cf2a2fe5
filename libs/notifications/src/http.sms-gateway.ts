import { Logger } from '@nestjs/common';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import { SmsGateway } from './sms-gateway';
import type { SmsMessage } from './sms-gateway';

export const SMS_GATEWAY_TIMEOUT_MS = 10_000;

/** 4xx answers that say "not now" rather than "never": a request timeout and rate limiting. */
const RETRYABLE_CLIENT_ERRORS: readonly number[] = [408, 425, 429];

/**
 * Adapter for an HTTP SMS gateway (an operator's or a cloud SMS service's, behind a small relay): POSTs JSON
 * `{ to, text, idempotencyKey }` to SMS_GATEWAY_URL. 2xx is delivered; 4xx is a permanent refusal (bad number,
 * blocked content, bad credentials), recorded and not retried; 5xx, timeouts and network errors are temporary.
 * Built by a factory in NotificationsModule from AppConfig.sms.
 */
export class HttpSmsGateway extends SmsGateway {
  readonly enabled: boolean;

  constructor(
    private readonly url: string | undefined,
    private readonly timeoutMs: number = SMS_GATEWAY_TIMEOUT_MS,
  ) {
    super();
    this.enabled = url !== undefined;
    if (!this.enabled) new Logger(HttpSmsGateway.name).log('SMS channel off: SMS_GATEWAY_URL is not set');
  }

  async send(message: SmsMessage): Promise<void> {
    if (!this.url) throw new Error('SMS channel is off: SMS_GATEWAY_URL is not set');
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': message.idempotencyKey },
        body: JSON.stringify({ to: message.to, text: message.text, idempotencyKey: message.idempotencyKey }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      // fetch rejects with a DOMException (not always an `instanceof Error` across realms) when the signal fires.
      const name = typeof err === 'object' && err !== null && 'name' in err ? String(err.name) : '';
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new Error(`SMS gateway did not answer within ${this.timeoutMs} ms`);
      }
      const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
      throw new Error(`SMS gateway unreachable${cause}`);
    }
    // The answer names the problem; keep it short (it ends up in last_error) and never echo the number.
    const answer = (await response.text().catch(() => '')).slice(0, 200).split(message.to).join('***');
    if (response.ok) return;
    const what = `SMS gateway answered HTTP ${response.status}${answer ? `: ${answer}` : ''}`;
    if (response.status >= 400 && response.status < 500 && !RETRYABLE_CLIENT_ERRORS.includes(response.status)) {
      throw new ApplicationException(ErrorCode.DeliveryRejected, what, { status: response.status });
    }
    throw new Error(what);
  }
}
