import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ApplicationException, ErrorCode, isErrorCode } from '@aidflow/common';
import { AppConfig } from '@aidflow/config';
import type { applicationWorkflow } from '../../../workflows/application.workflow';
import type { ApplicationView, ApplicationWorkflowInput, DecisionRequest } from '../../../workflows/types';
import { APPLICATION_WORKFLOW_TYPE, applicationWorkflowId } from './temporal.constants';

/** The names of the workflow's action Updates (workflows/messages.ts), the public notice's (公示) included. */
export type ActionUpdateName =
  | 'return'
  | 'resubmit'
  | 'withdraw'
  | 'transfer'
  | 'addApprover'
  | 'copy'
  | 'urge'
  | 'comment'
  | 'attach'
  | 'lodgeObjection'
  | 'reviewObjection';

/** Typed access to application workflows; translates Temporal failures into coded domain exceptions. */
@Injectable()
export class ApplicationWorkflowClient {
  constructor(
    @Inject(Client) private readonly client: Client,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** Starts the workflow; starting it again for the same application is a no-op. */
  async start(input: ApplicationWorkflowInput): Promise<void> {
    try {
      await this.client.workflow.start<typeof applicationWorkflow>(APPLICATION_WORKFLOW_TYPE, {
        taskQueue: this.config.temporal.taskQueue,
        workflowId: applicationWorkflowId(input.applicationId),
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
    } catch (err) {
      throw new ApplicationException(
        ErrorCode.WorkflowUnavailable,
        `The workflow engine did not accept application ${input.applicationId}; retry with the same Idempotency-Key`,
        { cause: err instanceof Error ? err.message : String(err) },
      );
    }
  }

  async decide(applicationId: string, request: DecisionRequest): Promise<ApplicationView> {
    const handle = this.client.workflow.getHandle(applicationWorkflowId(applicationId));
    try {
      return await handle.executeUpdate<ApplicationView, [DecisionRequest]>('decide', { args: [request] });
    } catch (err) {
      throw toDomainError(err, applicationId);
    }
  }

  /** Runs one of the workflow's action Updates (return, resubmit, withdraw, transfer, ...); validator refusals come back coded. */
  async act<Request>(applicationId: string, update: ActionUpdateName, request: Request): Promise<ApplicationView> {
    const handle = this.client.workflow.getHandle(applicationWorkflowId(applicationId));
    try {
      return await handle.executeUpdate<ApplicationView, [Request]>(update, { args: [request] });
    } catch (err) {
      throw toDomainError(err, applicationId);
    }
  }

  async status(applicationId: string): Promise<ApplicationView> {
    const handle = this.client.workflow.getHandle(applicationWorkflowId(applicationId));
    try {
      return await handle.query<ApplicationView>('status');
    } catch (err) {
      throw toDomainError(err, applicationId);
    }
  }
}

function toDomainError(err: unknown, applicationId: string): Error {
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
