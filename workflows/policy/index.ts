export * from './hardship';
export * from './routing';
