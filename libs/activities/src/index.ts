export * from './application.activities';
export * from './activities.module';
