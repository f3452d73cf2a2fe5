export * from './hardship';
export * from './routing';
export * from './program-policy';
export * from './programs';
export * from './facts';
export * from './money';
