import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AttachmentEntity } from './attachment.entity';
import { AttachmentsRepository } from './attachments.repository';
import type { AttachmentMeta, NewAttachment } from './attachments.repository';

interface MetaRow {
  id: string;
  application_id: string;
  uploaded_by: string;
  uploaded_by_name: string | null;
  name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  comment: string | null;
  created_at: Date;
}

/** Joins the trail's `attach` action: only recorded attachments are visible. */
const referenced = (withContent: boolean) => `
  SELECT a.id, a.application_id, a.uploaded_by, c.actor_name AS uploaded_by_name, a.name, a.content_type,
         a.size_bytes, a.sha256, c.comment, a.created_at${withContent ? ', a.content' : ''}
  FROM attachments a
  JOIN case_actions c
    ON c.application_id = a.application_id AND c.verb = 'attach' AND c.details->>'attachmentId' = a.id::text`;

@Injectable()
export class TypeOrmAttachmentsRepository extends AttachmentsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {
    super();
  }

  async insert(attachment: NewAttachment): Promise<void> {
    await this.db.getRepository(AttachmentEntity).insert(attachment);
  }

  async delete(id: string): Promise<void> {
    await this.db.getRepository(AttachmentEntity).delete({ id });
  }

  async listForApplication(applicationId: string): Promise<AttachmentMeta[]> {
    const rows: MetaRow[] = await this.db.query(
      `${referenced(false)} WHERE a.application_id = $1 ORDER BY a.created_at, a.id`,
      [applicationId],
    );
    return rows.map(toMeta);
  }

  async findWithContent(applicationId: string, id: string): Promise<{ meta: AttachmentMeta; content: Buffer } | null> {
    const rows: Array<MetaRow & { content: Buffer }> = await this.db.query(
      `${referenced(true)} WHERE a.application_id = $1 AND a.id = $2`,
      [applicationId, id],
    );
    return rows.length === 0 ? null : { meta: toMeta(rows[0]), content: rows[0].content };
  }
}

function toMeta(row: MetaRow): AttachmentMeta {
  return {
    id: row.id,
    applicationId: row.application_id,
    uploadedBy: row.uploaded_by,
    uploadedByName: row.uploaded_by_name,
    name: row.name,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    comment: row.comment,
    createdAt: row.created_at,
  };
}
