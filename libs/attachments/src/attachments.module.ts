import { Module } from '@nestjs/common';
import { ApplicationsModule } from '@aidflow/applications';
import { AttachmentsRepository } from './attachments.repository';
import { AttachmentsService } from './attachments.service';
import { TypeOrmAttachmentsRepository } from './typeorm-attachments.repository';

/** Needs TemporalModule (global) through ApplicationsService, which records each attachment in the workflow. */
@Module({
  imports: [ApplicationsModule],
  providers: [{ provide: AttachmentsRepository, useClass: TypeOrmAttachmentsRepository }, AttachmentsService],
  exports: [AttachmentsRepository, AttachmentsService],
})
export class AttachmentsModule {}
