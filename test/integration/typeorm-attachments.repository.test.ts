import { createHash, randomUUID } from 'node:crypto';
import { TypeOrmApplicationsRepository } from '../../libs/applications/src/typeorm-applications.repository';
import type { NewAttachment } from '../../libs/attachments/src/attachments.repository';
import { TypeOrmAttachmentsRepository } from '../../libs/attachments/src/typeorm-attachments.repository';
import { Attachments1764400000000 } from '../../libs/database/src/migrations/1764400000000-Attachments';
import { insertApplications, openRepositoryTestDatabase, seededIds } from '../support/repositories';
import type { RepositoryTestDatabase, SeededIds } from '../support/repositories';

let t: RepositoryTestDatabase;
let ids: SeededIds;
let attachments: TypeOrmAttachmentsRepository;

beforeAll(async () => {
  t = await openRepositoryTestDatabase({ poolSize: 2 });
  ids = await seededIds(t.dataSource);
  attachments = new TypeOrmAttachmentsRepository(t.dataSource);
});

afterAll(async () => {
  await t?.close();
});

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');

function newAttachment(applicationId: string, overrides: Partial<NewAttachment> = {}): NewAttachment {
  const content = overrides.content ?? PDF;
  return {
    id: randomUUID(),
    applicationId,
    uploadedBy: ids.users['applicant1'],
    name: '收入证明.pdf',
    contentType: 'application/pdf',
    sizeBytes: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
    content,
    ...overrides,
  };
}

/** What the workflow's `attach` action writes to the trail (through the recordAction activity). */
async function recordInTrail(a: NewAttachment, seq: number, comment: string | null = null): Promise<void> {
  await new TypeOrmApplicationsRepository(t.dataSource).recordAction(a.applicationId, seq, {
    verb: 'attach',
    actorId: a.uploadedBy,
    actorName: '王小明',
    level: 1,
    round: 1,
    comment,
    details: { attachmentId: a.id, name: a.name, contentType: a.contentType, sizeBytes: a.sizeBytes, sha256: a.sha256 },
    occurredAt: new Date().toISOString(),
  });
}

describe('TypeOrmAttachmentsRepository', () => {
  it('serves only attachments the trail records, with their bytes on request', async () => {
    const [app] = await insertApplications(t.dataSource, ids, 1);
    const recorded = newAttachment(app.id);
    const unrecorded = newAttachment(app.id, { name: 'pending.pdf' });
    await attachments.insert(recorded);
    await attachments.insert(unrecorded);
    expect(await attachments.listForApplication(app.id)).toEqual([]);

    await recordInTrail(recorded, 1, '收入证明');
    const listed = await attachments.listForApplication(app.id);
    expect(listed).toEqual([
      expect.objectContaining({
        id: recorded.id,
        applicationId: app.id,
        uploadedBy: ids.users['applicant1'],
        uploadedByName: '王小明',
        name: '收入证明.pdf',
        contentType: 'application/pdf',
        sizeBytes: PDF.length,
        sha256: recorded.sha256,
        comment: '收入证明',
      }),
    ]);
    expect(listed[0]).not.toHaveProperty('content');
    const found = await attachments.findWithContent(app.id, recorded.id);
    expect(found?.content.equals(PDF)).toBe(true);
    expect(await attachments.findWithContent(app.id, unrecorded.id)).toBeNull();

    const [other] = await insertApplications(t.dataSource, ids, 1);
    expect(await attachments.findWithContent(other.id, recorded.id)).toBeNull();

    await attachments.delete(unrecorded.id);
    const [{ n }] = await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM attachments WHERE application_id = $1', [
      app.id,
    ]);
    expect(n).toBe(1);
  });

  it('lets the database refuse a size or hash that does not describe the bytes', async () => {
    const [app] = await insertApplications(t.dataSource, ids, 1);
    await expect(attachments.insert(newAttachment(app.id, { sizeBytes: PDF.length + 1 }))).rejects.toThrow(
      /attachments_check/,
    );
    await expect(attachments.insert(newAttachment(app.id, { sha256: 'not-a-hash' }))).rejects.toThrow(
      /attachments_sha256_check/,
    );
    await expect(attachments.insert(newAttachment(app.id, { name: 'x'.repeat(201) }))).rejects.toThrow(
      /attachments_name_check/,
    );
  });
});

describe('migration Attachments1764400000000', () => {
  it('drops the table and creates it again', async () => {
    const runner = t.dataSource.createQueryRunner();
    const exists = async () =>
      (await t.sql<{ t: string | null }>(`SELECT to_regclass('attachments')::text AS t`))[0].t === 'attachments';
    try {
      await runner.startTransaction();
      await new Attachments1764400000000().down(runner);
      await runner.commitTransaction();
      expect(await exists()).toBe(false);
      await runner.startTransaction();
      await new Attachments1764400000000().up(runner);
      await runner.commitTransaction();
      expect(await exists()).toBe(true);
    } finally {
      await runner.release();
    }
  });
});
