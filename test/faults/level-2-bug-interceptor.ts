import type { WorkflowInterceptorsFactory } from '@temporalio/workflow';

/**
 * A deliberately broken build of the real workflow code (RELIABILITY.md F-10): opening level 2 throws, as a bug in
 * workflow code would. Bundled with `workflowInterceptorModules` by the fault suite only.
 */
export const interceptors: WorkflowInterceptorsFactory = () => ({
  outbound: [
    {
      scheduleActivity(input, next) {
        const [args] = input.args as Array<{ level?: number } | undefined>;
        if (input.activityType === 'openTask' && args?.level === 2) {
          throw new TypeError("Cannot read properties of undefined (reading 'approverIds'): a bug at level 2");
        }
        return next(input);
      },
    },
  ],
});
