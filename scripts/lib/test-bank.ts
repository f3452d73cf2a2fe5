import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { listenLocal, localUrl, readJsonBody } from './local-http';

export interface BankPaymentRecord {
  paymentId: string;
  instructionId: string;
  applicationId: string;
  amountFen: number;
  payee: string;
  receivedAt: string;
}

/**
 * A local bank speaking the protocol of HttpPaymentGateway: `POST /payments` (any path but the read-only ones) with
 * JSON `{ instructionId, applicationId, amountFen, payee }`. It keeps one payment per instruction id: a second POST
 * with the same id answers the first payment with `duplicate: true` and never pays again. `GET /payments.json` lists
 * the payments (oldest first) and `GET /` shows them as a page. Tests make it misbehave with the counters.
 */
export class LocalTestBank {
  readonly payments: BankPaymentRecord[] = [];
  /** Every POST, in order (for tests: how often the product tried). */
  readonly requests: Array<{ instructionId: string; status: number }> = [];
  /** When set, the next N instructions are answered 503 without paying (temporary: the product retries). */
  failNext = 0;
  /**
   * When set, the next N instructions are paid and recorded, but answered only after `timeoutDelayMs`: longer than
   * the client waits, so the client sees a timeout for a payment that was made (the classic double-pay trap).
   */
  timeoutNext = 0;
  timeoutDelayMs = 15_000;
  /** When set, the next N instructions are processed twice (as if delivered twice); the client gets the replay. */
  answerTwiceNext = 0;
  /** When set, the next N instructions are answered 422 without paying (permanent refusal). */
  rejectNext = 0;
  private server: Server | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();

  /** Listens on 127.0.0.1 (port 0: any free port); resolves with the URL to put in PAYMENT_BANK_URL. */
  async start(port = 0): Promise<string> {
    this.server = await listenLocal((req, res) => this.handle(req, res), port);
    return this.url;
  }

  get url(): string {
    return localUrl(this.server, 'test bank', '/payments');
  }

  /** Payments made for one instruction: exactly one, whatever the retries. */
  paymentsFor(instructionId: string): BankPaymentRecord[] {
    return this.payments.filter((p) => p.instructionId === instructionId);
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    this.server = null;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/payments.json') return this.reply(res, 200, this.payments);
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><meta charset="utf-8"><title>aidflow test bank</title>` +
          `<h1>aidflow test bank (${this.payments.length} payments)</h1><p><a href="/payments.json">JSON</a></p>` +
          `<table><tr><th>received</th><th>payment</th><th>instruction</th><th>amount (fen)</th></tr>` +
          this.payments
            .map(
              (p) =>
                `<tr><td>${p.receivedAt}</td><td>${p.paymentId}</td><td>${p.instructionId}</td><td>${p.amountFen}</td></tr>`,
            )
            .join('') +
          `</table>`,
      );
      return;
    }
    if (req.method !== 'POST') return this.reply(res, 405, { error: 'POST an instruction, GET /payments.json' });

    const body = await readJsonBody(req);
    const { instructionId, applicationId, amountFen, payee } = (body ?? {}) as Record<string, unknown>;
    if (
      typeof instructionId !== 'string' ||
      typeof applicationId !== 'string' ||
      typeof payee !== 'string' ||
      typeof amountFen !== 'number' ||
      !Number.isInteger(amountFen) ||
      amountFen <= 0
    ) {
      return this.reply(res, 400, {
        error: 'expected JSON { instructionId, applicationId, payee } (strings) and amountFen (positive integer)',
      });
    }
    const answer = (status: number, payload: unknown): void => {
      this.requests.push({ instructionId, status });
      this.reply(res, status, payload);
    };
    if (this.failNext > 0) {
      this.failNext -= 1;
      return answer(503, { error: 'bank busy, try later' });
    }
    if (this.rejectNext > 0) {
      this.rejectNext -= 1;
      return answer(422, { error: 'payee account closed' });
    }
    const pay = (): { payment: BankPaymentRecord; duplicate: boolean } => {
      const existing = this.payments.find((p) => p.instructionId === instructionId);
      if (existing) return { payment: existing, duplicate: true };
      const payment: BankPaymentRecord = {
        paymentId: `pay-${String(this.payments.length + 1).padStart(6, '0')}`,
        instructionId,
        applicationId,
        amountFen,
        payee,
        receivedAt: new Date().toISOString(),
      };
      this.payments.push(payment);
      return { payment, duplicate: false };
    };
    let result = pay();
    if (this.answerTwiceNext > 0) {
      this.answerTwiceNext -= 1;
      result = pay(); // the same instruction processed again: the client receives the replay's answer
    }
    const payload = { ...result.payment, duplicate: result.duplicate };
    if (this.timeoutNext > 0) {
      this.timeoutNext -= 1;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (!res.destroyed) answer(200, payload);
      }, this.timeoutDelayMs);
      this.timers.add(timer);
      return;
    }
    answer(200, payload);
  }

  private reply(res: ServerResponse, status: number, payload: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(payload, null, 2));
  }
}
