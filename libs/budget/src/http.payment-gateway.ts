import { Logger } from '@nestjs/common';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import { PaymentGateway } from './payment-gateway';
import type { BankPayment, PaymentInstruction } from './payment-gateway';

export const PAYMENT_BANK_TIMEOUT_MS = 10_000;

/** 4xx answers that say "not now" rather than "never": a request timeout, a conflict in flight, rate limiting. */
const RETRYABLE_CLIENT_ERRORS: readonly number[] = [408, 409, 425, 429];

/**
 * Adapter for the bank's payment API: POSTs JSON `{ instructionId, applicationId, amountFen, payee }` to
 * PAYMENT_BANK_URL with the instruction id as idempotency key, so a retry after a lost answer returns the first
 * payment. 2xx is paid; 4xx is a permanent refusal (PAYMENT_REJECTED); 5xx, timeouts and network errors are
 * temporary. `GET <origin>/payments.json` lists the bank's payments for reconciliation.
 */
export class HttpPaymentGateway extends PaymentGateway {
  readonly enabled: boolean;

  constructor(
    private readonly url: string | undefined,
    private readonly timeoutMs: number = PAYMENT_BANK_TIMEOUT_MS,
  ) {
    super();
    this.enabled = url !== undefined;
    if (!this.enabled) {
      new Logger(HttpPaymentGateway.name).log(
        'Payments off: PAYMENT_BANK_URL is not set; approved disbursements stay pending_payment',
      );
    }
  }

  async pay(instruction: PaymentInstruction): Promise<BankPayment> {
    const response = await this.request(this.requireUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': instruction.instructionId },
      body: JSON.stringify(instruction),
    });
    const answer = await response.text().catch(() => '');
    if (response.ok) return parsePayment(answer);
    const what = `Payment bank answered HTTP ${response.status}${answer ? `: ${answer.slice(0, 200)}` : ''}`;
    if (response.status >= 400 && response.status < 500 && !RETRYABLE_CLIENT_ERRORS.includes(response.status)) {
      throw new ApplicationException(ErrorCode.PaymentRejected, what, { status: response.status });
    }
    throw new Error(what);
  }

  async listPayments(): Promise<BankPayment[]> {
    const response = await this.request(new URL('/payments.json', this.requireUrl()).toString(), { method: 'GET' });
    if (!response.ok) throw new Error(`Payment bank answered HTTP ${response.status} to GET /payments.json`);
    const rows = (await response.json()) as unknown[];
    return rows.map((row) => parsePayment(JSON.stringify(row)));
  }

  private requireUrl(): string {
    if (!this.url) {
      throw new ApplicationException(ErrorCode.PaymentsOff, 'Payments are off: PAYMENT_BANK_URL is not set');
    }
    return this.url;
  }

  private async request(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      // fetch rejects with a DOMException (not always an `instanceof Error` across realms) when the signal fires.
      const name = typeof err === 'object' && err !== null && 'name' in err ? String(err.name) : '';
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new Error(`Payment bank did not answer within ${this.timeoutMs} ms`);
      }
      const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
      throw new Error(`Payment bank unreachable${cause}`);
    }
  }
}

function parsePayment(text: string): BankPayment {
  const body = JSON.parse(text) as Record<string, unknown>;
  const { paymentId, instructionId, applicationId, amountFen } = body;
  if (typeof paymentId !== 'string' || typeof instructionId !== 'string' || typeof amountFen !== 'number') {
    throw new Error(
      `Payment bank sent an answer without paymentId, instructionId and amountFen: ${text.slice(0, 200)}`,
    );
  }
  return {
    paymentId,
    instructionId,
    applicationId: typeof applicationId === 'string' ? applicationId : '',
    amountFen,
    duplicate: body.duplicate === true,
  };
}
