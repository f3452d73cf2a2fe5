import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { ActivitiesModule } from '@aidflow/activities';
import { AuditReviewModule } from '@aidflow/audit-review';
import { CalendarModule } from '@aidflow/calendar';
import { CampaignActivitiesModule } from '@aidflow/campaigns';
import type { AppConfig } from '@aidflow/config';
import { ConfigModule } from '@aidflow/config';
import { DatabaseModule } from '@aidflow/database';
import { TemporalModule } from '@aidflow/temporal';
import { ArchiveScheduler } from './archive.scheduler';
import { CalendarAlertsScheduler } from './calendar-alerts.scheduler';

/** Composition only: the DI graph the activities need, the history archiver and the calendar alerts. */
@Module({})
export class WorkerModule {
  /** `archive: false` leaves the periodic jobs out: the history archiver, the calendar alerts (tests drive them). */
  static forRoot(config?: AppConfig, options: { archive?: boolean } = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        TemporalModule,
        ActivitiesModule,
        AuditReviewModule,
        CalendarModule,
        CampaignActivitiesModule,
      ],
      providers: options.archive === false ? [] : [ArchiveScheduler, CalendarAlertsScheduler],
    };
  }
}
