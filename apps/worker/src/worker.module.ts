import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { ActivitiesModule } from '@aidflow/activities';
import type { AppConfig } from '@aidflow/config';
import { ConfigModule } from '@aidflow/config';
import { DatabaseModule } from '@aidflow/database';

/** Composition only: the DI graph the activities need. */
@Module({})
export class WorkerModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return { module: WorkerModule, imports: [ConfigModule.forRoot(config), DatabaseModule, ActivitiesModule] };
  }
}
