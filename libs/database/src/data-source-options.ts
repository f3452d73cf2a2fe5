import type { DataSourceOptions } from 'typeorm';
import { ApplicationEntity } from '../../applications/src/application.entity';
import { ApprovalTaskEntity } from '../../applications/src/approval-task.entity';
import { CaseActionEntity } from '../../applications/src/case-action.entity';
import { DecisionEntity } from '../../applications/src/decision.entity';
import { AttachmentEntity } from '../../attachments/src/attachment.entity';
import { RejectedAttemptEntity } from '../../audit/src/rejected-attempt.entity';
import { BudgetEnvelopeEntity } from '../../budget/src/budget-envelope.entity';
import { BudgetReservationEntity } from '../../budget/src/budget-reservation.entity';
import { DisbursementEntity } from '../../budget/src/disbursement.entity';
import { NotificationEntity } from '../../notifications/src/notification.entity';
import { OrgUnitEntity } from '../../org/src/org-unit.entity';
import { UserEntity } from '../../org/src/user.entity';
import { ProgramStandardEntity } from '../../programs/src/program-standard.entity';
import { ProgramEntity } from '../../programs/src/program.entity';
import { HouseholdFileEntity, HouseholdFileEventEntity } from '../../registries/src/household-file.entity';
import { MedicalEnrolmentEntity } from '../../registries/src/medical-enrolment.entity';
import { ModelWorkerEntity } from '../../registries/src/model-worker.entity';
import { SubsidyUsageReportEntity } from '../../registries/src/subsidy-usage-report.entity';
import { InitialSchema1764000000000 } from './migrations/1764000000000-InitialSchema';
import { AuditLedgerAndArchive1764100000000 } from './migrations/1764100000000-AuditLedgerAndArchive';
import { NotificationChannels1764200000000 } from './migrations/1764200000000-NotificationChannels';
import { ApprovalActions1764300000000 } from './migrations/1764300000000-ApprovalActions';
import { Attachments1764400000000 } from './migrations/1764400000000-Attachments';
import { RoutingAndDelegation1764500000000 } from './migrations/1764500000000-RoutingAndDelegation';
import { Payments1764600000000 } from './migrations/1764600000000-Payments';
import { ProgramsAndRegistries1764700000000 } from './migrations/1764700000000-ProgramsAndRegistries';
import { Campaigns1764800000000 } from './migrations/1764800000000-Campaigns';
import { BusinessCalendar1764900000000 } from './migrations/1764900000000-BusinessCalendar';
import { LoginSecurity1764910000000 } from './migrations/1764910000000-LoginSecurity';
import { LedgerGlobalChain1765000000000 } from './migrations/1765000000000-LedgerGlobalChain';
import { PublicNotice1764750000000 } from './migrations/1764750000000-PublicNotice';
import { BudgetEnvelopeChanges1764760000000 } from './migrations/1764760000000-BudgetEnvelopeChanges';

export const ENTITIES = [
  OrgUnitEntity,
  UserEntity,
  ProgramEntity,
  ProgramStandardEntity,
  BudgetEnvelopeEntity,
  BudgetReservationEntity,
  DisbursementEntity,
  ApplicationEntity,
  ApprovalTaskEntity,
  CaseActionEntity,
  DecisionEntity,
  NotificationEntity,
  RejectedAttemptEntity,
  AttachmentEntity,
  HouseholdFileEntity,
  HouseholdFileEventEntity,
  ModelWorkerEntity,
  MedicalEnrolmentEntity,
  SubsidyUsageReportEntity,
];

export const MIGRATIONS = [
  InitialSchema1764000000000,
  AuditLedgerAndArchive1764100000000,
  NotificationChannels1764200000000,
  ApprovalActions1764300000000,
  Attachments1764400000000,
  RoutingAndDelegation1764500000000,
  Payments1764600000000,
  ProgramsAndRegistries1764700000000,
  PublicNotice1764750000000,
  BudgetEnvelopeChanges1764760000000,
  Campaigns1764800000000,
  BusinessCalendar1764900000000,
  LoginSecurity1764910000000,
  LedgerGlobalChain1765000000000,
];

/** Never `synchronize`: the schema changes only through migrations, run by an explicit step. */
export function dataSourceOptions(url: string, overrides: { poolSize?: number } = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'schema_migrations',
    poolSize: overrides.poolSize ?? 10,
    // A database that is down fails a request in seconds (503), instead of leaving it waiting for a connection.
    extra: { connectionTimeoutMillis: 3000 },
    applicationName: 'aidflow',
  };
}
