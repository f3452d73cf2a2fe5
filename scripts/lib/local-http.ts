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
