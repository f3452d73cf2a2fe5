import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RejectedAttemptEntity } from './rejected-attempt.entity';

export interface RejectedAttempt {
  actorId: string | null;
  action: string;
  applicationId: string | null;
  code: string;
  reason: string;
}

/** Port: the trail of refused attempts. */
export abstract class RejectedAttemptsRepository {
  abstract record(attempt: RejectedAttempt): Promise<void>;
  abstract listForApplication(applicationId: string): Promise<RejectedAttemptEntity[]>;
}

@Injectable()
export class TypeOrmRejectedAttemptsRepository extends RejectedAttemptsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {
    super();
  }

  async record(attempt: RejectedAttempt): Promise<void> {
    await this.db.getRepository(RejectedAttemptEntity).insert(attempt);
  }

  listForApplication(applicationId: string): Promise<RejectedAttemptEntity[]> {
    return this.db.getRepository(RejectedAttemptEntity).find({ where: { applicationId }, order: { createdAt: 'ASC' } });
  }
}
