import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CalendarAlertsService } from '@aidflow/calendar';

/** How often the worker checks how far the official business calendar reaches (the notices go out once per stage). */
export const CALENDAR_ALERT_INTERVAL_MS = 60 * 60_000;

/** Tells administrators ahead of time that the business calendar runs out: at start, then every hour. */
@Injectable()
export class CalendarAlertsScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CalendarAlertsScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(@Inject(CalendarAlertsService) private readonly alerts: CalendarAlertsService) {}

  onApplicationBootstrap(): void {
    const tick = (): void => {
      this.running ??= this.pass().finally(() => (this.running = null));
    };
    tick();
    this.timer = setInterval(tick, CALENDAR_ALERT_INTERVAL_MS);
    this.timer.unref();
  }

  private async pass(): Promise<void> {
    try {
      const { status } = await this.alerts.check();
      if (status.warning) this.logger.warn(status.warning);
    } catch (err) {
      this.logger.warn(`Business calendar check failed; next try in an hour: ${String(err)}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
