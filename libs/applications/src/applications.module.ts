import { Module } from '@nestjs/common';
import { AuditModule } from '@aidflow/audit';
import { OrgModule } from '@aidflow/org';
import { ProgramsModule } from '@aidflow/programs';
import { RegistriesModule } from '@aidflow/registries';
import { ApplicationsRepository } from './applications.repository';
import { ApplicationsService } from './applications.service';
import { CaseAccessService } from './case-access.service';
import { CaseActionsService } from './case-actions.service';
import { CaseRulesService } from './case-rules.service';
import { SubmissionService } from './submission.service';
import { PublicNoticeRepository } from './public-notice.repository';
import { PublicNoticeService } from './public-notice.service';
import { TypeOrmApplicationsRepository } from './typeorm-applications.repository';
import { TypeOrmPublicNoticeRepository } from './typeorm-public-notice.repository';

const PUBLIC_NOTICES = { provide: PublicNoticeRepository, useClass: TypeOrmPublicNoticeRepository };

/** Needs TemporalModule (global) for ApplicationWorkflowClient when the service is used. */
@Module({
  imports: [OrgModule, ProgramsModule, AuditModule, RegistriesModule],
  providers: [
    { provide: ApplicationsRepository, useClass: TypeOrmApplicationsRepository },
    ApplicationsService,
    CaseAccessService,
    CaseRulesService,
    SubmissionService,
    CaseActionsService,
    PUBLIC_NOTICES,
    PublicNoticeService,
  ],
  exports: [ApplicationsRepository, ApplicationsService, PublicNoticeRepository, PublicNoticeService],
})
export class ApplicationsModule {}

/** Repository only: for the worker, which has no Temporal client. */
@Module({
  providers: [{ provide: ApplicationsRepository, useClass: TypeOrmApplicationsRepository }, PUBLIC_NOTICES],
  exports: [ApplicationsRepository, PublicNoticeRepository],
})
export class ApplicationsDataModule {}
