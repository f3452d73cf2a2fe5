import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { ActivitiesModule } from '@aidflow/activities';
import { AuditReviewModule } from '@aidflow/audit-review';
import { CampaignActivitiesModule } from '@aidflow/campaigns';
import type { AppConfig } from '@aidflow/config';
import { ConfigModule } from '@aidflow/config';
import { DatabaseModule } from '@aidflow/database';
import { TemporalModule } from '@aidflow/temporal';
import { ArchiveScheduler } from './archive.scheduler';

/** Composition only: the DI graph the activities need, and the history archiver. */
@Module({})
export class WorkerModule {
  /** `archive: false` leaves the periodic history archiver out (tests drive it directly). */
  static forRoot(config?: AppConfig, options: { archive?: boolean } = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        TemporalModule,
        ActivitiesModule,
        AuditReviewModule,
        CampaignActivitiesModule,
      ],
      providers: options.archive === false ? [] : [ArchiveScheduler],
    };
  }
}
