import { Module } from '@nestjs/common';
import { ApplicationsDataModule } from '@aidflow/applications';
import { AuditModule } from '@aidflow/audit';
import { AppConfig } from '@aidflow/config';
import { ProgramsModule } from '@aidflow/programs';
import { buildDataConverter } from '@aidflow/temporal';
import { AnnualFiguresRepository, TypeOrmAnnualFiguresRepository } from './annual-figures.repository';
import { AnnualFiguresService } from './annual-figures.service';
import { AuditExportRepository, TypeOrmAuditExportRepository } from './audit-export.repository';
import { AuditExportService } from './audit-export.service';
import { AuditReviewService } from './audit-review.service';
import { HistoryArchiveRepository, TypeOrmHistoryArchiveRepository } from './history-archive.repository';
import { HistoryArchiver } from './history-archiver.service';
import { CaseRecordService } from './case-record.service';
import { InvariantsRepository, TypeOrmInvariantsRepository } from './invariants.repository';
import { InvariantsService } from './invariants.service';
import { ReplayEnvironment, ReplayService } from './replay.service';

/** Auditors' services. Needs ConfigModule and TemporalModule (both global). */
@Module({
  imports: [ApplicationsDataModule, AuditModule, ProgramsModule],
  providers: [
    { provide: AnnualFiguresRepository, useClass: TypeOrmAnnualFiguresRepository },
    AnnualFiguresService,
    { provide: AuditExportRepository, useClass: TypeOrmAuditExportRepository },
    { provide: HistoryArchiveRepository, useClass: TypeOrmHistoryArchiveRepository },
    { provide: InvariantsRepository, useClass: TypeOrmInvariantsRepository },
    {
      provide: ReplayEnvironment,
      inject: [AppConfig],
      useFactory: (config: AppConfig): ReplayEnvironment => ({
        workflowBundlePath: config.workflowBundlePath,
        workflowsPath: require.resolve('../../../workflows'),
        dataConverter: buildDataConverter(config),
      }),
    },
    AuditExportService,
    AuditReviewService,
    HistoryArchiver,
    CaseRecordService,
    InvariantsService,
    ReplayService,
  ],
  exports: [
    CaseRecordService,
    AnnualFiguresService,
    AuditExportService,
    AuditReviewService,
    HistoryArchiver,
    InvariantsService,
    ReplayService,
    HistoryArchiveRepository,
  ],
})
export class AuditReviewModule {}
