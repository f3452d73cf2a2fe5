import { Module } from '@nestjs/common';
import { OrgRepository, UserRepository } from './org.repository';
import { TypeOrmOrgRepository, TypeOrmUserRepository } from './typeorm-org.repository';

@Module({
  providers: [
    { provide: OrgRepository, useClass: TypeOrmOrgRepository },
    { provide: UserRepository, useClass: TypeOrmUserRepository },
  ],
  exports: [OrgRepository, UserRepository],
})
export class OrgModule {}
