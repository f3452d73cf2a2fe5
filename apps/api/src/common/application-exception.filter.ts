import { Catch, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import { ERROR_STATUS } from './error-status';
import { unavailableDependency } from './unavailable';

/** Seconds a client should wait before retrying a 503 (Retry-After). */
export const RETRY_AFTER_SECONDS = 5;

export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

/** One mapper for the HTTP transport: body `{ code, message, details? }` for every error. */
@Catch()
export class ApplicationExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.map(exception);
    const retryAfter = (body.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (status === 429 && typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
    if (status === 503) {
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      this.logger.warn(`${body.code}: ${exception instanceof Error ? exception.message : String(exception)}`);
    } else if (status >= 500) {
      this.logger.error(body.message, exception instanceof Error ? exception.stack : undefined);
    }
    response.status(status).json(body);
  }

  private map(exception: unknown): { status: number; body: ErrorBody } {
    if (exception instanceof ApplicationException) {
      return {
        status: ERROR_STATUS[exception.code],
        body: {
          code: exception.code,
          message: exception.message,
          ...(exception.details ? { details: exception.details } : {}),
        },
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const res = exception.getResponse();
      const messages = typeof res === 'object' && res !== null ? (res as { message?: unknown }).message : res;
      if (status === (HttpStatus.BAD_REQUEST as number)) {
        const list = Array.isArray(messages) ? (messages as string[]) : [String(messages)];
        return { status, body: { code: 'VALIDATION_FAILED', message: list.join('; '), details: list } };
      }
      return {
        status,
        body: {
          code: status === 404 ? 'NOT_FOUND' : `HTTP_${status}`,
          message: Array.isArray(messages) ? messages.join('; ') : String(messages),
        },
      };
    }
    // The body parser's own error (http-errors) for a body over the limit.
    const parser = exception as { type?: unknown; status?: unknown; limit?: unknown };
    if (parser.type === 'entity.too.large') {
      return {
        status: HttpStatus.PAYLOAD_TOO_LARGE,
        body: {
          code: 'PAYLOAD_TOO_LARGE',
          message: `The request body is larger than the limit of ${String(parser.limit)} bytes; send it in smaller parts`,
        },
      };
    }
    switch (unavailableDependency(exception)) {
      case 'database':
        return {
          status: HttpStatus.SERVICE_UNAVAILABLE,
          body: {
            code: ErrorCode.DatabaseUnavailable,
            message: `The database is unavailable; nothing was changed. Retry in ${RETRY_AFTER_SECONDS} s`,
            details: { retryable: true },
          },
        };
      case 'workflow-engine':
        return {
          status: HttpStatus.SERVICE_UNAVAILABLE,
          body: {
            code: ErrorCode.WorkflowUnavailable,
            message: `The workflow engine is unavailable; retry in ${RETRY_AFTER_SECONDS} s`,
            details: { retryable: true },
          },
        };
      case null:
        return { status: 500, body: { code: 'INTERNAL', message: 'Internal error; the request was not applied' } };
    }
  }
}
