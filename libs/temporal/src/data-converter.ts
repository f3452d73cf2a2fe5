import type { DataConverter } from '@temporalio/common';
import type { AppConfig } from '@aidflow/config';
import { AesGcmPayloadCodec } from './codec/aes-gcm.codec';

/**
 * The module with the `failureConverter` export that encodes failure messages and stack traces. Pass it to
 * `bundleWorkflowCode({ failureConverterPath })` too: workflow code converts its failures inside the bundle.
 */
export const FAILURE_CONVERTER_PATH = require.resolve('./codec/failure-converter');

/**
 * The data converter of every client, worker and replayer: payloads (inputs, results, update and query arguments,
 * heartbeat details, and failure messages with their stack traces) are AES-256-GCM encrypted before they reach the
 * Temporal server. Default JSON payload conversion underneath.
 */
export function buildDataConverter(config: Pick<AppConfig, 'payloadEncryption'>): DataConverter {
  return {
    payloadCodecs: [new AesGcmPayloadCodec(config.payloadEncryption)],
    failureConverterPath: FAILURE_CONVERTER_PATH,
  };
}
