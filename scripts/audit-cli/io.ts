/** What every audit command writes with: the output streams, JSON on stdout, progress on stderr, its errors. */

import type { INestApplicationContext } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { AppConfig } from '../../libs/config/src';
import { Progress } from '../lib/progress';

export interface CliOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: CliOutput;
  stderr: CliOutput;
}

/** An error to report as it is, with exit 3. */
export class CannotComplete extends Error {}

/** The message of an error, also of one from another realm (node's own errors, seen from a jest sandbox). */
export function messageOf(err: unknown): string {
  const message = (err as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(err);
}

export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function progressOn(io: CliIo, label: string, everyItems: number): Progress {
  return new Progress({
    label,
    tty: io.stderr.isTTY === true,
    columns: io.stderr.columns,
    write: (text) => io.stderr.write(text),
    everyItems,
  });
}

/** Fails with a message naming TEMPORAL_ADDRESS when the Temporal server does not answer. */
export async function requireTemporal(context: INestApplicationContext, config: AppConfig): Promise<void> {
  await context
    .get(Client)
    .connection.ensureConnected()
    .catch((err: unknown) => {
      throw new CannotComplete(
        `cannot reach the Temporal server at TEMPORAL_ADDRESS=${config.temporal.address}: ${messageOf(err)}`,
      );
    });
}
