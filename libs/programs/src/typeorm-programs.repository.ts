import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import { ProgramStandardEntity } from './program-standard.entity';
import { ProgramEntity } from './program.entity';
import { ProgramsRepository } from './programs.repository';
import type { NewStandard } from './programs.repository';

@Injectable()
export class TypeOrmProgramsRepository extends ProgramsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {
    super();
  }

  findByCode(code: string): Promise<ProgramEntity | null> {
    return this.db.getRepository(ProgramEntity).findOneBy({ code });
  }

  list(): Promise<ProgramEntity[]> {
    return this.db.getRepository(ProgramEntity).find({ order: { code: 'ASC' } });
  }

  findStandard(id: string): Promise<ProgramStandardEntity | null> {
    return this.db.getRepository(ProgramStandardEntity).findOneBy({ id });
  }

  standardsOf(programId: string): Promise<ProgramStandardEntity[]> {
    return this.db.getRepository(ProgramStandardEntity).find({ where: { programId }, order: { validFrom: 'ASC' } });
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

  async addStandard(standard: NewStandard): Promise<ProgramStandardEntity> {
    return this.db.transaction(async (tx) => {
      // One writer per program at a time: two administrators adding versions cannot interleave.
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`standards:${standard.programId}`]);
      const rows = await tx
        .getRepository(ProgramStandardEntity)
        .find({ where: { programId: standard.programId }, order: { validFrom: 'ASC' } });
      if (rows.some((r) => r.policyVersion === standard.policyVersion)) {
        throw new ApplicationException(
          ErrorCode.StandardInvalid,
          `Policy version ${standard.policyVersion} already exists; versions are never changed, add a new one`,
        );
      }
      const latest = rows[rows.length - 1];
      if (latest && latest.validFrom >= standard.validFrom) {
        throw new ApplicationException(
          ErrorCode.StandardInvalid,
          `validFrom ${standard.validFrom} must be after ${latest.validFrom}, the start of ${latest.policyVersion}`,
        );
      }
      const routing = standard.routing ?? latest?.routing ?? null;
      if (latest && (latest.validTo === null || latest.validTo > standard.validFrom)) {
        await tx.query(`UPDATE program_standards SET valid_to = $2 WHERE id = $1`, [latest.id, standard.validFrom]);
      }
      const [row] = await tx.query<Array<{ id: string }>>(
        `INSERT INTO program_standards (program_id, policy_version, valid_from, valid_to, params, routing, exclusions,
                                        created_by, note)
         VALUES ($1, $2, $3, NULL, $4, $5, $6, $7, $8) RETURNING id`,
        [
          standard.programId,
          standard.policyVersion,
          standard.validFrom,
          JSON.stringify(standard.params),
          routing === null ? null : JSON.stringify(routing),
          JSON.stringify(standard.exclusions ?? latest?.exclusions ?? []),
          standard.createdBy,
          standard.note,
        ],
      );
      return tx.getRepository(ProgramStandardEntity).findOneByOrFail({ id: row.id });
    });
  }
}
