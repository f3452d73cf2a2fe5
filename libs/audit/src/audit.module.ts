import { Module } from '@nestjs/common';
import { RejectedAttemptsRepository, TypeOrmRejectedAttemptsRepository } from './rejected-attempts.repository';

@Module({
  providers: [{ provide: RejectedAttemptsRepository, useClass: TypeOrmRejectedAttemptsRepository }],
  exports: [RejectedAttemptsRepository],
})
export class AuditModule {}
