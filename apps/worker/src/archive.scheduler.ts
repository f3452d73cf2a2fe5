import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HistoryArchiver } from '@aidflow/audit-review';

/** How often the worker copies closed workflow histories into PostgreSQL. */
export const ARCHIVE_INTERVAL_MS = 15_000;

/** Runs the history archiver in the worker process, one pass at a time. */
@Injectable()
export class ArchiveScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ArchiveScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(@Inject(HistoryArchiver) private readonly archiver: HistoryArchiver) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.pass().finally(() => (this.running = null));
    }, ARCHIVE_INTERVAL_MS);
    this.timer.unref();
  }

  private async pass(): Promise<void> {
    try {
      const archived = await this.archiver.archivePending();
      if (archived > 0) this.logger.log(`Archived ${archived} closed workflow histories`);
    } catch (err) {
      this.logger.warn(`History archiving failed; retrying in ${ARCHIVE_INTERVAL_MS / 1000} s: ${String(err)}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
