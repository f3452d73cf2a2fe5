import { Module } from '@nestjs/common';
import { ProgramsRepository } from './programs.repository';
import { ProgramsService } from './programs.service';
import { TypeOrmProgramsRepository } from './typeorm-programs.repository';

@Module({
  providers: [{ provide: ProgramsRepository, useClass: TypeOrmProgramsRepository }, ProgramsService],
  exports: [ProgramsRepository, ProgramsService],
})
export class ProgramsModule {}
