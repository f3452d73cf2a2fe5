import { Module } from '@nestjs/common';
import { LedgerRepository } from './ledger.repository';
import { RejectedAttemptsRepository, TypeOrmRejectedAttemptsRepository } from './rejected-attempts.repository';
import { LedgerSealer } from './ledger-sealer';
import { TypeOrmLedgerRepository } from './typeorm-ledger.repository';

@Module({
  providers: [
    { provide: RejectedAttemptsRepository, useClass: TypeOrmRejectedAttemptsRepository },
    { provide: LedgerRepository, useClass: TypeOrmLedgerRepository },
    LedgerSealer,
  ],
  exports: [RejectedAttemptsRepository, LedgerRepository],
})
export class AuditModule {}
