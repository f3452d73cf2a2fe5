export * from './application.exception';
export * from './masking';
export * from './money';
export * from './bigint.transformer';
