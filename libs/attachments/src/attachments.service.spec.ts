import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { ApplicationsService, AttachCommand } from '@aidflow/applications';
import type { Principal } from '@aidflow/auth';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import type { AppConfig } from '@aidflow/config';
import { AttachmentsRepository } from './attachments.repository';
import type { AttachmentMeta, NewAttachment } from './attachments.repository';
import { AttachmentsService } from './attachments.service';

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** In memory; like the real adapter, reads see only attachments the (fake) trail recorded. */
class InMemoryAttachments extends AttachmentsRepository {
  readonly rows = new Map<string, NewAttachment>();
  readonly recorded = new Set<string>();

  insert(a: NewAttachment): Promise<void> {
    this.rows.set(a.id, { ...a, content: Buffer.from(a.content) });
    return Promise.resolve();
  }
  delete(id: string): Promise<void> {
    this.rows.delete(id);
    return Promise.resolve();
  }
  listForApplication(applicationId: string): Promise<AttachmentMeta[]> {
    return Promise.resolve(
      [...this.rows.values()].filter((r) => r.applicationId === applicationId && this.recorded.has(r.id)).map(meta),
    );
  }
  findWithContent(applicationId: string, id: string) {
    const row = this.rows.get(id);
    return Promise.resolve(
      row && row.applicationId === applicationId && this.recorded.has(id)
        ? { meta: meta(row), content: row.content }
        : null,
    );
  }
}

function meta(r: NewAttachment): AttachmentMeta {
  return {
    id: r.id,
    applicationId: r.applicationId,
    uploadedBy: r.uploadedBy,
    uploadedByName: null,
    name: r.name,
    contentType: r.contentType,
    sizeBytes: r.sizeBytes,
    sha256: r.sha256,
    comment: null,
    createdAt: new Date(0),
  };
}

const applicant: Principal = {
  userId: 'u-1',
  username: 'applicant1',
  displayName: '王小明',
  role: 'applicant',
  orgUnitId: 'org-1',
  approvalLevel: null,
};
const APP = '6f0c2a8e-2b9e-4d0f-9d43-2c1f4f3f7a10';

function setup(attach: (command: AttachCommand) => Promise<unknown>) {
  const repo = new InMemoryAttachments();
  const calls: string[] = [];
  const applications = {
    requireAccess: (_actor: Principal, _id: string, action: string) => {
      calls.push(`access:${action}`);
      return Promise.resolve();
    },
    attach: async (_actor: Principal, _id: string, command: AttachCommand) => {
      calls.push(`attach:${command.attachmentId}`);
      expect(repo.rows.has(command.attachmentId)).toBe(true); // stored before the workflow is asked
      await attach(command);
      repo.recorded.add(command.attachmentId);
    },
  } as unknown as ApplicationsService;
  const config = { attachments: { maxBytes: 1024 } } as AppConfig;
  return { repo, calls, service: new AttachmentsService(repo, applications, config) };
}

describe('AttachmentsService', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  it('stores the bytes, then records only the reference (name, type, size, SHA-256) in the workflow', async () => {
    const sent: AttachCommand[] = [];
    const { repo, service } = setup((c) => Promise.resolve(sent.push(c)));
    const stored = await service.upload(applicant, APP, {
      name: 'proof.pdf',
      contentType: 'application/pdf',
      bytes: PDF,
      comment: ' 收入证明 ',
    });
    expect(sent).toEqual([
      {
        attachmentId: stored.id,
        name: 'proof.pdf',
        contentType: 'application/pdf',
        sizeBytes: PDF.length,
        sha256: sha256(PDF),
        comment: '收入证明',
      },
    ]);
    expect(repo.rows.get(stored.id)?.content).toEqual(PDF);
    expect((await service.download(applicant, APP, stored.id)).content).toEqual(PDF);
  });

  it('deletes the stored row when the workflow refuses (a closed case), and passes the refusal on', async () => {
    const { repo, service } = setup(() =>
      Promise.reject(new ApplicationException(ErrorCode.ApplicationClosed, 'closed (approved)')),
    );
    await expect(
      service.upload(applicant, APP, { name: 'p.pdf', contentType: 'application/pdf', bytes: PDF }),
    ).rejects.toMatchObject({ code: ErrorCode.ApplicationClosed });
    expect(repo.rows.size).toBe(0);
  });

  it('keeps the row, invisible, when the outcome is unknown (the update may still land)', async () => {
    const { repo, service } = setup(() => Promise.reject(new Error('deadline exceeded')));
    await expect(
      service.upload(applicant, APP, { name: 'p.pdf', contentType: 'application/pdf', bytes: PDF }),
    ).rejects.toThrow('deadline exceeded');
    expect(repo.rows.size).toBe(1);
    expect(await service.list(applicant, APP)).toEqual([]);
  });

  it('checks access before anything else, and the file before storing it', async () => {
    const { repo, calls, service } = setup(() => Promise.resolve());
    await expect(
      service.upload(applicant, APP, { name: 'x.pdf', contentType: 'application/pdf', bytes: Buffer.from('MZ....') }),
    ).rejects.toMatchObject({ code: ErrorCode.AttachmentTypeNotAllowed });
    expect(calls).toEqual(['access:attach']);
    expect(repo.rows.size).toBe(0);
  });

  it('withholds a download whose stored bytes no longer match the recorded SHA-256', async () => {
    const { repo, service } = setup(() => Promise.resolve());
    const stored = await service.upload(applicant, APP, { name: 'p.pdf', contentType: 'application/pdf', bytes: PDF });
    repo.rows.get(stored.id)!.content[PDF.length - 2] ^= 0xff;
    await expect(service.download(applicant, APP, stored.id)).rejects.toMatchObject({
      code: ErrorCode.AttachmentIntegrityFailed,
      details: { attachmentId: stored.id, recordedSha256: sha256(PDF) },
    });
  });

  it('answers 404 for an attachment the case does not have', async () => {
    const { service } = setup(() => Promise.resolve());
    await expect(service.download(applicant, APP, '00000000-0000-4000-8000-000000000001')).rejects.toMatchObject({
      code: ErrorCode.AttachmentNotFound,
    });
  });
});
