export * from './activity-log';
export * from './application.exception';
export * from './error-table';
export * from './masking';
export * from './money';
export * from './bigint.transformer';
