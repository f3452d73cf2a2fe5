import { raw } from 'express';
import type { RequestHandler } from 'express';
import { attachmentTooLarge } from '@aidflow/attachments';
import { ApplicationException, ErrorCode } from '@aidflow/common';

/**
 * Reads an upload's body as raw bytes (whatever its Content-Type: the service names a wrong type) and stops at
 * `maxBytes`: a bigger body, announced or streamed, becomes ATTACHMENT_TOO_LARGE (413) naming the limit.
 * Mounted on the upload route only; every other route keeps Nest's JSON parser.
 */
export function attachmentBodyParser(maxBytes: number): RequestHandler {
  const parse = raw({ type: () => true, limit: maxBytes });
  return (req, res, next) => {
    if (req.method !== 'POST' || (req.path !== '/' && req.path !== '')) return next();
    parse(req, res, (err?: unknown) => {
      if (!err) return next();
      const { type, status, message } = err as { type?: string; status?: number; message?: string };
      if (type === 'entity.too.large') return next(attachmentTooLarge(maxBytes));
      if (status !== undefined && status >= 400 && status < 500) {
        return next(
          new ApplicationException(ErrorCode.ValidationFailed, `The request body could not be read: ${message}`, {
            field: 'body',
          }),
        );
      }
      next(err);
    });
  };
}
