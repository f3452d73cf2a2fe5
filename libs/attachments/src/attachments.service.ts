import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ApplicationsService, ATTACH_ROLES } from '@aidflow/applications';
import type { Principal } from '@aidflow/auth';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import { AppConfig } from '@aidflow/config';
import { checkAttachment } from './attachment-rules';
import { AttachmentsRepository } from './attachments.repository';
import type { AttachmentMeta } from './attachments.repository';

export interface UploadCommand {
  name: string;
  /** As declared by the uploader; checked against the allowed list and against the bytes. */
  contentType: string | undefined;
  bytes: Buffer;
  comment?: string;
}

export interface AttachmentDownload {
  meta: AttachmentMeta;
  content: Buffer;
}

/**
 * Files attached to a case by reference: the bytes go to the attachments table, the workflow records only their
 * name, type, size and SHA-256 (an `attach` action in the trail). Access follows the case's visibility rules.
 */
@Injectable()
export class AttachmentsService {
  private readonly logger = new Logger(AttachmentsService.name);

  constructor(
    @Inject(AttachmentsRepository) private readonly attachments: AttachmentsRepository,
    @Inject(ApplicationsService) private readonly applications: ApplicationsService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  get maxBytes(): number {
    return this.config.attachments.maxBytes;
  }

  /**
   * Checks the file, stores it, then records its reference in the workflow. A refusal there (case closed, no access)
   * deletes the row again, so nothing is half-applied.
   */
  async upload(actor: Principal, applicationId: string, command: UploadCommand): Promise<AttachmentMeta> {
    await this.applications.requireAccess(actor, applicationId, 'attach', ATTACH_ROLES);
    const file = checkAttachment(command, this.maxBytes);
    const comment = command.comment?.trim() || null;
    if (comment !== null && comment.length > 2000) {
      throw new ApplicationException(ErrorCode.ValidationFailed, 'comment must be 1 to 2000 characters', {
        field: 'comment',
      });
    }
    const id = randomUUID();
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    const reference = { name: file.name, contentType: file.contentType, sizeBytes: file.bytes.length, sha256 };
    await this.attachments.insert({
      id,
      applicationId,
      uploadedBy: actor.userId,
      ...reference,
      content: file.bytes,
    });
    try {
      await this.applications.attach(actor, applicationId, {
        attachmentId: id,
        ...reference,
        ...(comment ? { comment } : {}),
      });
    } catch (err) {
      if (err instanceof ApplicationException) {
        await this.attachments.delete(id); // refused: the workflow did not record it
      } else {
        // Unknown outcome (the update may still land): keep the row; it stays invisible unless the trail names it.
        this.logger.warn(
          `Attachment ${id} of application ${applicationId} stored, recording unconfirmed: ${String(err)}`,
        );
      }
      throw err;
    }
    this.logger.log(
      `Attachment ${id} (${file.contentType}, ${reference.sizeBytes} bytes) on application ${applicationId}`,
    );
    return {
      id,
      applicationId,
      uploadedBy: actor.userId,
      uploadedByName: actor.displayName,
      ...reference,
      comment,
      createdAt: new Date(),
    };
  }

  /** The case's recorded attachments, for anyone who may see the case. */
  async list(actor: Principal, applicationId: string): Promise<AttachmentMeta[]> {
    await this.applications.requireAccess(actor, applicationId, 'list_attachments');
    return this.attachments.listForApplication(applicationId);
  }

  /** The stored bytes, after checking they still hash to the SHA-256 recorded at upload. */
  async download(actor: Principal, applicationId: string, attachmentId: string): Promise<AttachmentDownload> {
    await this.applications.requireAccess(actor, applicationId, 'download_attachment');
    const found = await this.attachments.findWithContent(applicationId, attachmentId);
    if (!found) {
      throw new ApplicationException(
        ErrorCode.AttachmentNotFound,
        `Application ${applicationId} has no attachment ${attachmentId}`,
      );
    }
    const actual = createHash('sha256').update(found.content).digest('hex');
    if (actual !== found.meta.sha256 || found.content.length !== found.meta.sizeBytes) {
      this.logger.error(
        `Attachment ${attachmentId} of application ${applicationId} fails its integrity check: recorded sha256 ` +
          `${found.meta.sha256} (${found.meta.sizeBytes} bytes), stored bytes hash to ${actual} (${found.content.length} bytes)`,
      );
      throw new ApplicationException(
        ErrorCode.AttachmentIntegrityFailed,
        `Attachment ${attachmentId} no longer matches the SHA-256 recorded at upload; it is withheld and the incident logged`,
        { attachmentId, recordedSha256: found.meta.sha256 },
      );
    }
    return found;
  }
}
