/** Workflow id of an application: the business key, never personal data. */
export function applicationWorkflowId(applicationId: string): string {
  return `application-${applicationId}`;
}

export const APPLICATION_WORKFLOW_TYPE = 'applicationWorkflow';
