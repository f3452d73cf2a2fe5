import {
  Body,
  Controller,
  Get,
  Headers,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { ALLOWED_ATTACHMENT_TYPES, AttachmentsService } from '@aidflow/attachments';
import type { AttachmentMeta } from '@aidflow/attachments';
import type { Principal } from '@aidflow/auth';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiErrors, CASE_ERRORS } from '../common/api-errors.decorator';
import { contentDisposition, decodeTextHeader, fileNameHeader } from './attachment-headers';

/** The route the API parses as a raw body (create-api.ts), with the limit of ATTACHMENT_MAX_BYTES. */
export const ATTACHMENT_UPLOAD_ROUTE = '/applications/:id/attachments';

const ATTACHMENT_SHAPE =
  '`{ id, name, contentType, sizeBytes, sha256, uploadedBy, uploadedByName, comment, createdAt, href }`';

@ApiTags('attachments')
@ApiBearerAuth()
@Controller('applications/:id/attachments')
export class AttachmentsController {
  constructor(@Inject(AttachmentsService) private readonly attachments: AttachmentsService) {}

  /** No @Roles: the service refuses auditors itself, so the refusal is recorded in rejected_attempts. */
  @Post()
  @ApiOperation({
    summary: '附件 Attach a file (PDF, JPEG, PNG) to the case: the raw bytes are the body',
    description:
      'Send the file itself as the body with its `Content-Type`. The bytes are stored outside the workflow; the ' +
      'case trail records an `attach` action with the reference (id, name, type, size, SHA-256). For the ' +
      'applicant of the case, its approvers and administrators (not auditors). Refused on a closed case, and ' +
      'then nothing is kept.',
  })
  @ApiConsumes(...ALLOWED_ATTACHMENT_TYPES)
  @ApiBody({ description: 'The file bytes', schema: { type: 'string', format: 'binary' } })
  @ApiHeader({
    name: 'X-File-Name',
    required: true,
    description: '1 to 200 characters, no / or \\; raw UTF-8 or percent-encoded UTF-8',
    example: '%E6%94%B6%E5%85%A5%E8%AF%81%E6%98%8E.pdf',
  })
  @ApiHeader({
    name: 'X-Comment',
    required: false,
    description: 'A comment for the trail (UTF-8, may be percent-encoded)',
  })
  @ApiCreatedResponse({ description: `The stored attachment ${ATTACHMENT_SHAPE}` })
  @ApiErrors({
    ...CASE_ERRORS,
    400: 'VALIDATION_FAILED: X-File-Name missing or malformed, an empty body, X-Comment over 2000 characters',
    403: 'FORBIDDEN: an auditor, or outside your branch / not your application',
    409: 'APPLICATION_CLOSED: the case is final; nothing was stored',
    413: 'ATTACHMENT_TOO_LARGE: over ATTACHMENT_MAX_BYTES (default 5 MiB)',
    415: 'ATTACHMENT_TYPE_NOT_ALLOWED: not PDF, JPEG or PNG, or the bytes are not of the declared type',
  })
  async upload(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Headers('content-type') contentType: string | undefined,
    @Headers('x-file-name') fileName: string | undefined,
    @Headers('x-comment') comment: string | undefined,
    @Body() body: Buffer,
    @Res({ passthrough: true }) res: Response,
  ) {
    const stored = await this.attachments.upload(user, id, {
      name: fileNameHeader(fileName),
      contentType,
      bytes: Buffer.isBuffer(body) ? body : Buffer.alloc(0),
      ...(comment ? { comment: decodeTextHeader(comment) } : {}),
    });
    const response = toAttachmentResponse(stored);
    res.location(response.href);
    return response;
  }

  @Get()
  @ApiOperation({ summary: "The case's attachments (references only), for anyone who may see the case" })
  @ApiOkResponse({ description: `An array of ${ATTACHMENT_SHAPE}` })
  @ApiErrors({ ...CASE_ERRORS, 403: 'FORBIDDEN: outside your branch or not your application' })
  async list(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string) {
    return (await this.attachments.list(user, id)).map(toAttachmentResponse);
  }

  @Get(':attachmentId')
  @ApiOperation({
    summary: 'Download an attachment: its bytes, with the stored Content-Type and a Content-Disposition',
    description:
      'The bytes are re-hashed first; if they no longer match the SHA-256 recorded at upload, nothing is sent.',
  })
  @ApiProduces(...ALLOWED_ATTACHMENT_TYPES)
  @ApiOkResponse({ description: 'The file; `ETag` is its SHA-256', schema: { type: 'string', format: 'binary' } })
  @ApiErrors({
    ...CASE_ERRORS,
    403: 'FORBIDDEN: outside your branch or not your application',
    404: 'APPLICATION_NOT_FOUND, ATTACHMENT_NOT_FOUND',
    500: 'ATTACHMENT_INTEGRITY_FAILED: the stored bytes were changed',
  })
  async download(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('attachmentId', new ParseUUIDPipe()) attachmentId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { meta, content } = await this.attachments.download(user, id, attachmentId);
    res.setHeader('ETag', `"${meta.sha256}"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, no-store');
    return new StreamableFile(content, {
      type: meta.contentType,
      disposition: contentDisposition(meta.name),
      length: content.length,
    });
  }
}

function toAttachmentResponse(a: AttachmentMeta) {
  return {
    id: a.id,
    name: a.name,
    contentType: a.contentType,
    sizeBytes: a.sizeBytes,
    sha256: a.sha256,
    uploadedBy: a.uploadedBy,
    uploadedByName: a.uploadedByName,
    comment: a.comment,
    createdAt: a.createdAt,
    href: `/applications/${a.applicationId}/attachments/${a.id}`,
  };
}
