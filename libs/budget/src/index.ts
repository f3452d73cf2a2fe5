export * from './budget-envelope.entity';
export * from './budget-reservation.entity';
export * from './disbursement.entity';
export * from './budget.repository';
export * from './budget.module';
