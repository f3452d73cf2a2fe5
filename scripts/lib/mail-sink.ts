import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { Deliveries } from './local-http';

export interface SunkMail {
  id: number;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  messageId: string | null;
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * A local SMTP server that accepts every message and keeps it in memory, with an optional read-only web page.
 * The launcher runs it so a user can read what the product sent; tests use it to assert on real SMTP deliveries.
 */
export class MailSink {
  private readonly deliveries = new Deliveries<SunkMail>('email', (m) => `${m.to.join(',')}: ${m.subject}`);
  readonly messages: readonly SunkMail[] = this.deliveries.items;
  private smtp: SMTPServer | null = null;
  private http: Server | null = null;
  /** When set, the next N deliveries are refused with a temporary SMTP error (for retry tests). */
  failNext = 0;

  async start(smtpPort: number, httpPort?: number): Promise<void> {
    this.smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        if (this.failNext > 0) {
          this.failNext -= 1;
          stream.resume();
          stream.on('end', () => callback(Object.assign(new Error('mailbox busy, try later'), { responseCode: 451 })));
          return;
        }
        simpleParser(stream)
          .then((parsed) => {
            this.deliveries.add({
              id: this.messages.length + 1,
              receivedAt: new Date().toISOString(),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              messageId: parsed.messageId ?? null,
            });
            callback();
          })
          .catch((err: Error) => callback(err));
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.smtp!.once('error', reject);
      this.smtp!.listen(smtpPort, '127.0.0.1', () => resolve());
    });
    if (httpPort) {
      this.http = createServer((req, res) => {
        const list = [...this.messages].reverse();
        if (req.url?.startsWith('/messages.json')) {
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify(list, null, 2));
          return;
        }
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(
          `<!doctype html><meta charset="utf-8"><title>aidflow mail sink</title>` +
            `<h1>aidflow mail sink (${list.length})</h1><p><a href="/messages.json">JSON</a></p>` +
            list
              .map(
                (m) =>
                  `<article><h3>${escapeHtml(m.subject)}</h3><p>${escapeHtml(m.receivedAt)} · to ${escapeHtml(
                    m.to.join(', '),
                  )}</p><pre>${escapeHtml(m.text)}</pre></article><hr>`,
              )
              .join(''),
        );
      });
      await new Promise<void>((resolve, reject) => {
        this.http!.once('error', reject);
        this.http!.listen(httpPort, '127.0.0.1', () => resolve());
      });
    }
  }

  /** Resolves with the first message that matches, waiting for deliveries up to `timeoutMs`. */
  waitFor(predicate: (m: SunkMail) => boolean, timeoutMs = 20_000): Promise<SunkMail> {
    return this.deliveries.waitFor(predicate, timeoutMs);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.smtp ? this.smtp.close(() => resolve()) : resolve()));
    await new Promise<void>((resolve) => (this.http ? this.http.close(() => resolve()) : resolve()));
  }
}
