export * from './temporal.constants';
export * from './temporal.module';
export * from './application-workflow.client';
export * from './data-converter';
export * from './codec/aes-gcm.codec';
