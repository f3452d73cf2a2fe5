import { Global, Inject, Injectable, Module } from '@nestjs/common';
import type { OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { AppConfig } from '@aidflow/config';
import { ApplicationWorkflowClient } from './application-workflow.client';
import { buildDataConverter } from './data-converter';

/** The one place that builds a Temporal Connection and Client (with the encrypting data converter). */
@Injectable()
export class TemporalClientCloser implements OnApplicationShutdown {
  constructor(@Inject(Client) private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}

function temporalClient(config: AppConfig, connection: Connection): Client {
  return new Client({ connection, namespace: config.temporal.namespace, dataConverter: buildDataConverter(config) });
}

@Global()
@Module({
  providers: [
    {
      provide: Client,
      inject: [AppConfig],
      useFactory: async (config: AppConfig) => {
        const connection = await Connection.connect({ address: config.temporal.address }).catch((err: unknown) => {
          throw new Error(
            `Cannot reach the Temporal server at TEMPORAL_ADDRESS=${config.temporal.address}: ${
              err instanceof Error ? err.message : String(err)
            }`,
          );
        });
        return temporalClient(config, connection);
      },
    },
    TemporalClientCloser,
    ApplicationWorkflowClient,
  ],
  exports: [Client, ApplicationWorkflowClient],
})
export class TemporalModule {}

/**
 * The same Client, but its connection opens on first use instead of at boot: for command-line tools most of whose
 * commands never talk to Temporal (`npm run audit -- verify` works with the server down). Callers that need the
 * server call `client.connection.ensureConnected()` first, to fail with a clear message.
 */
@Global()
@Module({
  providers: [
    {
      provide: Client,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => temporalClient(config, Connection.lazy({ address: config.temporal.address })),
    },
    TemporalClientCloser,
  ],
  exports: [Client],
})
export class LazyTemporalModule {}
