export * from './budget-envelope.entity';
export * from './budget-reservation.entity';
export * from './disbursement.entity';
export * from './budget.repository';
export * from './budget.module';
export * from './payment-gateway';
export * from './http.payment-gateway';
export * from './payment-reconciliation.service';
