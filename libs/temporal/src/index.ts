export * from './temporal.constants';
export * from './temporal.module';
export * from './application-workflow.client';
