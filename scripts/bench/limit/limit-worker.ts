import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import * as activities from './limit.activities';

/**
 * The limit's worker with the product worker's settings (apps/worker/src/create-worker.ts): the same cache bound
 * and shutdown grace, the SDK's defaults for everything else, no payload codec and no interceptors. Run as a child
 * process of the bench (`node limit-worker.js <address> <taskQueue> <maxCachedWorkflows>`), or in-process by jest.
 */
export async function createLimitWorker(
  address: string,
  taskQueue: string,
  maxCachedWorkflows: number,
): Promise<{ worker: Worker; connection: NativeConnection }> {
  const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./limit.workflow'), logger: quiet });
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue,
    activities,
    workflowBundle: bundle,
    maxCachedWorkflows,
    shutdownGraceTime: 10_000,
  });
  return { worker, connection };
}

const quiet = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (m: string) => console.error(m),
};

if (require.main === module) {
  const [address, taskQueue, cache] = process.argv.slice(2);
  Runtime.install({ logger: new DefaultLogger('WARN') });
  createLimitWorker(address, taskQueue, Number(cache))
    .then(async ({ worker, connection }) => {
      process.once('SIGTERM', () => worker.shutdown());
      process.once('SIGINT', () => worker.shutdown());
      await worker.run();
      await connection.close();
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
