export * from './rejected-attempt.entity';
export * from './rejected-attempts.repository';
export * from './audit.module';
export * from './ledger-hash';
export * from './ledger.repository';
export * from './typeorm-ledger.repository';
export * from './ledger-sealer';
