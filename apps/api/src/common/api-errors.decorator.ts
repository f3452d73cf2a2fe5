import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ERROR_TABLE, isErrorCode } from '@aidflow/common';

/** The body of every error answer (ApplicationExceptionFilter). */
export class ErrorResponse {
  @ApiProperty({ description: 'Stable error code', example: 'VALIDATION_FAILED' })
  code: string;

  @ApiProperty({
    description: 'What went wrong, naming the field or the rule',
    example: 'comment must say what is missing (1 to 2000 characters)',
  })
  message: string;

  @ApiPropertyOptional({ description: 'More detail, e.g. every failed validation', example: ['comment must ...'] })
  details?: unknown;
}

/**
 * Error answers by HTTP status: `{ 403: 'FORBIDDEN: ...', 409: '...' }`; each with the ErrorResponse body as JSON,
 * also on routes that produce something else when they succeed (file downloads, CSV).
 */
export function ApiErrors(
  errors: Partial<Record<400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503, string>>,
) {
  const wrong = misplacedCodes(errors);
  if (wrong.length > 0) throw new Error(`ApiErrors disagrees with the error table: ${wrong.join('; ')}`);
  return applyDecorators(
    ApiExtraModels(ErrorResponse),
    ...Object.entries(errors).map(([status, description]) =>
      ApiResponse({
        status: Number(status),
        description,
        content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponse) } } },
      }),
    ),
  );
}

/** Errors every route about one application can answer (besides its own). */
export const CASE_ERRORS = {
  400: 'VALIDATION_FAILED: a body field (named in the message) or the id is malformed',
  401: 'UNAUTHENTICATED: no or invalid bearer token',
  404: 'APPLICATION_NOT_FOUND',
} as const;

/**
 * The error codes a route's documented error answers name under a status the error table does not give them (the
 * document and the answers cannot drift apart: ApiErrors refuses such a route when its module loads).
 */
export function misplacedCodes(errors: Partial<Record<number, string>>): string[] {
  return Object.entries(errors).flatMap(([status, description]) =>
    [...(description ?? '').matchAll(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*\b/g)]
      .map((m) => m[0])
      .filter(isErrorCode)
      .filter((code) => ERROR_TABLE[code].status !== Number(status))
      .map((code) => `${status} names ${code}, which answers ${ERROR_TABLE[code].status}`),
  );
}
