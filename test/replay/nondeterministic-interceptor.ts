import { sleep } from '@temporalio/workflow';
import type { WorkflowInterceptorsFactory } from '@temporalio/workflow';

/**
 * A deliberately non-deterministic build of the real workflow code: every activity is now preceded by a timer, a
 * command the recorded histories never saw. Bundled with `workflowInterceptorModules` by the replay test only.
 */
export const interceptors: WorkflowInterceptorsFactory = () => ({
  outbound: [
    {
      async scheduleActivity(input, next) {
        await sleep(1);
        return next(input);
      },
    },
  ],
});
