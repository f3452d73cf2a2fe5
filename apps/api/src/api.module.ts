import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApplicationsModule } from '@aidflow/applications';
import { AttachmentsModule } from '@aidflow/attachments';
import { AuditModule } from '@aidflow/audit';
import { AuditReviewModule } from '@aidflow/audit-review';
import { AuthModule } from '@aidflow/auth';
import { BudgetModule } from '@aidflow/budget';
import { CalendarModule } from '@aidflow/calendar';
import { CampaignsModule } from '@aidflow/campaigns';
import type { AppConfig } from '@aidflow/config';
import { ConfigModule } from '@aidflow/config';
import { DatabaseModule } from '@aidflow/database';
import { NotificationsModule } from '@aidflow/notifications';
import { OrgModule } from '@aidflow/org';
import { ProgramsModule } from '@aidflow/programs';
import { RegistriesModule } from '@aidflow/registries';
import { TemporalModule } from '@aidflow/temporal';
import { AbsenceController } from './absence/absence.controller';
import { ApplicationsController } from './applications/applications.controller';
import { AttachmentsController } from './attachments/attachments.controller';
import { AuditController } from './audit/audit.controller';
import { AuthController, UsersController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { BudgetController } from './budget/budget.controller';
import { CalendarController } from './calendar/calendar.controller';
import { CampaignsController } from './campaigns/campaigns.controller';
import { CodecController } from './codec/codec.controller';
import { HealthController } from './health/health.controller';
import { FailedNotificationsController } from './notifications/failed-notifications.controller';
import { MyNotificationsController } from './notifications/my-notifications.controller';
import { PublicNoticesController } from './public-notices/public-notices.controller';
import { ProgramsController } from './programs/programs.controller';
import { REGISTRIES_CONTROLLERS } from './registries/registries.controllers';
import { OrgController } from './org/org.controller';
import { TasksController } from './tasks/tasks.controller';

@Module({})
export class ApiModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        TemporalModule,
        AuthModule,
        AuditModule,
        OrgModule,
        ApplicationsModule,
        ProgramsModule,
        AttachmentsModule,
        AuditReviewModule,
        NotificationsModule,
        BudgetModule,
        CalendarModule,
        CampaignsModule,
        RegistriesModule,
      ],
      controllers: [
        AuthController,
        UsersController,
        ApplicationsController,
        AttachmentsController,
        TasksController,
        ProgramsController,
        AbsenceController,
        OrgController,
        AuditController,
        BudgetController,
        CalendarController,
        CampaignsController,
        MyNotificationsController,
        FailedNotificationsController,
        CodecController,
        HealthController,
        PublicNoticesController,
        ...REGISTRIES_CONTROLLERS,
      ],
      providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
    };
  }
}
