import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProgramStandardEntity } from './program-standard.entity';
import { ProgramEntity } from './program.entity';
import { ProgramsRepository } from './programs.repository';

@Injectable()
export class TypeOrmProgramsRepository extends ProgramsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {
    super();
  }

  findByCode(code: string): Promise<ProgramEntity | null> {
    return this.db.getRepository(ProgramEntity).findOneBy({ code });
  }

  findStandard(id: string): Promise<ProgramStandardEntity | null> {
    return this.db.getRepository(ProgramStandardEntity).findOneBy({ id });
  }

  standardInForce(programId: string, date: string): Promise<ProgramStandardEntity | null> {
    return this.db
      .getRepository(ProgramStandardEntity)
      .createQueryBuilder('s')
      .where('s.programId = :programId', { programId })
      .andWhere('s.validFrom <= :date', { date })
      .andWhere('(s.validTo IS NULL OR s.validTo > :date)', { date })
      .orderBy('s.validFrom', 'DESC')
      .getOne();
  }
}
