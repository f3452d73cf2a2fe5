export * from './business-calendar';
export * from './china-holidays';
