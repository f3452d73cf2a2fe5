import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A file attached to a case. The bytes live here; the workflow history keeps only the reference and SHA-256. */
@Entity({ name: 'attachments' })
export class AttachmentEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @Column({ name: 'uploaded_by', type: 'uuid' }) uploadedBy: string;
  @Column({ type: 'text' }) name: string;
  @Column({ name: 'content_type', type: 'text' }) contentType: string;
  @Column({ name: 'size_bytes', type: 'int' }) sizeBytes: number;
  /** Hex SHA-256 of `content`, re-checked on every download. */
  @Column({ type: 'text' }) sha256: string;
  /** Opt-in: never loaded by listings. */
  @Column({ type: 'bytea', select: false }) content: Buffer;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
