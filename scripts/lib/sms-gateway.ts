import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Deliveries, listenLocal, localUrl, readJsonBody } from './local-http';

export interface ReceivedSms {
  id: number;
  receivedAt: string;
  to: string;
  text: string;
  idempotencyKey: string;
  /** True when a message with the same idempotency key was accepted before (a real gateway would drop it). */
  duplicate: boolean;
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * A local SMS gateway speaking the protocol of HttpSmsGateway: `POST /` (any path but the read-only ones) with JSON
 * `{ to, text, idempotencyKey }`. It accepts every well-formed message and keeps it in memory; `GET /messages.json`
 * lists them (newest first) and `GET /` shows them as a page. The launcher runs it so a user can read what the
 * product texted; tests use it to assert on real HTTP deliveries and to make the gateway fail.
 */
export class LocalSmsGateway {
  private readonly deliveries = new Deliveries<ReceivedSms>('SMS', (m) => `${m.to}: ${m.text}`);
  readonly messages: readonly ReceivedSms[] = this.deliveries.items;
  /** Every POST, accepted or not, in order (for tests: how often the product tried). */
  readonly requests: Array<{ to: string; idempotencyKey: string; status: number }> = [];
  /** When set, the next N messages are answered 503 (temporary: the product retries). */
  failNext = 0;
  /** When set, the next N messages are answered 400 (permanent: the product records a failure and moves on). */
  rejectNext = 0;
  private server: Server | null = null;

  /** Listens on 127.0.0.1 (port 0: any free port); resolves with the URL to put in SMS_GATEWAY_URL. */
  async start(port = 0): Promise<string> {
    this.server = await listenLocal((req, res) => this.handle(req, res), port);
    return this.url;
  }

  get url(): string {
    return localUrl(this.server, 'SMS gateway', '/sms');
  }

  /** Resolves with the first message that matches, waiting for deliveries up to `timeoutMs`. */
  waitFor(predicate: (m: ReceivedSms) => boolean, timeoutMs = 20_000): Promise<ReceivedSms> {
    return this.deliveries.waitFor(predicate, timeoutMs);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    this.server = null;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/messages.json') {
      return this.reply(res, 200, [...this.messages].reverse());
    }
    if (req.method === 'GET') {
      const list = [...this.messages].reverse();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><meta charset="utf-8"><title>aidflow SMS gateway</title>` +
          `<h1>aidflow SMS gateway (${list.length})</h1><p><a href="/messages.json">JSON</a></p>` +
          list
            .map(
              (m) =>
                `<article><p>${escapeHtml(m.receivedAt)} · to ${escapeHtml(m.to)}${m.duplicate ? ' · duplicate' : ''}` +
                `</p><pre>${escapeHtml(m.text)}</pre></article><hr>`,
            )
            .join(''),
      );
      return;
    }
    if (req.method !== 'POST') return this.reply(res, 405, { error: 'POST a message, GET /messages.json' });

    const body = await readJsonBody(req);
    const { to, text, idempotencyKey } = (body ?? {}) as Record<string, unknown>;
    if (typeof to !== 'string' || typeof text !== 'string' || typeof idempotencyKey !== 'string') {
      return this.reply(res, 400, { error: 'expected JSON { to, text, idempotencyKey } (strings)' });
    }
    const answer = (status: number, payload: unknown): void => {
      this.requests.push({ to, idempotencyKey, status });
      this.reply(res, status, payload);
    };
    if (this.failNext > 0) {
      this.failNext -= 1;
      return answer(503, { error: 'gateway busy, try later' });
    }
    if (this.rejectNext > 0) {
      this.rejectNext -= 1;
      return answer(400, { error: 'number rejected by the operator' });
    }
    const duplicate = this.messages.some((m) => m.idempotencyKey === idempotencyKey);
    const message: ReceivedSms = {
      id: this.messages.length + 1,
      receivedAt: new Date().toISOString(),
      to,
      text,
      idempotencyKey,
      duplicate,
    };
    this.deliveries.add(message);
    answer(200, { id: message.id, duplicate });
  }

  private reply(res: ServerResponse, status: number, payload: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(payload, null, 2));
  }
}
