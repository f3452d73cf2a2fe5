export * from './application.activities';
export * from './approval.activities';
export * from './activities.module';
export * from './payment.activities';
export * from './notice.activities';
