export * from './rejected-attempt.entity';
export * from './rejected-attempts.repository';
export * from './audit.module';
