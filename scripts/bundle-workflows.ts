import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../libs/temporal/src/data-converter';

/** Bundles `workflows/` once, for workers that start with WORKFLOW_BUNDLE_PATH (production images, tests). */
export async function bundleWorkflows(outputPath: string): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../workflows'),
    // Workflow failures are converted inside the bundle: encode their messages so the payload codec encrypts them.
    failureConverterPath: FAILURE_CONVERTER_PATH,
    logger: {
      trace: () => undefined,
      debug: () => undefined,
      info: () => undefined,
      warn: console.warn,
      error: console.error,
      log: () => undefined,
    },
  });
  mkdirSync(dirname(outputPath), { recursive: true });
  writeFileSync(outputPath, code);
  return outputPath;
}

if (require.main === module) {
  const out = resolve(process.argv[2] ?? 'dist/workflow-bundle.js');
  bundleWorkflows(out)
    .then((path) => console.log(`Workflow bundle written to ${path}`))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
