import { Module } from '@nestjs/common';
import { AuditModule } from '@aidflow/audit';
import { OrgModule } from '@aidflow/org';
import { ProgramsModule } from '@aidflow/programs';
import { ApplicationsRepository } from './applications.repository';
import { ApplicationsService } from './applications.service';
import { TypeOrmApplicationsRepository } from './typeorm-applications.repository';

/** Needs TemporalModule (global) for ApplicationWorkflowClient when the service is used. */
@Module({
  imports: [OrgModule, ProgramsModule, AuditModule],
  providers: [{ provide: ApplicationsRepository, useClass: TypeOrmApplicationsRepository }, ApplicationsService],
  exports: [ApplicationsRepository, ApplicationsService],
})
export class ApplicationsModule {}

/** Repository only: for the worker, which has no Temporal client. */
@Module({
  providers: [{ provide: ApplicationsRepository, useClass: TypeOrmApplicationsRepository }],
  exports: [ApplicationsRepository],
})
export class ApplicationsDataModule {}
