import type { INestApplicationContext } from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import {
  activitiesOf,
  ApplicationActivities,
  ApprovalActivities,
  NoticeActivities,
  PaymentActivities,
} from '@aidflow/activities';
import { CampaignActivities } from '@aidflow/campaigns';
import { AppConfig } from '@aidflow/config';
import { buildDataConverter } from '@aidflow/temporal';

export interface WorkerOptions {
  /** A pre-built bundle (production, tests); without it the worker bundles `workflows/` at start. */
  workflowBundlePath?: string;
  taskQueue?: string;
  connection?: NativeConnection;
}

/** Builds the Temporal Worker from activities taken out of Nest DI. The caller runs and shuts it down. */
export async function createWorker(
  context: INestApplicationContext,
  options: WorkerOptions = {},
): Promise<{ worker: Worker; connection: NativeConnection }> {
  const config = context.get(AppConfig);
  const connection = options.connection ?? (await NativeConnection.connect({ address: config.temporal.address }));
  const bundlePath = options.workflowBundlePath ?? config.workflowBundlePath;
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: options.taskQueue ?? config.temporal.taskQueue,
    activities: activitiesOf(
      context.get(ApplicationActivities),
      context.get(ApprovalActivities),
      context.get(PaymentActivities),
      context.get(CampaignActivities),
      context.get(NoticeActivities),
    ),
    // Encrypts payloads and failure messages; a pre-built bundle must carry the same failure converter.
    dataConverter: buildDataConverter(config),
    // A campaign keeps thousands of visit cases waiting: bound the cache, evicted ones replay when signalled.
    maxCachedWorkflows: config.worker.maxCachedWorkflows,
    // A deploy's SIGTERM lets in-flight activities finish (or be retried after); no workflow task fails.
    shutdownGraceTime: config.worker.shutdownGraceMs,
    ...(bundlePath
      ? { workflowBundle: { codePath: bundlePath } }
      : { workflowsPath: require.resolve('../../../workflows') }),
  });
  return { worker, connection };
}
