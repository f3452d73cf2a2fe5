import { Module } from '@nestjs/common';
import { AuditModule } from '@aidflow/audit';
import { CalendarModule } from '@aidflow/calendar';
import { OrgModule } from '@aidflow/org';
import { ProgramsModule } from '@aidflow/programs';
import { RegistriesModule } from '@aidflow/registries';
import { ApplicationsRepository } from './applications.repository';
import { ApplicationsService } from './applications.service';
import { CaseAccessService } from './case-access.service';
import { CaseActionsService } from './case-actions.service';
import { CaseRulesService } from './case-rules.service';
import { InboxRepository } from './inbox.repository';
import { InboxService } from './inbox.service';
import { SubmissionService } from './submission.service';
import { PublicNoticeRepository } from './public-notice.repository';
import { PublicNoticeService } from './public-notice.service';
import { TypeOrmApplicationsRepository } from './typeorm-applications.repository';
import { TypeOrmInboxRepository } from './typeorm-inbox.repository';
import { TypeOrmPublicNoticeRepository } from './typeorm-public-notice.repository';

const PUBLIC_NOTICES = { provide: PublicNoticeRepository, useClass: TypeOrmPublicNoticeRepository };

/** Needs TemporalModule (global) for ApplicationWorkflowClient when the service is used. */
@Module({
  imports: [OrgModule, ProgramsModule, AuditModule, RegistriesModule, CalendarModule],
  providers: [
    { provide: ApplicationsRepository, useClass: TypeOrmApplicationsRepository },
    ApplicationsService,
    CaseAccessService,
    CaseRulesService,
    SubmissionService,
    CaseActionsService,
    PUBLIC_NOTICES,
    PublicNoticeService,
    { provide: InboxRepository, useClass: TypeOrmInboxRepository },
    InboxService,
  ],
  exports: [ApplicationsRepository, ApplicationsService, PublicNoticeRepository, PublicNoticeService, InboxService],
})
export class ApplicationsModule {}

/** Repository only: for the worker, which has no Temporal client. */
@Module({
  providers: [{ provide: ApplicationsRepository, useClass: TypeOrmApplicationsRepository }, PUBLIC_NOTICES],
  exports: [ApplicationsRepository, PublicNoticeRepository],
})
export class ApplicationsDataModule {}
