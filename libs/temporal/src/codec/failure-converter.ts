import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Moves failure messages and stack traces into an encoded payload, so the payload codec encrypts them too. Loaded by
 * path (`failureConverterPath`): by clients and workers, and bundled into the workflow code, so this file imports
 * nothing but `@temporalio/common`.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
