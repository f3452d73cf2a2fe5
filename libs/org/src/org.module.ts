import { Module } from '@nestjs/common';
import { AbsenceService } from './absence.service';
import { OrgRepository, UserRepository } from './org.repository';
import { TypeOrmOrgRepository, TypeOrmUserRepository } from './typeorm-org.repository';

@Module({
  providers: [
    { provide: OrgRepository, useClass: TypeOrmOrgRepository },
    { provide: UserRepository, useClass: TypeOrmUserRepository },
    AbsenceService,
  ],
  exports: [OrgRepository, UserRepository, AbsenceService],
})
export class OrgModule {}
