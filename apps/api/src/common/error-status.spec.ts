import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_TABLE, ErrorCode, isErrorCode, isRetryable } from '@aidflow/common';
import { DecisionRefusal } from '@aidflow/workflows/application';
import { misplacedCodes } from './api-errors.decorator';
import { ERROR_STATUS } from './error-status';

describe('the error table', () => {
  it('gives every error code an HTTP status, the API answers with it', () => {
    for (const code of Object.values(ErrorCode)) {
      expect([code, ERROR_STATUS[code]]).toEqual([code, ERROR_TABLE[code].status]);
      expect([code, ERROR_STATUS[code] >= 400 && ERROR_STATUS[code] < 600]).toEqual([code, true]);
    }
  });

  it('calls retryable exactly the codes of a dependency that was unavailable (503 with Retry-After)', () => {
    const retryable = Object.values(ErrorCode).filter(isRetryable);
    expect(retryable.sort()).toEqual([ErrorCode.DatabaseUnavailable, ErrorCode.WorkflowUnavailable].sort());
    for (const code of retryable) expect(ERROR_TABLE[code].status).toBe(503);
    // A refusal the domain made for good is not retried by an activity either (the workflow branches on it).
    expect(isRetryable(ErrorCode.BudgetExhausted)).toBe(false);
  });

  it('knows every code the workflow refuses an Update with, as a 4xx (the client passes it on as it is)', () => {
    const refusals = Object.values(DecisionRefusal);
    expect(refusals.length).toBeGreaterThan(10);
    for (const code of refusals) {
      expect([code, isErrorCode(code)]).toEqual([code, true]);
      const status: number = ERROR_STATUS[code as ErrorCode];
      expect([code, status >= 400 && status < 500]).toEqual([code, true]);
    }
  });
});

describe('the OpenAPI error answers', () => {
  it('finds a code documented under a status the table does not give it', () => {
    expect(misplacedCodes({ 409: 'LEVEL_ALREADY_DECIDED or LEVEL_NOT_ACTIVE', 404: 'APPLICATION_NOT_FOUND' })).toEqual(
      [],
    );
    expect(misplacedCodes({ 404: 'LEVEL_ALREADY_DECIDED: the level moved on', 400: 'A FREE TEXT WORD' })).toEqual([
      '404 names LEVEL_ALREADY_DECIDED, which answers 409',
    ]);
  });

  it('agrees with the table on every route (each controller loads: ApiErrors refuses a disagreeing route)', async () => {
    const controllers = (function walk(dir: string): string[] {
      return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.controller.ts') ? [join(dir, e.name)] : [],
      );
    })(join(__dirname, '..'));
    expect(controllers.length).toBeGreaterThan(10);
    for (const file of controllers) await expect(import(file)).resolves.toBeDefined();
  });
});
