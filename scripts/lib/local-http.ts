import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Starts one of the local stand-ins (SMS gateway, test bank) on 127.0.0.1 (port 0: any free port). A handler that
 * throws answers 500 with the message.
 */
export async function listenLocal(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  port = 0,
): Promise<Server> {
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(err instanceof Error ? err.message : String(err));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return server;
}

/** `http://127.0.0.1:<port><path>` of a running stand-in; throws naming it when it is not running. */
export function localUrl(server: Server | null, name: string, path: string): string {
  const address = server?.address() as AddressInfo | null | undefined;
  if (!address) throw new Error(`The ${name} is not running`);
  return `http://127.0.0.1:${address.port}${path}`;
}

/** The request body parsed as JSON; `null` when it is not JSON (the caller answers 400). */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return null;
  }
}

/** What a stand-in received, in order, with a wait for the next delivery (tests assert on real deliveries). */
export class Deliveries<T> {
  readonly items: T[] = [];
  private waiters: Array<() => void> = [];

  /** `what` names the deliveries in a timeout ("email", "SMS"); `describe` lists one of them. */
  constructor(
    private readonly what: string,
    private readonly describe: (item: T) => string,
  ) {}

  add(item: T): void {
    this.items.push(item);
    this.waiters.splice(0).forEach((w) => w());
  }

  /** Resolves with the first delivery that matches, waiting for new ones up to `timeoutMs`. */
  async waitFor(predicate: (item: T) => boolean, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.items.find(predicate);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) {
        const received = this.items.map(this.describe).join(' | ') || 'none';
        throw new Error(`No matching ${this.what} within ${timeoutMs} ms; received: ${received}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 1000));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}
