import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sealLedger } from './typeorm-ledger.repository';

/** How often the background sealer looks for committed entries to link into the global chain. */
export function sealIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.LEDGER_SEAL_INTERVAL_MS;
  if (raw === undefined || raw === '') return 200;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 10 || ms > 60_000) {
    throw new Error(`LEDGER_SEAL_INTERVAL_MS must be a whole number of milliseconds from 10 to 60000, got "${raw}"`);
  }
  return ms;
}

/**
 * Links committed ledger entries into the global chain in the background, every {@link sealIntervalMs}. Every process
 * that writes the ledger runs one; they take turns through a lock, and a pass that finds the lock taken does nothing.
 * Verification and export seal first themselves, so neither depends on this timer.
 */
@Injectable()
export class LedgerSealer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(LedgerSealer.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private failing = false;

  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  onApplicationBootstrap(): void {
    const every = sealIntervalMs();
    this.timer = setInterval(() => this.tick(), every);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private tick(): void {
    if (this.running || !this.db.isInitialized) return;
    this.running = sealLedger(this.db, { wait: false })
      .then(() => {
        if (this.failing) this.log.log('Sealing the ledger works again');
        this.failing = false;
      })
      .catch((err: unknown) => {
        // PostgreSQL down or restarting: the entries stay queued and the next pass seals them. Said once per outage.
        if (!this.failing) this.log.warn(`Sealing the ledger failed, will retry: ${(err as Error).message}`);
        this.failing = true;
      })
      .finally(() => {
        this.running = null;
      });
  }
}
