import { Module } from '@nestjs/common';
import { AbsenceService } from './absence.service';
import { OrgDirectoryService } from './org-directory.service';
import { OrgRepository, UserRepository } from './org.repository';
import { TypeOrmOrgRepository, TypeOrmUserRepository } from './typeorm-org.repository';

@Module({
  providers: [
    { provide: OrgRepository, useClass: TypeOrmOrgRepository },
    { provide: UserRepository, useClass: TypeOrmUserRepository },
    AbsenceService,
    OrgDirectoryService,
  ],
  exports: [OrgRepository, UserRepository, AbsenceService, OrgDirectoryService],
})
export class OrgModule {}
