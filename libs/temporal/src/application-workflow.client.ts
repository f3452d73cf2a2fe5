import { Inject, Injectable } from '@nestjs/common';
import {
  Client,
  isGrpcDeadlineError,
  isGrpcServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  WorkflowUpdateStage,
} from '@temporalio/client';
import type { WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { UpdateDefinition } from '@temporalio/common';
import { ApplicationException, ErrorCode, isErrorCode } from '@aidflow/common';
import { AppConfig } from '@aidflow/config';
import type { applicationWorkflow } from '@aidflow/workflows/application';
import { ACTION_UPDATES, decideUpdate, statusQuery } from '@aidflow/workflows/messages';
import type { ActionRequest, ActionUpdateName } from '@aidflow/workflows/messages';
import type { ApplicationView, ApplicationWorkflowInput, DecisionRequest } from '@aidflow/workflows/types';
import { APPLICATION_WORKFLOW_TYPE, applicationWorkflowId } from './temporal.constants';

export type { ActionUpdateName } from '@aidflow/workflows/messages';

/** Typed access to application workflows; translates Temporal failures into coded domain exceptions. */
@Injectable()
export class ApplicationWorkflowClient {
  constructor(
    @Inject(Client) private readonly client: Client,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /**
   * Every call has a deadline (TEMPORAL_CALL_TIMEOUT_MS): a server that is down, or a workflow that cannot answer
   * (no worker), is answered with a retryable 503 WORKFLOW_UNAVAILABLE in seconds rather than a hung request.
   */
  private call<T>(fn: () => Promise<T>): Promise<T> {
    return this.client.withDeadline(Date.now() + this.config.temporal.callTimeoutMs, fn);
  }

  /** A decision Update, tried again while the case is still recording the action before it (see below). */
  private async decideUntilSettled<T, A>(
    handle: WorkflowHandle,
    definition: UpdateDefinition<T, [A]>,
    request: A,
    updateId?: string,
  ): Promise<T> {
    // A decision refused with ACTION_IN_PROGRESS: the case is still writing the previous action's effects (the next
    // level's task is visible while the workflow settles the decision before it). A refused Update changed nothing
    // and left no trace in the history, so it is tried again, with the same id, until SETTLE_RETRY_MS have passed:
    // the next approver's decision then goes through, and a second one on the same level gets the true refusal.
    // Only decisions: a withdrawal racing an approval must still get its 409 when the approval wins (F-7).
    const giveUpAt = Date.now() + SETTLE_RETRY_MS;
    for (let pause = 20; ; pause = Math.min(pause * 2, 320)) {
      try {
        return await this.update(handle, definition, request, updateId);
      } catch (err) {
        if (!isRefusedInProgress(err) || Date.now() + pause > giveUpAt) throw err;
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  /**
   * An Update in two steps: accepted by the workflow's validator within TEMPORAL_CALL_TIMEOUT_MS (else 503, nothing
   * changed), then its answer, which may take longer (the last approval answers once the case is paid): up to
   * 30 s, after which the 503 says to retry with the same key, which answers as the first time.
   */
  private async update<T, A>(
    handle: WorkflowHandle,
    definition: UpdateDefinition<T, [A]>,
    request: A,
    updateId?: string,
  ): Promise<T> {
    const started = await this.call(() =>
      handle.startUpdate(definition, {
        args: [request],
        waitForStage: WorkflowUpdateStage.ACCEPTED,
        ...(updateId ? { updateId } : {}),
      }),
    );
    return this.client.withDeadline(Date.now() + UPDATE_RESULT_TIMEOUT_MS, () => started.result());
  }

  /** Starts the workflow; starting it again for the same application is a no-op. */
  async start(input: ApplicationWorkflowInput): Promise<void> {
    try {
      await this.call(() =>
        this.client.workflow.start<typeof applicationWorkflow>(APPLICATION_WORKFLOW_TYPE, {
          taskQueue: this.config.temporal.taskQueue,
          workflowId: applicationWorkflowId(input.applicationId),
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      );
    } catch (err) {
      throw new ApplicationException(
        ErrorCode.WorkflowUnavailable,
        `The workflow engine did not accept application ${input.applicationId}; retry with the same Idempotency-Key`,
        { cause: err instanceof Error ? err.message : String(err) },
      );
    }
  }

  /** `updateId`: the same id twice is one Update (Temporal de-duplicates it), answered as the first time. */
  async decide(
    applicationId: string,
    request: DecisionRequest,
    options: { updateId?: string } = {},
  ): Promise<ApplicationView> {
    const handle = this.client.workflow.getHandle(applicationWorkflowId(applicationId));
    try {
      return await this.decideUntilSettled(handle, decideUpdate, request, options.updateId);
    } catch (err) {
      throw toDomainError(err, applicationId, this.config.temporal.callTimeoutMs);
    }
  }

  /** Runs one of the workflow's action Updates (return, resubmit, withdraw, transfer, ...); validator refusals come back coded. */
  async act<N extends ActionUpdateName>(
    applicationId: string,
    update: N,
    request: ActionRequest<N>,
  ): Promise<ApplicationView> {
    const handle = this.client.workflow.getHandle(applicationWorkflowId(applicationId));
    const definition = ACTION_UPDATES[update] as UpdateDefinition<ApplicationView, [ActionRequest<N>]>;
    try {
      return await this.update(handle, definition, request);
    } catch (err) {
      throw toDomainError(err, applicationId, this.config.temporal.callTimeoutMs);
    }
  }

  async status(applicationId: string): Promise<ApplicationView> {
    const handle = this.client.workflow.getHandle(applicationWorkflowId(applicationId));
    try {
      return await this.call(() => handle.query(statusQuery));
    } catch (err) {
      throw toDomainError(err, applicationId, this.config.temporal.callTimeoutMs);
    }
  }
}

/** How long an accepted Update's answer may take before the API answers 503 (retry with the same key). */
const UPDATE_RESULT_TIMEOUT_MS = 30_000;

/** How long an Update refused because the case is still recording the previous action is tried again (then 409). */
export const SETTLE_RETRY_MS = 5_000;

/** An Update its validator refused because another action's effects are still being written. */
function isRefusedInProgress(err: unknown): boolean {
  return (
    err instanceof WorkflowUpdateFailedError &&
    err.cause instanceof ApplicationFailure &&
    err.cause.type === ErrorCode.ActionInProgress
  );
}

/** gRPC status codes that mean the engine could not be reached or did not answer in time: retry later. */
const UNAVAILABLE_CODES = new Set([
  4 /* DEADLINE_EXCEEDED */, 14 /* UNAVAILABLE */, 8 /* RESOURCE_EXHAUSTED */,
  // An Update the server aborted (its workflow task failed or the worker went away while it waited), or a workflow
  // not ready to take one (its workflow task is being retried): the same request succeeds a moment later.
  10 /* ABORTED */, 9 /* FAILED_PRECONDITION */,
]);

/** Whether a Temporal client error means "the engine is not there (now)": down, overloaded, or too slow. */
export function isWorkflowEngineUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = (e as Error).cause, depth++) {
    if (isGrpcDeadlineError(e)) return true;
    // An Update whose call ran out of its deadline (the SDK's own error for a cancelled or timed-out Update call).
    if ((e as Error) instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
    if (isGrpcServiceError(e) && UNAVAILABLE_CODES.has((e as { code: number }).code)) return true;
  }
  return false;
}

function toDomainError(err: unknown, applicationId: string, timeoutMs: number): Error {
  if (isWorkflowEngineUnavailable(err)) {
    return new ApplicationException(
      ErrorCode.WorkflowUnavailable,
      `The workflow engine did not answer for application ${applicationId} within ${timeoutMs} ms; nothing was ` +
        'changed unless the case shows it: look at the case, then retry',
      { retryable: true },
    );
  }
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const type = err.cause.type;
    if (isErrorCode(type)) return new ApplicationException(type, err.cause.message);
  }
  if (err instanceof WorkflowNotFoundError) {
    return new ApplicationException(
      ErrorCode.ApplicationClosed,
      `Application ${applicationId} has no running workflow; it is closed`,
    );
  }
  if (err instanceof Error && /workflow execution already completed/i.test(err.message)) {
    return new ApplicationException(ErrorCode.ApplicationClosed, `Application ${applicationId} is closed`);
  }
  return err instanceof Error ? err : new Error(String(err));
}
