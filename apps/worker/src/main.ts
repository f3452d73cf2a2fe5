import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Runtime } from '@temporalio/worker';
import { createLogger, loadConfig } from '@aidflow/config';
import { createWorker } from './create-worker';
import { temporalLogger } from './temporal-logger';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config, 'worker');
  // The SDK's own lines, workflow `log` and activity `log`: with the workflow id, run id and attempt as fields.
  Runtime.install({ logger: temporalLogger(config) });
  const context = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger });
  context.enableShutdownHooks();
  const { worker, connection } = await createWorker(context);
  const log = new Logger('Worker');
  log.log(`Polling task queue "${config.temporal.taskQueue}" on ${config.temporal.address}`);
  const stop = (): void => worker.shutdown();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await worker.run();
  await connection.close();
  await context.close();
  log.log('Worker stopped');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
