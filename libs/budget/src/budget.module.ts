import { Module } from '@nestjs/common';
import { BudgetRepository } from './budget.repository';
import { TypeOrmBudgetRepository } from './typeorm-budget.repository';

@Module({
  providers: [{ provide: BudgetRepository, useClass: TypeOrmBudgetRepository }],
  exports: [BudgetRepository],
})
export class BudgetModule {}
