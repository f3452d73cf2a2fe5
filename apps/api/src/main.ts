import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createLogger, loadConfig } from '@aidflow/config';
import { createApi } from './create-api';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApi(config, createLogger(config, 'api'));
  await app.listen(config.api.port, config.api.host);
  new Logger('Api').log(`Listening on ${config.api.publicUrl} (OpenAPI docs at ${config.api.publicUrl}/docs)`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
