import { ERROR_TABLE, ErrorCode } from '@aidflow/common';

/** The HTTP status of each domain error code, from the one error table (libs/common/src/error-table.ts). */
export const ERROR_STATUS = Object.fromEntries(
  Object.values(ErrorCode).map((code) => [code, ERROR_TABLE[code].status]),
) as Record<ErrorCode, number>;
