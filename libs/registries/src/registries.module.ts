import { Module } from '@nestjs/common';
import { OrgModule } from '@aidflow/org';
import { ProgramsModule } from '@aidflow/programs';
import { RegistriesRepository } from './registries.repository';
import { RegistriesService } from './registries.service';
import { TypeOrmRegistriesRepository } from './typeorm-registries.repository';

/** The registries the programs read; ApplicationsService looks facts up through RegistriesService at submission. */
@Module({
  imports: [OrgModule, ProgramsModule],
  providers: [{ provide: RegistriesRepository, useClass: TypeOrmRegistriesRepository }, RegistriesService],
  exports: [RegistriesRepository, RegistriesService],
})
export class RegistriesModule {}
