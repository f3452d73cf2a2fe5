import { Module } from '@nestjs/common';
import { AppConfig } from '@aidflow/config';
import { BudgetReportRepository } from './budget-report';
import { BudgetRepository } from './budget.repository';
import { HttpPaymentGateway } from './http.payment-gateway';
import { PaymentGateway } from './payment-gateway';
import { PaymentReconciliationService } from './payment-reconciliation.service';
import { TypeOrmBudgetRepository } from './typeorm-budget.repository';

@Module({
  providers: [
    { provide: BudgetRepository, useClass: TypeOrmBudgetRepository },
    {
      provide: PaymentGateway,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new HttpPaymentGateway(config.payments.bankUrl, config.payments.timeoutMs),
    },
    PaymentReconciliationService,
    BudgetReportRepository,
  ],
  exports: [BudgetRepository, PaymentGateway, PaymentReconciliationService, BudgetReportRepository],
})
export class BudgetModule {}
