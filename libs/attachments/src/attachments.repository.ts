export interface NewAttachment {
  id: string;
  applicationId: string;
  uploadedBy: string;
  name: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  content: Buffer;
}

/** An attachment without its bytes, with who uploaded it and the comment of the trail entry that records it. */
export interface AttachmentMeta {
  id: string;
  applicationId: string;
  uploadedBy: string;
  uploadedByName: string | null;
  name: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  comment: string | null;
  createdAt: Date;
}

/**
 * Port: stored attachments. Reads return only attachments the case's trail references (an `attach` action), so a
 * row whose recording in the workflow was refused or never confirmed is never served.
 */
export abstract class AttachmentsRepository {
  abstract insert(attachment: NewAttachment): Promise<void>;
  abstract delete(id: string): Promise<void>;
  abstract listForApplication(applicationId: string): Promise<AttachmentMeta[]>;
  abstract findWithContent(
    applicationId: string,
    id: string,
  ): Promise<{ meta: AttachmentMeta; content: Buffer } | null>;
}
